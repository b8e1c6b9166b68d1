// RUN: %conc-advisor --checks='-*,conc-detached-thread-capture' --fail-on=error %s -- -std=c++17 %mock-headers \
// RUN:   | FileCheck %s -check-prefix=CHECK-MESSAGES -implicit-check-not='{{note|warning|error}}:'
// RUN: %conc-advisor --checks='-*,conc-detached-thread-capture' --format=json --quiet --fail-on=error %s -- -std=c++17 %mock-headers \
// RUN:   | FileCheck %s -check-prefix=JSON

#include <boost/thread.hpp>
#include <pthread.h>
#include <thread>
#include <threads.h>
#include <utility>

void consume(const char *Data);
void fill(char *Data);
void count(int &N);
int GlobalCounter;

// Unsafe: the thread reads Buffer and Size after the function may have
// returned and its frame been reused.
void sendLater(int Size) {
  char Buffer[64];
  fill(Buffer);
  std::thread([&] {
    consume(Buffer);
    if (Size > 0)
      consume(Buffer);
  }).detach();
// CHECK-MESSAGES: :[[@LINE-5]]:3: warning: detached thread captures local 'Buffer' by reference; it may outlive 'Buffer', leaving the reference dangling [conc-detached-thread-capture]
// CHECK-MESSAGES: :[[@LINE-5]]:13: note: 'Buffer' is captured implicitly by reference here
// CHECK-MESSAGES: :[[@LINE-3]]:6: note: the thread is detached here
// CHECK-MESSAGES: :[[@LINE-8]]:3: warning: detached thread captures parameter 'Size' by reference; it may outlive 'Size', leaving the reference dangling [conc-detached-thread-capture]
// CHECK-MESSAGES: :[[@LINE-7]]:9: note: 'Size' is captured implicitly by reference here
// CHECK-MESSAGES: :[[@LINE-6]]:6: note: the thread is detached here
}

// Safe: the same thread owns copies of what it reads.
void sendLaterCopy(int Size) {
  char Buffer[64];
  fill(Buffer);
  std::thread([Buffer, Size] {
    if (Size > 0)
      consume(Buffer);
  }).detach();
}

// A named thread, detached later; an init-capture by reference.
void countInBackground() {
  int Total = 0;
  std::thread Counter([&Total] { count(Total); });
// CHECK-MESSAGES: :[[@LINE-1]]:15: warning: detached thread captures local 'Total' by reference; it may outlive 'Total', leaving the reference dangling [conc-detached-thread-capture]
// CHECK-MESSAGES: :[[@LINE-2]]:25: note: 'Total' is captured by reference here
  Counter.detach();
// CHECK-MESSAGES: :[[@LINE-1]]:11: note: the thread is detached here
  std::thread Alias([&Sum = Total] { count(Sum); });
// CHECK-MESSAGES: :[[@LINE-1]]:15: warning: detached thread captures local 'Total' by reference (as 'Sum'); it may outlive 'Total', leaving the reference dangling [conc-detached-thread-capture]
// CHECK-MESSAGES: :[[@LINE-2]]:23: note: 'Total' is captured by reference here
  Alias.detach();
// CHECK-MESSAGES: :[[@LINE-1]]:9: note: the thread is detached here
  auto *OnHeap = new std::thread([&Total] { count(Total); });
// CHECK-MESSAGES: :[[@LINE-1]]:22: warning: detached thread captures local 'Total' by reference; {{.*}} [conc-detached-thread-capture]
// CHECK-MESSAGES: :[[@LINE-2]]:36: note: 'Total' is captured by reference here
  OnHeap->detach();
// CHECK-MESSAGES: :[[@LINE-1]]:11: note: the thread is detached here
  std::thread Pointer([P = &Total] { count(*P); });
// CHECK-MESSAGES: :[[@LINE-1]]:15: warning: detached thread captures a pointer to local 'Total' (as 'P'); it may outlive 'Total', leaving the pointer dangling [conc-detached-thread-capture]
// CHECK-MESSAGES: :[[@LINE-2]]:24: note: a pointer to 'Total' is captured here
  Pointer.detach();
// CHECK-MESSAGES: :[[@LINE-1]]:11: note: the thread is detached here
}

// Safe: joined before Total dies; moved into the thread; or only globals
// and statics, which live as long as the program.
void countSafely() {
  int Total = 0;
  std::thread Counter([&Total] { count(Total); });
  Counter.join();
  std::thread Owner([Mine = std::move(Total)]() mutable { count(Mine); });
  Owner.detach();
  static int Calls;
  std::thread([&] { count(Calls); count(GlobalCounter); }).detach();
}

