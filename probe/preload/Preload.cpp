//===- probe/preload/Preload.cpp - Records the threads and processes a program creates -===//
//
// libconc-probe-preload.so, loaded into every process of the traced program
// through LD_PRELOAD by `conc-probe run`. It interposes the functions that
// create threads and processes, notes where each was called from (raw return
// addresses; conc-probe symbolizes them later, outside the program), and
// measures each thread's CPU time, wall time and context switches, and each
// child process's resource usage. Records are lines in the format of
// probe/RecordFormat.h, copied into a shared mapping of the records file: no
// system call per line, and a crash loses nothing already copied (the page
// cache outlives the process).
//
// Rules this file keeps, because the probe must never change what the
// program does:
//  - The program's calls reach the real functions with the same arguments
//    and their results come back unchanged, errno included.
//  - Between fork and exec, and in _exit, only async-signal-safe calls
//    (clock_gettime, getrusage, getpid, and the plain system calls fstat,
//    fallocate and mmap when the records file must grow): no malloc, no
//    locks, no stdio, no unwinding. exec* records its site from the
//    immediate return address for that reason.
//  - Locks held across fork are taken and released by pthread_atfork
//    handlers, so a child never inherits a lock held by a thread that does
//    not exist there.
//  - Without CONC_PROBE_RECORDS in the environment every wrapper is a plain
//    call through.
//  - It loads nothing the program did not: no C++ runtime (threads are
//    measured by a pthread key destructor, not an unwinding destructor), and
//    the unwinder is linked in statically.
//
//===----------------------------------------------------------------------===//
#include "probe/RecordFormat.h"

#include <atomic>
#include <cerrno>
#include <climits>
#include <cstdarg>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <dlfcn.h>
#include <fcntl.h>
#include <link.h>
#include <pthread.h>
#include <spawn.h>
#include <sys/mman.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>
#include <unwind.h>

