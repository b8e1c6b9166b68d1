#include <thread>
int work();

struct Service {
  int State = 0;
  void start() {
    std::thread t([this] { State = work(); });
    t.detach();
  }
};
void local() {
  int Count = 0;
  std::thread([&Count] { Count = work(); }).detach();
}
