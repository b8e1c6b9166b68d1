#include "spawner.h"
#include <unistd.h>
void rotate(const char *Path) {
  if (fork() == 0)
    execlp("gzip", "gzip", Path, nullptr);
  startHeartbeat();
}
