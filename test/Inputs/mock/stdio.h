#pragma once
typedef struct _IO_FILE FILE;
#ifdef __cplusplus
extern "C" {
#endif
FILE *popen(const char *command, const char *type);
int pclose(FILE *stream);
int printf(const char *, ...);
#ifdef __cplusplus
}
#endif
