// RUN: %conc-advisor --checks='-*,conc-shared-state' --fail-on=error %s -- -std=c++17 %mock-headers \
// RUN:   | FileCheck %s -check-prefix=CHECK-MESSAGES -implicit-check-not='{{note|warning|error}}:'

// One-time initialization: std::call_once and function-local statics run
// their initializer once, and every other caller waits for it.

#include <mutex>
#include <thread>

struct Table {
  int Size = 0;
};

// Racy: two threads may both see 'Loaded' unset and fill the table at once.
Table Handmade;
bool Loaded = false;
void useHandmade() {
  if (!Loaded) {
    Handmade.Size = 64;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Handmade' is written on the thread running 'useHandmade', which may run in several instances at once, with no lock held in common; guard every access with one mutex, or give each thread its own copy (thread_local) [conc-shared-state]
// CHECK-MESSAGES: :[[@LINE+27]]:15: note: the thread running 'useHandmade' is started here (several may run at once)
// CHECK-MESSAGES: :[[@LINE-7]]:7: note: 'Handmade' is declared here
    Loaded = true;
// CHECK-MESSAGES: :[[@LINE-1]]:5: warning: 'Loaded' is written on the thread running 'useHandmade' and read on another instance of it with no lock held in common; guard every access with one mutex, or give each thread its own copy (thread_local) [conc-shared-state]
// CHECK-MESSAGES: :[[@LINE-7]]:8: note: 'Loaded' is read here on the thread running 'useHandmade'
// CHECK-MESSAGES: :[[@LINE+22]]:15: note: the thread running 'useHandmade' is started here (several may run at once)
// CHECK-MESSAGES: :[[@LINE-11]]:6: note: 'Loaded' is declared here
  }
}

// Safe twin: std::call_once runs the initializer on one thread, the others
// wait for it.
Table Once;
std::once_flag OnceFlag;
void useOnce() {
  std::call_once(OnceFlag, [] { Once.Size = 64; });
}

// Safe twin: a function-local static is initialized once, under a lock the
// compiler provides.
int makeSize() { return 64; }
int useStatic() {
  static int Size = makeSize();
  return Size;
}

int main() {
  std::thread A(useHandmade), B(useHandmade);
  std::thread C(useOnce), D(useOnce);
  std::thread E(useStatic), F(useStatic);
  A.join(); B.join(); C.join(); D.join(); E.join(); F.join();
}
