// The ingest path: lines from connections into a shared buffer, and the
// pipeline that turns buffered lines into compressed, indexed segments.
#ifndef LOG_INGEST_INGEST_H
#define LOG_INGEST_INGEST_H

#include <cstddef>
#include <cstdint>
#include <mutex>
#include <string>
#include <vector>

#include "compress.h"
#include "index.h"

namespace logingest {

// Lines waiting for the next flush. Shared by every connection thread (which
// append), the flusher (which drains) and the stats reporter (which reads).
class IngestBuffer {
 public:
  void append(std::string line);
  std::vector<std::string> drain();
  std::size_t pending_lines() const;
  std::size_t pending_bytes() const;

 private:
  mutable std::mutex mu_;
  std::vector<std::string> lines_;
  std::size_t bytes_ = 0;
};

// Splits received bytes into lines and appends the complete ones to `out`;
// a trailing partial line stays in `carry` for the next call. Returns the
// number of lines appended.
std::size_t split_lines(std::string& carry, const char* data, std::size_t size,
                        IngestBuffer& out);

// Lines accepted since startup, for the stats reporter.
long lines_ingested();

struct PipelineConfig {
  std::string spool_dir = "spool";
  std::size_t chunk_bytes = 64 * 1024;
  std::size_t journal_rotate_bytes = 8 * 1024 * 1024;
};

struct Batch {
  std::size_t lines = 0;
  std::size_t raw_bytes = 0;
  std::size_t compressed_bytes = 0;
  std::vector<CompressedChunk> chunks;
  IndexSummary index;
  bool verified = false;
};

// Not thread-safe: one flusher thread owns it (and main, after joining the
// flusher, for the final flush).
class Pipeline {
 public:
  explicit Pipeline(PipelineConfig config);

  // Compresses, verifies and indexes a batch; touches no files.
  Batch process(const std::vector<std::string>& lines) const;

  // Drains `buffer` and, if anything was pending, writes a segment, appends
  // the raw lines to the journal and rotates the journal when it is full.
  void flush(IngestBuffer& buffer);

 private:
  bool write_segment(const Batch& batch);
  void append_journal(const std::vector<std::string>& lines);
  void rotate_journal();

  PipelineConfig config_;
  std::uint64_t next_segment_ = 0;
  std::size_t journal_bytes_ = 0;
};

}  // namespace logingest

#endif  // LOG_INGEST_INGEST_H
