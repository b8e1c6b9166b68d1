// A process killed from outside while its threads write records at full
// speed: the profile is valid and holds what the process recorded up to the
// kill (at least the threads it had reported done), marked incomplete; a
// line the kill cut short is skipped, never read as a record.
// RUN: %clangxx -g -O0 -std=c++17 -pthread %s -o %t
// RUN: rm -f %t.yaml
// RUN: %conc-probe run -o %t.yaml -- %t
// RUN: FileCheck --input-file=%t.yaml %s -DFILE=%s

#include <csignal>
#include <pthread.h>
#include <sys/wait.h>
#include <unistd.h>

static void *nothing(void *) { return nullptr; }

int main() {
  int Ready[2];
  if (pipe(Ready) != 0)
    return 1;
  pid_t Child = fork();
  // CHECK:      exit: {status: 0}
  // CHECK-NEXT: complete: false
  // CHECK-NEXT: sites:
  // CHECK-NEXT:   - file: [[FILE]]
  // CHECK-NEXT:     line: [[@LINE-5]]
  // CHECK-NEXT:     kind: process
  // CHECK-NEXT:     api: fork
  // CHECK-NEXT:     function: main
  // CHECK-NEXT:     count: 1
  // CHECK-NEXT:     measured: 0
  if (Child == 0) {
    for (unsigned long I = 0;; ++I) {
      pthread_t T;
      pthread_create(&T, nullptr, nothing, nullptr);
      // CHECK:        - file: [[FILE]]
      // CHECK-NEXT:     line: [[@LINE-2]]
      // CHECK-NEXT:     kind: thread
      // CHECK-NEXT:     api: pthread_create
      // CHECK-NEXT:     function: main
      // 200 threads done before the parent is told, more until the kill.
      // CHECK-NEXT:     count: {{([2-9][0-9][0-9]|[1-9][0-9][0-9][0-9]+)$}}
      // CHECK-NEXT:     measured: {{([2-9][0-9][0-9]|[1-9][0-9][0-9][0-9]+)$}}
      pthread_join(T, nullptr);
      if (I == 199 && write(Ready[1], "r", 1) != 1)
        _exit(1);
    }
  }
  // CHECK-NOT:    - file:
  char C;
  if (read(Ready[0], &C, 1) != 1)
    return 1;
  kill(Child, SIGKILL);
  int Status = 0;
  waitpid(Child, &Status, 0);
  return WIFSIGNALED(Status) && WTERMSIG(Status) == SIGKILL ? 0 : 1;
}
