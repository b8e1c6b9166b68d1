// A program killed by a signal: conc-probe dies of the same signal, and the
// profile holds what was recorded up to then, marked incomplete.
// RUN: %clangxx -g -O0 -std=c++17 -pthread %s -o %t
// RUN: rm -f %t.yaml
// RUN: %expect-exit -9 %conc-probe run -o %t.yaml -- %t
// RUN: FileCheck --input-file=%t.yaml %s -DFILE=%s

#include <csignal>
#include <thread>
#include <unistd.h>

int main() {
  std::thread Done([] {});
  Done.join();
  std::thread Running([] { pause(); });
  // CHECK:      exit: {signal: 9}
  // CHECK-NEXT: complete: false
  // CHECK-NEXT: sites:
  // CHECK-NEXT:   - file: [[FILE]]
  // CHECK-NEXT:     line: 13
  // CHECK-NEXT:     kind: thread
  // CHECK-NEXT:     api: pthread_create
  // CHECK-NEXT:     function: main
  // CHECK-NEXT:     count: 1
  // CHECK-NEXT:     measured: 1
  // CHECK:        - file: [[FILE]]
  // CHECK-NEXT:     line: [[@LINE-12]]
  // CHECK-NEXT:     kind: thread
  // CHECK-NEXT:     api: pthread_create
  // CHECK-NEXT:     function: main
  // CHECK-NEXT:     count: 1
  // CHECK-NEXT:     measured: 0
  // CHECK-NOT:    - file:
  kill(getpid(), SIGKILL);
}
