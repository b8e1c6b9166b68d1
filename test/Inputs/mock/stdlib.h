#pragma once
#ifdef __cplusplus
extern "C" {
#endif
int system(const char *command);
void exit(int);
char *getenv(const char *);
#ifdef __cplusplus
}
#endif
