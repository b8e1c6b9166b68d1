//===- probe/microbench/MicroBenchmarks.cpp - conc-probe-microbench -----------===//
//
// The micro-benchmarks of `conc-probe hardware`, as a small program of their
// own: fork's cost grows with the forking process's mappings, and conc-probe
// maps all of LLVM, so measured from conc-probe it would be many times what a
// typical program pays. This program links only libc and libstdc++.
//
// Plain POSIX and pthreads, so that the figures are what a C++ program pays
// (std::thread, std::mutex and most pools are thin layers over these).
// Children created here exit with _exit at once: a benchmark measures the
// mechanism, not the work.
//
// Usage: conc-probe-microbench [--quick] LOGICAL_CORES
// Output, one line each (read by probe/HardwareCommand.cpp):
//   cost NAME SAMPLE...          samples in the figure's unit
//   not-measured NAME REASON...
//   scaling WORKERS THREADS_SPEEDUP PROCESSES_SPEEDUP
//
//===----------------------------------------------------------------------===//
#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstring>
#include <fcntl.h>
#include <functional>
#include <mutex>
#include <optional>
#include <pthread.h>
#include <sched.h>
#include <spawn.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char **environ;

namespace {

using Clock = std::chrono::steady_clock;

double elapsedUs(Clock::time_point Start) {
  return std::chrono::duration<double, std::micro>(Clock::now() - Start).count();
}

/// A benchmark either gives its samples or says why it could not.
struct Outcome {
  std::vector<double> Samples;
  std::string NotMeasuredReason;
};

Outcome failed(const std::string &Why) { return {{}, Why}; }

/// Each repeated benchmark stops at `Runs` or after this many seconds
/// (with at least MinRuns), so that a machine where fork takes 10 ms still
/// finishes the default run in under 30 s.
double BudgetSeconds = 2.0;
constexpr unsigned MinRuns = 5;

bool another(unsigned Done, unsigned Runs, Clock::time_point Start) {
  if (Done >= Runs)
    return false;
  return Done < MinRuns || elapsedUs(Start) < BudgetSeconds * 1e6;
}

Outcome threadCreateJoin(unsigned Runs) {
  Outcome O;
  auto Begin = Clock::now();
  for (unsigned I = 0; another(I, Runs, Begin); ++I) {
    auto Start = Clock::now();
    pthread_t T;
    if (pthread_create(&T, nullptr, [](void *) -> void * { return nullptr; }, nullptr))
      return failed(std::string("pthread_create failed: ") + strerror(errno));
    pthread_join(T, nullptr);
    O.Samples.push_back(elapsedUs(Start));
  }
  return O;
}

/// The smallest pool: one worker, one queue slot, a condition variable each
/// way. A task's cost is handing it over and hearing that it ran.
Outcome poolTaskDispatch(unsigned Runs) {
  std::mutex M;
  std::condition_variable ToWorker, ToCaller;
  unsigned Posted = 0, Done = 0;
  bool Stop = false;
  std::thread Worker([&] {
    std::unique_lock<std::mutex> L(M);
    while (true) {
      ToWorker.wait(L, [&] { return Stop || Posted > Done; });
      if (Stop)
        return;
      ++Done; // the task: nothing
      ToCaller.notify_one();
    }
  });
  Outcome O;
  for (unsigned I = 0; I < Runs; ++I) {
    auto Start = Clock::now();
    {
      std::unique_lock<std::mutex> L(M);
      ++Posted;
      ToWorker.notify_one();
      ToCaller.wait(L, [&] { return Done == Posted; });
    }
    O.Samples.push_back(elapsedUs(Start));
  }
  {
    std::lock_guard<std::mutex> L(M);
    Stop = true;
  }
  ToWorker.notify_one();
  Worker.join();
  return O;
}

Outcome forkWait(unsigned Runs, bool UseVfork) {
  Outcome O;
  auto Begin = Clock::now();
  for (unsigned I = 0; another(I, Runs, Begin); ++I) {
    auto Start = Clock::now();
    pid_t P = UseVfork ? vfork() : fork();
    if (P == 0)
      _exit(0);
    if (P < 0)
      return failed(std::string(UseVfork ? "vfork" : "fork") + " failed: " + strerror(errno));
    waitpid(P, nullptr, 0);
    O.Samples.push_back(elapsedUs(Start));
  }
  return O;
}

Outcome posixSpawnWait(unsigned Runs) {
  const char *True = access("/bin/true", X_OK) == 0 ? "/bin/true" : nullptr;
  if (!True)
    return failed("/bin/true is missing: nothing cheap to spawn");
  Outcome O;
  char *Argv[] = {const_cast<char *>("true"), nullptr};
  auto Begin = Clock::now();
  for (unsigned I = 0; another(I, Runs, Begin); ++I) {
    auto Start = Clock::now();
    pid_t P;
    if (int E = posix_spawn(&P, True, nullptr, nullptr, Argv, environ))
      return failed(std::string("posix_spawn failed: ") + strerror(E));
    waitpid(P, nullptr, 0);
    O.Samples.push_back(elapsedUs(Start));
  }
  return O;
}

bool pinToCpu(pthread_t T, int Cpu) {
  cpu_set_t Set;
  CPU_ZERO(&Set);
  CPU_SET(Cpu, &Set);
  return pthread_setaffinity_np(T, sizeof Set, &Set) == 0;
}

/// Two threads on one CPU pass a byte back and forth through two pipes:
/// every hand-over is a switch. Per switch = round trip / 2.
Outcome contextSwitch(unsigned Runs, unsigned TripsPerRun) {
  cpu_set_t Allowed;
  if (sched_getaffinity(0, sizeof Allowed, &Allowed) != 0)
    return failed("cannot read the CPU affinity mask");
  int Cpu = -1;
  for (int I = 0; I < CPU_SETSIZE && Cpu < 0; ++I)
    if (CPU_ISSET(I, &Allowed))
      Cpu = I;
  int AB[2], BA[2];
  if (pipe(AB) || pipe(BA))
    return failed(std::string("pipe failed: ") + strerror(errno));
  std::thread Echo([&] {
    char C;
    for (unsigned I = 0; I < Runs * TripsPerRun; ++I)
      if (read(AB[0], &C, 1) != 1 || write(BA[1], &C, 1) != 1)
        break;
  });
  bool Pinned = pinToCpu(Echo.native_handle(), Cpu) && pinToCpu(pthread_self(), Cpu);
  Outcome O;
  char C = 'x';
  for (unsigned R = 0; R < Runs; ++R) {
    auto Start = Clock::now();
    for (unsigned I = 0; I < TripsPerRun; ++I)
      if (write(AB[1], &C, 1) != 1 || read(BA[0], &C, 1) != 1)
        break;
    O.Samples.push_back(elapsedUs(Start) / (2.0 * TripsPerRun));
  }
  Echo.join();
  sched_setaffinity(0, sizeof Allowed, &Allowed);
  for (int Fd : {AB[0], AB[1], BA[0], BA[1]})
    close(Fd);
  if (!Pinned)
    return failed("cannot pin two threads to one CPU (affinity refused), so a hand-over "
                  "would not be a context switch");
  return O;
}

Outcome mutexUncontended(unsigned Runs, unsigned OpsPerRun) {
  pthread_mutex_t M = PTHREAD_MUTEX_INITIALIZER;
  Outcome O;
  for (unsigned R = 0; R < Runs; ++R) {
    auto Start = Clock::now();
    for (unsigned I = 0; I < OpsPerRun; ++I) {
      pthread_mutex_lock(&M);
      pthread_mutex_unlock(&M);
    }
    O.Samples.push_back(elapsedUs(Start) * 1000.0 / OpsPerRun);
  }
  return O;
}

/// Two threads lock and unlock one mutex in a loop: the cost per lock of a
/// lock both want (with one logical core, contention comes from preemption).
Outcome mutexContended(unsigned Runs, unsigned OpsPerRun) {
  pthread_mutex_t M = PTHREAD_MUTEX_INITIALIZER;
  volatile unsigned long Shared = 0;
  Outcome O;
  for (unsigned R = 0; R < Runs; ++R) {
    auto Work = [&] {
      for (unsigned I = 0; I < OpsPerRun; ++I) {
        pthread_mutex_lock(&M);
        Shared = Shared + 1;
        pthread_mutex_unlock(&M);
      }
    };
    auto Start = Clock::now();
    std::thread Other(Work);
    Work();
    Other.join();
    O.Samples.push_back(elapsedUs(Start) * 1000.0 / (2.0 * OpsPerRun));
  }
  return O;
}

/// A child process that echoes bytes (round trip) or swallows a stream
/// (bandwidth) on the descriptors `In`/`Out`.
Outcome ipcBenchmark(bool Socket, bool Bandwidth, unsigned Runs, unsigned TripsPerRun,
                     size_t BytesPerRun) {
  int ParentIn, ParentOut, ChildIn, ChildOut;
  int Fds[4];
  if (Socket) {
    if (socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, Fds))
      return failed(std::string("socketpair failed: ") + strerror(errno));
    ParentIn = ParentOut = Fds[0];
    ChildIn = ChildOut = Fds[1];
  } else {
    if (pipe2(Fds, O_CLOEXEC) || pipe2(Fds + 2, O_CLOEXEC))
      return failed(std::string("pipe failed: ") + strerror(errno));
    ParentOut = Fds[1];
    ChildIn = Fds[0];
    ChildOut = Fds[3];
    ParentIn = Fds[2];
  }
  const size_t Chunk = 64 * 1024;
  std::vector<char> Buffer(Chunk, 'x');
  pid_t P = fork();
  if (P < 0)
    return failed(std::string("fork failed: ") + strerror(errno));
  if (P == 0) {
    char C;
    if (Bandwidth) {
      size_t Total = size_t(Runs) * BytesPerRun;
      while (Total > 0) {
        ssize_t N = read(ChildIn, Buffer.data(), std::min(Chunk, Total));
        if (N <= 0)
          _exit(1);
        Total -= size_t(N);
      }
      (void)!write(ChildOut, "k", 1);
    } else {
      for (unsigned I = 0; I < Runs * TripsPerRun; ++I)
        if (read(ChildIn, &C, 1) != 1 || write(ChildOut, &C, 1) != 1)
          _exit(1);
    }
    _exit(0);
  }
  Outcome O;
  for (unsigned R = 0; R < Runs; ++R) {
    auto Start = Clock::now();
    if (Bandwidth) {
      size_t Left = BytesPerRun;
      while (Left > 0) {
        ssize_t N = write(ParentOut, Buffer.data(), std::min(Chunk, Left));
        if (N <= 0)
          break;
        Left -= size_t(N);
      }
      if (R + 1 == Runs) { // the last run waits until the child has read all
        char C;
        (void)!read(ParentIn, &C, 1);
      }
      double Seconds = elapsedUs(Start) / 1e6;
      O.Samples.push_back(double(BytesPerRun) / (1024.0 * 1024.0) / Seconds);
    } else {
      char C = 'x';
      for (unsigned I = 0; I < TripsPerRun; ++I)
        if (write(ParentOut, &C, 1) != 1 || read(ParentIn, &C, 1) != 1)
          break;
      O.Samples.push_back(elapsedUs(Start) / TripsPerRun);
    }
  }
  waitpid(P, nullptr, 0);
  for (int I = 0; I < (Socket ? 2 : 4); ++I)
    close(Fds[I]);
  return O;
}

