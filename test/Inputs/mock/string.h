#pragma once
#ifdef __cplusplus
extern "C" {
#endif
char *strtok(char *, const char *);
char *strtok_r(char *, const char *, char **);
char *strerror(int);
unsigned long strlen(const char *);
#ifdef __cplusplus
}
#endif
