// Version 2: lines inserted above every finding, none of them concurrent.
#include <thread>

int unrelated(int X) { return X + 1; }

long Requests = 0;
void worker() {
  ++Requests;
}

int main() {
  std::thread A(worker), B(worker);
  A.join();
  B.join();
}
