// RUN: %conc-advisor --checks='-*,conc-thread-site' %s -- -std=c++17 %mock-headers \
// RUN:   | FileCheck %s -check-prefix=CHECK-MESSAGES -implicit-check-not='{{note|warning|error}}:'

#include <functional>
#include <spawn_macros.h>
#include <future>
#include <pthread.h>
#include <thread>
#include <threads.h>
#include <vector>

void worker(int) {}
void *posixEntry(void *) { return nullptr; }
int c11Entry(void *) { return 0; }

struct Task {
  void operator()() const {}
};

class Server {
public:
  void serve() {}
  void start() {
    std::thread Listener(&Server::serve, this);
// CHECK-MESSAGES: :[[@LINE-1]]:17: note: 'std::thread' starts a thread running 'Server::serve' [conc-thread-site]
// CHECK-MESSAGES: :[[@LINE-4]]:8: note: 'Server::serve' is defined here
    Listener.detach();
  }
};

void directConstruction() {
  std::thread A(worker, 1);
// CHECK-MESSAGES: :[[@LINE-1]]:15: note: 'std::thread' starts a thread running 'worker' [conc-thread-site]
// CHECK-MESSAGES: :[[@LINE-22]]:6: note: 'worker' is defined here
  std::jthread B(worker, 2);
// CHECK-MESSAGES: :[[@LINE-1]]:16: note: 'std::jthread' starts a thread running 'worker' [conc-thread-site]
// CHECK-MESSAGES: :[[@LINE-25]]:6: note: 'worker' is defined here
  std::thread C([] { worker(3); });
// CHECK-MESSAGES: :[[@LINE-1]]:15: note: 'std::thread' starts a thread running the lambda at conc-thread-site.cpp:[[@LINE-1]]:17 [conc-thread-site]
  std::thread D{Task{}};
// CHECK-MESSAGES: :[[@LINE-1]]:15: note: 'std::thread' starts a thread running 'Task::operator()' [conc-thread-site]
// CHECK-MESSAGES: :[[@LINE-25]]:8: note: 'Task::operator()' is defined here
  Task T;
  std::thread E(T);
// CHECK-MESSAGES: :[[@LINE-1]]:15: note: 'std::thread' starts a thread running 'Task::operator()' [conc-thread-site]
// CHECK-MESSAGES: :[[@LINE-29]]:8: note: 'Task::operator()' is defined here
  auto Work = [] { worker(4); };
  std::thread F(Work);
// CHECK-MESSAGES: :[[@LINE-1]]:15: note: 'std::thread' starts a thread running the lambda at conc-thread-site.cpp:[[@LINE-2]]:15 [conc-thread-site]
// CHECK-MESSAGES: :[[@LINE-3]]:15: note: the lambda is defined here
  std::thread G(std::bind(worker, 5));
// CHECK-MESSAGES: :[[@LINE-1]]:15: note: 'std::thread' starts a thread running 'worker' [conc-thread-site]
// CHECK-MESSAGES: :[[@LINE-41]]:6: note: 'worker' is defined here
}

void typeErasedEntry(std::function<void()> Callback, void (*Fp)(int)) {
  std::thread A(Callback);
// CHECK-MESSAGES: :[[@LINE-1]]:15: note: 'std::thread' starts a thread running an unknown function (std::function) [conc-thread-site]
  std::thread B(Fp, 1);
// CHECK-MESSAGES: :[[@LINE-1]]:15: note: 'std::thread' starts a thread running an unknown function (function pointer) [conc-thread-site]
}

void containers() {
  std::vector<std::thread> Pool;
  for (int I = 0; I < 4; ++I)
    Pool.emplace_back(worker, I);
// CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'std::thread' starts a thread running 'worker' (constructed in place by 'emplace_back'); in a loop, so this site may create many threads [conc-thread-site]
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: the enclosing loop is here
// CHECK-MESSAGES: :[[@LINE-57]]:6: note: 'worker' is defined here
  for (int I = 0; I < 4; ++I)
    Pool.push_back(std::thread([I] { worker(I); }));
// CHECK-MESSAGES: :[[@LINE-1]]:20: note: 'std::thread' starts a thread running the lambda at conc-thread-site.cpp:[[@LINE-1]]:32; in a loop, so this site may create many threads [conc-thread-site]
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: the enclosing loop is here
  int N = 0;
  while (N++ < 2)
    Pool.emplace(Pool.begin(), worker, N);
// CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'std::thread' starts a thread running 'worker' (constructed in place by 'emplace'); in a loop, so this site may create many threads [conc-thread-site]
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: the enclosing loop is here
// CHECK-MESSAGES: :[[@LINE-67]]:6: note: 'worker' is defined here
}

