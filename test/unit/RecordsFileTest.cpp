//===- test/unit/RecordsFileTest.cpp - Reading the preload's records file -===//
//
// Files as the preload library leaves them, including the ones it only
// leaves when a process is killed in the middle of copying a line.
//
//===----------------------------------------------------------------------===//
#include "probe/RecordFormat.h"
#include "probe/RecordsFile.h"

#include "gtest/gtest.h"

#include <cstring>
#include <string>
#include <vector>

using namespace conc;

namespace {

/// A header page as the first process writes it, with `Lost` lost lines.
std::string header(uint64_t Lost = 0) {
  std::string H(CONC_PROBE_RECORDS_DATA_START, '\0');
  ConcProbeRecordsHeader Fields{};
  std::memcpy(Fields.Magic, CONC_PROBE_RECORDS_MAGIC, sizeof CONC_PROBE_RECORDS_MAGIC - 1);
  Fields.Next = Fields.Covered = CONC_PROBE_RECORDS_DATA_START;
  Fields.Lost = Lost;
  std::memcpy(H.data(), &Fields, sizeof Fields);
  return H;
}

std::string nuls(size_t N) { return std::string(N, '\0'); }

struct Scanned {
  std::vector<std::string> Lines;
  RecordsScan Scan;
};

Scanned scan(const std::string &Data) {
  Scanned Out;
  auto S = scanRecords(Data, [&](llvm::StringRef L) { Out.Lines.push_back(L.str()); });
  EXPECT_TRUE(bool(S)) << llvm::toString(S.takeError());
  if (S)
    Out.Scan = *S;
  return Out;
}

TEST(RecordsFileTest, EmptyFileHasNoLines) {
  Scanned S = scan("");
  EXPECT_TRUE(S.Lines.empty());
  EXPECT_EQ(S.Scan.TornLines, 0u);
}

TEST(RecordsFileTest, WholeLinesBetweenUnwrittenBytes) {
  // A straddling reservation abandoned, then the unused tail of the chunk.
  Scanned S = scan(header() + "X 1.5 1 5 /bin/a\nC 1.5/1.0 7\n" + nuls(40) +
                   "T 1.5/1.0 10 20 1 0 0\n" + nuls(1000));
  EXPECT_EQ(S.Lines, (std::vector<std::string>{"X 1.5 1 5 /bin/a", "C 1.5/1.0 7",
                                               "T 1.5/1.0 10 20 1 0 0"}));
  EXPECT_EQ(S.Scan.TornLines, 0u);
  EXPECT_EQ(S.Scan.LostLines, 0u);
}

TEST(RecordsFileTest, LineOfAKilledWriterIsDroppedAndCounted) {
  // The writer reserved 24 bytes, copied 9 and was killed: the rest of its
  // space, newline included, stayed NUL; the next line is someone else's.
  Scanned S = scan(header() + "C 1.5/1.0 7\n" + "T 1.5/1.0" + nuls(15) +
                   "C 2.9/2.0 8\n");
  EXPECT_EQ(S.Lines, (std::vector<std::string>{"C 1.5/1.0 7", "C 2.9/2.0 8"}));
  EXPECT_EQ(S.Scan.TornLines, 1u);
}

TEST(RecordsFileTest, LineCutByTheEndOfTheFileIsDropped) {
  Scanned S = scan(header() + "C 1.5/1.0 7\nT 1.5/1.0 10 2");
  EXPECT_EQ(S.Lines, (std::vector<std::string>{"C 1.5/1.0 7"}));
  EXPECT_EQ(S.Scan.TornLines, 1u);
}

TEST(RecordsFileTest, LineMissingOnlyItsNewlineIsTorn) {
  Scanned S = scan(header() + "F 12" + nuls(1) + "F 13\n");
  EXPECT_EQ(S.Lines, (std::vector<std::string>{"F 13"}));
  EXPECT_EQ(S.Scan.TornLines, 1u);
}

TEST(RecordsFileTest, LostLinesComeFromTheHeader) {
  Scanned S = scan(header(3) + "F 12\n");
  EXPECT_EQ(S.Lines, (std::vector<std::string>{"F 12"}));
  EXPECT_EQ(S.Scan.LostLines, 3u);
}

TEST(RecordsFileTest, OtherFormatIsAnError) {
  // Format 1: plain lines from the first byte.
  auto S = scanRecords("X 1.5 1 5 /bin/a\nF 1\n", [](llvm::StringRef) {
    ADD_FAILURE() << "no line of another format is read";
  });
  ASSERT_FALSE(bool(S));
  std::string Msg = llvm::toString(S.takeError());
  EXPECT_NE(Msg.find("not a records file of format 'conc-probe-records 2'"), std::string::npos)
      << Msg;
  EXPECT_NE(Msg.find("'X 1.5 1 5 /bin/a'"), std::string::npos) << Msg;
}

TEST(RecordsFileTest, HeaderCutShortIsAnError) {
  std::string Short = header().substr(0, 100);
  auto S = scanRecords(Short, [](llvm::StringRef) {});
  ASSERT_FALSE(bool(S));
  llvm::consumeError(S.takeError());
}

} // namespace
