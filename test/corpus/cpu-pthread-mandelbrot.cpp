// pthreads render rows of the Mandelbrot set.
#include <pthread.h>

static int Image[2][200][200];

static void *render(void *Arg) {
  long Half = (long)Arg;
  for (int Y = 0; Y < 200; ++Y)
    for (int X = 0; X < 200; ++X) {
      double Cr = X / 100.0 - 1.5, Ci = Y / 100.0 - 1.0 + Half * 0.01;
      double Zr = 0, Zi = 0;
      int It = 0;
      while (It < 4000 && Zr * Zr + Zi * Zi < 4.0) {
        double T = Zr * Zr - Zi * Zi + Cr;
        Zi = 2 * Zr * Zi + Ci;
        Zr = T;
        ++It;
      }
      Image[Half][Y][X] = It;
    }
  return nullptr;
}

int main() {
  pthread_t T[2];
  for (long I = 0; I < 2; ++I)
    pthread_create(&T[I], nullptr, render, (void *)I); // SITE
  for (int I = 0; I < 2; ++I)
    pthread_join(T[I], nullptr);
}
