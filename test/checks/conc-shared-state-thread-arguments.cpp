// Locals handed to a thread as an argument: `&n`, `std::ref(n)`, or
// pthread_create's `arg`. The entry's accesses through that parameter are
// accesses of the local; the racy and the safe version side by side.
// RUN: %conc-advisor --checks='-*,conc-shared-state' --fail-on=error %s -- -std=c++17 %mock-headers \
// RUN:   | FileCheck %s -check-prefix=CHECK-MESSAGES -implicit-check-not='{{note|warning|error}}:'

#include <pthread.h>
#include <thread>
#include <utility>

void addOne(int *p) { *p += 1; }
// CHECK-MESSAGES: :[[@LINE-1]]:24: warning: 'n' is written on the thread running 'addOne', which may run in several instances at once, with no lock held in common; make it std::atomic<int> [conc-shared-state]

// Racy: two threads are given one local.
int twoThreadsOneLocal() {
  int n = 0;
  std::thread a(addOne, &n);
  std::thread b(addOne, &n);
// CHECK-MESSAGES: :[[@LINE-2]]:15: note: the thread running 'addOne' is started here (several may run at once)
// CHECK-MESSAGES: :[[@LINE-4]]:7: note: 'n' is declared here
  a.join();
  b.join();
  return n;
}

void addRef(int &r) { r += 1; }
// CHECK-MESSAGES: :[[@LINE-1]]:23: warning: 'n' is written on the thread running 'addRef' and written on the main thread with no lock held in common; make it std::atomic<int>, or guard every access with one mutex [conc-shared-state]

// Racy: the starting thread writes the local while the thread runs.
int writeWhileRunning() {
  int n = 0;
  std::thread a(addRef, std::ref(n));
  n = 3;
// CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'n' is written here on the main thread
// CHECK-MESSAGES: :[[@LINE-3]]:15: note: the thread running 'addRef' is started here
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: call path: main -> writeWhileRunning
// CHECK-MESSAGES: :[[@LINE-6]]:7: note: 'n' is declared here
  a.join();
  return n;
}

// Safe twin: written only after the join.
int writeAfterJoin() {
  int n = 0;
  std::thread a(addRef, std::ref(n));
  a.join();
  n = 3;
  return n;
}

// Safe twin of twoThreadsOneLocal: one thread each, each its own local,
// read after the joins.
int oneLocalEach() {
  int x = 0, y = 0;
  std::thread a(addOne, &x);
  a.join();
  std::thread b(addRef, std::ref(y));
  b.join();
  return x + y;
}

void *pthreadAdd(void *arg) {
  int *p = (int *)arg;
  *p = *p + 1;
// CHECK-MESSAGES: :[[@LINE-1]]:4: warning: 'n' is written on the thread running 'pthreadAdd', which may run in several instances at once, with no lock held in common; make it std::atomic<int> [conc-shared-state]
  return nullptr;
}

// Racy: two POSIX threads are given one local.
int pthreads() {
  int n = 0;
  pthread_t t1, t2;
  pthread_create(&t1, nullptr, pthreadAdd, &n);
// CHECK-MESSAGES: :[[@LINE-1]]:3: note: the thread running 'pthreadAdd' is started here (several may run at once)
// CHECK-MESSAGES: :[[@LINE-4]]:7: note: 'n' is declared here
  pthread_create(&t2, nullptr, pthreadAdd, &n);
  pthread_join(t1, nullptr);
  pthread_join(t2, nullptr);
  return n;
}

void *pthreadStore(void *arg) {
  *(int *)arg = 5;
// CHECK-MESSAGES: :[[@LINE-1]]:11: warning: 'm' is written on the thread running 'pthreadStore' and read on the main thread with no lock held in common; make it std::atomic<int>, or guard every access with one mutex [conc-shared-state]
  return nullptr;
}

// Racy: read while the thread may still write it.
int readWhileRunning() {
  int m = 0;
  pthread_t t;
  pthread_create(&t, nullptr, pthreadStore, &m);
  int seen = m;
// CHECK-MESSAGES: :[[@LINE-1]]:14: note: 'm' is read here on the main thread
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: the thread running 'pthreadStore' is started here
// CHECK-MESSAGES: :[[@LINE-3]]:14: note: call path: main -> readWhileRunning
// CHECK-MESSAGES: :[[@LINE-7]]:7: note: 'm' is declared here
  pthread_join(t, nullptr);
  return seen;
}

// Safe twin: each POSIX thread is given its own local, read after the join.
int pthreadsOwnLocals() {
  int a = 0, b = 0;
  pthread_t t1, t2;
  pthread_create(&t1, nullptr, pthreadStore, &a);
  pthread_create(&t2, nullptr, pthreadAdd, &b);
  pthread_join(t1, nullptr);
  pthread_join(t2, nullptr);
  return a + b;
}

// Safe: each thread gets its own element; elements are not followed.
int ownElements() {
  int slots[2] = {0, 0};
  std::thread a(addOne, &slots[0]);
  std::thread b(addOne, &slots[1]);
  a.join();
  b.join();
  return slots[0] + slots[1];
}

// Safe: passed by value, the thread works on a copy.
void byValue(int v) { v += 1; }
int copies() {
  int n = 0;
  std::thread a(byValue, n);
  std::thread b(byValue, n);
  a.join();
  b.join();
  return n;
}

int main() {
  return twoThreadsOneLocal() + writeWhileRunning() + writeAfterJoin() + oneLocalEach() +
         pthreads() + readWhileRunning() + pthreadsOwnLocals() + ownElements() + copies();
}
