#include "ingest.h"

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <system_error>
#include <utility>

#include "archiver.h"

namespace fs = std::filesystem;

namespace logingest {
namespace {

// Longer lines are truncated: one runaway client must not exhaust memory.
constexpr std::size_t kMaxLineBytes = 16 * 1024;

void put_u32(std::ofstream& out, std::uint32_t v) {
  const char bytes[4] = {static_cast<char>(v & 0xff),
                         static_cast<char>((v >> 8) & 0xff),
                         static_cast<char>((v >> 16) & 0xff),
                         static_cast<char>((v >> 24) & 0xff)};
  out.write(bytes, sizeof bytes);
}

}  // namespace

// Total lines accepted since startup; the stats reporter thread reads it.
static long g_lines_ingested = 0;

void IngestBuffer::append(std::string line) {
  std::lock_guard<std::mutex> lock(mu_);
  bytes_ += line.size();
  lines_.push_back(std::move(line));
}

std::vector<std::string> IngestBuffer::drain() {
  std::vector<std::string> out;
  std::lock_guard<std::mutex> lock(mu_);
  out.swap(lines_);
  bytes_ = 0;
  return out;
}

std::size_t IngestBuffer::pending_lines() const {
  std::lock_guard<std::mutex> lock(mu_);
  return lines_.size();
}

std::size_t IngestBuffer::pending_bytes() const {
  std::lock_guard<std::mutex> lock(mu_);
  return bytes_;
}

std::size_t split_lines(std::string& carry, const char* data, std::size_t size,
                        IngestBuffer& out) {
  std::size_t appended = 0;
  for (std::size_t i = 0; i < size; ++i) {
    const char c = data[i];
    if (c != '\n') {
      if (carry.size() < kMaxLineBytes) carry.push_back(c);
      continue;
    }
    if (!carry.empty() && carry.back() == '\r') carry.pop_back();
    if (carry.empty()) continue;
    out.append(std::move(carry));
    carry.clear();
    ++appended;
    // BUG: data race (intentional, for conc-advisor's example)
    ++g_lines_ingested;
  }
  return appended;
}

long lines_ingested() { return g_lines_ingested; }

Pipeline::Pipeline(PipelineConfig config) : config_(std::move(config)) {
  std::error_code ec;
  const auto size = fs::file_size(fs::path(config_.spool_dir) / "ingest.journal", ec);
  journal_bytes_ = ec ? 0 : static_cast<std::size_t>(size);
}

Batch Pipeline::process(const std::vector<std::string>& lines) const {
  Batch batch;
  batch.lines = lines.size();

  std::string payload;
  std::size_t total = 0;
  for (const std::string& line : lines) total += line.size() + 1;
  payload.reserve(total);
  for (const std::string& line : lines) {
    payload += line;
    payload += '\n';
  }
  batch.raw_bytes = payload.size();

  batch.chunks = compress_chunks(payload, config_.chunk_bytes);
  for (const CompressedChunk& c : batch.chunks)
    batch.compressed_bytes += c.data.size() + 12;  // + per-chunk header
  // Cheap next to compression, and a corrupt segment is unrecoverable.
  batch.verified = verify_chunks(batch.chunks, payload);
  batch.index = build_index(lines);
  return batch;
}

void Pipeline::flush(IngestBuffer& buffer) {
  std::vector<std::string> lines = buffer.drain();
  if (lines.empty()) return;

  const Batch batch = process(lines);
  if (!batch.verified) {
    // Keep the raw lines in the journal; only the segment is lost.
    std::fprintf(stderr, "log-ingest: segment failed verification, not written\n");
  } else if (!write_segment(batch)) {
    std::fprintf(stderr, "log-ingest: cannot write segment in %s\n",
                 config_.spool_dir.c_str());
  }
  append_journal(lines);
}

bool Pipeline::write_segment(const Batch& batch) {
  const fs::path path = fs::path(config_.spool_dir) /
                        ("segment-" + std::to_string(next_segment_++) + ".lis");
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return false;
  out.write("LIS1", 4);
  put_u32(out, static_cast<std::uint32_t>(batch.chunks.size()));
  for (const CompressedChunk& c : batch.chunks) {
    put_u32(out, c.raw_size);
    put_u32(out, static_cast<std::uint32_t>(c.data.size()));
    put_u32(out, c.crc);
    out.write(reinterpret_cast<const char*>(c.data.data()),
              static_cast<std::streamsize>(c.data.size()));
  }
  return static_cast<bool>(out.flush());
}

void Pipeline::append_journal(const std::vector<std::string>& lines) {
  const fs::path path = fs::path(config_.spool_dir) / "ingest.journal";
  std::ofstream out(path, std::ios::app);
  for (const std::string& line : lines) {
    out << line << '\n';
    journal_bytes_ += line.size() + 1;
  }
  out.close();
  if (journal_bytes_ >= config_.journal_rotate_bytes) rotate_journal();
}

void Pipeline::rotate_journal() {
  const auto stamp = std::chrono::duration_cast<std::chrono::seconds>(
      std::chrono::system_clock::now().time_since_epoch()).count();
  const fs::path journal = fs::path(config_.spool_dir) / "ingest.journal";
  const fs::path rotated = journal.string() + "." + std::to_string(stamp);

  std::error_code ec;
  fs::rename(journal, rotated, ec);
  if (ec) {
    std::fprintf(stderr, "log-ingest: rotate %s: %s\n", journal.c_str(),
                 ec.message().c_str());
    return;
  }
  journal_bytes_ = 0;
  if (!gzip_file(rotated.string()))
    std::fprintf(stderr, "log-ingest: gzip %s failed; left uncompressed\n",
                 rotated.c_str());

  // Rotation is when the spool grows; say how much room is left.
  const std::string df = disk_usage(config_.spool_dir);
  if (!df.empty()) std::fprintf(stderr, "log-ingest: spool disk: %s\n", df.c_str());
}

}  // namespace logingest
