// RUN: %conc-advisor --checks='-*,conc-thread-site,conc-process-site' %s -- -std=c++17 %mock-headers \
// RUN:   | FileCheck %s -check-prefix=CHECK-MESSAGES -implicit-check-not='{{note|warning|error}}:'
// RUN: %conc-advisor --checks='-*,conc-thread-site,conc-process-site' --format=json %s -- -std=c++17 %mock-headers \
// RUN:   | FileCheck %s -check-prefix=JSON

// The workload class of each site: the same site shape running CPU-bound,
// I/O-bound, mixed and unknown work, over the call graph of its entry.

#include <algorithm>
#include <mutex>
#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>
#include <zlib.h>

double Grid[256][256];

// CPU: a loop nest of arithmetic with no call.
void smooth() {
  for (int I = 1; I < 255; ++I)
    for (int J = 1; J < 255; ++J)
      Grid[I][J] = 0.25 * (Grid[I - 1][J] + Grid[I + 1][J] + Grid[I][J - 1] + Grid[I][J + 1]);
}

// I/O: a loop around a blocking call, in a helper called in a loop.
bool read_record(int Fd, char *Buf) { return read(Fd, Buf, 64) > 0; }
void follow(int Fd) {
  char Buf[64];
  while (read_record(Fd, Buf)) {
  }
}

// Mixed: a socket loop that compresses what it receives.
void archive(int Fd) {
  unsigned char In[4096], Out[8192];
  unsigned long OutLen = sizeof Out;
  while (recv(Fd, In, sizeof In, 0) > 0)
    compress(Out, &OutLen, In, sizeof In);
}

// Unknown: nothing the classifier knows.
void idle() {}

// CPU through a CPU-heavy library call (std::sort).
void sorter(std::vector<int> *V) { std::sort(V->begin(), V->end()); }

void start(int Fd, std::vector<int> &V) {
  std::thread A(smooth);
// CHECK-MESSAGES: :[[@LINE-1]]:15: note: 'std::thread' starts a thread running 'smooth' [conc-thread-site]
// CHECK-MESSAGES: :[[@LINE-31]]:6: note: 'smooth' is defined here
// CHECK-MESSAGES: :[[@LINE-3]]:15: note: the work it runs looks CPU-bound (high confidence)
// CHECK-MESSAGES: :[[@LINE-32]]:3: note: loop nest of arithmetic (2 loops deep, 8 operations, no call) in 'smooth'
  std::thread B(follow, Fd);
// CHECK-MESSAGES: :[[@LINE-1]]:15: note: 'std::thread' starts a thread running 'follow' [conc-thread-site]
// CHECK-MESSAGES: :[[@LINE-28]]:6: note: 'follow' is defined here
// CHECK-MESSAGES: :[[@LINE-3]]:15: note: the work it runs looks I/O-bound (high confidence)
// CHECK-MESSAGES: :[[@LINE-31]]:46: note: blocking call 'read' (file) in 'read_record', called in a loop
  std::thread C(archive, Fd);
// CHECK-MESSAGES: :[[@LINE-1]]:15: note: 'std::thread' starts a thread running 'archive' [conc-thread-site]
// CHECK-MESSAGES: :[[@LINE-26]]:6: note: 'archive' is defined here
// CHECK-MESSAGES: :[[@LINE-3]]:15: note: the work it runs looks mixed CPU and I/O (medium confidence)
// CHECK-MESSAGES: :[[@LINE-25]]:10: note: blocking call 'recv' (socket) in a loop in 'archive'
// CHECK-MESSAGES: :[[@LINE-25]]:5: note: CPU-heavy call 'compress' (compression) in a loop in 'archive'
  std::thread D(idle);
// CHECK-MESSAGES: :[[@LINE-1]]:15: note: 'std::thread' starts a thread running 'idle' [conc-thread-site]
// CHECK-MESSAGES: :[[@LINE-24]]:6: note: 'idle' is defined here
  std::thread E(sorter, &V);
// CHECK-MESSAGES: :[[@LINE-1]]:15: note: 'std::thread' starts a thread running 'sorter' [conc-thread-site]
// CHECK-MESSAGES: :[[@LINE-24]]:6: note: 'sorter' is defined here
// CHECK-MESSAGES: :[[@LINE-3]]:15: note: the work it runs looks CPU-bound (medium confidence)
// CHECK-MESSAGES: :[[@LINE-26]]:36: note: CPU-heavy call 'std::sort' (sort) in 'sorter'
  A.join();
  B.join();
  C.join();
  D.join();
  E.join();
}

// A forked child: its own branch is the work.
void fork_children(int Fd) {
  if (fork() == 0) {
// CHECK-MESSAGES: :[[@LINE-1]]:7: note: 'fork' creates a child process that continues in this code [conc-process-site]
// CHECK-MESSAGES: :[[@LINE-2]]:7: note: the child's work looks CPU-bound (high confidence)
// CHECK-MESSAGES: :[[@LINE-64]]:3: note: loop nest of arithmetic (2 loops deep, 8 operations, no call) in 'smooth'
    smooth();
    _exit(0);
  }
  if (fork() == 0) {
// CHECK-MESSAGES: :[[@LINE-1]]:7: note: 'fork' creates a child process that continues in this code [conc-process-site]
// CHECK-MESSAGES: :[[@LINE-2]]:7: note: the child's work looks I/O-bound (high confidence)
// CHECK-MESSAGES: :[[@LINE+2]]:7: note: blocking call 'sleep' (sleep) in a loop in 'fork_children'
    for (int I = 0; I < 10; ++I)
      sleep(1);
    _exit(0);
  }
  execlp("true", "true", nullptr);
// CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'execlp' replaces this process with 'true' [conc-process-site]
}

// The class, its confidence and, for unknown work, the reason, as properties.
// JSON: "entry": "smooth",
// JSON: "workload-class": "cpu",
// JSON-NEXT: "workload-confidence": "high"
// JSON: "entry": "follow",
// JSON: "workload-class": "io",
// JSON-NEXT: "workload-confidence": "high"
// JSON: "entry": "archive",
// JSON: "workload-class": "mixed",
// JSON-NEXT: "workload-confidence": "medium"
// JSON: "entry": "idle",
// JSON: "workload-class": "unknown",
// JSON-NEXT: "workload-confidence": "low",
// JSON-NEXT: "workload-reason": "no blocking call, CPU-heavy call or loop of arithmetic in the 1 function it reaches"
// JSON: "entry": "sorter",
// JSON: "workload-class": "cpu",
// JSON-NEXT: "workload-confidence": "medium"
// JSON: "kind": "exec",
// JSON: "workload-class": "unknown",
// JSON-NEXT: "workload-confidence": "low",
// JSON-NEXT: "workload-reason": "this process becomes another program"
