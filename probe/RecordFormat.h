//===- probe/RecordFormat.h - What the preload library writes ---------------===//
//
// The preload library (probe/preload/Preload.cpp) and the collector
// (probe/RecordReader.cpp) agree on this format and nothing else. Every
// process of the traced program appends text lines to one file, each line
// with a single write() on an O_APPEND descriptor, so lines from different
// processes and threads never interleave and a process killed at any moment
// leaves every line it wrote whole: the file is valid up to the crash.
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
//                                    a CPU (0 when not read)
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

/// The environment variable naming the records file for every process.
#define CONC_PROBE_RECORDS_ENV "CONC_PROBE_RECORDS"

/// The longest line the preload library writes (longer ones are cut to
/// this, ending in a newline, never split).
#define CONC_PROBE_MAX_LINE 1024

/// Return addresses kept per site.
#define CONC_PROBE_MAX_FRAMES 24

#endif
