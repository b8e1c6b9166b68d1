// Version 3: version 2 and one more race.
#include <thread>

int unrelated(int X) { return X + 1; }

long Requests = 0;
long Errors = 0;
void worker() {
  ++Requests;
  ++Errors;
}

int main() {
  std::thread A(worker), B(worker);
  A.join();
  B.join();
}
