#pragma once
typedef long time_t;
struct tm { int tm_sec, tm_min, tm_hour, tm_mday, tm_mon, tm_year; };
#ifdef __cplusplus
extern "C" {
#endif
time_t time(time_t *);
struct tm *localtime(const time_t *);
struct tm *localtime_r(const time_t *, struct tm *);
struct tm *gmtime(const time_t *);
char *ctime(const time_t *);
#ifdef __cplusplus
}
#endif
