#include <thread>
#include <vector>

#include "shared-counters.h"

int hits = 0;       // only ++ and += anywhere: becomes std::atomic<int>
long bytes;         // read after the joins as well: no fix-it
unsigned flags = 0; // its address escapes: no fix-it
int a = 0, b = 0;   // one declaration for two: no fix-it
int scaled = 1;     // `*=` is no operation of std::atomic<int>: no fix-it

void watch(unsigned *p);

void work(int n) {
  ++hits;
  hits += n;
  bytes += n;
  flags |= 1u;
  a++;
  b++;
  inHeader++;
  scaled *= 2;
}

int main() {
  std::vector<std::thread> pool;
  for (int i = 0; i < 4; ++i)
    pool.emplace_back(work, i);
  for (std::thread &t : pool)
    t.join();
  watch(&flags);
  long seen = bytes;
  return seen > 0 ? 0 : 1;
}
