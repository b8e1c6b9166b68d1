// RUN: %conc-advisor --checks='-*,conc-process-site' %s -- -std=c++17 %mock-headers \
// RUN:   | FileCheck %s -check-prefix=CHECK-MESSAGES -implicit-check-not='{{note|warning|error}}:'

#include <cstdlib>
#include <sched.h>
#include <spawn.h>
#include <stdio.h>
#include <unistd.h>

extern char **environ;

int childMain(void *) { return 0; }

void archive(const char *Path) {
  pid_t Pid = fork();
// CHECK-MESSAGES: :[[@LINE-1]]:15: note: 'fork' creates a child process that continues in this code [conc-process-site]
  if (Pid == 0) {
    execlp("gzip", "gzip", "-9", Path, nullptr);
// CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'execlp' replaces this process with 'gzip' [conc-process-site]
    _exit(127);
  }
}

void spawnAll(char *const Argv[], int N) {
  pid_t Pid;
  posix_spawn(&Pid, "/usr/bin/compressor", nullptr, nullptr, Argv, environ);
// CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'posix_spawn' starts a new process running '/usr/bin/compressor' [conc-process-site]
  for (int I = 0; I < N; ++I)
    posix_spawnp(&Pid, Argv[0], nullptr, nullptr, Argv, environ);
// CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'posix_spawnp' starts a new process running another program; in a loop, so this site may create many processes [conc-process-site]
// CHECK-MESSAGES: :[[@LINE-3]]:3: note: the enclosing loop is here
  if (vfork() == 0)
// CHECK-MESSAGES: :[[@LINE-1]]:7: note: 'vfork' creates a child process that continues in this code [conc-process-site]
    execv(Argv[0], Argv);
// CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'execv' replaces this process with another program [conc-process-site]
  execvp(Argv[0], Argv);
// CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'execvp' replaces this process with another program [conc-process-site]
  // Trying each candidate in turn replaces the process once: not "many".
  const char *Candidates[] = {"/usr/bin/pigz", "/bin/gzip"};
  for (const char *C : Candidates)
    execv(C, Argv);
// CHECK-MESSAGES: :[[@LINE-1]]:5: note: 'execv' replaces this process with another program [conc-process-site]
  execve("/bin/true", Argv, environ);
// CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'execve' replaces this process with '/bin/true' [conc-process-site]
  char Stack[1024];
  clone(childMain, Stack + sizeof(Stack), 0, nullptr);
// CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'clone' creates a child process that continues in this code [conc-process-site]
}

void shells() {
  std::system("df -h /var/log");
// CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'system' runs the shell command 'df -h /var/log' in a new process [conc-process-site]
  system("sync");
// CHECK-MESSAGES: :[[@LINE-1]]:3: note: 'system' runs the shell command 'sync' in a new process [conc-process-site]
  FILE *P = popen("du -sh /var/log/archive", "r");
// CHECK-MESSAGES: :[[@LINE-1]]:13: note: 'popen' runs the shell command 'du -sh /var/log/archive' in a new process [conc-process-site]
  pclose(P);
}

#define RUN_SHELL(cmd) std::system(cmd)
void throughAMacro() { RUN_SHELL("true"); }
// CHECK-MESSAGES: :[[@LINE-1]]:24: note: 'system' runs the shell command 'true' in a new process [conc-process-site]

// Look-alikes: a namespace's or a class's own fork/system are not processes.
namespace vcs {
int fork(const char *Repo);
} // namespace vcs
struct Repository {
  int fork();
  static int system(const char *);
};

void notSites(Repository &R) {
  vcs::fork("origin");
  R.fork();
  Repository::system("not a shell");
  pid_t Me = getpid();
  const char *Doc = "calls fork() and system()";
  // fork(); system("rm -rf /");
  (void)Me;
  (void)Doc;
}
