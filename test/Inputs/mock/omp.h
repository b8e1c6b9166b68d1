#pragma once
#ifdef __cplusplus
extern "C" {
#endif
int omp_get_max_threads(void);
int omp_get_thread_num(void);
void omp_set_max_active_levels(int);
void omp_set_nested(int);
void omp_set_num_threads(int);
#ifdef __cplusplus
}
#endif
