#include <thread>

long Requests = 0;
void worker() {
  ++Requests;
}

int main() {
  std::thread A(worker), B(worker);
  A.join();
  B.join();
}
