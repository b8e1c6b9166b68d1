#include "index.h"

namespace logingest {
namespace {

struct LineKey {
  Severity severity = Severity::kUnknown;
  std::string_view service = "-";
};

// Returns the n-th space-separated field, or an empty view.
std::string_view field(std::string_view line, int n) {
  std::size_t start = 0;
  for (int i = 0; i < n; ++i) {
    const std::size_t sp = line.find(' ', start);
    if (sp == std::string_view::npos) return {};
    start = sp + 1;
  }
  const std::size_t end = line.find(' ', start);
  return line.substr(start, end == std::string_view::npos ? end : end - start);
}

LineKey classify(std::string_view line) {
  LineKey key;
  const std::string_view service = field(line, 2);
  const std::string_view level = field(line, 3);
  if (service.empty() || level.empty()) return key;
  key.service = service;
  key.severity = parse_severity(level);
  return key;
}

}  // namespace

const char* severity_name(Severity s) {
  switch (s) {
    case Severity::kDebug: return "debug";
    case Severity::kInfo: return "info";
    case Severity::kWarn: return "warn";
    case Severity::kError: return "error";
    case Severity::kUnknown: break;
  }
  return "unknown";
}

Severity parse_severity(std::string_view level) {
  if (level == "DEBUG") return Severity::kDebug;
  if (level == "INFO") return Severity::kInfo;
  if (level == "WARN" || level == "WARNING") return Severity::kWarn;
  if (level == "ERROR" || level == "FATAL") return Severity::kError;
  return Severity::kUnknown;
}

IndexSummary build_index(const std::vector<std::string>& lines) {
  const long n = static_cast<long>(lines.size());
  std::vector<LineKey> keys(lines.size());

  // Each iteration writes only its own slot, so the loop needs no locking;
  // the merge into maps below stays serial. Without OpenMP this is a plain
  // loop (the guard keeps -Wunknown-pragmas quiet).
#ifdef _OPENMP
#pragma omp parallel for schedule(static)
#endif
  for (long i = 0; i < n; ++i)
    keys[static_cast<std::size_t>(i)] = classify(lines[static_cast<std::size_t>(i)]);

  IndexSummary summary;
  for (const LineKey& k : keys) {
    ++summary.by_severity[static_cast<std::size_t>(k.severity)];
    ++summary.by_service[std::string(k.service)];
  }
  return summary;
}

}  // namespace logingest
