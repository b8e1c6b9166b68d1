// Two threads run bump: the write to hits is an expected issue (line 10).
typedef unsigned long pthread_t;
extern "C" int pthread_create(pthread_t *, const void *, void *(*)(void *), void *);
extern "C" int pthread_join(pthread_t, void **);

int hits;

void *bump(void *) {
  int h = hits;
  hits = h + 1;
  return nullptr;
}

int main() {
  pthread_t a, b;
  pthread_create(&a, nullptr, bump, nullptr);
  pthread_create(&b, nullptr, bump, nullptr);
  pthread_join(a, nullptr);
  pthread_join(b, nullptr);
}
