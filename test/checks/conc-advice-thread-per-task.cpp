// RUN: %conc-advisor --checks='-*,conc-advice-thread-per-task' --fail-on=error %s -- -std=c++17 %mock-headers \
// RUN:   | FileCheck %s -check-prefix=CHECK-MESSAGES -implicit-check-not='{{note|warning|error}}:'

#include <future>
#include <thread>
#include <unistd.h>
#include <sys/socket.h>
#include <vector>

// CPU-bound work: a loop nest of arithmetic.
void checksum(const std::vector<int> &Block) {
  long Sum = 0;
  for (int Round = 0; Round < 100; ++Round)
    for (unsigned long I = 0; I < 1000; ++I)
      Sum += Round * I;
}

// I/O-bound work: a loop around a blocking call.
void poll_backend(int Id) {
  for (int Try = 0; Try < 10; ++Try)
    usleep(1000 * Id);
}

// A thread per item of a range-for: reported, CPU wording.
void per_item(std::vector<std::vector<int>> &Blocks) {
  std::vector<std::thread> Threads;
  for (auto &Block : Blocks)
    Threads.emplace_back(checksum, Block);
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::thread' starts a new thread for every item of this loop to run 'checksum', so the loop pays a thread creation per item and runs as many threads as there are items; the work looks CPU-bound: start a fixed pool of about one thread per core once and submit each item to it as a task [conc-advice-thread-per-task]
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: the loop is here
// CHECK-MESSAGES: :[[@LINE-3]]:5: note: the work of each thread looks CPU-bound (high confidence)
// CHECK-MESSAGES: :[[@LINE-19]]:3: note: loop nest of arithmetic (2 loops deep, 2 operations, no call) in 'checksum'
}

// A thread per request of a serving loop: reported, I/O wording.
void serve(int Requests) {
  while (Requests-- > 0) {
    std::thread T(poll_backend, Requests);
// CHECK-MESSAGES: :[[@LINE-1]]:17: warning: 'std::thread' starts a new thread for every iteration of this loop (a request, a connection, a message) to run 'poll_backend', so the loop pays a thread creation per item and runs as many threads as there are items; the work looks I/O-bound: reuse threads from a pool sized by how many items may wait at once, or use asynchronous I/O [conc-advice-thread-per-task]
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: the loop is here
// CHECK-MESSAGES: :[[@LINE-3]]:17: note: the work of each thread looks I/O-bound (high confidence)
// CHECK-MESSAGES: :[[@LINE-21]]:5: note: blocking call 'usleep' (sleep) in a loop in 'poll_backend'
    T.detach();
  }
}

// A counted loop up to a container's size is a loop over items too.
void per_index(std::vector<std::vector<int>> &Blocks) {
  std::vector<std::thread> Threads;
  for (unsigned long I = 0; I < Blocks.size(); ++I)
    Threads.emplace_back(checksum, Blocks[I]);
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'std::thread' starts a new thread for every item of this loop to run 'checksum', so the loop pays a thread creation per item and runs as many threads as there are items; the work looks CPU-bound: start a fixed pool of about one thread per core once and submit each item to it as a task [conc-advice-thread-per-task]
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: the loop is here
// CHECK-MESSAGES: :[[@LINE-3]]:5: note: the work of each thread looks CPU-bound (high confidence)
// CHECK-MESSAGES: :[[@LINE-42]]:3: note: loop nest of arithmetic (2 loops deep, 2 operations, no call) in 'checksum'
}

// Not reported: a fixed set of workers, by a constant or a worker count.
void workers(unsigned Count, std::vector<int> &Block) {
  std::vector<std::thread> Threads;
  for (int W = 0; W < 4; ++W)
    Threads.emplace_back(checksum, Block);
  for (unsigned W = 0; W < Count; ++W)
    Threads.emplace_back(checksum, Block);
}

// Not reported: tasks are not threads (the pool or the runtime decides).
void tasks(std::vector<std::vector<int>> &Blocks) {
  for (auto &Block : Blocks)
    std::async(std::launch::async, checksum, Block);
}

// Not reported: one thread, no loop.
void once(std::vector<int> &Block) {
  std::thread T(checksum, Block);
  T.join();
}

