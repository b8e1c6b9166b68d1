// RUN: %conc-advisor --checks='-*,conc-fork-in-threaded-program' --fail-on=error %s -- -std=c++17 %mock-headers \
// RUN:   | FileCheck %s -check-prefix=CHECK-MESSAGES -implicit-check-not='{{note|warning|error}}:'

#include <stdio.h>
#include <stdlib.h>
#include <thread>
#include <unistd.h>

// Unsafe: the child calls printf (stdio's lock may be held by another thread).
void runTool(const char *Path) {
  pid_t Pid = fork();
// CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'fork' is called while other threads may run; the child gets a copy of locked mutexes (a malloc or stdio lock held by another thread stays locked forever) and may only make async-signal-safe calls before exec; 'printf' is not one; use posix_spawn, or fork before starting threads [conc-fork-in-threaded-program]
// CHECK-MESSAGES: :[[@LINE+3]]:5: note: 'printf' is not async-signal-safe and runs in the child before exec
// CHECK-MESSAGES: :[[@LINE+100]]:15: note: a thread is started here (std::thread in 'main')
  if (Pid == 0) {
    printf("running %s\n", Path);
    execl(Path, Path, nullptr);
    _exit(127);
  }
}

// Safe twin: only async-signal-safe calls before exec.
void runToolQuietly(const char *Path) {
  pid_t Pid = fork();
  if (!Pid) {
    close(0);
    execl(Path, Path, nullptr);
    printf("exec failed\n"); // after exec: runs only when exec failed
    _exit(127);
  }
}

// Unsafe: the child's code is not where the checker can see it.
void daemonize() {
  if (fork() > 0)
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'fork' is called while other threads may run; {{.*}} before exec; use posix_spawn, or fork before starting threads [conc-fork-in-threaded-program]
// CHECK-MESSAGES: :[[@LINE-2]]:7: note: the child's code (where 'fork' returns 0) was not found; check that it makes only async-signal-safe calls before exec
// CHECK-MESSAGES: :[[@LINE+76]]:15: note: a thread is started here (std::thread in 'main')
    exit(0);
}

// Unsafe: `switch` on the result, the child allocates.
void runSwitch(const char *Path) {
  switch (fork()) {
// CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'fork' is called while other threads may run; {{.*}}; 'operator delete' is not one; use posix_spawn, or fork before starting threads [conc-fork-in-threaded-program]
// CHECK-MESSAGES: :[[@LINE+5]]:5: note: 'operator delete' is not async-signal-safe and runs in the child before exec
// CHECK-MESSAGES: :[[@LINE+67]]:15: note: a thread is started here (std::thread in 'main')
  case -1:
    return;
  case 0:
    delete new int(1);
    execl(Path, Path, nullptr);
    _exit(127);
  default:
    break;
  }
}

// Safe: `(pid = fork()) == 0`, the child only dup2s and closes.
void redirect(const char *Path) {
  pid_t Pid;
  if ((Pid = vfork()) == 0) {
    dup2(1, 2);
    close(0);
    execv(Path, nullptr);
    _exit(127);
  }
}

// Unsafe: the child is the else of `if (pid)`, and it calls exit().
void parentFirst(const char *Path) {
  pid_t Pid = fork();
// CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'fork' is called while other threads may run; {{.*}}; 'exit' is not one; use posix_spawn, or fork before starting threads [conc-fork-in-threaded-program]
// CHECK-MESSAGES: :[[@LINE+6]]:5: note: 'exit' is not async-signal-safe and runs in the child before exec
// CHECK-MESSAGES: :[[@LINE+39]]:15: note: a thread is started here (std::thread in 'main')
  if (Pid) {
    write(1, "parent\n", 7);
    return;
  } else {
    exit(1);
  }
}

// Unsafe: `if (pid > 0) return;` — the child runs on after the if, out of sight.
void childAfter() {
  pid_t Pid = fork();
// CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'fork' is called while other threads may run; {{.*}} before exec; use posix_spawn, or fork before starting threads [conc-fork-in-threaded-program]
// CHECK-MESSAGES: :[[@LINE-2]]:15: note: the child's code (where 'fork' returns 0) was not found; check that it makes only async-signal-safe calls before exec
// CHECK-MESSAGES: :[[@LINE+25]]:15: note: a thread is started here (std::thread in 'main')
  if (Pid > 0)
    return;
  printf("child\n");
}

// Unsafe: the fork runs on a thread of its own, beside main.
void forkingWorker() {
  if (fork() == 0) {
// CHECK-MESSAGES: :[[@LINE-1]]:7: warning: 'fork' is called while other threads may run; {{.*}}; 'printf' is not one; use posix_spawn, or fork before starting threads [conc-fork-in-threaded-program]
// CHECK-MESSAGES: :[[@LINE+2]]:5: note: 'printf' is not async-signal-safe and runs in the child before exec
// CHECK-MESSAGES: :[[@LINE+22]]:15: note: the thread running 'forkingWorker' is started here
    printf("worker\n");
    _exit(0);
  }
}

void serve() {}

int main(int Argc, char **Argv) {
  // Safe: main forks before it starts any thread.
  if (fork() == 0) {
    printf("child\n");
    _exit(0);
  }
  std::thread Server(serve);
  runTool(Argv[0]);
  runToolQuietly(Argv[0]);
  runSwitch(Argv[0]);
  daemonize();
  redirect(Argv[0]);
  parentFirst(Argv[0]);
  childAfter();
  std::thread Worker(forkingWorker);
  Worker.join();
  Server.join();
}
