#pragma once
#ifdef __cplusplus
extern "C" {
#endif
int system(const char *command);
void exit(int);
char *getenv(const char *);
int setenv(const char *, const char *, int);
int unsetenv(const char *);
int rand(void);
void srand(unsigned);
int rand_r(unsigned *);
#ifdef __cplusplus
}
#endif
