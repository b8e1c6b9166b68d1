#pragma once
typedef unsigned long thrd_t;
typedef int (*thrd_start_t)(void *);
#ifdef __cplusplus
extern "C" {
#endif
int thrd_create(thrd_t *thr, thrd_start_t func, void *arg);
int thrd_join(thrd_t thr, int *res);
int thrd_detach(thrd_t thr);
#ifdef __cplusplus
}
#endif
