//===- test/unit/ProfileMatchTest.cpp - Joining profile records to sites ---===//
#include "core/ProfileMatch.h"

#include "core/Rules.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Process.h"

#include <gtest/gtest.h>

using namespace conc;

namespace {

ProfileSite record(std::string File, unsigned Line, std::string Kind, uint64_t Cpu,
                   uint64_t Wall, uint64_t Wait = 0) {
  ProfileSite S;
  S.File = std::move(File);
  S.Line = Line;
  S.Kind = std::move(Kind);
  S.Api = S.Kind == "thread" ? "pthread_create" : "fork";
  S.Count = S.Measured = 1;
  S.CpuTimeUs = Cpu;
  S.WallTimeUs = Wall;
  S.RunQueueWaitUs = Wait;
  return S;
}

TEST(ProfileMatchTest, JoinsByTrailingPathComponentsAndLine) {
  Profile P;
  P.Sites.push_back(record("/build/host/src/net/server.cpp", 10, "thread", 9000, 10000));
  WorkloadThresholds T;
  ProfileMatch M = matchProfileSite(P, "/home/me/project/src/net/server.cpp", 10, "thread", T);
  ASSERT_TRUE(M.Site);
  EXPECT_EQ(M.Site->Class, "cpu");
  EXPECT_DOUBLE_EQ(M.Site->OnCpuRatio, 0.9);
  // Another line, another kind, another file name: no record.
  EXPECT_FALSE(matchProfileSite(P, "/home/me/project/src/net/server.cpp", 11, "thread", T).Site);
  EXPECT_FALSE(matchProfileSite(P, "/home/me/project/src/net/server.cpp", 10, "process", T).Site);
  ProfileMatch Other = matchProfileSite(P, "/home/me/project/src/net/client.cpp", 10, "", T);
  EXPECT_FALSE(Other.Site);
  EXPECT_EQ(Other.Why, "nothing was created at this line in the profiled run");
}

TEST(ProfileMatchTest, ACallOverSeveralLinesJoinsAtItsLastLineWhenNotAtItsFirst) {
  Profile P;
  P.Sites.push_back(record("/s/main.cpp", 157, "thread", 100, 10000));
  WorkloadThresholds T;
  ProfileMatch M = matchProfileSite(P, "/s/main.cpp", {148, 157}, "thread", T);
  ASSERT_TRUE(M.Site);
  EXPECT_EQ(M.Site->Class, "io");
  ProfileMatch None = matchProfileSite(P, "/s/main.cpp", {148, 150}, "thread", T);
  EXPECT_FALSE(None.Site);
  EXPECT_EQ(None.Why, "nothing was created at lines 148-150 (the call) in the profiled run");
}

TEST(ProfileMatchTest, TheLongestSharedSuffixWinsAndATieIsRefused) {
  Profile P;
  P.Sites.push_back(record("/b/src/a/util.cpp", 5, "thread", 100, 10000));
  P.Sites.push_back(record("/b/src/b/util.cpp", 5, "thread", 9000, 10000));
  WorkloadThresholds T;
  ProfileMatch M = matchProfileSite(P, "/w/src/b/util.cpp", 5, "thread", T);
  ASSERT_TRUE(M.Site);
  EXPECT_EQ(M.Site->File, "/b/src/b/util.cpp");
  EXPECT_EQ(M.Site->Class, "cpu");
  ProfileMatch Tie = matchProfileSite(P, "/w/lib/util.cpp", 5, "thread", T);
  EXPECT_FALSE(Tie.Site);
  EXPECT_NE(Tie.Why.find("cannot be told"), std::string::npos) << Tie.Why;
}

TEST(ProfileMatchTest, EqualRealPathsMatchWhateverTheSpelling) {
  llvm::SmallString<128> Dir;
  ASSERT_FALSE(llvm::sys::fs::createUniqueDirectory("profile-match", Dir));
  llvm::SmallString<128> Real(Dir), Link(Dir), File(Dir), Linked(Dir);
  llvm::sys::path::append(Real, "real");
  llvm::sys::path::append(Link, "link");
  ASSERT_FALSE(llvm::sys::fs::create_directory(Real));
  ASSERT_FALSE(llvm::sys::fs::create_link(Real, Link));
  llvm::sys::path::append(File, "real", "x.cpp");
  llvm::sys::path::append(Linked, "link", "x.cpp");
  int Fd;
  ASSERT_FALSE(llvm::sys::fs::openFileForWrite(File, Fd));
  llvm::sys::Process::SafelyCloseFileDescriptor(Fd);
  // A decoy sharing the file name with the link's spelling ("link/x.cpp")
  // loses to the file the link resolves to.
  Profile P;
  P.Sites.push_back(record(std::string(File), 3, "process", 5000, 5000));
  P.Sites.push_back(record("/elsewhere/link/x.cpp", 3, "process", 10, 5000));
  WorkloadThresholds T;
  ProfileMatch M = matchProfileSite(P, Linked, 3, "process", T);
  ASSERT_TRUE(M.Site) << M.Why;
  EXPECT_EQ(M.Site->File, std::string(File));
  llvm::sys::fs::remove_directories(Dir);
}

TEST(ProfileMatchTest, RecordsOfOneLineAreSummedAndTheRunQueueWaitIsNotBlocking) {
  Profile P;
  // 4 ms computing and 6 ms in the run queue of a busy machine: CPU-bound.
  P.Sites.push_back(record("/s/a.cpp", 7, "process", 4000, 10000, 6000));
  ProfileSite Popen = record("/s/a.cpp", 7, "process", 0, 1000);
  Popen.Api = "popen";
  P.Sites.push_back(Popen);
  WorkloadThresholds T;
  ProfileMatch M = matchProfileSite(P, "/s/a.cpp", 7, "process", T);
  ASSERT_TRUE(M.Site);
  EXPECT_EQ(M.Site->Count, 2u);
  EXPECT_EQ(M.Site->Apis, (std::vector<std::string>{"fork", "popen"}));
  EXPECT_EQ(M.Site->WantedTimeUs, 5000u); // 4000 CPU + 1000 blocked
  EXPECT_EQ(M.Site->Class, "cpu");
}

} // namespace
