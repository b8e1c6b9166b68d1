// RUN: %conc-advisor --checks='-*,conc-thread-site' %s -- -std=c++17 %mock-headers \
// RUN:   | FileCheck %s -check-prefix=CHECK-MESSAGES -implicit-check-not='{{note|warning|error}}:'

// A blocking member is named by the class of the object it is called on:
// libstdc++ declares future's wait() in a base class (std::__basic_future),
// and libraries derive their futures from std::future (tf::Future). Both
// calls are rules/io.yaml's std::future::wait.

#include <future>
#include <thread>

std::future<int> submit();

template <class T> struct LibraryFuture : std::future<T> {};
LibraryFuture<int> submitToLibrary();

void waitsOnFutures() {
  for (int I = 0; I < 10; ++I)
    submit().wait();
}

void waitsOnLibraryFutures() {
  for (int I = 0; I < 10; ++I)
    submitToLibrary().wait();
}

// Not a wait: a class of the program's own with a member of that name.
struct Gate {
  void wait();
};
void Gate::wait() {}
void waitsOnGate(Gate &G) {
  for (int I = 0; I < 10; ++I)
    G.wait();
}

int main() {
  Gate G;
  std::thread A(waitsOnFutures);
// CHECK-MESSAGES: :[[@LINE-1]]:15: note: 'std::thread' starts a thread running 'waitsOnFutures' [conc-thread-site]
// CHECK-MESSAGES: :[[@LINE-24]]:6: note: 'waitsOnFutures' is defined here
// CHECK-MESSAGES: :[[@LINE-3]]:15: note: the work it runs looks I/O-bound (high confidence)
// CHECK-MESSAGES: :[[@LINE-24]]:5: note: blocking call 'std::future::wait' (wait) in a loop in 'waitsOnFutures'
  std::thread B(waitsOnLibraryFutures);
// CHECK-MESSAGES: :[[@LINE-1]]:15: note: 'std::thread' starts a thread running 'waitsOnLibraryFutures' [conc-thread-site]
// CHECK-MESSAGES: :[[@LINE-24]]:6: note: 'waitsOnLibraryFutures' is defined here
// CHECK-MESSAGES: :[[@LINE-3]]:15: note: the work it runs looks I/O-bound (high confidence)
// CHECK-MESSAGES: :[[@LINE-24]]:5: note: blocking call 'std::future::wait' (wait) in a loop in 'waitsOnLibraryFutures'
  std::thread C(waitsOnGate, std::ref(G));
// CHECK-MESSAGES: :[[@LINE-1]]:15: note: 'std::thread' starts a thread running 'waitsOnGate' [conc-thread-site]
// CHECK-MESSAGES: :[[@LINE-19]]:6: note: 'waitsOnGate' is defined here
  A.join();
  B.join();
  C.join();
}