void asyncPolicies() {
  auto A = std::async(std::launch::async, worker, 1);
// CHECK-MESSAGES: :[[@LINE-1]]:12: note: 'std::async' starts a task running 'worker' (launch policy: async) [conc-thread-site]
// CHECK-MESSAGES: :[[@LINE-73]]:6: note: 'worker' is defined here
  auto B = std::async(worker, 2);
// CHECK-MESSAGES: :[[@LINE-1]]:12: note: 'std::async' starts a task running 'worker' (default launch policy: may run on a new thread or deferred) [conc-thread-site]
// CHECK-MESSAGES: :[[@LINE-76]]:6: note: 'worker' is defined here
  auto C = std::async(std::launch::async | std::launch::deferred, worker, 3);
// CHECK-MESSAGES: :[[@LINE-1]]:12: note: 'std::async' starts a task running 'worker' (launch policy async|deferred: the implementation chooses) [conc-thread-site]
// CHECK-MESSAGES: :[[@LINE-79]]:6: note: 'worker' is defined here
}

void cThreads() {
  pthread_t P;
  pthread_create(&P, nullptr, posixEntry, nullptr);
// CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'pthread_create' starts a thread running 'posixEntry' [conc-thread-site]
// CHECK-MESSAGES: :[[@LINE-85]]:7: note: 'posixEntry' is defined here
  thrd_t T;
  thrd_create(&T, c11Entry, nullptr);
// CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'thrd_create' starts a thread running 'c11Entry' [conc-thread-site]
// CHECK-MESSAGES: :[[@LINE-88]]:5: note: 'c11Entry' is defined here
}

#define SPAWN_WORKER(n) std::thread(worker, n).detach()
void throughAMacro() { SPAWN_WORKER(7); }
// CHECK-MESSAGES: :[[@LINE-1]]:24: note: 'std::thread' starts a thread running 'worker' [conc-thread-site]
// CHECK-MESSAGES: :[[@LINE-96]]:6: note: 'worker' is defined here
void throughALibraryMacro() { LIB_SPAWN_DETACHED(libraryWork); }
// CHECK-MESSAGES: :[[@LINE-1]]:31: note: 'std::thread' starts a thread running 'libraryWork' [conc-thread-site]
// CHECK-MESSAGES: {{.*}}spawn_macros.h:6:13: note: 'libraryWork' is defined here

template <class F> void spawnDetached(F Fn) { std::thread(Fn).detach(); }
// CHECK-MESSAGES: :[[@LINE-1]]:47: note: 'std::thread' starts a thread running one of 'Task::operator()', the lambda at conc-thread-site.cpp:[[@LINE+4]]:17 [conc-thread-site]
// CHECK-MESSAGES: :[[@LINE+3]]:17: note: the lambda is defined here
// CHECK-MESSAGES: :[[@LINE-99]]:8: note: 'Task::operator()' is defined here
void templateInstantiations() {
  spawnDetached([] { worker(8); });
  spawnDetached(Task{});
}

// Look-alikes: none of these starts a thread.
namespace mylib {
struct thread {
  template <class F> explicit thread(F) {}
};
int async(int);
} // namespace mylib

void notSites(std::thread &&Moved, std::vector<std::thread> &Pool) {
  std::thread Default;
  std::thread Taken(std::move(Moved));
  Default = std::move(Taken);
  Pool.emplace_back();
  Pool.emplace_back(std::move(Default));
  auto Deferred = std::async(std::launch::deferred, worker, 9);
  unsigned Cores = std::thread::hardware_concurrency();
  pthread_t Self = pthread_self();
  mylib::thread Mine(worker);
  mylib::async(1);
  libraryInternalSpawn(); // The library's own thread: reported in no header.
  const char *Text = "std::thread t(worker); pthread_create(...)";
  // std::thread Commented(worker);
  (void)Cores;
  (void)Self;
  (void)Text;
}
