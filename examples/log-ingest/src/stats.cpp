#include "stats.h"

#include <cstddef>
#include <cstdio>
#include <cstring>
#include <thread>

namespace logingest {
namespace {

// Sleep granularity, so stop() returns promptly even with long intervals.
constexpr std::chrono::milliseconds kTick{50};
constexpr std::size_t kStackBytes = 256 * 1024;

}  // namespace

StatsReporter::StatsReporter(const IngestBuffer& buffer,
                             std::chrono::milliseconds interval)
    : buffer_(buffer), interval_(interval) {}

StatsReporter::~StatsReporter() { stop(); }

bool StatsReporter::start() {
  if (started_) return true;
  running_.store(true);
  // A raw pthread rather than std::thread: the reporter needs little stack,
  // and std::thread cannot ask for less than the default (8 MiB on glibc).
  pthread_attr_t attr;
  ::pthread_attr_init(&attr);
  ::pthread_attr_setstacksize(&attr, kStackBytes);
  const int rc = ::pthread_create(&thread_, &attr, &StatsReporter::thread_main, this);
  ::pthread_attr_destroy(&attr);
  if (rc != 0) {
    running_.store(false);
    std::fprintf(stderr, "log-ingest: stats thread: %s\n", std::strerror(rc));
    return false;
  }
  ::pthread_setname_np(thread_, "ingest-stats");  // shows in top -H, gdb
  started_ = true;
  return true;
}

void StatsReporter::stop() {
  if (!started_) return;
  running_.store(false);
  ::pthread_join(thread_, nullptr);
  started_ = false;
}

void* StatsReporter::thread_main(void* self) {
  static_cast<StatsReporter*>(self)->run();
  return nullptr;
}

void StatsReporter::run() {
  auto next = std::chrono::steady_clock::now() + interval_;
  while (running_.load()) {
    std::this_thread::sleep_for(kTick);
    if (std::chrono::steady_clock::now() < next) continue;
    report();
    next += interval_;
  }
  report();
}

void StatsReporter::report() const {
  std::fprintf(stderr, "log-ingest: stats: ingested=%ld pending=%zu lines (%zu bytes)\n",
               lines_ingested(), buffer_.pending_lines(), buffer_.pending_bytes());
}

}  // namespace logingest
