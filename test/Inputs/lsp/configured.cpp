#include <future>
#include <thread>
int work();
struct Service {
  int State = 0;
  void start() { std::thread([this] { State = work(); }).detach(); }
};
int run() {
  int Local = 0;
  std::thread([&Local] { Local = work(); }).detach();
  auto Silenced = std::async(work); // NOLINT(conc-async-default-policy)
  auto Reported = std::async(work);
  return Silenced.get() + Reported.get() + Local;
}
