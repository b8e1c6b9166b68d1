// Teaching the tool an in-house pool with --rules; without the file, the
// pool is invisible (the negative case).
// RUN: %conc-advisor --checks='-*,conc-thread-site' --rules=%S/../Inputs/rules/acme-pool.yaml %s -- \
// RUN:   | FileCheck %s -implicit-check-not='{{note|warning|error}}:'
// RUN: %conc-advisor --checks='-*,conc-thread-site' %s -- | count 0

namespace acme {
class WorkerPool {
public:
  explicit WorkerPool(int Threads);
  template <class F> void submit(F Fn) {}
};
} // namespace acme

void index() {}

void run() {
  acme::WorkerPool Pool(8);
  // CHECK: :[[@LINE-1]]:20: note: 'acme::WorkerPool' creates a thread pool [conc-thread-site]
  Pool.submit(index);
  // CHECK: :[[@LINE-1]]:3: note: 'acme::WorkerPool::submit' starts a task running 'index' [conc-thread-site]
  // CHECK: :[[@LINE-7]]:6: note: 'index' is defined here
}
