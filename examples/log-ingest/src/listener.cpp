#include "listener.h"

#include <arpa/inet.h>
#include <cerrno>
#include <cstdio>
#include <cstring>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace logingest {
namespace {

// How often blocked loops wake up to check the stop flag.
constexpr int kPollMillis = 200;
constexpr int kBacklog = 64;

// Waits for `fd` to become readable; false on timeout or a retryable error.
bool wait_readable(int fd) {
  pollfd p{};
  p.fd = fd;
  p.events = POLLIN;
  const int r = ::poll(&p, 1, kPollMillis);
  return r > 0;
}

}  // namespace

Listener::Listener(std::uint16_t port, IngestBuffer& buffer,
                   const std::atomic<bool>& stop)
    : port_(port), buffer_(buffer), stop_(stop) {}

Listener::~Listener() {
  for (std::thread& t : connections_)
    if (t.joinable()) t.join();
  if (fd_ >= 0) ::close(fd_);
}

bool Listener::open(std::string* error) {
  // CLOEXEC: the archiver forks gzip, which must not inherit our sockets.
  fd_ = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd_ < 0) {
    *error = std::string("socket: ") + std::strerror(errno);
    return false;
  }
  const int one = 1;
  ::setsockopt(fd_, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);

  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(port_);
  // Loopback only: shippers run on this host; remote ingest goes via a proxy.
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::bind(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof addr) < 0) {
    *error = std::string("bind: ") + std::strerror(errno);
    return false;
  }
  if (::listen(fd_, kBacklog) < 0) {
    *error = std::string("listen: ") + std::strerror(errno);
    return false;
  }
  socklen_t len = sizeof addr;
  if (::getsockname(fd_, reinterpret_cast<sockaddr*>(&addr), &len) == 0)
    port_ = ntohs(addr.sin_port);
  return true;
}

void Listener::serve() {
  while (!stop_.load()) {
    if (!wait_readable(fd_)) continue;
    const int client = ::accept4(fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (client < 0) {
      if (errno != EINTR && errno != EAGAIN && errno != ECONNABORTED)
        std::perror("log-ingest: accept");
      continue;
    }
    connections_.emplace_back(&Listener::handle_connection, this, client);
  }
  for (std::thread& t : connections_) t.join();
  connections_.clear();
}

void Listener::handle_connection(int fd) {
  std::string carry;
  char buf[8192];
  while (!stop_.load()) {
    if (!wait_readable(fd)) continue;
    const ssize_t n = ::recv(fd, buf, sizeof buf, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) break;  // peer closed, or reset
    split_lines(carry, buf, static_cast<std::size_t>(n), buffer_);
  }
  // A shipper that closes without a final newline still meant that line.
  if (!carry.empty()) {
    const char newline = '\n';
    split_lines(carry, &newline, 1, buffer_);
  }
  ::close(fd);
}

}  // namespace logingest
