// conc-detached-thread-capture with IgnoreThis: true: 'this' handed to a
// detached thread is not reported; locals still are.
// RUN: rm -rf %t && mkdir -p %t
// RUN: printf 'CheckOptions:\n  conc-detached-thread-capture.IgnoreThis: true\n' > %t/ignore-this.yaml
// RUN: %conc-advisor --config-file=%t/ignore-this.yaml --checks='-*,conc-detached-thread-capture' --fail-on=error %s -- -std=c++17 %mock-headers \
// RUN:   | FileCheck %s -check-prefix=CHECK-MESSAGES -implicit-check-not='{{note|warning|error}}:'
// The default (false) reports both: the option, not the code, silences 'this'.
// RUN: %conc-advisor --checks='-*,conc-detached-thread-capture' --fail-on=error %s -- -std=c++17 %mock-headers \
// RUN:   | FileCheck %s -check-prefix=DEFAULT -implicit-check-not='{{note|warning|error}}:'

#include <thread>

int work();

struct Service {
  int State = 0;
  void start() {
    std::thread([this] { State = work(); }).detach();
// DEFAULT: :[[@LINE-1]]:5: warning: detached thread captures 'this'; {{.*}} [conc-detached-thread-capture]
// DEFAULT: :[[@LINE-2]]:18: note: 'this' is captured here
// DEFAULT: :[[@LINE-3]]:45: note: the thread is detached here
    std::thread(&Service::poll, this).detach();
// DEFAULT: :[[@LINE-1]]:5: warning: detached thread is passed 'this'; {{.*}} [conc-detached-thread-capture]
// DEFAULT: :[[@LINE-2]]:33: note: 'this' is passed here
// DEFAULT: :[[@LINE-3]]:39: note: the thread is detached here
  }
  void poll();
};

void local() {
  int Count = 0;
  std::thread([&Count] { Count = work(); }).detach();
// CHECK-MESSAGES: :[[@LINE-1]]:3: warning: detached thread captures local 'Count' by reference; {{.*}} [conc-detached-thread-capture]
// CHECK-MESSAGES: :[[@LINE-2]]:17: note: 'Count' is captured by reference here
// CHECK-MESSAGES: :[[@LINE-3]]:45: note: the thread is detached here
// DEFAULT: :[[@LINE-4]]:3: warning: detached thread captures local 'Count' by reference; {{.*}} [conc-detached-thread-capture]
// DEFAULT: :[[@LINE-5]]:17: note: 'Count' is captured by reference here
// DEFAULT: :[[@LINE-6]]:45: note: the thread is detached here
}
