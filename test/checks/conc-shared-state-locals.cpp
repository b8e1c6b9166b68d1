// RUN: %conc-advisor --checks='-*,conc-shared-state' --fail-on=error %s -- -std=c++17 %mock-headers \
// RUN:   | FileCheck %s -check-prefix=CHECK-MESSAGES -implicit-check-not='{{note|warning|error}}:'

#include <mutex>
#include <thread>
#include <vector>

// Racy: workers started in a loop share a local by reference.
int countByReference() {
  int hits = 0;
  std::vector<std::thread> workers;
  for (int i = 0; i < 4; ++i)
    workers.emplace_back([&hits] { ++hits; });
// CHECK-MESSAGES: :[[@LINE-1]]:38: warning: 'hits' is written on the thread running 'lambda at conc-shared-state-locals.cpp:[[@LINE-1]]:26', which may run in several instances at once, with no lock held in common; make it std::atomic<int> [conc-shared-state]
// CHECK-MESSAGES: :[[@LINE-2]]:5: note: the thread running 'lambda at conc-shared-state-locals.cpp:[[@LINE-2]]:26' is started here (several may run at once)
// CHECK-MESSAGES: :[[@LINE-6]]:7: note: 'hits' is declared here
  for (std::thread &t : workers)
    t.join();
  return hits;
}

// Safe twin: each worker gets a copy; the total is read after the joins.
int countByValue() {
  int hits = 0;
  std::vector<std::thread> workers;
  for (int i = 0; i < 4; ++i)
    workers.emplace_back([hits]() mutable { ++hits; });
  for (std::thread &t : workers)
    t.join();
  return hits;
}

// Racy: the starting thread writes the local while the worker reads it.
void writeWhileRunning() {
  bool done = false;
  std::thread worker([&] {
    while (!done) {
    }
  });
  done = true;
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: 'done' is written on the main thread and read on the thread running 'lambda at conc-shared-state-locals.cpp:[[@LINE-5]]:22' with no lock held in common; make it std::atomic<bool>, or guard every access with one mutex [conc-shared-state]
// CHECK-MESSAGES: :[[@LINE-5]]:13: note: 'done' is read here on the thread running 'lambda at conc-shared-state-locals.cpp:[[@LINE-6]]:22'
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: call path: main -> writeWhileRunning
// CHECK-MESSAGES: :[[@LINE-8]]:15: note: the thread running 'lambda at conc-shared-state-locals.cpp:[[@LINE-8]]:22' is started here
// CHECK-MESSAGES: :[[@LINE-10]]:8: note: 'done' is declared here
  worker.join();
}

// Safe twin: written before the start, read after the join.
int writeBeforeStartReadAfterJoin() {
  int result = 0;
  int input = 21;
  std::thread worker([&] { result = input * 2; });
  worker.join();
  return result;
}

// Safe: a lambda called on the same thread does not share anything.
int sameThreadLambda() {
  int total = 0;
  auto add = [&](int v) { total += v; };
  add(1);
  add(2);
  return total;
}

// Safe: the local is guarded by a mutex in every access.
int guarded() {
  int hits = 0;
  std::mutex m;
  std::vector<std::thread> workers;
  for (int i = 0; i < 4; ++i)
    workers.emplace_back([&] {
      std::lock_guard<std::mutex> lock(m);
      ++hits;
    });
  for (std::thread &t : workers)
    t.join();
  return hits;
}

int main() {
  writeWhileRunning();
  return countByReference() + countByValue() + writeBeforeStartReadAfterJoin() +
         sameThreadLambda() + guarded();
}
