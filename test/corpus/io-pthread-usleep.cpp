// pthreads wait with usleep in a loop.
#include <pthread.h>
#include <unistd.h>

static void *waiter(void *) {
  for (int I = 0; I < 10; ++I)
    usleep(50000);
  return nullptr;
}

int main() {
  pthread_t T[2];
  for (int I = 0; I < 2; ++I)
    pthread_create(&T[I], nullptr, waiter, nullptr); // SITE
  for (int I = 0; I < 2; ++I)
    pthread_join(T[I], nullptr);
}
