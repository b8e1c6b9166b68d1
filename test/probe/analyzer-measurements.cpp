// RUN: %conc-advisor --checks='-*,conc-thread-site,conc-process-site,conc-advice-thread-per-task,conc-advice-process-for-cpu' \
// RUN:   --fail-on=error %s -- -std=c++17 %mock-headers \
// RUN:   | FileCheck %s -check-prefix=PLAIN -implicit-check-not=measured -implicit-check-not=profile -implicit-check-not='on this machine'
// RUN: %conc-advisor --checks='-*,conc-thread-site,conc-process-site,conc-advice-thread-per-task,conc-advice-process-for-cpu' \
// RUN:   --fail-on=error --profile=%S/../Inputs/probe/measured-sites.profile.yaml %s -- -std=c++17 %mock-headers \
// RUN:   | FileCheck %s -check-prefix=PROFILE -implicit-check-not='on this machine'
// RUN: %conc-advisor --checks='-*,conc-advice-thread-per-task,conc-advice-process-for-cpu' --fail-on=error \
// RUN:   --hardware=%S/../Inputs/probe/hardware-2cores.yaml %s -- -std=c++17 %mock-headers \
// RUN:   | FileCheck %s -check-prefix=HARDWARE -implicit-check-not=measured -implicit-check-not=profile
// RUN: %conc-advisor --checks='-*,conc-thread-site,conc-process-site,conc-advice-thread-per-task,conc-advice-process-for-cpu' \
// RUN:   --fail-on=error --format=sarif --profile=%S/../Inputs/probe/measured-sites.profile.yaml \
// RUN:   --hardware=%S/../Inputs/probe/hardware-2cores.yaml %s -- -std=c++17 %mock-headers \
// RUN:   | FileCheck %s -check-prefix=SARIF
// RUN: %conc-advisor --checks='-*,conc-thread-site' --fail-on=error --format=json \
// RUN:   --profile=%S/../Inputs/probe/measured-sites.profile.yaml %s -- -std=c++17 %mock-headers \
// RUN:   | FileCheck %s -check-prefix=JSON

// Bad files: exit 2, naming the file and line, before any analysis.
// RUN: sed 's/on-cpu-ratio: 0.9,/on-cpu-ratio: high,/' %S/../Inputs/probe/measured-sites.profile.yaml > %t.bad-profile.yaml
// RUN: %expect-exit 2 %conc-advisor --profile=%t.bad-profile.yaml %s -- -std=c++17 %mock-headers 2>&1 \
// RUN:   | FileCheck %s -check-prefix=BADPROFILE
// BADPROFILE: conc-advisor: error: {{.*}}bad-profile.yaml:8: {{.*}}on-cpu-ratio
// RUN: %expect-exit 2 %conc-advisor --hardware=%S/../Inputs/probe/measured-sites.profile.yaml %s -- -std=c++17 %mock-headers 2>&1 \
// RUN:   | FileCheck %s -check-prefix=BADHARDWARE
// BADHARDWARE: conc-advisor: error: {{.*}}measured-sites.profile.yaml:1: missing 'conc-probe-hardware'
// RUN: %expect-exit 2 %conc-advisor --profile=%t.missing.yaml %s -- -std=c++17 %mock-headers 2>&1 \
// RUN:   | FileCheck %s -check-prefix=NOPROFILE
// NOPROFILE: conc-advisor: error: {{.*}}missing.yaml

// The profile (test/Inputs/probe/measured-sites.profile.yaml) was written
// for this file as built in another directory: its records join these sites
// by the path's trailing components and the line.

#include <thread>
#include <unistd.h>
#include <vector>

void crunch() {
  long S = 0;
  for (long I = 0; I < 1000; ++I)
    for (long J = 0; J < 8; ++J)
      S += I * J;
}
void wait_a_bit() {
  for (int I = 0; I < 10; ++I)
    usleep(1000);
}
void opaque();

