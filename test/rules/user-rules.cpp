// Teaching the tool an in-house pool with --rules; without the file, the
// pool is invisible (the negative case).
// RUN: %conc-advisor --checks='-*,conc-thread-site' --rules=%S/../Inputs/rules/acme-pool.yaml %s -- \
// RUN:   -std=c++17 %mock-headers | FileCheck %s -implicit-check-not='{{note|warning|error}}:'
// RUN: %conc-advisor --checks='-*,conc-thread-site' %s -- -std=c++17 %mock-headers | count 0

#include <functional>

namespace acme {
class WorkerPool {
public:
  explicit WorkerPool(int Threads);
  // Type-erased, as most in-house pools are: the lambda converted to
  // std::function here is still the entry.
  void submit(std::function<void()> Job);
};
void startDaemon(const char *Name);
class Scheduler {
public:
  virtual void schedule(void (*Job)()) = 0;
};
class TestScheduler : public Scheduler {
public:
  void schedule(void (*Job)()) override;
};
} // namespace acme

void index() {}

void run() {
  acme::WorkerPool Pool(8);
  // CHECK: :[[@LINE-1]]:20: note: 'acme::WorkerPool' creates a thread pool [conc-thread-site]
  Pool.submit(index);
  // CHECK: :[[@LINE-1]]:3: note: 'acme::WorkerPool::submit' starts a task running 'index' [conc-thread-site]
  // CHECK: :[[@LINE-7]]:6: note: 'index' is defined here
  Pool.submit([] { index(); });
  // CHECK: :[[@LINE-1]]:3: note: 'acme::WorkerPool::submit' starts a task running the lambda at user-rules.cpp:[[@LINE-1]]:15 [conc-thread-site]
  std::function<void()> Stored = index;
  Pool.submit(Stored);
  // CHECK: :[[@LINE-1]]:3: note: 'acme::WorkerPool::submit' starts a task running an unknown function (std::function) [conc-thread-site]
  acme::startDaemon("indexer");
  // CHECK: :[[@LINE-1]]:3: note: 'acme::startDaemon' starts a thread [conc-thread-site]
}

// A rule for an interface matches calls through the classes that override it.
void schedule(acme::TestScheduler &S) {
  S.schedule(index);
  // CHECK: :[[@LINE-1]]:3: note: 'acme::Scheduler::schedule' starts a task running 'index' [conc-thread-site]
  // CHECK: user-rules.cpp:{{[0-9]+}}:6: note: 'index' is defined here
}
