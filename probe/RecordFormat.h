//===- probe/RecordFormat.h - What the preload library writes ---------------===//
//
// The preload library (probe/preload/Preload.cpp) and the reader
// (probe/RecordsFile.cpp) agree on this format and nothing else.
//
// Format 2. Every process of the traced program maps one records file
// (MAP_SHARED) and appends text lines to it without a system call: a line is
// copied into space reserved by an atomic add on the header's `Next`, and
// its newline is stored last (release), so a line is published only once it
// is whole. The file is a 4 KiB header page followed by chunks of 1 MiB,
// grown with fallocate (never shrinks, never touches written bytes, and
// reserves the blocks, so a full disk fails the fallocate rather than raising
// SIGBUS in the program). A line never straddles two chunks. Bytes nobody
// wrote are NUL: the unused tail of the last chunk, space a writer reserved
// and abandoned, and the rest of a line whose process was killed while
// copying it. A reader therefore skips NULs between lines, and a run of text
// that ends in NUL or at the end of the file instead of a newline is a torn
// line, dropped. The page cache outlives a killed process, so every line
// published before a crash or SIGKILL is in the file.
//
// One write() per line (format 1) cost two system calls per thread; this
// costs none (growing the file costs three per process and MiB of records:
// fstat, fallocate, mmap).
//
// Header (offset 0, little-endian as the machine's): `Magic` (the text
// CONC_PROBE_RECORDS_MAGIC, NUL-padded), then the 64-bit counters of
// RecordsHeader. An empty file is initialized by the first process that
// opens it, under a POSIX record lock; a file with another magic (another
// format) is not written to.
//
// Lines (fields separated by one space; numbers decimal unless "hex"):
//   X IMAGE PID MONO_NS EXE          an image (a process, or a new one after
//                                    exec) started recording
//   M IMAGE BIAS START END PATH      a loaded module of IMAGE: addresses in
//                                    [START, END) (hex) belong to PATH, whose
//                                    file addresses are address - BIAS (hex)
//   S SITE KIND API ADDR...          a creation site: SITE is IMAGE/N, KIND
//                                    thread|process, ADDR return addresses
//                                    (hex), innermost first
//   C SITE MONO_NS                   a thread was created at SITE
//   T SITE CPU_NS WALL_NS VOL INVOL WAIT_NS
//                                    a thread created at SITE finished;
//                                    WAIT_NS: time runnable but waiting for
//                                    a CPU; VOL, INVOL and WAIT_NS are 0
//                                    when not read (threads under 1 ms)
//   P SITE CHILD MONO_NS             a process CHILD was created at SITE
//                                    (CHILD: its pid, or PID.N for a child
//                                    of system/popen whose pid is hidden)
//   E CHILD CPU_NS VOL INVOL MONO_NS WAIT_NS
//                                    process CHILD finished (its own
//                                    resource usage, all its threads; the
//                                    wait is its exiting thread's)
//   F PID                            the image of PID finished recording
//                                    (exit, _exit, or just before exec)
//
// IMAGE is PID.MONO_NS of the moment the image started, unique even when
// exec gives a pid a second image.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_PROBE_RECORDFORMAT_H
#define CONC_PROBE_RECORDFORMAT_H

#include <stddef.h>
#include <stdint.h>

/// The environment variable naming the records file for every process.
#define CONC_PROBE_RECORDS_ENV "CONC_PROBE_RECORDS"

/// The first bytes of a records file of this format.
#define CONC_PROBE_RECORDS_MAGIC "conc-probe-records 2\n"

/// The longest line the preload library writes (longer ones are cut to
/// this, ending in a newline, never split).
#define CONC_PROBE_MAX_LINE 1024

/// Return addresses kept per site.
#define CONC_PROBE_MAX_FRAMES 24

/// The header page at offset 0. The counters are updated with atomic
/// builtins by every process that maps the file.
struct ConcProbeRecordsHeader {
  char Magic[32];
  /// Offset of the next byte to reserve (only grows; may pass the end of
  /// the file when a writer could not grow it).
  uint64_t Next;
  /// Bytes of the file known to be allocated (fallocate'd), a multiple of
  /// the chunk size past the header.
  uint64_t Covered;
  /// Lines that could not be stored (the file could not grow, or the
  /// process lost its descriptor); the reader reports them.
  uint64_t Lost;
};

/// Where the lines start: the header has a page of its own, so chunks are
/// page-aligned for mmap.
#define CONC_PROBE_RECORDS_DATA_START 4096u
/// The unit the file grows by and a process maps; a line fits in one.
#define CONC_PROBE_RECORDS_CHUNK (1024u * 1024u)

static_assert(sizeof(ConcProbeRecordsHeader) <= CONC_PROBE_RECORDS_DATA_START,
              "the header fits its page");
static_assert(offsetof(ConcProbeRecordsHeader, Next) == 32 &&
                  offsetof(ConcProbeRecordsHeader, Covered) == 40 &&
                  offsetof(ConcProbeRecordsHeader, Lost) == 48,
              "the header's layout is part of the format");
static_assert(CONC_PROBE_MAX_LINE < CONC_PROBE_RECORDS_CHUNK, "a line fits a chunk");

#endif
