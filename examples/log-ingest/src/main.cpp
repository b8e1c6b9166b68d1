// log-ingest: accepts newline-delimited log lines over TCP, batches them, and
// writes compressed, indexed segments plus a rotating plain-text journal.
//
//   log-ingest [--port N] [--spool DIR]   serve until SIGINT/SIGTERM
//   log-ingest --once                     process one synthetic batch, exit
#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <string>
#include <thread>

#include "archiver.h"
#include "ingest.h"
#include "listener.h"
#include "stats.h"

namespace {

using namespace std::chrono_literals;

// Set by the signal handler; every loop polls it. Lock-free, so safe there.
std::atomic<bool> g_stop{false};

void on_signal(int) { g_stop.store(true); }

struct Options {
  std::uint16_t port = 5170;
  std::string spool_dir = "spool";
  bool once = false;
};

void usage(std::FILE* out) {
  std::fprintf(out,
               "usage: log-ingest [--port N] [--spool DIR] [--once]\n"
               "  --port N     listen on 127.0.0.1:N (default 5170, 0 = any)\n"
               "  --spool DIR  segments and journal go here (default ./spool)\n"
               "  --once       process one synthetic in-memory batch and exit\n");
}

bool parse_args(int argc, char** argv, Options& opts) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--once") {
      opts.once = true;
    } else if (arg == "--port" && i + 1 < argc) {
      char* end = nullptr;
      const long port = std::strtol(argv[++i], &end, 10);
      if (*end != '\0' || port < 0 || port > 65535) return false;
      opts.port = static_cast<std::uint16_t>(port);
    } else if (arg == "--spool" && i + 1 < argc) {
      opts.spool_dir = argv[++i];
    } else {
      return false;
    }
  }
  return true;
}

// Deterministic, realistic-looking traffic for --once and for benchmarks.
std::string synthetic_traffic(int lines) {
  static const char* const kServices[] = {"api", "auth", "billing", "search"};
  static const char* const kLevels[] = {"INFO", "INFO", "INFO", "DEBUG",
                                        "INFO", "WARN", "INFO", "ERROR"};
  std::string out;
  std::uint32_t rng = 12345;
  char line[256];
  for (int i = 0; i < lines; ++i) {
    rng = rng * 1664525u + 1013904223u;  // LCG: reproducible across runs
    const int n = std::snprintf(
        line, sizeof line,
        "2024-05-01T12:%02d:%02d.%03dZ host-%u %s %s request id=%08x "
        "route=/v1/items/%u status=%u latency_ms=%u\n",
        (i / 60000) % 60, (i / 1000) % 60, i % 1000, (rng >> 8) % 4,
        kServices[(rng >> 12) % 4], kLevels[(rng >> 16) % 8], rng,
        (rng >> 4) % 500, ((rng >> 20) % 8 == 0) ? 500u : 200u, (rng >> 3) % 900);
    out.append(line, static_cast<std::size_t>(n));
  }
  return out;
}

int run_once() {
  using namespace logingest;
  IngestBuffer buffer;
  StatsReporter stats(buffer, 100ms);
  stats.start();

  // Feed the batch in socket-sized pieces, exactly as a connection would.
  const std::string traffic = synthetic_traffic(5000);
  std::string carry;
  constexpr std::size_t kReadSize = 8192;
  for (std::size_t off = 0; off < traffic.size(); off += kReadSize) {
    const std::size_t n = std::min(kReadSize, traffic.size() - off);
    split_lines(carry, traffic.data() + off, n, buffer);
  }

  const Pipeline pipeline{PipelineConfig{}};
  const Batch batch = pipeline.process(buffer.drain());
  stats.stop();

  std::printf("lines=%zu raw=%zu compressed=%zu chunks=%zu ratio=%.2f verified=%s\n",
              batch.lines, batch.raw_bytes, batch.compressed_bytes,
              batch.chunks.size(),
              batch.raw_bytes ? double(batch.compressed_bytes) / double(batch.raw_bytes) : 0.0,
              batch.verified ? "yes" : "no");
  for (std::size_t s = 0; s < kSeverityCount; ++s)
    if (batch.index.by_severity[s] != 0)
      std::printf("  %-7s %zu\n", severity_name(static_cast<Severity>(s)),
                  batch.index.by_severity[s]);
  for (const auto& [service, count] : batch.index.by_service)
    std::printf("  service %-8s %zu\n", service.c_str(), count);
  return batch.verified ? EXIT_SUCCESS : EXIT_FAILURE;
}

int run_server(const Options& opts) {
  using namespace logingest;
  std::error_code ec;
  std::filesystem::create_directories(opts.spool_dir, ec);
  if (ec) {
    std::fprintf(stderr, "log-ingest: %s: %s\n", opts.spool_dir.c_str(),
                 ec.message().c_str());
    return EXIT_FAILURE;
  }
  const std::string df = disk_usage(opts.spool_dir);
  if (!df.empty()) std::fprintf(stderr, "log-ingest: spool disk: %s\n", df.c_str());

  IngestBuffer buffer;
  Listener listener(opts.port, buffer, g_stop);
  std::string error;
  if (!listener.open(&error)) {
    std::fprintf(stderr, "log-ingest: %s\n", error.c_str());
    return EXIT_FAILURE;
  }
  std::fprintf(stderr, "log-ingest: listening on 127.0.0.1:%u\n", listener.port());

  StatsReporter stats(buffer, 10s);
  stats.start();

  PipelineConfig config;
  config.spool_dir = opts.spool_dir;
  Pipeline pipeline(config);
  // Flushing off the accept path: compression must not delay new shippers.
  std::thread flusher([&pipeline, &buffer] {
    constexpr auto kFlushEvery = 2s;
    auto next = std::chrono::steady_clock::now() + kFlushEvery;
    while (!g_stop.load()) {
      std::this_thread::sleep_for(100ms);
      if (std::chrono::steady_clock::now() < next) continue;
      pipeline.flush(buffer);
      next += kFlushEvery;
    }
  });

  listener.serve();  // returns once g_stop is set and connections are joined
  flusher.join();
  pipeline.flush(buffer);  // whatever arrived after the last tick
  stats.stop();
  return EXIT_SUCCESS;
}

}  // namespace

int main(int argc, char** argv) {
  Options opts;
  if (!parse_args(argc, argv, opts)) {
    usage(stderr);
    return 2;
  }
  if (opts.once) return run_once();

  struct sigaction sa {};
  sa.sa_handler = on_signal;
  sigemptyset(&sa.sa_mask);
  ::sigaction(SIGINT, &sa, nullptr);
  ::sigaction(SIGTERM, &sa, nullptr);
  std::signal(SIGPIPE, SIG_IGN);
  return run_server(opts);
}
