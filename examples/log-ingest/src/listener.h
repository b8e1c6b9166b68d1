// TCP front end: accepts log shippers on 127.0.0.1 and reads newline-
// delimited lines from each into the shared IngestBuffer.
#ifndef LOG_INGEST_LISTENER_H
#define LOG_INGEST_LISTENER_H

#include <atomic>
#include <cstdint>
#include <string>
#include <thread>
#include <vector>

#include "ingest.h"

namespace logingest {

class Listener {
 public:
  Listener(std::uint16_t port, IngestBuffer& buffer,
           const std::atomic<bool>& stop);
  ~Listener();
  Listener(const Listener&) = delete;
  Listener& operator=(const Listener&) = delete;

  // Binds and listens; port 0 picks a free port (see port()).
  bool open(std::string* error);
  std::uint16_t port() const { return port_; }

  // Accepts connections until `stop` is set, then joins every connection
  // thread. One thread per connection: shippers are few and long-lived.
  void serve();

 private:
  void handle_connection(int fd);

  std::uint16_t port_;
  IngestBuffer& buffer_;
  const std::atomic<bool>& stop_;
  int fd_ = -1;
  std::vector<std::thread> connections_;
};

}  // namespace logingest

#endif  // LOG_INGEST_LISTENER_H