void sites(std::vector<int> &Items) {
  // Static cpu, measured cpu: confirmed.
  std::thread A(crunch);
// PLAIN: :[[@LINE-1]]:15: note: 'std::thread' starts a thread running 'crunch' [conc-thread-site]
// PROFILE: :[[@LINE-2]]:15: note: 'std::thread' starts a thread running 'crunch' [conc-thread-site]
// PROFILE: :[[@LINE-3]]:15: note: measured by conc-probe: 1 thread (pthread_create), on-CPU ratio 0.90 (cpu): 9000 us CPU in 10000 us wall, 2 voluntary and 5 involuntary context switches; this confirms the class 'cpu' the static analysis gave

  // Static io, measured cpu: refuted, and the message says so.
  std::thread B(wait_a_bit);
// PLAIN: :[[@LINE-1]]:15: note: 'std::thread' starts a thread running 'wait_a_bit' [conc-thread-site]
// PROFILE: :[[@LINE-2]]:15: note: 'std::thread' starts a thread running 'wait_a_bit'; but the profiled run measured an on-CPU ratio of 0.95 over 1 thread (cpu), not io [conc-thread-site]
// PROFILE: :[[@LINE-3]]:15: note: the work it runs looks I/O-bound (high confidence)
// PROFILE: :[[@LINE-4]]:15: note: measured by conc-probe: 1 thread (pthread_create), on-CPU ratio 0.95 (cpu): 9500 us CPU in 12000 us wall (2000 us of it waiting for a CPU), 1 voluntary and 30 involuntary context switches; this refutes the class 'io' the static analysis gave

  // Static unknown, measured io: the measured class replaces it.
  std::thread C(opaque);
// PROFILE: :[[@LINE-1]]:15: note: 'std::thread' starts a thread running 'opaque' [conc-thread-site]
// PROFILE: :[[@LINE-2]]:15: note: measured by conc-probe: 1 thread (pthread_create), on-CPU ratio 0.01 (io): 100 us CPU in 10000 us wall, 10 voluntary and 0 involuntary context switches; the static analysis could not tell, so the class is the measured one

  // Nothing recorded at this line (only in another file): unverified.
  std::thread D(crunch);
// PROFILE: :[[@LINE-1]]:15: note: 'std::thread' starts a thread running 'crunch' [conc-thread-site]
// PROFILE: :[[@LINE-2]]:15: note: the profile does not confirm the class: nothing was created at this line in the profiled run

  // Recorded, but too brief to classify: unverified.
  std::thread E(crunch);
// PROFILE: :[[@LINE-1]]:15: note: 'std::thread' starts a thread running 'crunch' [conc-thread-site]
// PROFILE: :[[@LINE-2]]:15: note: measured by conc-probe: 1 thread (pthread_create), on-CPU ratio 0.50 (unknown): 100 us CPU in 200 us wall, 0 voluntary and 0 involuntary context switches; the profile does not confirm the class: they ran too briefly to tell: 200 us of CPU and blocked time, the class needs 1000 us (min-wall-time-us in rules/workload.yaml)

  for (int Item : Items)
    std::thread(crunch).detach();
// PLAIN: :[[@LINE-1]]:5: warning: 'std::thread' starts a new thread for every item of this loop to run 'crunch', so the loop pays a thread creation per item and runs as many threads as there are items; the work looks CPU-bound: start a fixed pool of about one thread per core once and submit each item to it as a task [conc-advice-thread-per-task]
// PROFILE: :[[@LINE-2]]:5: warning: {{.*}} submit each item to it as a task [conc-advice-thread-per-task]
// PROFILE: :[[@LINE-3]]:5: note: measured by conc-probe: 100 threads (pthread_create), on-CPU ratio 0.90 (cpu): {{.*}}; this confirms the class 'cpu' the static analysis gave
// PROFILE: :[[@LINE-4]]:5: note: 'std::thread' starts a thread running 'crunch'; in a loop, so this site may create many threads [conc-thread-site]
// PROFILE: :[[@LINE-5]]:5: note: measured by conc-probe: 100 threads {{.*}}; this confirms the class 'cpu'
// HARDWARE: :[[@LINE-6]]:5: warning: {{.*}} submit each item to it as a task; on this machine, creating and joining a thread costs 30.0 us (p10 25.0, p90 40.0), handing a task to a running pool thread 10.0 us (p10 9.00, p90 12.0): a thread per task pays 3.00x per task [conc-advice-thread-per-task]
  if (fork() == 0) {
// PLAIN: :[[@LINE-1]]:7: warning: 'fork' starts a process for CPU-bound work; {{.*}} that must stay in the child) [conc-advice-process-for-cpu]
// PLAIN: :[[@LINE-2]]:7: note: 'fork' creates a child process that continues in this code [conc-process-site]
// PROFILE: :[[@LINE-3]]:7: warning: 'fork' starts a process for CPU-bound work; {{.*}} that must stay in the child) [conc-advice-process-for-cpu]
// PROFILE: :[[@LINE-4]]:7: note: measured by conc-probe: 1 process (fork), on-CPU ratio 0.96 (cpu): 5000 us CPU in 5200 us wall, 1 voluntary and 2 involuntary context switches; this confirms the class 'cpu' the static analysis gave
// PROFILE: :[[@LINE-5]]:7: note: 'fork' creates a child process that continues in this code [conc-process-site]
// PROFILE: :[[@LINE-6]]:7: note: measured by conc-probe: 1 process (fork){{.*}}; this confirms the class 'cpu'
// HARDWARE: :[[@LINE-7]]:7: warning: 'fork' starts a process for CPU-bound work; {{.*}}; on this machine, fork+wait costs 300 us (p10 250, p90 400), a thread create+join 30.0 us (p10 25.0, p90 40.0): a process costs 10.0x a thread; at 2 workers threads scaled 1.90x, processes 1.80x [conc-advice-process-for-cpu]
    crunch();
    _exit(0);
  }
}