// A thread started in a request handler: the handler runs once per
// connection of the accept loop, so this is a thread per connection too.
void handle(std::vector<int> &Connection) {
  std::thread T(checksum, Connection);
// CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'std::thread' starts a new thread to run 'checksum' every time 'handle' runs, and 'handle' is called in a loop over requests or items in 'accept_loop': a thread per request or item, so the program pays a thread creation per item and runs as many threads as there are items at once; the work looks CPU-bound: start a fixed pool of about one thread per core once and submit each item to it as a task [conc-advice-thread-per-task]
// CHECK-MESSAGES: :[[@LINE+8]]:5: note: called per item here
// CHECK-MESSAGES: :[[@LINE-3]]:15: note: the work of each thread looks CPU-bound (high confidence)
// CHECK-MESSAGES: :[[@LINE-73]]:3: note: loop nest of arithmetic (2 loops deep, 2 operations, no call) in 'checksum'
  T.detach();
}

void accept_loop(std::vector<int> &Listener) {
  for (;;)
    handle(Listener);
}

// Two calls up: the thread is started in a helper of the handler.
void spawn_poller(int Id) {
  std::thread T(poll_backend, Id);
// CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'std::thread' starts a new thread to run 'poll_backend' every time 'spawn_poller' runs, and 'spawn_poller' runs from 'on_message', which is called in a loop over requests or items in 'message_loop': a thread per request or item, so the program pays a thread creation per item and runs as many threads as there are items at once; the work looks I/O-bound: reuse threads from a pool sized by how many items may wait at once, or use asynchronous I/O [conc-advice-thread-per-task]
// CHECK-MESSAGES: :[[@LINE+8]]:5: note: called per item here
// CHECK-MESSAGES: :[[@LINE-3]]:15: note: the work of each thread looks I/O-bound (high confidence)
// CHECK-MESSAGES: :[[@LINE-80]]:5: note: blocking call 'usleep' (sleep) in a loop in 'poll_backend'
  T.detach();
}
void on_message(int Id) { spawn_poller(Id); }
void message_loop(std::vector<int> &Messages) {
  for (int Id : Messages)
    on_message(Id);
}

// Not reported: a handler called once, and one called from a loop that
// starts a fixed number of workers.
void start_worker(std::vector<int> &Block) {
  std::thread T(checksum, Block);
  T.detach();
}
void setup(std::vector<int> &Block) {
  start_worker(Block);
  for (int W = 0; W < 4; ++W)
    start_worker(Block);
}

// A heartbeat thread per connection, started by the connection's handler:
// it sleeps, masks a small frame and sends it. The masking loop runs once
// per send, so the work is I/O-bound, and the handler's thread is reported
// here (conc-advice-blocking-io-threads looks only at loops).
void send_frame(int Fd, unsigned char *Frame, int Len) {
  for (int I = 0; I < Len; ++I)
    Frame[I] ^= 0x5a;
  send(Fd, Frame, Len, 0);
}
void heartbeat(int Fd) {
  unsigned char Ping[4] = {};
  for (;;) {
    usleep(1000000);
    send_frame(Fd, Ping, 4);
  }
}
void on_connection(int Fd) {
  std::thread T(heartbeat, Fd);
// CHECK-MESSAGES: :[[@LINE-1]]:15: warning: 'std::thread' starts a new thread to run 'heartbeat' every time 'on_connection' runs, and 'on_connection' is called in a loop over requests or items in 'serve_connections': a thread per request or item, so the program pays a thread creation per item and runs as many threads as there are items at once; the work looks I/O-bound: reuse threads from a pool sized by how many items may wait at once, or use asynchronous I/O [conc-advice-thread-per-task]
// CHECK-MESSAGES: :[[@LINE+9]]:5: note: called per item here
// CHECK-MESSAGES: :[[@LINE-3]]:15: note: the work of each thread looks I/O-bound (medium confidence)
// CHECK-MESSAGES: :[[@LINE-14]]:3: note: blocking call 'send' (socket) in 'send_frame', called in a loop
// CHECK-MESSAGES: :[[@LINE-10]]:5: note: blocking call 'usleep' (sleep) in a loop in 'heartbeat'
// CHECK-MESSAGES: :[[@LINE-18]]:3: note: loop of arithmetic (1 operation, no call) in 'send_frame', called in a loop
  T.detach();
}
void serve_connections(std::vector<int> &Connections) {
  for (int Fd : Connections)
    on_connection(Fd);
}

// Not reported here: the same thread started in the loop itself, whose
// threads wait on sockets, is conc-advice-blocking-io-threads' finding.
void serve_inline(std::vector<int> &Connections) {
  for (int Fd : Connections) {
    std::thread T(heartbeat, Fd);
    T.detach();
  }
}
