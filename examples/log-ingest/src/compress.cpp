#include "compress.h"

#include <algorithm>
#include <array>
#include <cstring>
#include <future>

namespace logingest {
namespace {

constexpr std::size_t kWindow = 32 * 1024;
constexpr std::size_t kMinMatch = 3;
constexpr std::size_t kMaxMatch = 0x7f + kMinMatch;
constexpr std::size_t kMaxLiteralRun = 128;
constexpr unsigned kHashBits = 15;
// Longer chains compress log text slightly better but cost far more time.
constexpr int kMaxChain = 32;

const std::array<std::uint32_t, 256>& crc_table() {
  // Function-local static: initialised once, thread-safe since C++11.
  static const std::array<std::uint32_t, 256> table = [] {
    std::array<std::uint32_t, 256> t{};
    for (std::uint32_t i = 0; i < 256; ++i) {
      std::uint32_t c = i;
      for (int k = 0; k < 8; ++k)
        c = (c & 1u) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
      t[i] = c;
    }
    return t;
  }();
  return table;
}

inline std::uint32_t hash3(const std::uint8_t* p) {
  const std::uint32_t v = (std::uint32_t{p[0]} << 16) |
                          (std::uint32_t{p[1]} << 8) | std::uint32_t{p[2]};
  return (v * 2654435761u) >> (32 - kHashBits);
}

void emit_literals(std::vector<std::uint8_t>& out, const std::uint8_t* lit,
                   std::size_t n) {
  while (n > 0) {
    const std::size_t run = std::min(n, kMaxLiteralRun);
    out.push_back(static_cast<std::uint8_t>(run - 1));
    out.insert(out.end(), lit, lit + run);
    lit += run;
    n -= run;
  }
}

CompressedChunk compress_chunk(const std::uint8_t* data, std::size_t size) {
  CompressedChunk chunk;
  chunk.raw_size = static_cast<std::uint32_t>(size);
  chunk.crc = crc32(data, size);
  chunk.data = lz_compress(data, size);
  return chunk;
}

}  // namespace

std::uint32_t crc32(const std::uint8_t* data, std::size_t size,
                    std::uint32_t crc) {
  const auto& table = crc_table();
  crc = ~crc;
  for (std::size_t i = 0; i < size; ++i)
    crc = table[(crc ^ data[i]) & 0xffu] ^ (crc >> 8);
  return ~crc;
}

std::vector<std::uint8_t> lz_compress(const std::uint8_t* in,
                                      std::size_t size) {
  std::vector<std::uint8_t> out;
  out.reserve(size / 2 + 16);
  // head: newest position per hash; prev: the chain of older ones.
  std::vector<std::int64_t> head(std::size_t{1} << kHashBits, -1);
  std::vector<std::int64_t> prev(size, -1);

  auto insert = [&](std::size_t pos) {
    if (pos + kMinMatch > size) return;
    const std::uint32_t h = hash3(in + pos);
    prev[pos] = head[h];
    head[h] = static_cast<std::int64_t>(pos);
  };

  std::size_t literal_start = 0;
  std::size_t i = 0;
  while (i < size) {
    std::size_t best_len = 0;
    std::size_t best_dist = 0;
    if (i + kMinMatch <= size) {
      const std::size_t limit = std::min(kMaxMatch, size - i);
      std::int64_t cand = head[hash3(in + i)];
      for (int depth = 0; cand >= 0 && depth < kMaxChain;
           ++depth, cand = prev[static_cast<std::size_t>(cand)]) {
        const std::size_t from = static_cast<std::size_t>(cand);
        const std::size_t dist = i - from;
        if (dist > kWindow) break;  // the chain only gets older from here
        std::size_t len = 0;
        while (len < limit && in[from + len] == in[i + len]) ++len;
        if (len > best_len) {
          best_len = len;
          best_dist = dist;
          if (len == limit) break;
        }
      }
    }

    if (best_len >= kMinMatch) {
      emit_literals(out, in + literal_start, i - literal_start);
      out.push_back(static_cast<std::uint8_t>(0x80 | (best_len - kMinMatch)));
      out.push_back(static_cast<std::uint8_t>(best_dist & 0xff));
      out.push_back(static_cast<std::uint8_t>(best_dist >> 8));
      for (std::size_t k = 0; k < best_len; ++k) insert(i + k);
      i += best_len;
      literal_start = i;
    } else {
      insert(i);
      ++i;
    }
  }
  emit_literals(out, in + literal_start, size - literal_start);
  return out;
}

bool lz_decompress(const std::uint8_t* in, std::size_t size,
                   std::vector<std::uint8_t>& out) {
  std::size_t i = 0;
  while (i < size) {
    const std::uint8_t tag = in[i++];
    if (tag & 0x80) {
      if (i + 2 > size) return false;
      const std::size_t len = (tag & 0x7fu) + kMinMatch;
      const std::size_t dist = std::size_t{in[i]} | (std::size_t{in[i + 1]} << 8);
      i += 2;
      if (dist == 0 || dist > out.size()) return false;
      // Byte by byte: a match may overlap the bytes it produces.
      const std::size_t from = out.size() - dist;
      for (std::size_t k = 0; k < len; ++k) {
        const std::uint8_t b = out[from + k];
        out.push_back(b);
      }
    } else {
      const std::size_t run = std::size_t{tag} + 1;
      if (i + run > size) return false;
      out.insert(out.end(), in + i, in + i + run);
      i += run;
    }
  }
  return true;
}

std::vector<CompressedChunk> compress_chunks(const std::string& payload,
                                             std::size_t chunk_bytes) {
  const auto* base = reinterpret_cast<const std::uint8_t*>(payload.data());
  std::vector<std::future<CompressedChunk>> pending;
  // A batch is bounded by the flush interval, so this stays a handful of tasks.
  for (std::size_t off = 0; off < payload.size(); off += chunk_bytes) {
    const std::size_t len = std::min(chunk_bytes, payload.size() - off);
    // launch::async explicitly: the default policy may defer, and deferred
    // tasks would all run serially inside get() below.
    pending.push_back(
        std::async(std::launch::async, compress_chunk, base + off, len));
  }

  std::vector<CompressedChunk> chunks;
  chunks.reserve(pending.size());
  for (auto& f : pending) chunks.push_back(f.get());
  return chunks;
}

bool verify_chunks(const std::vector<CompressedChunk>& chunks,
                   const std::string& payload) {
  std::size_t off = 0;
  std::vector<std::uint8_t> raw;
  for (const CompressedChunk& c : chunks) {
    raw.clear();
    if (!lz_decompress(c.data.data(), c.data.size(), raw)) return false;
    if (raw.size() != c.raw_size || crc32(raw.data(), raw.size()) != c.crc)
      return false;
    if (off + raw.size() > payload.size() ||
        std::memcmp(raw.data(), payload.data() + off, raw.size()) != 0)
      return false;
    off += raw.size();
  }
  return off == payload.size();
}

}  // namespace logingest
