// RUN: %conc-advisor --checks='-*,conc-advice-process-for-io' --fail-on=error %s -- -std=c++17 %mock-headers \
// RUN:   | FileCheck %s -check-prefix=CHECK-MESSAGES -implicit-check-not='{{note|warning|error}}:'

#include <string.h>
#include <unistd.h>

void fetch(int Fd) {
  char Buf[256];
  while (read(Fd, Buf, sizeof Buf) > 0) {
  }
}

// A child per task that only waits on its descriptor: reported.
void fetch_all(int *Fds, int N) {
  for (int I = 0; I < N; ++I) {
    pid_t Pid = fork();
// CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'fork' starts a process per task of this loop for work that mostly waits; a thread per task (or asynchronous I/O) waits as well without creating a process each time [conc-advice-process-for-io]
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: the loop is here
// CHECK-MESSAGES: :[[@LINE-3]]:17: note: the child's work looks I/O-bound (high confidence)
// CHECK-MESSAGES: :[[@LINE-11]]:10: note: blocking call 'read' (file) in a loop in 'fetch'
    if (Pid == 0) {
      fetch(Fds[I]);
      _exit(0);
    }
  }
}

// Not reported: one child, not one per task.
void fetch_one(int Fd) {
  if (fork() == 0) {
    fetch(Fd);
    _exit(0);
  }
}

// Not reported: each child runs another program.
void spawn_all(int N) {
  for (int I = 0; I < N; ++I)
    if (fork() == 0) {
      execlp("curl", "curl", "-s", "http://localhost/", nullptr);
      _exit(127);
    }
}

// Not reported: the children call strtok, not thread-safe: isolation is the point.
void parse_all(char **Lines, int N) {
  for (int I = 0; I < N; ++I)
    if (fork() == 0) {
      strtok(Lines[I], " ");
      fetch(I);
      _exit(0);
    }
}
