// Batch index: per-severity and per-service line counts, stored with each
// segment so queries can skip segments without decompressing them.
#ifndef LOG_INGEST_INDEX_H
#define LOG_INGEST_INDEX_H

#include <array>
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace logingest {

enum class Severity { kDebug, kInfo, kWarn, kError, kUnknown };
constexpr std::size_t kSeverityCount = 5;

const char* severity_name(Severity s);

// Expects "<timestamp> <host> <service> <LEVEL> <message>"; lines that do
// not follow it are counted as kUnknown under service "-".
Severity parse_severity(std::string_view level);

struct IndexSummary {
  std::array<std::size_t, kSeverityCount> by_severity{};
  std::map<std::string, std::size_t> by_service;
};

IndexSummary build_index(const std::vector<std::string>& lines);

}  // namespace logingest

#endif  // LOG_INGEST_INDEX_H
