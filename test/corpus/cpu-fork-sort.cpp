// A forked child sorts a large array before exiting.
#include <algorithm>
#include <sys/wait.h>
#include <unistd.h>
#include <vector>

static void sortData() {
  std::vector<unsigned> V(2000000);
  unsigned X = 12345;
  for (int Round = 0; Round < 3; ++Round) {
    for (unsigned &E : V) {
      X = X * 1103515245u + 12345u;
      E = X;
    }
    std::sort(V.begin(), V.end());
  }
}

int main() {
  pid_t Pid = fork(); // SITE
  if (Pid == 0) {
    sortData();
    _exit(0);
  }
  waitpid(Pid, nullptr, 0);
}
