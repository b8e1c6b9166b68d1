//===- probe/Runner.cpp ---------------------------------------------------===//
#include "probe/Runner.h"

#include "probe/RecordFormat.h"

#include <cerrno>
#include <csignal>
#include <cstdlib>
#include <cstring>
#include <fcntl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

extern char **environ;

namespace conc {

namespace {

volatile sig_atomic_t ChildPid = 0;

void forwardSignal(int Sig) {
  if (ChildPid > 0)
    kill(ChildPid, Sig);
}

const int ForwardedSignals[] = {SIGTERM, SIGHUP, SIGUSR1, SIGUSR2};

} // namespace

llvm::Expected<RunOutcome> runWithPreload(const std::vector<std::string> &Argv,
                                          llvm::StringRef PreloadLibrary,
                                          llvm::StringRef RecordsPath) {
  // The environment and argv are built before fork: the child only execs.
  std::string Preload = PreloadLibrary.str();
  if (const char *Old = getenv("LD_PRELOAD"); Old && *Old)
    Preload += std::string(":") + Old;
  std::vector<std::string> Env;
  for (char **E = environ; *E; ++E)
    if (strncmp(*E, "LD_PRELOAD=", 11) != 0 &&
        strncmp(*E, CONC_PROBE_RECORDS_ENV "=", sizeof(CONC_PROBE_RECORDS_ENV)) != 0)
      Env.push_back(*E);
  Env.push_back("LD_PRELOAD=" + Preload);
  Env.push_back(std::string(CONC_PROBE_RECORDS_ENV "=") + RecordsPath.str());
  std::vector<char *> EnvP, ArgP;
  for (std::string &S : Env)
    EnvP.push_back(S.data());
  EnvP.push_back(nullptr);
  std::vector<std::string> ArgCopy(Argv);
  for (std::string &S : ArgCopy)
    ArgP.push_back(S.data());
  ArgP.push_back(nullptr);

  // A pipe closed on exec tells us whether exec worked.
  int Status[2];
  if (pipe2(Status, O_CLOEXEC) != 0)
    return llvm::createStringError(std::error_code(errno, std::generic_category()),
                                   "cannot create a pipe: %s", strerror(errno));
  // The terminal's SIGINT/SIGQUIT go to the whole process group: the
  // program decides what they do; conc-probe waits to write the profile.
  struct sigaction Ignore {}, OldInt {}, OldQuit {};
  Ignore.sa_handler = SIG_IGN;
  sigaction(SIGINT, &Ignore, &OldInt);
  sigaction(SIGQUIT, &Ignore, &OldQuit);

  pid_t Pid = fork();
  if (Pid < 0) {
    int Err = errno;
    close(Status[0]);
    close(Status[1]);
    return llvm::createStringError(std::error_code(Err, std::generic_category()),
                                   "cannot fork: %s", strerror(Err));
  }
  if (Pid == 0) {
    sigaction(SIGINT, &OldInt, nullptr);
    sigaction(SIGQUIT, &OldQuit, nullptr);
    close(Status[0]);
    execvpe(ArgP[0], ArgP.data(), EnvP.data());
    int Err = errno;
    (void)!write(Status[1], &Err, sizeof Err);
    _exit(127);
  }
  close(Status[1]);
  ChildPid = Pid;
  struct sigaction Forward {};
  Forward.sa_handler = forwardSignal;
  sigemptyset(&Forward.sa_mask);
  Forward.sa_flags = SA_RESTART;
  for (int Sig : ForwardedSignals)
    sigaction(Sig, &Forward, nullptr);

  int ExecErr = 0;
  ssize_t N;
  do
    N = read(Status[0], &ExecErr, sizeof ExecErr);
  while (N < 0 && errno == EINTR);
  close(Status[0]);

  int WaitStatus = 0;
  while (waitpid(Pid, &WaitStatus, 0) < 0 && errno == EINTR) {
  }
  ChildPid = 0;
  for (int Sig : ForwardedSignals)
    signal(Sig, SIG_DFL);
  sigaction(SIGINT, &OldInt, nullptr);
  sigaction(SIGQUIT, &OldQuit, nullptr);
  if (N == sizeof ExecErr)
    return llvm::createStringError(std::error_code(ExecErr, std::generic_category()),
                                   "cannot run '%s': %s", Argv[0].c_str(),
                                   strerror(ExecErr));
  RunOutcome Out;
  Out.Pid = Pid;
  if (WIFSIGNALED(WaitStatus))
    Out.Exit.Signal = WTERMSIG(WaitStatus);
  else
    Out.Exit.Status = WEXITSTATUS(WaitStatus);
  return Out;
}

void exitLike(const ProgramExit &Exit) {
  if (Exit.Signal) {
    // The program's core dump (if any) is the one that matters.
    rlimit NoCore{0, 0};
    setrlimit(RLIMIT_CORE, &NoCore);
    signal(*Exit.Signal, SIG_DFL);
    sigset_t Set;
    sigemptyset(&Set);
    sigaddset(&Set, *Exit.Signal);
    sigprocmask(SIG_UNBLOCK, &Set, nullptr);
    raise(*Exit.Signal);
    // Signals that do not kill (SIGCHLD, SIGCONT...) cannot end a program.
    std::_Exit(128 + *Exit.Signal);
  }
  std::exit(Exit.Status.value_or(0));
}

} // namespace conc
