// RUN: %conc-advisor --checks='-*,conc-advice-blocking-io-threads' --fail-on=error %s -- -std=c++17 %mock-headers \
// RUN:   | FileCheck %s -check-prefix=CHECK-MESSAGES -implicit-check-not='{{note|warning|error}}:'

#include <sys/socket.h>
#include <thread>
#include <unistd.h>
#include <vector>

// Waits on its connection's socket for every request.
void handle_connection(int Fd) {
  char Buf[512];
  while (recv(Fd, Buf, sizeof Buf, 0) > 0)
    send(Fd, Buf, 4, 0);
  close(Fd);
}

// Computes on what it is given: no socket.
void render(int Fd) {
  long Sum = 0;
  for (int Y = 0; Y < 100; ++Y)
    for (int X = 0; X < 100; ++X)
      Sum += X * Y + Fd;
}

// A thread per accepted connection that waits on it: reported.
void accept_loop(int Listener) {
  std::vector<std::thread> Threads;
  for (;;) {
    int Fd = accept(Listener, nullptr, nullptr);
    if (Fd < 0)
      break;
    Threads.emplace_back(handle_connection, Fd);
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::thread' starts a thread per connection or request to run 'handle_connection', which mostly waits on sockets; every waiting thread holds a stack and a context switch per wake-up: an event loop (epoll, io_uring, Asio) waits for many connections from a few threads [conc-advice-blocking-io-threads]
// CHECK-MESSAGES: :[[@LINE-6]]:3: note: the loop is here
// CHECK-MESSAGES: :[[@LINE-3]]:5: note: the work of each thread looks I/O-bound (high confidence)
// CHECK-MESSAGES: :[[@LINE-24]]:10: note: blocking call 'recv' (socket) in a loop in 'handle_connection'
// CHECK-MESSAGES: :[[@LINE-24]]:5: note: blocking call 'send' (socket) in a loop in 'handle_connection'
  }
}

// Not reported: the per-connection work computes (conc-advice-thread-per-task
// covers it).
void render_loop(int Listener) {
  for (;;) {
    int Fd = accept(Listener, nullptr, nullptr);
    std::thread(render, Fd).detach();
  }
}

// Not reported: a fixed set of threads waiting on sockets.
void fixed(int Fd) {
  std::vector<std::thread> Threads;
  for (int I = 0; I < 4; ++I)
    Threads.emplace_back(handle_connection, Fd);
}