// Arguments are copied into the thread, but a copy of a pointer or of a
// std::ref still refers to the local.
void passArguments() {
  char Buffer[64];
  int Total = 0;
  std::thread(fill, Buffer).detach();
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: detached thread is passed a pointer to local 'Buffer'; it may outlive 'Buffer', leaving the pointer dangling [conc-detached-thread-capture]
// CHECK-MESSAGES: :[[@LINE-2]]:21: note: a pointer to 'Buffer' is passed here
// CHECK-MESSAGES: :[[@LINE-3]]:29: note: the thread is detached here
  std::thread(count, std::ref(Total)).detach();
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: detached thread is passed local 'Total' by reference; it may outlive 'Total', leaving the reference dangling [conc-detached-thread-capture]
// CHECK-MESSAGES: :[[@LINE-2]]:22: note: 'Total' is passed by reference here
// CHECK-MESSAGES: :[[@LINE-3]]:39: note: the thread is detached here
  std::thread([](int *P) { count(*P); }, &Total).detach();
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: detached thread is passed a pointer to local 'Total'; it may outlive 'Total', leaving the pointer dangling [conc-detached-thread-capture]
// CHECK-MESSAGES: :[[@LINE-2]]:42: note: a pointer to 'Total' is passed here
// CHECK-MESSAGES: :[[@LINE-3]]:50: note: the thread is detached here
}

// Safe: values, and references to globals.
void passArgumentsSafely() {
  int Total = 0;
  std::thread([](int N) { (void)N; }, Total).detach();
  std::thread(count, std::ref(GlobalCounter)).detach();
  std::thread(consume, "literal").detach();
}

// A parameter that is a reference: what it refers to belongs to the caller
// and may outlive the thread; not reported.
void referenceParameter(int &Shared) {
  std::thread([&] { count(Shared); }).detach();
}

// `this` dangles when the object dies, whatever captured it.
class Session {
public:
  Session() : Reader([this] { poll(); }) {}
// CHECK-MESSAGES: :[[@LINE-1]]:15: warning: detached thread captures 'this'; it may outlive the object, leaving 'this' dangling [conc-detached-thread-capture]
// CHECK-MESSAGES: :[[@LINE-2]]:23: note: 'this' is captured here
// CHECK-MESSAGES: :[[@LINE+11]]:23: note: the thread is detached here
  void start() {
    std::thread([=] { poll(); }).detach();
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: detached thread captures 'this'; it may outlive the object, leaving 'this' dangling [conc-detached-thread-capture]
// CHECK-MESSAGES: :[[@LINE-2]]:23: note: 'this' is captured implicitly here
// CHECK-MESSAGES: :[[@LINE-3]]:34: note: the thread is detached here
    std::thread(&Session::poll, this).detach();
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: detached thread is passed 'this'; it may outlive the object, leaving 'this' dangling [conc-detached-thread-capture]
// CHECK-MESSAGES: :[[@LINE-2]]:33: note: 'this' is passed here
// CHECK-MESSAGES: :[[@LINE-3]]:39: note: the thread is detached here
  }
  ~Session() { Reader.detach(); }
  void poll();

private:
  std::thread Reader;
};

// Safe: the thread works on its own copy of the object.
struct Settings {
  int Level;
  void apply();
  void applyLater() {
    std::thread([*this]() mutable { apply(); }).detach();
  }
};

// A member assigned a thread in one method and detached in another.
class Ticker {
public:
  void start() {
    int Period = 10;
    Thread = std::thread([this, &Period] { tick(Period); });
// CHECK-MESSAGES: :[[@LINE-1]]:14: warning: detached thread captures 'this'; it may outlive the object, leaving 'this' dangling [conc-detached-thread-capture]
// CHECK-MESSAGES: :[[@LINE-2]]:27: note: 'this' is captured here
// CHECK-MESSAGES: :[[@LINE+8]]:22: note: the thread is detached here
// CHECK-MESSAGES: :[[@LINE-4]]:14: warning: detached thread captures local 'Period' by reference; it may outlive 'Period', leaving the reference dangling [conc-detached-thread-capture]
// CHECK-MESSAGES: :[[@LINE-5]]:34: note: 'Period' is captured by reference here
// CHECK-MESSAGES: :[[@LINE+5]]:22: note: the thread is detached here
  }
  void tick(int);

private:
  ~Ticker() { Thread.detach(); }
  std::thread Thread;
};

// Safe: a member thread that is joined, never detached.
class Joined {
public:
  Joined() : Worker([this] { run(); }) {}
  ~Joined() { Worker.join(); }
  void run();

private:
  std::thread Worker;
};

