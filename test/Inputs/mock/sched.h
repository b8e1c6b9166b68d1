#pragma once
#ifdef __cplusplus
extern "C" {
#endif
int clone(int (*fn)(void *), void *stack, int flags, void *arg, ...);
#ifdef __cplusplus
}
#endif
