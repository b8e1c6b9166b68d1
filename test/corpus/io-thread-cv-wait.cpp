// A consumer waits on a condition variable for items produced every 40 ms.
#include <chrono>
#include <condition_variable>
#include <deque>
#include <mutex>
#include <thread>

static std::mutex M;
static std::condition_variable Ready;
static std::deque<int> Queue;
static bool Done = false;

static void consume() {
  std::unique_lock<std::mutex> Lock(M);
  for (;;) {
    Ready.wait(Lock, [] { return Done || !Queue.empty(); });
    if (Queue.empty() && Done)
      return;
    Queue.pop_front();
  }
}

int main() {
  std::thread C(consume); // SITE
  for (int I = 0; I < 12; ++I) {
    std::this_thread::sleep_for(std::chrono::milliseconds(40));
    {
      std::lock_guard<std::mutex> G(M);
      Queue.push_back(I);
    }
    Ready.notify_one();
  }
  {
    std::lock_guard<std::mutex> G(M);
    Done = true;
  }
  Ready.notify_one();
  C.join();
}
