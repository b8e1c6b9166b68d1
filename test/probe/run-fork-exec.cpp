// Records from a forked child, which writes through the mappings it
// inherited, and from the program it then execs, which maps the records file
// afresh: the child's threads, the fork and the exec are all in the profile,
// and every process finished recording.
// RUN: %clangxx -g -O0 -std=c++17 -pthread %s -o %t
// RUN: %conc-probe run -o %t.yaml -- %t
// RUN: FileCheck --input-file=%t.yaml %s -DFILE=%s

#include <sys/wait.h>
#include <thread>
#include <unistd.h>

int main() {
  pid_t Child = fork();
  // CHECK:      exit: {status: 0}
  // CHECK-NEXT: complete: true
  // CHECK-NEXT: sites:
  // CHECK-NEXT:   - file: [[FILE]]
  // CHECK-NEXT:     line: [[@LINE-5]]
  // CHECK-NEXT:     kind: process
  // CHECK-NEXT:     api: fork
  // CHECK-NEXT:     function: main
  // CHECK-NEXT:     count: 1
  // CHECK-NEXT:     measured: 1
  if (Child == 0) {
    for (int I = 0; I < 2; ++I) {
      std::thread T([] {});
      // CHECK:        - file: [[FILE]]
      // CHECK-NEXT:     line: [[@LINE-2]]
      // CHECK-NEXT:     kind: thread
      // CHECK-NEXT:     api: pthread_create
      // CHECK-NEXT:     function: main
      // CHECK-NEXT:     count: 2
      // CHECK-NEXT:     measured: 2
      T.join();
    }
    execl("/bin/sh", "sh", "-c", "exit 0", static_cast<char *>(nullptr));
    // CHECK:        - file: [[FILE]]
    // CHECK-NEXT:     line: [[@LINE-2]]
    // CHECK-NEXT:     kind: process
    // CHECK-NEXT:     api: exec
    // CHECK-NEXT:     function: main
    // CHECK-NEXT:     count: 1
    _exit(127);
  }
  // CHECK-NOT:    - file:
  int Status = 0;
  waitpid(Child, &Status, 0);
  return WIFEXITED(Status) && WEXITSTATUS(Status) == 0 ? 0 : 1;
}
