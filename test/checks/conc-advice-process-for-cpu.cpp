// RUN: %conc-advisor --checks='-*,conc-advice-process-for-cpu' --fail-on=error %s -- -std=c++17 %mock-headers \
// RUN:   | FileCheck %s -check-prefix=CHECK-MESSAGES -implicit-check-not='{{note|warning|error}}:'

#include <string.h>
#include <unistd.h>

long crunch(long N) {
  long S = 0;
  for (long I = 0; I < N; ++I)
    for (long J = 0; J < 8; ++J)
      S += I * J;
  return S;
}

void tokenize_and_crunch(char *Line) {
  for (char *Tok = strtok(Line, " "); Tok; Tok = strtok(nullptr, " "))
    crunch(100);
}

// CPU-bound child: reported, threads would do.
void split_work() {
  pid_t Pid = fork();
// CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'fork' starts a process for CPU-bound work; threads run CPU-bound work in parallel too, in one address space, without copying it or passing results through pipes: use a thread (or a pool) unless the child must be isolated (a crash, a leak or a privilege that must stay in the child) [conc-advice-process-for-cpu]
// CHECK-MESSAGES: :[[@LINE-2]]:15: note: the child's work looks CPU-bound (high confidence)
// CHECK-MESSAGES: :[[@LINE-16]]:3: note: loop nest of arithmetic (2 loops deep, 2 operations, no call) in 'crunch'
  if (Pid == 0) {
    crunch(1000000);
    _exit(0);
  }
}

// CPU-bound child that calls strtok: a note naming the reason to keep it.
void isolated(char *Line) {
  if (fork() == 0) {
// CHECK-MESSAGES: :[[@LINE-1]]:7: note: 'fork' starts a process for CPU-bound work; keeping a process is justified here: the child calls 'strtok', not thread-safe, which threads running this work at once would race on [conc-advice-process-for-cpu]
// CHECK-MESSAGES: :[[@LINE-2]]:7: note: the child's work looks CPU-bound (high confidence)
// CHECK-MESSAGES: :[[@LINE-28]]:3: note: loop nest of arithmetic (2 loops deep, 2 operations, no call) in 'crunch', called in a loop
    tokenize_and_crunch(Line);
    _exit(0);
  }
}

// Not reported: the child runs another program.
void run_tool() {
  if (fork() == 0) {
    crunch(10);
    execlp("gzip", "gzip", "-9", "log", nullptr);
    _exit(127);
  }
}

// Not reported: the child waits.
void waiter() {
  if (fork() == 0) {
    for (int I = 0; I < 10; ++I)
      sleep(1);
    _exit(0);
  }
}
