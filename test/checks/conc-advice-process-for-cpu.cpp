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
  if (Pid == 0) {
    crunch(1000000);
    _exit(0);
  }
}

// CPU-bound child that calls strtok: a note naming the reason to keep it.
void isolated(char *Line) {
  if (fork() == 0) {
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