namespace {

//===-- Real functions ------------------------------------------------------===//

using PthreadCreateFn = int (*)(pthread_t *, const pthread_attr_t *,
                                void *(*)(void *), void *);
using ForkFn = pid_t (*)();
using SpawnFn = int (*)(pid_t *, const char *, const posix_spawn_file_actions_t *,
                        const posix_spawnattr_t *, char *const[], char *const[]);
using ExecveFn = int (*)(const char *, char *const[], char *const[]);
using ExecvFn = int (*)(const char *, char *const[]);
using SystemFn = int (*)(const char *);
using PopenFn = FILE *(*)(const char *, const char *);
using PcloseFn = int (*)(FILE *);
using ExitFn = void (*)(int);

struct RealFunctions {
  PthreadCreateFn PthreadCreate = nullptr;
  ForkFn Fork = nullptr;
  SpawnFn PosixSpawn = nullptr;
  SpawnFn PosixSpawnp = nullptr;
  ExecveFn Execve = nullptr;
  ExecvFn Execv = nullptr;
  ExecvFn Execvp = nullptr;
  ExecveFn Execvpe = nullptr;
  SystemFn System = nullptr;
  PopenFn Popen = nullptr;
  PcloseFn Pclose = nullptr;
  ExitFn UnderscoreExit = nullptr;
  ExitFn UnderscoreCapitalExit = nullptr;
};
RealFunctions Real;

template <typename Fn> void resolve(Fn &Slot, const char *Name) {
  if (!Slot)
    Slot = reinterpret_cast<Fn>(dlsym(RTLD_NEXT, Name));
}

void resolveAll() {
  resolve(Real.PthreadCreate, "pthread_create");
  resolve(Real.Fork, "fork");
  resolve(Real.PosixSpawn, "posix_spawn");
  resolve(Real.PosixSpawnp, "posix_spawnp");
  resolve(Real.Execve, "execve");
  resolve(Real.Execv, "execv");
  resolve(Real.Execvp, "execvp");
  resolve(Real.Execvpe, "execvpe");
  resolve(Real.System, "system");
  resolve(Real.Popen, "popen");
  resolve(Real.Pclose, "pclose");
  resolve(Real.UnderscoreExit, "_exit");
  resolve(Real.UnderscoreCapitalExit, "_Exit");
}

//===-- State ----------------------------------------------------------------===//

pid_t Pid = 0;
/// "PID.MONO_NS" of the image whose module map addresses refer to.
char Image[48];
/// Set in a forked child: its first site outside fork-exec starts an image
/// of its own (the child may dlopen, so the parent's map may stop matching).
bool NeedNewImage = false;
char ExePath[PATH_MAX];
std::atomic<unsigned long> NextSite{0};
std::atomic<unsigned long> NextHiddenChild{0};
/// Exit records are written once per process, by whichever comes first of
/// _exit, exit's destructors, or exec.
std::atomic<bool> ExitWritten{false};

//===-- Records file -----------------------------------------------------------===//
//
// The file is shared by every process of the program through MAP_SHARED
// mappings (format: probe/RecordFormat.h). A forked child inherits the
// mappings and the descriptor, and with them the same pages: it needs no
// set-up of its own, which keeps fork-exec free of allocation. exec drops
// the mappings; the new image's constructor maps the file again.

/// The header page; null when not recording.
ConcProbeRecordsHeader *Header = nullptr;
int RecordsFd = -1;
/// The records file's identity: the program may close our descriptor and
/// open a file of its own under the same number, which must never grow.
dev_t RecordsDev = 0;
ino_t RecordsIno = 0;
/// This process's mappings of the file's chunks (8 GiB of records at most;
/// lines past that are counted lost).
constexpr unsigned MaxChunks = 8192;
std::atomic<char *> Chunks[MaxChunks];

uint64_t chunkOffset(uint64_t K) {
  return CONC_PROBE_RECORDS_DATA_START + K * CONC_PROBE_RECORDS_CHUNK;
}

/// Chunk K mapped into this process, growing the file to hold it first;
/// null if the file cannot grow. System calls only (fstat, fallocate, mmap),
/// so it may run between fork and exec. Changes errno.
char *mapChunk(uint64_t K) {
  if (char *P = Chunks[K].load(std::memory_order_acquire))
    return P;
  struct stat St;
  if (fstat(RecordsFd, &St) != 0 || St.st_dev != RecordsDev || St.st_ino != RecordsIno)
    return nullptr;
  uint64_t End = chunkOffset(K + 1);
  if (__atomic_load_n(&Header->Covered, __ATOMIC_ACQUIRE) < End) {
    // fallocate, not ftruncate: it never shrinks a file another process
    // grew further meanwhile, and it reserves the blocks, so a full disk
    // fails here instead of raising SIGBUS when a page is first written.
    int RC;
    do
      RC = fallocate(RecordsFd, 0, off_t(chunkOffset(K)), CONC_PROBE_RECORDS_CHUNK);
    while (RC != 0 && errno == EINTR);
    if (RC != 0)
      return nullptr;
    uint64_t Old = __atomic_load_n(&Header->Covered, __ATOMIC_RELAXED);
    while (Old < End && !__atomic_compare_exchange_n(&Header->Covered, &Old, End, true,
                                                     __ATOMIC_RELEASE, __ATOMIC_RELAXED)) {
    }
  }
  void *M = mmap(nullptr, CONC_PROBE_RECORDS_CHUNK, PROT_READ | PROT_WRITE, MAP_SHARED,
                 RecordsFd, off_t(chunkOffset(K)));
  if (M == MAP_FAILED)
    return nullptr;
  char *Expected = nullptr;
  if (!Chunks[K].compare_exchange_strong(Expected, static_cast<char *>(M),
                                         std::memory_order_acq_rel)) {
    munmap(M, CONC_PROBE_RECORDS_CHUNK); // Another thread mapped it first.
    return Expected;
  }
  return static_cast<char *>(M);
}

/// Appends `N` bytes ending in a newline: reserves them with one atomic
/// add, copies all but the newline, then publishes the line by storing the
/// newline. Async-signal-safe; errno is left as it was.
void appendLine(const char *Buf, size_t N) {
  if (!Header)
    return;
  int SavedErrno = errno;
  for (;;) {
    uint64_t Off = __atomic_fetch_add(&Header->Next, uint64_t(N), __ATOMIC_RELAXED);
    // Below the data start only if the header was overwritten: the
    // subtraction wraps and the line counts as lost.
    uint64_t Rel = Off - CONC_PROBE_RECORDS_DATA_START;
    uint64_t K = Rel / CONC_PROBE_RECORDS_CHUNK;
    // A line never straddles two chunks (each process maps them apart):
    // leave the reserved bytes NUL, which readers skip, and reserve again.
    if ((Rel + N - 1) / CONC_PROBE_RECORDS_CHUNK != K)
      continue;
    char *Base = K < MaxChunks ? mapChunk(K) : nullptr;
    if (!Base) {
      __atomic_fetch_add(&Header->Lost, 1, __ATOMIC_RELAXED);
      break;
    }
    char *P = Base + (Rel - K * CONC_PROBE_RECORDS_CHUNK);
    memcpy(P, Buf, N - 1);
    __atomic_store_n(P + N - 1, '\n', __ATOMIC_RELEASE);
    break;
  }
  errno = SavedErrno;
}

/// Opens the records file at `Path` and maps its header, writing the header
/// first if the file is empty. False (and nothing recorded) if the file is
/// missing, unreadable or of another format.
bool openRecords(const char *Path) {
  int Fd = open(Path, O_RDWR | O_CLOEXEC);
  if (Fd < 0)
    return false;
  // Out of the way of programs that reuse low descriptor numbers.
  int High = fcntl(Fd, F_DUPFD_CLOEXEC, 600);
  if (High >= 0) {
    close(Fd);
    Fd = High;
  }
  // The first process to find the file empty writes the header; a POSIX
  // record lock keeps two unrelated processes from both doing it.
  struct flock Lock {};
  Lock.l_type = F_WRLCK;
  Lock.l_whence = SEEK_SET;
  Lock.l_len = CONC_PROBE_RECORDS_DATA_START;
  int RC;
  do
    RC = fcntl(Fd, F_SETLKW, &Lock);
  while (RC != 0 && errno == EINTR);
  struct stat St;
  bool Ok = RC == 0 && fstat(Fd, &St) == 0;
  if (Ok && St.st_size == 0) {
    static char Page[CONC_PROBE_RECORDS_DATA_START];
    ConcProbeRecordsHeader H{};
    memcpy(H.Magic, CONC_PROBE_RECORDS_MAGIC, sizeof CONC_PROBE_RECORDS_MAGIC - 1);
    H.Next = H.Covered = CONC_PROBE_RECORDS_DATA_START;
    memcpy(Page, &H, sizeof H);
    Ok = pwrite(Fd, Page, sizeof Page, 0) == ssize_t(sizeof Page);
  }
  if (RC == 0) {
    Lock.l_type = F_UNLCK;
    fcntl(Fd, F_SETLK, &Lock);
  }
  Ok = Ok && fstat(Fd, &St) == 0 && St.st_size >= off_t(CONC_PROBE_RECORDS_DATA_START);
  void *M = Ok ? mmap(nullptr, CONC_PROBE_RECORDS_DATA_START, PROT_READ | PROT_WRITE,
                      MAP_SHARED, Fd, 0)
               : MAP_FAILED;
  if (M != MAP_FAILED &&
      memcmp(M, CONC_PROBE_RECORDS_MAGIC, sizeof CONC_PROBE_RECORDS_MAGIC - 1) != 0) {
    munmap(M, CONC_PROBE_RECORDS_DATA_START);
    M = MAP_FAILED;
  }
  if (M == MAP_FAILED) {
    close(Fd);
    return false;
  }
  RecordsFd = Fd;
  RecordsDev = St.st_dev;
  RecordsIno = St.st_ino;
  Header = static_cast<ConcProbeRecordsHeader *>(M);
  return true;
}

uint64_t nowNs(clockid_t Clock) {
  timespec T;
  clock_gettime(Clock, &T);
  return uint64_t(T.tv_sec) * 1000000000u + uint64_t(T.tv_nsec);
}

/// A record line built on the stack: no allocation, async-signal-safe.
class Line {
public:
  explicit Line(char Tag) { ch(Tag); }
  Line &ch(char C) {
    if (N < sizeof Buf - 1)
      Buf[N++] = C;
    return *this;
  }
  Line &str(const char *S) {
    while (*S)
      ch(*S++);
    return *this;
  }
  Line &sp() { return ch(' '); }
  Line &num(uint64_t V) {
    char Tmp[24];
    int I = 0;
    do
      Tmp[I++] = char('0' + V % 10);
    while ((V /= 10) != 0);
    while (I)
      ch(Tmp[--I]);
    return *this;
  }
  Line &hex(uint64_t V) {
    char Tmp[20];
    int I = 0;
    do
      Tmp[I++] = "0123456789abcdef"[V & 15];
    while ((V >>= 4) != 0);
    while (I)
      ch(Tmp[--I]);
    return *this;
  }
  /// Appends the line to the records file; errno is left as it was.
  void write() {
    Buf[N++] = '\n';
    appendLine(Buf, N);
  }

private:
  char Buf[CONC_PROBE_MAX_LINE];
  size_t N = 0;
};

/// Formats "PID.MONO_NS" into `Out` (async-signal-safe).
void makeImageId(char *Out, size_t Size) {
  char Tmp[48];
  size_t N = 0;
  auto Put = [&](uint64_t V) {
    char D[24];
    int I = 0;
    do
      D[I++] = char('0' + V % 10);
    while ((V /= 10) != 0);
    while (I && N < sizeof Tmp - 1)
      Tmp[N++] = D[--I];
  };
  Put(uint64_t(Pid));
  Tmp[N++] = '.';
  Put(nowNs(CLOCK_MONOTONIC));
  Tmp[N] = 0;
  memcpy(Out, Tmp, N + 1 < Size ? N + 1 : Size);
  Out[Size - 1] = 0;
}

//===-- Module map -----------------------------------------------------------===//

struct Range {
  uintptr_t Start, End;
};
constexpr unsigned MaxRanges = 1024;
Range Ranges[MaxRanges];
unsigned RangeCount = 0;
pthread_mutex_t ModulesLock = PTHREAD_MUTEX_INITIALIZER;

bool isKnownAddress(uintptr_t A) {
  for (unsigned I = 0; I < RangeCount; ++I)
    if (A >= Ranges[I].Start && A < Ranges[I].End)
      return true;
  return false;
}

int writeModule(dl_phdr_info *Info, size_t, void *) {
  const char *Path = Info->dlpi_name && *Info->dlpi_name ? Info->dlpi_name : nullptr;
  // The main program has an empty name; the vDSO has no file to read.
  if (!Path) {
    if (Info->dlpi_addr != 0 && RangeCount != 0)
      return 0;
    Path = ExePath;
  }
  if (strstr(Path, "linux-vdso") || strstr(Path, "linux-gate"))
    return 0;
  for (int I = 0; I < Info->dlpi_phnum; ++I) {
    const ElfW(Phdr) &Ph = Info->dlpi_phdr[I];
    if (Ph.p_type != PT_LOAD || !(Ph.p_flags & PF_X))
      continue;
    uintptr_t Start = Info->dlpi_addr + Ph.p_vaddr;
    uintptr_t End = Start + Ph.p_memsz;
    if (isKnownAddress(Start) || RangeCount == MaxRanges)
      continue;
    Ranges[RangeCount++] = {Start, End};
    Line('M').sp().str(Image).sp().hex(Info->dlpi_addr).sp().hex(Start).sp().hex(End).sp()
        .str(Path).write();
  }
  return 0;
}

/// Writes the module map lines for code loaded since the last call (not
/// async-signal-safe: dl_iterate_phdr takes the loader's lock).
void refreshModules() {
  pthread_mutex_lock(&ModulesLock);
  if (NeedNewImage) {
    makeImageId(Image, sizeof Image);
    RangeCount = 0;
    NeedNewImage = false;
  }
  dl_iterate_phdr(writeModule, nullptr);
  pthread_mutex_unlock(&ModulesLock);
}

//===-- Sites ----------------------------------------------------------------===//

struct SiteId {
  char Text[96];
};

struct SiteEntry {
  uint64_t Hash;
  unsigned Frames;
  uintptr_t Addrs[CONC_PROBE_MAX_FRAMES];
  const char *Api;
  SiteId Id;
};
constexpr unsigned TableSize = 4096;
SiteEntry Table[TableSize];
unsigned TableUsed = 0;
pthread_mutex_t TableLock = PTHREAD_MUTEX_INITIALIZER;

struct Backtrace {
  uintptr_t *Addrs;
  /// Each frame's canonical frame address (the caller's stack pointer
  /// before the call), for the shape cache below.
  uintptr_t *Cfas;
  unsigned N;
};

_Unwind_Reason_Code collectFrame(_Unwind_Context *Ctx, void *Arg) {
  auto *B = static_cast<Backtrace *>(Arg);
  if (B->N >= CONC_PROBE_MAX_FRAMES)
    return _URC_END_OF_STACK;
  uintptr_t IP = _Unwind_GetIP(Ctx);
  if (!IP)
    return _URC_END_OF_STACK;
  B->Cfas[B->N] = _Unwind_GetCFA(Ctx);
  B->Addrs[B->N++] = IP;
  return _URC_NO_REASON;
}

//===-- Stack shape cache ------------------------------------------------------===//
//
// Unwinding is most of what the preload costs a thread: about 2,200
// instructions a frame (the FDE lookup and its CFA program), 11,000 for the
// five frames of `main -> pthread_create`, against a create+join of ~57 us.
// A site is created from the same stack over and over (a loop), so the
// frames of the first unwind are remembered with where each return address
// lies on the stack relative to currentSite's own frame; a later call whose
// stack holds the same return addresses at the same places is the same call
// chain, and costs a few loads instead of an unwind. On x86-64 a call
// pushes the return address just below the callee's CFA. Only words
// between the current frame and the top of the thread's stack are read
// (glibc keeps a thread's descriptor at the top of its stack; the main
// thread's stack ends at __libc_stack_end), all of it mapped, so a read
// never faults. They are checked innermost first: another caller, or a frame
// that changed size from call to call (alloca), is a miss and a full unwind.

extern "C" void *__libc_stack_end; // Exported by ld.so: the main stack's top.

struct Shape {
  const void *Entry; // The SiteEntry it stands for.
  unsigned Frames;
  /// Distance from currentSite's CFA to frame I's, I = 1..Frames-1.
  uint32_t Depth[CONC_PROBE_MAX_FRAMES];
};
constexpr unsigned MaxShapes = 64;
Shape Shapes[MaxShapes];
unsigned ShapeCount = 0;

/// The highest address of the calling thread's stack readable from `Sp`
/// upwards, or 0 when not known (an unknown stack is unwound every time).
uintptr_t stackTop(uintptr_t Sp) {
#if defined(__x86_64__) && defined(__GLIBC__)
  // The kernel leaves at least 128 MiB between the main stack and the
  // mappings where thread stacks live, so a stack pointer within 64 MiB
  // below __libc_stack_end is on the main stack.
  uintptr_t MainTop = reinterpret_cast<uintptr_t>(__libc_stack_end);
  if (Sp < MainTop && MainTop - Sp < (uintptr_t(64) << 20))
    return MainTop;
  uintptr_t Self = reinterpret_cast<uintptr_t>(pthread_self());
  if (Sp < Self && Self - Sp < (uintptr_t(1) << 30))
    return Self;
#endif
  (void)Sp;
  return 0;
}

/// A new site id "IMAGE/PID.N" (async-signal-safe).
void newSiteId(SiteId &Out) {
  char *P = Out.Text;
  size_t Left = sizeof Out.Text - 1;
  auto Put = [&](const char *S) {
    while (*S && Left) {
      *P++ = *S++;
      --Left;
    }
  };
  auto PutNum = [&](uint64_t V) {
    char D[24];
    int I = 0;
    do
      D[I++] = char('0' + V % 10);
    while ((V /= 10) != 0);
    while (I && Left) {
      *P++ = D[--I];
      --Left;
    }
  };
  Put(Image);
  Put("/");
  PutNum(uint64_t(Pid));
  Put(".");
  PutNum(NextSite.fetch_add(1, std::memory_order_relaxed));
  *P = 0;
}

void writeSite(const SiteId &Id, const char *Kind, const char *Api,
               const uintptr_t *Addrs, unsigned N) {
  Line L('S');
  L.sp().str(Id.Text).sp().str(Kind).sp().str(Api);
  for (unsigned I = 0; I < N; ++I)
    L.sp().hex(Addrs[I]);
  L.write();
}

/// Remembers the stack shape of table entry `E`, unwound from this frame
/// (CFA `Cfa0`, stack top `Top`). Only shapes whose frame 0 is this very
/// frame and whose every return address lies on the known stack.
void rememberShape(const SiteEntry &E, uintptr_t Cfa0, uintptr_t Top,
                   const uintptr_t *Cfas, unsigned N) {
  // Frame 0 is _Unwind_Backtrace's, returning into this function (always
  // the same address); frame 1's CFA is this function's.
  if (!Top || ShapeCount == MaxShapes || N < 2 || Cfas[1] != Cfa0)
    return;
  Shape &S = Shapes[ShapeCount];
  for (unsigned I = 1; I < N; ++I) {
    // The unwinder pairs a frame's CFA with its return address, which the
    // call pushed just below that CFA.
    if (Cfas[I] < Cfa0 || Cfas[I] > Top || Cfas[I] - Cfa0 > UINT32_MAX ||
        (I > 1 && Cfas[I] <= Cfas[I - 1]))
      return;
    S.Depth[I] = uint32_t(Cfas[I] - Cfa0);
  }
  S.Entry = &E;
  S.Frames = N;
  ++ShapeCount;
}

/// The id of the site calling the current wrapper, defining it (and the
/// modules its frames lie in) the first time. Not for fork-exec context.
__attribute__((noinline)) void currentSite(const char *Kind, const char *Api, SiteId &Out) {
  // Frame 0's CFA: this function keeps a frame pointer for it.
  uintptr_t Cfa0 = reinterpret_cast<uintptr_t>(__builtin_frame_address(0)) + 16;
  uintptr_t Top = stackTop(Cfa0);
  // A forked child starts an image of its own first (the slow path does).
  if (Top && !NeedNewImage) {
    pthread_mutex_lock(&TableLock);
    for (unsigned I = 0; I < ShapeCount; ++I) {
      const Shape &S = Shapes[I];
      const auto *E = static_cast<const SiteEntry *>(S.Entry);
      if (E->Api != Api)
        continue;
      unsigned F = 1;
      for (; F < S.Frames; ++F) {
        uintptr_t Slot = Cfa0 + S.Depth[F] - sizeof(uintptr_t);
        if (Slot + sizeof(uintptr_t) > Top ||
            *reinterpret_cast<const uintptr_t *>(Slot) != E->Addrs[F])
          break;
      }
      if (F == S.Frames) {
        Out = E->Id;
        pthread_mutex_unlock(&TableLock);
        return;
      }
    }
    pthread_mutex_unlock(&TableLock);
  }

  uintptr_t Addrs[CONC_PROBE_MAX_FRAMES];
  uintptr_t Cfas[CONC_PROBE_MAX_FRAMES];
  Backtrace B{Addrs, Cfas, 0};
  _Unwind_Backtrace(collectFrame, &B);
  uint64_t Hash = 1469598103934665603ull;
  for (const char *C = Api; *C; ++C)
    Hash = (Hash ^ uint8_t(*C)) * 1099511628211ull;
  for (unsigned I = 0; I < B.N; ++I)
    Hash = (Hash ^ Addrs[I]) * 1099511628211ull;

  bool Unknown = NeedNewImage;
  for (unsigned I = 0; I < B.N && !Unknown; ++I)
    Unknown = !isKnownAddress(Addrs[I]);
  if (Unknown)
    refreshModules();

  pthread_mutex_lock(&TableLock);
  unsigned Slot = unsigned(Hash % TableSize);
  for (unsigned Probe = 0; Probe < TableSize; ++Probe, Slot = (Slot + 1) % TableSize) {
    SiteEntry &E = Table[Slot];
    if (E.Frames == 0)
      break;
    if (E.Hash == Hash && E.Frames == B.N && E.Api == Api &&
        memcmp(E.Addrs, Addrs, B.N * sizeof(uintptr_t)) == 0) {
      Out = E.Id;
      pthread_mutex_unlock(&TableLock);
      return;
    }
  }
  newSiteId(Out);
  // Keep three quarters of the table free so probing stays short; beyond
  // that, sites are written afresh each time (correct, just longer files).
  if (TableUsed < TableSize * 3 / 4 && Table[Slot].Frames == 0 && B.N > 0) {
    SiteEntry &E = Table[Slot];
    E.Hash = Hash;
    E.Frames = B.N;
    memcpy(E.Addrs, Addrs, B.N * sizeof(uintptr_t));
    E.Api = Api;
    E.Id = Out;
    ++TableUsed;
    rememberShape(E, Cfa0, Top, Cfas, B.N);
  }
  writeSite(Out, Kind, Api, Addrs, B.N);
  pthread_mutex_unlock(&TableLock);
}

/// A site from one return address, for calls made between fork and exec:
/// no unwinding, no lock, no allocation.
void callerSite(const char *Kind, const char *Api, uintptr_t Caller, SiteId &Out) {
  newSiteId(Out);
  writeSite(Out, Kind, Api, &Caller, 1);
}

//===-- Records ----------------------------------------------------------------===//

void writeCreated(const SiteId &Site, uint64_t CreateNs) {
  Line('C').sp().str(Site.Text).sp().num(CreateNs).write();
}

void writeCreated(const SiteId &Site) { writeCreated(Site, nowNs(CLOCK_MONOTONIC)); }

void writeProcessCreated(const SiteId &Site, const char *Child, uint64_t Child2,
                         uint64_t StartNs) {
  Line L('P');
  L.sp().str(Site.Text).sp().str(Child);
  if (Child2 != UINT64_MAX)
    L.num(Child2);
  L.sp().num(StartNs).write();
}

/// Nanoseconds the calling thread spent runnable but waiting for a CPU
/// (the second field of /proc/thread-self/schedstat), 0 when the kernel does
/// not say. Without it a CPU-bound thread on a busy machine would look idle.
/// Async-signal-safe: open, read, close.
uint64_t runQueueWaitNs() {
  int Fd = open("/proc/thread-self/schedstat", O_RDONLY | O_CLOEXEC);
  if (Fd < 0)
    return 0;
  char Buf[96];
  ssize_t N = read(Fd, Buf, sizeof Buf - 1);
  close(Fd);
  if (N <= 0)
    return 0;
  Buf[N] = 0;
  const char *P = Buf;
  while (*P && *P != ' ')
    ++P;
  uint64_t V = 0;
  for (++P; *P >= '0' && *P <= '9'; ++P)
    V = V * 10 + uint64_t(*P - '0');
  return V;
}

uint64_t cpuNs(const rusage &R) {
  return (uint64_t(R.ru_utime.tv_sec) + uint64_t(R.ru_stime.tv_sec)) * 1000000000u +
         (uint64_t(R.ru_utime.tv_usec) + uint64_t(R.ru_stime.tv_usec)) * 1000u;
}

/// The E and F lines of this process (async-signal-safe), once.
void writeExitRecords() {
  if (!Header)
    return;
  // A vfork child shares our memory: it must neither take the parent's
  // once-flag nor write under the parent's pid.
  pid_t Self = getpid();
  if (Self == Pid && ExitWritten.exchange(true))
    return;
  rusage R;
  getrusage(RUSAGE_SELF, &R);
  Line('E').sp().num(uint64_t(Self)).sp().num(cpuNs(R)).sp().num(uint64_t(R.ru_nvcsw))
      .sp().num(uint64_t(R.ru_nivcsw)).sp().num(nowNs(CLOCK_MONOTONIC)).sp()
      .num(runQueueWaitNs()).write();
  Line('F').sp().num(uint64_t(Self)).write();
}

/// Before exec: this image ends (the next one, if preloaded, writes X).
/// The process goes on, so its E line waits for its last image's exit.
void writeImageEnd() {
  if (Header) // getpid, not Pid: this may be a vfork child.
    Line('F').sp().num(uint64_t(getpid())).write();
}

//===-- Threads ----------------------------------------------------------------===//

struct StartArgs {
  void *(*Fn)(void *);
  void *Arg;
  SiteId Site;
  /// Wall time counts from creation, like the kernel's run-queue wait does.
  uint64_t CreateNs;
};

/// StartArgs travel from pthread_create to the new thread through a static
/// pool rather than malloc: the new thread would free them, and a thread's
/// first free sets up its malloc cache (an arena lookup), a cost the program
/// would not pay otherwise. A slot is held only until the thread starts;
/// when all are taken, malloc.
constexpr unsigned PoolWords = 8;
StartArgs Pool[PoolWords * 64];
std::atomic<uint64_t> PoolUsed[PoolWords];

StartArgs *takeStartArgs() {
  for (std::atomic<uint64_t> &Word : PoolUsed) {
    uint64_t Bits = Word.load(std::memory_order_relaxed);
    while (~Bits) {
      unsigned Bit = unsigned(__builtin_ctzll(~Bits));
      if (Word.compare_exchange_weak(Bits, Bits | (uint64_t(1) << Bit),
                                     std::memory_order_acquire, std::memory_order_relaxed))
        return &Pool[unsigned(&Word - PoolUsed) * 64 + Bit];
    }
  }
  return static_cast<StartArgs *>(malloc(sizeof(StartArgs)));
}

void releaseStartArgs(StartArgs *A) {
  if (A < Pool || A >= Pool + PoolWords * 64) {
    free(A);
    return;
  }
  size_t I = size_t(A - Pool);
  PoolUsed[I / 64].fetch_and(~(uint64_t(1) << (I % 64)), std::memory_order_release);
}

/// The running thread's own copy of its StartArgs, in static TLS (the
/// library is preloaded, so initial-exec costs no allocation at thread start).
__attribute__((tls_model("initial-exec"))) __thread StartArgs ThisThread;

/// The thread's record, kept as its value of RecorderKey (pointing to
/// ThisThread): the key's destructor writes the T line when the thread
/// ends, whether its start routine returned or it called pthread_exit or
/// was cancelled, without unwinding (so the library needs no C++ runtime).
pthread_key_t RecorderKey;

/// Threads that lived this long have their context switches and run-queue
/// wait read too; shorter ones (too short to classify one by one) cost one
/// system call, the CPU clock.
constexpr uint64_t DetailedThreadNs = 1000000;

void finishThread(void *P) {
  auto *A = static_cast<StartArgs *>(P);
  uint64_t Wall = nowNs(CLOCK_MONOTONIC) - A->CreateNs; // vDSO: no system call.
  // Not getrusage's ru_utime + ru_stime: on kernels that account CPU time by
  // ticks they are 0 for a thread that ran less than a tick (4 ms at 250 Hz),
  // and short threads are exactly the ones a profile must not call idle.
  uint64_t Cpu = nowNs(CLOCK_THREAD_CPUTIME_ID);
  uint64_t Voluntary = 0, Involuntary = 0, Wait = 0;
  if (Wall >= DetailedThreadNs) {
    rusage R;
    getrusage(RUSAGE_THREAD, &R);
    Voluntary = uint64_t(R.ru_nvcsw);
    Involuntary = uint64_t(R.ru_nivcsw);
    Wait = runQueueWaitNs();
  }
  Line('T').sp().str(A->Site.Text).sp().num(Cpu).sp().num(Wall).sp().num(Voluntary).sp()
      .num(Involuntary).sp().num(Wait).write();
}

void *threadStart(void *P) {
  auto *A = static_cast<StartArgs *>(P);
  ThisThread = *A;
  releaseStartArgs(A);
  // On failure the thread runs unmeasured, as it would have.
  pthread_setspecific(RecorderKey, &ThisThread);
  return ThisThread.Fn(ThisThread.Arg);
}

//===-- fork handlers and setup ------------------------------------------------===//

void lockAll() {
  pthread_mutex_lock(&ModulesLock);
  pthread_mutex_lock(&TableLock);
}
void unlockAll() {
  pthread_mutex_unlock(&TableLock);
  pthread_mutex_unlock(&ModulesLock);
}
void childAfterFork() {
  unlockAll();
  // A slot still taken belongs to a thread another thread of the parent was
  // creating: that thread does not exist here.
  for (std::atomic<uint64_t> &Word : PoolUsed)
    Word.store(0, std::memory_order_relaxed);
  Pid = getpid();
  NeedNewImage = true;
  ExitWritten.store(false);
}

__attribute__((constructor)) void startRecording() {
  resolveAll();
  const char *Path = getenv(CONC_PROBE_RECORDS_ENV);
  if (!Path || !*Path)
    return;
  ssize_t N = readlink("/proc/self/exe", ExePath, sizeof ExePath - 1);
  ExePath[N > 0 ? N : 0] = 0;
  Pid = getpid();
  makeImageId(Image, sizeof Image);
  if (pthread_key_create(&RecorderKey, finishThread) != 0)
    return;
  if (!openRecords(Path))
    return;
  pthread_atfork(lockAll, unlockAll, childAfterFork);
  Line('X').sp().str(Image).sp().num(uint64_t(Pid)).sp().num(nowNs(CLOCK_MONOTONIC))
      .sp().str(ExePath).write();
  refreshModules();
}

__attribute__((destructor)) void stopRecording() { writeExitRecords(); }

bool recording() { return Header != nullptr; }

/// Records a process created by system/popen whose pid the caller never
/// sees: its key is PID.hN.
struct HiddenChild {
  char Key[40];
  uint64_t StartNs;
  rusage Before;
};

void startHiddenChild(const char *Api, HiddenChild &H) {
  SiteId Site;
  currentSite("process", Api, Site);
  snprintf(H.Key, sizeof H.Key, "%d.h%lu", int(Pid),
           NextHiddenChild.fetch_add(1, std::memory_order_relaxed));
  H.StartNs = nowNs(CLOCK_MONOTONIC);
  getrusage(RUSAGE_CHILDREN, &H.Before);
  writeProcessCreated(Site, H.Key, UINT64_MAX, H.StartNs);
}

/// The child's usage is what the reaped children used in between: exact
/// unless other threads reap children at the same time.
void finishHiddenChild(const HiddenChild &H) {
  rusage After;
  getrusage(RUSAGE_CHILDREN, &After);
  uint64_t Cpu = cpuNs(After) - cpuNs(H.Before);
  Line('E').sp().str(H.Key).sp().num(Cpu).sp()
      .num(uint64_t(After.ru_nvcsw - H.Before.ru_nvcsw)).sp()
      .num(uint64_t(After.ru_nivcsw - H.Before.ru_nivcsw)).sp()
      .num(nowNs(CLOCK_MONOTONIC)).sp().num(0).write();
}

/// popen streams still open, and their hidden child.
constexpr unsigned MaxPopen = 256;
struct PopenSlot {
  FILE *Stream;
  HiddenChild Child;
};
PopenSlot Popens[MaxPopen];
pthread_mutex_t PopenLock = PTHREAD_MUTEX_INITIALIZER;

} // namespace

