#include <stdio.h>
#include <unistd.h>
// Forks, and its child prints before exec: unsafe in a program with threads.
void launch(const char *Path) {
  pid_t Pid = fork();
  if (Pid == 0) {
    printf("starting %s\n", Path);
    execl(Path, Path, nullptr);
    _exit(127);
  }
}

// Only 'tool', which starts no thread, runs this: not reported.
void report() {
  if (fork() == 0) {
    printf("report\n");
    _exit(0);
  }
}
