// RUN: %conc-advisor --checks='-*,conc-shared-state' --fail-on=error %s -- -std=c++17 %mock-headers \
// RUN:   | FileCheck %s -check-prefix=CHECK-MESSAGES -implicit-check-not='{{note|warning|error}}:'

#include <mutex>
#include <thread>
#include <vector>

// Racy: the class locks for `push` but `size` reads without the lock.
class Queue {
public:
  void push(int v) {
    std::lock_guard<std::mutex> lock(mu_);
    items_.push_back(v);
    ++count_;
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'Queue::count_' is written on the thread running 'producer' and read on the main thread with no lock held in common; guard every access with the mutex that guards the object, or make it std::atomic<int> [conc-shared-state]
// CHECK-MESSAGES: :[[@LINE+6]]:29: note: 'Queue::count_' is read here on the main thread
// CHECK-MESSAGES: :[[@LINE+83]]:5: note: the thread running 'producer' is started here (several may run at once)
// CHECK-MESSAGES: :[[@LINE+82]]:5: note: call path: producer -> Queue::push
// CHECK-MESSAGES: :[[@LINE+3]]:29: note: call path: main -> Queue::size
// CHECK-MESSAGES: :[[@LINE+7]]:7: note: 'Queue::count_' is declared here
  }
  int size() const { return count_; }

private:
  std::mutex mu_;
  std::vector<int> items_;
  int count_ = 0;
};

// Safe twin: every access holds the lock, some through the caller.
class SafeQueue {
public:
  void push(int v) {
    std::lock_guard<std::mutex> lock(mu_);
    pushLocked(v);
  }
  int size() {
    std::lock_guard<std::mutex> lock(mu_);
    return count_;
  }

private:
  // Runs with mu_ held: every caller holds it.
  void pushLocked(int v) {
    items_.push_back(v);
    ++count_;
  }
  std::mutex mu_;
  std::vector<int> items_;
  int count_ = 0;
};

// Racy: a worker object whose thread entry is its own method; the starting
// thread reads the progress field while the worker writes it.
class Worker {
public:
  void start() { thread_ = std::thread(&Worker::run, this); }
  int progress() const { return progress_; }
  void join() { thread_.join(); }

private:
  void run() {
    for (int i = 0; i < 100; ++i)
      progress_ = i;
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'Worker::progress_' is written on the thread running 'Worker::run' and read on the main thread with no lock held in common; guard every access with the mutex that guards the object, or make it std::atomic<int> [conc-shared-state]
// CHECK-MESSAGES: :[[@LINE-8]]:33: note: 'Worker::progress_' is read here on the main thread
// CHECK-MESSAGES: :[[@LINE-10]]:28: note: the thread running 'Worker::run' is started here
// CHECK-MESSAGES: :[[@LINE-10]]:33: note: call path: main -> Worker::progress
// CHECK-MESSAGES: :[[@LINE+2]]:7: note: 'Worker::progress_' is declared here
  }
  int progress_ = 0;
  std::thread thread_;
};

// Safe: a plain value class each thread uses its own object of.
class Accumulator {
public:
  void add(int v) { sum_ += v; }
  int sum() const { return sum_; }

private:
  int sum_ = 0;
};

Queue TheQueue;
SafeQueue TheSafeQueue;

void producer(int n) {
  Accumulator local;
  for (int i = 0; i < n; ++i) {
    local.add(i);
    TheQueue.push(i);
    TheSafeQueue.push(i);
  }
}

int main() {
  std::vector<std::thread> producers;
  for (int i = 0; i < 4; ++i)
    producers.emplace_back(producer, 100);
  Worker w;
  w.start();
  int seen = TheQueue.size() + TheSafeQueue.size() + w.progress();
  w.join();
  for (std::thread &t : producers)
    t.join();
  return seen;
}