// std::jthread joins in its destructor: only an explicit detach() counts.
void jthreads() {
  int Total = 0;
  std::jthread Joining([&Total] { count(Total); });
  std::jthread Detached([&Total] { count(Total); });
// CHECK-MESSAGES: :[[@LINE-1]]:16: warning: detached thread captures local 'Total' by reference; {{.*}} [conc-detached-thread-capture]
// CHECK-MESSAGES: :[[@LINE-2]]:27: note: 'Total' is captured by reference here
  Detached.detach();
// CHECK-MESSAGES: :[[@LINE-1]]:12: note: the thread is detached here
}

void boostThread() {
  int Total = 0;
  boost::thread([&Total] { count(Total); }).detach();
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: detached thread captures local 'Total' by reference; {{.*}} [conc-detached-thread-capture]
// CHECK-MESSAGES: :[[@LINE-2]]:19: note: 'Total' is captured by reference here
// CHECK-MESSAGES: :[[@LINE-3]]:45: note: the thread is detached here
}

// POSIX and C11 threads: the argument after the entry is the entry's data.
void *posixEntry(void *Data);
int c11Entry(void *Data);

void posixThreads() {
  char Buffer[64];
  int Total = 0;
  pthread_t Detached;
  pthread_create(&Detached, nullptr, posixEntry, &Total);
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: detached thread is passed a pointer to local 'Total'; it may outlive 'Total', leaving the pointer dangling [conc-detached-thread-capture]
// CHECK-MESSAGES: :[[@LINE-2]]:50: note: a pointer to 'Total' is passed here
// CHECK-MESSAGES: :[[@LINE+1]]:3: note: the thread is detached here
  pthread_detach(Detached);

  pthread_attr_t Attributes;
  pthread_attr_init(&Attributes);
  pthread_attr_setdetachstate(&Attributes, PTHREAD_CREATE_DETACHED);
  pthread_t Background;
  pthread_create(&Background, &Attributes, posixEntry, (void *)Buffer);
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: detached thread is passed a pointer to local 'Buffer'; it may outlive 'Buffer', leaving the pointer dangling [conc-detached-thread-capture]
// CHECK-MESSAGES: :[[@LINE-2]]:56: note: a pointer to 'Buffer' is passed here
// CHECK-MESSAGES: :[[@LINE-5]]:3: note: the thread is created detached: its attributes are set detached here

  thrd_t C11;
  thrd_create(&C11, c11Entry, &Total);
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: detached thread is passed a pointer to local 'Total'; {{.*}} [conc-detached-thread-capture]
// CHECK-MESSAGES: :[[@LINE-2]]:31: note: a pointer to 'Total' is passed here
// CHECK-MESSAGES: :[[@LINE+1]]:3: note: the thread is detached here
  thrd_detach(C11);
}

// Safe: joined, joinable attributes, or data on the heap.
void posixThreadsSafely() {
  int Total = 0;
  pthread_t Joined;
  pthread_create(&Joined, nullptr, posixEntry, &Total);
  pthread_join(Joined, nullptr);
  pthread_attr_t Attributes;
  pthread_attr_setdetachstate(&Attributes, PTHREAD_CREATE_JOINABLE);
  pthread_t Joinable;
  pthread_create(&Joinable, &Attributes, posixEntry, &Total);
  pthread_join(Joinable, nullptr);
  pthread_t Detached;
  pthread_create(&Detached, nullptr, posixEntry, new int(0));
  pthread_detach(Detached);
}

// One finding per site, however many instantiations reach it.
template <class T> void spawnWith(T Value) {
  std::thread([&Value] { (void)Value; }).detach();
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: detached thread captures parameter 'Value' by reference; {{.*}} [conc-detached-thread-capture]
// CHECK-MESSAGES: :[[@LINE-2]]:17: note: 'Value' is captured by reference here
// CHECK-MESSAGES: :[[@LINE-3]]:42: note: the thread is detached here
}
void instantiate() {
  spawnWith(1);
  spawnWith(2.0);
}

// JSON: "check": "conc-detached-thread-capture",
// JSON: "message": "detached thread captures local 'Buffer' by reference;
// JSON: "properties": {
// JSON-NEXT: "api": "std::thread",
// JSON-NEXT: "detached-by": "std::thread::detach",
// JSON-NEXT: "entity": "Buffer",
// JSON-NEXT: "entity-kind": "local",
// JSON-NEXT: "refers-by": "capture"
// JSON: "api": "pthread_create",
// JSON-NEXT: "detached-by": "pthread_detach",
// JSON-NEXT: "entity": "Total",
// JSON-NEXT: "entity-kind": "local",
// JSON-NEXT: "refers-by": "argument"
