// Mock <sys/socket.h> for conc-advisor's lit tests: the calls the workload
// classifier knows from rules/io.yaml.
#pragma once
typedef unsigned long size_t;
typedef long ssize_t;
typedef unsigned socklen_t;
struct sockaddr;
#ifdef __cplusplus
extern "C" {
#endif
int socket(int domain, int type, int protocol);
int accept(int fd, struct sockaddr *addr, socklen_t *len);
int connect(int fd, const struct sockaddr *addr, socklen_t len);
ssize_t recv(int fd, void *buf, size_t len, int flags);
ssize_t send(int fd, const void *buf, size_t len, int flags);
#ifdef __cplusplus
}
#endif
