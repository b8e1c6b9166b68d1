// The clang-tidy module: clang-tidy-19 --load= offers the per-unit checks
// under their conc- ids, with the CLI's messages, notes and fix-its, and
// clang-tidy's own NOLINT handling.
// REQUIRES: clang-tidy
// RUN: %clang-tidy --load=%tidy-module --checks='-*,conc-*' %s -- -std=c++17 %mock-headers 2>/dev/null \
// RUN:   | FileCheck %s -check-prefix=CHECK-MESSAGES -implicit-check-not='{{note|warning|error}}:'
// RUN: rm -rf %t && mkdir -p %t && cp %s %t/fixed.cpp
// RUN: %clang-tidy --load=%tidy-module --checks='-*,conc-*' --fix %t/fixed.cpp -- -std=c++17 %mock-headers > /dev/null 2>&1
// RUN: FileCheck %s -check-prefix=CHECK-FIXES --input-file=%t/fixed.cpp

#include <future>
#include <thread>

int parse(int Chunk);

int parseTwo() {
  std::future<int> A = std::async(parse, 1);
// CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'std::async' without a launch policy may defer the task to the thread that waits for it; pass std::launch::async to run it on another thread [conc-async-default-policy]
// CHECK-FIXES: std::future<int> A = std::async(std::launch::async, parse, 1);
  std::future<int> B = std::async(std::launch::async, parse, 2);
// CHECK-FIXES: std::future<int> B = std::async(std::launch::async, parse, 2);
  std::future<int> C = std::async(parse, 3); // NOLINT(conc-async-default-policy)
// CHECK-FIXES: std::future<int> C = std::async(parse, 3); // NOLINT(conc-async-default-policy)
  return A.get() + B.get() + C.get();
}

void detachLocal() {
  int Count = 0;
  std::thread([&Count] { Count = parse(0); }).detach();
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: detached thread captures local 'Count' by reference; it may outlive 'Count', leaving the reference dangling [conc-detached-thread-capture]
// CHECK-MESSAGES: :[[@LINE-2]]:17: note: 'Count' is captured by reference here
// CHECK-MESSAGES: :[[@LINE-3]]:47: note: the thread is detached here
  std::thread([Count] { (void)parse(Count); }).detach();
}

// A thread per item and an unsafe call: whole-program checks, which the
// module does not offer (conc-advisor reports them).
void perItem(int N) {
  for (int I = 0; I < N; ++I)
    std::thread(parse, I).join();
}
