#include "archiver.h"

#include <cerrno>
#include <cstdio>
#include <sys/types.h>
#include <sys/wait.h>
#include <unistd.h>

namespace logingest {
namespace {

// Single-quotes `s` for /bin/sh, so a spool path with spaces or quotes is
// passed to df as one argument rather than interpreted.
std::string shell_quote(const std::string& s) {
  std::string out = "'";
  for (char c : s) {
    if (c == '\'')
      out += "'\\''";
    else
      out += c;
  }
  out += '\'';
  return out;
}

}  // namespace

bool gzip_file(const std::string& path) {
  // Taken before fork: the child may only make async-signal-safe calls,
  // since other threads of this process may hold malloc's locks.
  const char* file = path.c_str();
  const pid_t pid = ::fork();
  if (pid < 0) {
    std::perror("log-ingest: fork");
    return false;
  }
  if (pid == 0) {
    ::execlp("gzip", "gzip", "-f", "-q", "--", file, static_cast<char*>(nullptr));
    ::_exit(127);  // exec failed; _exit skips the parent's atexit handlers
  }

  int status = 0;
  while (::waitpid(pid, &status, 0) < 0) {
    if (errno != EINTR) {
      std::perror("log-ingest: waitpid");
      return false;
    }
  }
  return WIFEXITED(status) && WEXITSTATUS(status) == 0;
}

std::string disk_usage(const std::string& dir) {
  // -P: one line per filesystem even when the device name is long.
  const std::string cmd = "df -h -P " + shell_quote(dir) + " 2>/dev/null";
  FILE* pipe = ::popen(cmd.c_str(), "r");
  if (pipe == nullptr) return {};

  std::string last;
  char buf[512];
  while (std::fgets(buf, sizeof buf, pipe) != nullptr) {
    last = buf;  // the first line is df's header; keep the data line
  }
  const int status = ::pclose(pipe);
  if (status == -1 || !WIFEXITED(status) || WEXITSTATUS(status) != 0) return {};
  while (!last.empty() && (last.back() == '\n' || last.back() == '\r'))
    last.pop_back();
  return last;
}

}  // namespace logingest