/// CPU-bound work the compiler cannot remove: `Iterations` steps of an
/// xorshift generator.
uint64_t spin(uint64_t Iterations) {
  uint64_t X = 88172645463325252ull;
  for (uint64_t I = 0; I < Iterations; ++I) {
    X ^= X << 13;
    X ^= X >> 7;
    X ^= X << 17;
  }
  return X;
}

/// Seconds to do `Total` iterations split over `Workers` threads or
/// processes (the best of `Reps`, the least disturbed by other load).
double splitWork(uint64_t Total, unsigned Workers, bool Processes, unsigned Reps) {
  double Best = 1e30;
  for (unsigned Rep = 0; Rep < Reps; ++Rep) {
    auto Start = Clock::now();
    uint64_t Share = Total / Workers;
    if (Processes) {
      std::vector<pid_t> Kids;
      for (unsigned W = 0; W < Workers; ++W) {
        pid_t P = fork();
        if (P == 0)
          _exit(int(spin(Share) & 1));
        if (P > 0)
          Kids.push_back(P);
      }
      for (pid_t P : Kids)
        waitpid(P, nullptr, 0);
    } else {
      std::vector<std::thread> Threads;
      std::vector<uint64_t> Sink(Workers);
      for (unsigned W = 0; W < Workers; ++W)
        Threads.emplace_back([&, W] { Sink[W] = spin(Share); });
      for (std::thread &T : Threads)
        T.join();
    }
    Best = std::min(Best, elapsedUs(Start) / 1e6);
  }
  return Best;
}

