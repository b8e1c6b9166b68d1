// Segment compression: a small LZ77 codec plus CRC32, fanned out over chunks.
#ifndef LOG_INGEST_COMPRESS_H
#define LOG_INGEST_COMPRESS_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace logingest {

// One independently decodable slice of a batch. Chunks are compressed on
// separate threads, so nothing in one refers back into another.
struct CompressedChunk {
  std::uint32_t raw_size = 0;
  std::uint32_t crc = 0;  // CRC32 of the raw bytes, checked after decoding
  std::vector<std::uint8_t> data;
};

// CRC32 (IEEE 802.3, reflected, as used by gzip and zlib).
std::uint32_t crc32(const std::uint8_t* data, std::size_t size,
                    std::uint32_t crc = 0);

// Byte-oriented LZ77: a control byte per token, either a literal run
// (0lllllll: 1..128 bytes follow) or a match (1mmmmmmm: length 3..130,
// then a 16-bit little-endian distance into the last 32 KiB).
std::vector<std::uint8_t> lz_compress(const std::uint8_t* in, std::size_t size);
bool lz_decompress(const std::uint8_t* in, std::size_t size,
                   std::vector<std::uint8_t>& out);

// Splits `payload` into chunks of at most `chunk_bytes` and compresses them
// concurrently, one task per chunk; the result keeps the payload's order.
std::vector<CompressedChunk> compress_chunks(const std::string& payload,
                                             std::size_t chunk_bytes);

// Decodes every chunk and checks its size and CRC against the header.
bool verify_chunks(const std::vector<CompressedChunk>& chunks,
                   const std::string& payload);

}  // namespace logingest

#endif  // LOG_INGEST_COMPRESS_H