//===-- Interposed functions -------------------------------------------------===//

extern "C" {

int pthread_create(pthread_t *Thread, const pthread_attr_t *Attr,
                   void *(*Fn)(void *), void *Arg) {
  resolve(Real.PthreadCreate, "pthread_create");
  if (!recording())
    return Real.PthreadCreate(Thread, Attr, Fn, Arg);
  StartArgs *A = takeStartArgs();
  if (!A)
    return Real.PthreadCreate(Thread, Attr, Fn, Arg);
  A->Fn = Fn;
  A->Arg = Arg;
  currentSite("thread", "pthread_create", A->Site);
  A->CreateNs = nowNs(CLOCK_MONOTONIC);
  // A belongs to the new thread once it runs.
  SiteId Site = A->Site;
  uint64_t CreateNs = A->CreateNs;
  int RC = Real.PthreadCreate(Thread, Attr, threadStart, A);
  if (RC != 0) {
    releaseStartArgs(A);
    return RC;
  }
  writeCreated(Site, CreateNs);
  return RC;
}

pid_t fork(void) {
  resolve(Real.Fork, "fork");
  if (!recording())
    return Real.Fork();
  SiteId Site;
  currentSite("process", "fork", Site);
  uint64_t Start = nowNs(CLOCK_MONOTONIC);
  pid_t Child = Real.Fork();
  if (Child > 0) {
    int SavedErrno = errno;
    writeProcessCreated(Site, "", uint64_t(Child), Start);
    errno = SavedErrno;
  }
  return Child;
}

#if defined(__x86_64__)
// vfork cannot be wrapped by a C function: the child would return from the
// wrapper's frame and the parent would then resume on a clobbered stack.
// This stub notes the site, then jumps to the real vfork as if the program
// had called it directly. The child's pid never passes through here, so
// vfork children are counted but not measured.
__attribute__((visibility("hidden"))) void *conc_probe_real_vfork = nullptr;
__attribute__((used, visibility("hidden"))) void conc_probe_note_vfork() {
  resolve(conc_probe_real_vfork, "vfork");
  if (!recording())
    return;
  SiteId Site;
  currentSite("process", "vfork", Site);
  writeCreated(Site);
}
__asm__(".text\n"
        ".globl vfork\n"
        ".type vfork,@function\n"
        "vfork:\n"
        ".cfi_startproc\n"
        "  subq $8, %rsp\n"
        ".cfi_adjust_cfa_offset 8\n"
        "  call conc_probe_note_vfork\n"
        "  addq $8, %rsp\n"
        ".cfi_adjust_cfa_offset -8\n"
        "  jmp *conc_probe_real_vfork(%rip)\n"
        ".cfi_endproc\n"
        ".size vfork, .-vfork\n");
#endif

static int spawnCommon(SpawnFn RealFn, const char *Api, pid_t *PidOut,
                       const char *Path, const posix_spawn_file_actions_t *Actions,
                       const posix_spawnattr_t *Attr, char *const Argv[],
                       char *const Envp[]) {
  if (!recording())
    return RealFn(PidOut, Path, Actions, Attr, Argv, Envp);
  SiteId Site;
  currentSite("process", Api, Site);
  pid_t Local = 0;
  uint64_t Start = nowNs(CLOCK_MONOTONIC);
  int RC = RealFn(PidOut ? PidOut : &Local, Path, Actions, Attr, Argv, Envp);
  if (RC == 0)
    writeProcessCreated(Site, "", uint64_t(PidOut ? *PidOut : Local), Start);
  return RC;
}

int posix_spawn(pid_t *PidOut, const char *Path,
                const posix_spawn_file_actions_t *Actions,
                const posix_spawnattr_t *Attr, char *const Argv[],
                char *const Envp[]) {
  resolve(Real.PosixSpawn, "posix_spawn");
  return spawnCommon(Real.PosixSpawn, "posix_spawn", PidOut, Path, Actions, Attr,
                     Argv, Envp);
}

int posix_spawnp(pid_t *PidOut, const char *File,
                 const posix_spawn_file_actions_t *Actions,
                 const posix_spawnattr_t *Attr, char *const Argv[],
                 char *const Envp[]) {
  resolve(Real.PosixSpawnp, "posix_spawnp");
  return spawnCommon(Real.PosixSpawnp, "posix_spawn", PidOut, File, Actions, Attr,
                     Argv, Envp);
}

// exec*: called between fork and exec as often as not, so only
// async-signal-safe work. The real functions were resolved by the
// constructor; resolve() (dlsym) runs only if the program execs before it.
static void noteExec(uintptr_t Caller) {
  if (!recording())
    return;
  SiteId Site;
  callerSite("process", "exec", Caller, Site);
  writeCreated(Site);
  writeImageEnd();
}

#define CONC_CALLER reinterpret_cast<uintptr_t>(__builtin_return_address(0))

int execve(const char *Path, char *const Argv[], char *const Envp[]) {
  resolve(Real.Execve, "execve");
  noteExec(CONC_CALLER);
  return Real.Execve(Path, Argv, Envp);
}

int execv(const char *Path, char *const Argv[]) {
  resolve(Real.Execv, "execv");
  noteExec(CONC_CALLER);
  return Real.Execv(Path, Argv);
}

int execvp(const char *File, char *const Argv[]) {
  resolve(Real.Execvp, "execvp");
  noteExec(CONC_CALLER);
  return Real.Execvp(File, Argv);
}

int execvpe(const char *File, char *const Argv[], char *const Envp[]) {
  resolve(Real.Execvpe, "execvpe");
  noteExec(CONC_CALLER);
  return Real.Execvpe(File, Argv, Envp);
}

/// execl, execlp, execle: their arguments gathered on the stack (no malloc).
#define CONC_GATHER_ARGS(First, Args, WithEnv, Env)                            \
  size_t Count = 1;                                                            \
  {                                                                            \
    va_list Ap;                                                                \
    va_start(Ap, First);                                                       \
    while (va_arg(Ap, const char *))                                           \
      ++Count;                                                                 \
    va_end(Ap);                                                                \
  }                                                                            \
  char **Args = static_cast<char **>(__builtin_alloca((Count + 1) * sizeof(char *))); \
  {                                                                            \
    va_list Ap;                                                                \
    va_start(Ap, First);                                                       \
    Args[0] = const_cast<char *>(First);                                       \
    for (size_t I = 1; I <= Count; ++I)                                        \
      Args[I] = va_arg(Ap, char *);                                            \
    if (WithEnv)                                                               \
      Env = va_arg(Ap, char **);                                               \
    va_end(Ap);                                                                \
  }

int execl(const char *Path, const char *Arg, ...) {
  resolve(Real.Execv, "execv");
  char **Env = nullptr;
  CONC_GATHER_ARGS(Arg, Args, false, Env);
  (void)Env;
  noteExec(CONC_CALLER);
  return Real.Execv(Path, Args);
}

int execlp(const char *File, const char *Arg, ...) {
  resolve(Real.Execvp, "execvp");
  char **Env = nullptr;
  CONC_GATHER_ARGS(Arg, Args, false, Env);
  (void)Env;
  noteExec(CONC_CALLER);
  return Real.Execvp(File, Args);
}

int execle(const char *Path, const char *Arg, ...) {
  resolve(Real.Execve, "execve");
  char **Env = nullptr;
  CONC_GATHER_ARGS(Arg, Args, true, Env);
  noteExec(CONC_CALLER);
  return Real.Execve(Path, Args, Env);
}

int system(const char *Command) {
  resolve(Real.System, "system");
  // system(NULL) only asks whether a shell exists.
  if (!recording() || !Command)
    return Real.System(Command);
  HiddenChild H;
  startHiddenChild("system", H);
  int RC = Real.System(Command);
  int SavedErrno = errno;
  finishHiddenChild(H);
  errno = SavedErrno;
  return RC;
}

FILE *popen(const char *Command, const char *Mode) {
  resolve(Real.Popen, "popen");
  if (!recording())
    return Real.Popen(Command, Mode);
  HiddenChild H;
  startHiddenChild("popen", H);
  FILE *Stream = Real.Popen(Command, Mode);
  if (!Stream)
    return Stream;
  pthread_mutex_lock(&PopenLock);
  for (PopenSlot &S : Popens)
    if (!S.Stream) {
      S.Stream = Stream;
      S.Child = H;
      break;
    }
  pthread_mutex_unlock(&PopenLock);
  return Stream;
}

int pclose(FILE *Stream) {
  resolve(Real.Pclose, "pclose");
  if (!recording())
    return Real.Pclose(Stream);
  HiddenChild H;
  bool Found = false;
  pthread_mutex_lock(&PopenLock);
  for (PopenSlot &S : Popens)
    if (S.Stream == Stream) {
      H = S.Child;
      S.Stream = nullptr;
      Found = true;
      break;
    }
  pthread_mutex_unlock(&PopenLock);
  if (Found) // Measure only what pclose reaps, not what ran before it.
    getrusage(RUSAGE_CHILDREN, &H.Before);
  int RC = Real.Pclose(Stream);
  int SavedErrno = errno;
  if (Found)
    finishHiddenChild(H);
  errno = SavedErrno;
  return RC;
}

void _exit(int Status) {
  resolve(Real.UnderscoreExit, "_exit");
  writeExitRecords();
  Real.UnderscoreExit(Status);
  __builtin_unreachable();
}

void _Exit(int Status) {
  resolve(Real.UnderscoreCapitalExit, "_Exit");
  writeExitRecords();
  Real.UnderscoreCapitalExit(Status);
  __builtin_unreachable();
}

} // extern "C"