void report(const char *Name, const Outcome &O) {
  if (O.Samples.empty()) {
    printf("not-measured %s %s\n", Name,
           O.NotMeasuredReason.empty() ? "no sample could be taken"
                                       : O.NotMeasuredReason.c_str());
    return;
  }
  printf("cost %s", Name);
  for (double S : O.Samples)
    printf(" %.4f", S);
  printf("\n");
}

} // namespace

int main(int argc, char **argv) {
  bool Q = argc == 3 && std::string(argv[1]) == "--quick";
  if (argc != (Q ? 3 : 2)) {
    fprintf(stderr, "usage: conc-probe-microbench [--quick] LOGICAL_CORES\n");
    return 2;
  }
  unsigned Cores = unsigned(atoi(argv[argc - 1]));
  if (Q)
    BudgetSeconds = 0.3;
  if (Cores == 0)
    Cores = 1;
  report("thread-create-join", threadCreateJoin(Q ? 100 : 1000));
  report("pool-task-dispatch", poolTaskDispatch(Q ? 200 : 2000));
  report("fork-wait", forkWait(Q ? 20 : 200, false));
  report("vfork-wait", forkWait(Q ? 20 : 200, true));
  report("posix-spawn-wait", posixSpawnWait(Q ? 10 : 100));
  report("context-switch", contextSwitch(Q ? 10 : 50, Q ? 200 : 1000));
  report("mutex-uncontended", mutexUncontended(Q ? 10 : 30, 100000));
  report("mutex-contended", mutexContended(Q ? 5 : 20, Q ? 20000 : 100000));
  report("pipe-round-trip", ipcBenchmark(false, false, Q ? 10 : 30, Q ? 200 : 1000, 0));
  report("unix-socket-round-trip", ipcBenchmark(true, false, Q ? 10 : 30, Q ? 200 : 1000, 0));
  report("pipe-bandwidth", ipcBenchmark(false, true, Q ? 5 : 10, 0, size_t(Q ? 4 : 32) << 20));
  report("unix-socket-bandwidth",
         ipcBenchmark(true, true, Q ? 5 : 10, 0, size_t(Q ? 4 : 32) << 20));
  fflush(stdout);

  // Fixed total work, 1..2x cores workers: a worker count past the cores
  // buys nothing for CPU-bound work, and this curve shows it.
  const uint64_t Total = Q ? 20000000ull : 150000000ull;
  const unsigned Reps = Q ? 1 : 2;
  double OneThread = splitWork(Total, 1, false, Reps);
  double OneProcess = splitWork(Total, 1, true, Reps);
  for (unsigned W = 1; W <= 2 * Cores; ++W) {
    double T = W == 1 ? 1.0 : OneThread / splitWork(Total, W, false, Reps);
    double P = W == 1 ? 1.0 : OneProcess / splitWork(Total, W, true, Reps);
    printf("scaling %u %.4f %.4f\n", W, T, P);
  }
  return 0;
}
