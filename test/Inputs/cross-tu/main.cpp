#include "ticker.h"
#include <thread>
int main() {
  std::thread Clock(tick);
  long Seen = Ticks;
  Clock.join();
  return static_cast<int>(Seen);
}