// Every site and advice finding carries the confirmation and the figures.
// SARIF: "ruleId": "conc-advice-thread-per-task"
// SARIF: "hardware-figures": "creating and joining a thread costs 30.0 us (p10 25.0, p90 40.0), handing a task to a running pool thread 10.0 us (p10 9.00, p90 12.0): a thread per task pays 3.00x per task; this loop started 100 threads in the profiled run: about 3000 us of creating and joining them against 1000 us as pool tasks",
// SARIF: "hardware-verdict": "backed",
// SARIF: "ruleId": "conc-advice-process-for-cpu"
// SARIF: "properties": {
// SARIF: "confirmation": "confirmed",
// SARIF: "hardware-figures": "fork+wait costs 300 us (p10 250, p90 400), a thread create+join 30.0 us (p10 25.0, p90 40.0): a process costs 10.0x a thread; at 2 workers threads scaled 1.90x, processes 1.80x; the profiled run measured an on-CPU ratio of 0.96 over 1 process (cpu)",
// SARIF: "hardware-verdict": "backed",
// SARIF: "logical-cores": "2",
// SARIF: "measured-class": "cpu",
// SARIF: "measured-count": "1",
// SARIF: "measured-cpu-time-us": "5000",
// SARIF: "measured-involuntary-switches": "2",
// SARIF: "measured-on-cpu-ratio": "0.962",
// SARIF: "measured-run-queue-wait-us": "0",
// SARIF: "measured-timed": "1",
// SARIF: "measured-voluntary-switches": "1",
// SARIF: "measured-wall-time-us": "5200",
// SARIF: "workload-class": "cpu",
// SARIF: "workload-class-source": "static",

// JSON: "check": "conc-thread-site"
// JSON: "confirmation": "confirmed",
// JSON: "measured-class": "cpu",
// JSON: "workload-class": "cpu",
// JSON-NEXT: "workload-class-source": "static",
// JSON: "check": "conc-thread-site"
// JSON: "confirmation": "refuted",
// JSON: "measured-class": "cpu",
// JSON: "workload-class": "io",
// JSON-NEXT: "workload-class-source": "static",
// JSON: "check": "conc-thread-site"
// JSON: "confirmation": "confirmed",
// JSON: "measured-class": "io",
// JSON: "static-workload-class": "unknown",
// JSON-NEXT: "workload-class": "io",
// JSON-NEXT: "workload-class-source": "profile"
// JSON: "check": "conc-thread-site"
// JSON: "confirmation": "unverified",
// JSON-NEXT: "confirmation-reason": "nothing was created at this line in the profiled run",
// JSON: "check": "conc-thread-site"
// JSON: "confirmation": "unverified",
// JSON-NEXT: "confirmation-reason": "they ran too briefly to tell: {{.*}}",
// JSON: "measured-class": "unknown",
