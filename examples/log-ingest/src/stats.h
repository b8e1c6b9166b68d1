// Periodic one-line throughput report on stderr.
#ifndef LOG_INGEST_STATS_H
#define LOG_INGEST_STATS_H

#include <pthread.h>

#include <atomic>
#include <chrono>

#include "ingest.h"

namespace logingest {

class StatsReporter {
 public:
  StatsReporter(const IngestBuffer& buffer, std::chrono::milliseconds interval);
  ~StatsReporter();
  StatsReporter(const StatsReporter&) = delete;
  StatsReporter& operator=(const StatsReporter&) = delete;

  bool start();
  // Stops the thread, which prints a final report before it exits.
  void stop();

 private:
  // pthread entry point; `self` is the StatsReporter.
  static void* thread_main(void* self);
  void run();
  void report() const;

  const IngestBuffer& buffer_;
  const std::chrono::milliseconds interval_;
  std::atomic<bool> running_{false};
  pthread_t thread_{};
  bool started_ = false;
};

}  // namespace logingest

#endif  // LOG_INGEST_STATS_H
