// conc-probe run: every thread and process the program creates, at its
// file:line, with the CPU-bound thread measured cpu and the sleeping one io.
// RUN: %clangxx -g -O0 -std=c++17 -pthread %s -o %t
// RUN: %conc-probe run -o %t.yaml -- %t > %t.out
// RUN: FileCheck --check-prefix=OUT --input-file=%t.out %s
// RUN: FileCheck --input-file=%t.yaml %s -DFILE=%s
// OUT: child process output
// OUT-NEXT: program output

#include <cstdio>
#include <cstdlib>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>
#include <vector>

extern char **environ;

static void spin() {
  volatile unsigned long X = 0;
  for (unsigned long I = 0; I < 150000000ul; ++I)
    X = X + I;
}

static void idle() { usleep(300000); }

int main() {
  std::vector<std::thread> Short;
  for (int I = 0; I < 3; ++I)
    Short.emplace_back([] {});
  // CHECK:      conc-probe-profile: 1
  // CHECK-NEXT: program: {{/.*}}
  // CHECK-NEXT: command: [{{.*}}]
  // CHECK-NEXT: exit: {status: 0}
  // CHECK-NEXT: complete: true
  // CHECK-NEXT: sites:
  // CHECK-NEXT:   - file: [[FILE]]
  // CHECK-NEXT:     line: [[@LINE-8]]
  // CHECK-NEXT:     kind: thread
  // CHECK-NEXT:     api: pthread_create
  // CHECK-NEXT:     function: {{.*}}
  // CHECK-NEXT:     count: 3
  // CHECK-NEXT:     measured: 3
  for (std::thread &T : Short)
    T.join();

  std::thread Cpu(spin);
  // CHECK:        - file: [[FILE]]
  // CHECK-NEXT:     line: [[@LINE-2]]
  // CHECK-NEXT:     kind: thread
  // CHECK-NEXT:     api: pthread_create
  // CHECK-NEXT:     function: main
  // CHECK-NEXT:     count: 1
  // CHECK-NEXT:     measured: 1
  // CHECK:          class: cpu
  std::thread Io(idle);
  // CHECK:        - file: [[FILE]]
  // CHECK-NEXT:     line: [[@LINE-2]]
  // CHECK-NEXT:     kind: thread
  // CHECK-NEXT:     api: pthread_create
  // CHECK-NEXT:     function: main
  // CHECK-NEXT:     count: 1
  // CHECK-NEXT:     measured: 1
  // CHECK:          class: io
  Cpu.join();
  Io.join();

  for (int I = 0; I < 2; ++I) {
    pid_t P = fork();
    // CHECK:        - file: [[FILE]]
    // CHECK-NEXT:     line: [[@LINE-2]]
    // CHECK-NEXT:     kind: process
    // CHECK-NEXT:     api: fork
    // CHECK-NEXT:     function: main
    // CHECK-NEXT:     count: 2
    // CHECK-NEXT:     measured: 2
    if (P == 0)
      _exit(0);
    waitpid(P, nullptr, 0);
  }

  pid_t Child;
  char Echo[] = "echo", Text[] = "child process output";
  char *Argv[] = {Echo, Text, nullptr};
  fflush(stdout);
  posix_spawnp(&Child, "echo", nullptr, nullptr, Argv, environ);
  // CHECK:        - file: [[FILE]]
  // CHECK-NEXT:     line: [[@LINE-2]]
  // CHECK-NEXT:     kind: process
  // CHECK-NEXT:     api: posix_spawn
  // CHECK-NEXT:     function: main
  // CHECK-NEXT:     count: 1
  // CHECK-NEXT:     measured: 1
  waitpid(Child, nullptr, 0);

  if (system("true") != 0)
    return 1;
  // CHECK:        - file: [[FILE]]
  // CHECK-NEXT:     line: [[@LINE-3]]
  // CHECK-NEXT:     kind: process
  // CHECK-NEXT:     api: system
  // CHECK-NEXT:     function: main
  // CHECK-NEXT:     count: 1
  // CHECK-NEXT:     measured: 1
  // CHECK-NOT:    - file:
  printf("program output\n");
  return 0;
}
