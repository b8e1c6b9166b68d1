// Helpers that shell out: archiving rotated journals and checking free space.
#ifndef LOG_INGEST_ARCHIVER_H
#define LOG_INGEST_ARCHIVER_H

#include <string>

namespace logingest {

// Compresses `path` in place to `path.gz` with the system gzip. Blocks until
// gzip exits; returns true if it succeeded. Rotation is rare, so a child
// process is cheaper than carrying a deflate implementation.
bool gzip_file(const std::string& path);

// The `df -h` line for the filesystem holding `dir`, or "" if df failed.
std::string disk_usage(const std::string& dir);

}  // namespace logingest

#endif  // LOG_INGEST_ARCHIVER_H
