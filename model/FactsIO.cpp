//===- model/FactsIO.cpp - Canonical writer and validating reader ---------===//
//
// The format is described in FactsIO.h. The reader follows core/Rules.cpp:
// every mistake is an error naming the file and line, nothing is ignored,
// because a silently dropped fact is a missed race. yaml-cpp reports
// problems by throwing; every call into it is inside a try block, so no
// input can escape as an exception. The reader validates a FactsNode tree
// (model/FactsNode.h): the writer's own layout is scanned fast, anything
// else, and every error, goes through yaml-cpp.
//
//===----------------------------------------------------------------------===//
#include "model/FactsIO.h"
#include "model/FactsNode.h"

#include "core/YamlCheck.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/Twine.h"
#include "llvm/Support/ConvertUTF.h"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <functional>
#include <optional>
#include <sstream>
#include <tuple>

namespace conc {

//===----------------------------------------------------------------------===//
// Canonical order
//===----------------------------------------------------------------------===//

static auto key(const FunctionFact &F) {
  return std::tie(F.Usr, F.Name, F.Where, F.IsProgramEntry, F.ClassUsr);
}
static auto key(const CallFact &F) {
  return std::tie(F.CallerUsr, F.CalleeUsr, F.Where, F.Locks, F.Gil);
}
static auto key(const OverrideFact &F) { return std::tie(F.MethodUsr, F.OverriddenUsr); }
static auto key(const ThreadStartFact &F) {
  return std::tie(F.CallerUsr, F.Where, F.EntryUsr, F.Api, F.Many);
}
static auto key(const VariableFact &F) {
  return std::tie(F.Usr, F.Name, F.Type, F.Where, F.IsConst, F.IsAtomic, F.IsThreadLocal,
                  F.IsScalar, F.Kind, F.OwnerUsr, F.AtomicFix, F.AtomicInclude);
}
static auto key(const AccessFact &F) {
  return std::tie(F.FunctionUsr, F.Where, F.VariableUsr, F.IsWrite, F.IsReadModifyWrite,
                  F.AtomicReady, F.Locks, F.Sequential, F.Phase, F.OneThread, F.IndexVar, F.IndexOffset,
                  F.Releases, F.Acquires, F.TaskGenerator, F.TaskEpoch, F.InTask);
}

static auto key(const UnsafeCallFact &F) { return std::tie(F.CallerUsr, F.Where, F.Api); }
static auto key(const ForkFact &F) {
  return std::tie(F.CallerUsr, F.Where, F.Api, F.Sequential, F.ChildUnknown, F.ChildCall,
                  F.ChildCallWhere);
}

static auto key(const WorkCallFact &F) {
  return std::tie(F.CallerUsr, F.Where, F.Api, F.Kind, F.Blocking, F.Strong, F.LoopDepth,
                  F.Locks, F.Gil);
}
static auto key(const ComputeLoopFact &F) {
  return std::tie(F.FunctionUsr, F.Where, F.Depth, F.Operations, F.EnclosingLoops, F.Locks,
                  F.Gil);
}
static auto key(const ProcessStartFact &F) {
  return std::tie(F.CallerUsr, F.Where, F.Api, F.Kind, F.Many, F.ChildKnown, F.ChildBegin,
                  F.ChildEnd, F.ChildCallees, F.ChildExecs);
}

static auto key(const SiteLoopFact &F) {
  return std::tie(F.Site, F.Loop, F.Shape, F.PerItem, F.Bound, F.CoreFactor);
}
bool factLess(const SiteLoopFact &A, const SiteLoopFact &B) { return key(A) < key(B); }
static auto key(const PythonEntryFact &F) {
  return std::tie(F.FunctionUsr, F.Where, F.Binding, F.Released);
}
bool factLess(const PythonEntryFact &A, const PythonEntryFact &B) { return key(A) < key(B); }
static auto key(const PythonCallFact &F) {
  return std::tie(F.CallerUsr, F.Where, F.Api, F.Gil);
}
bool factLess(const PythonCallFact &A, const PythonCallFact &B) { return key(A) < key(B); }
static auto key(const ThreadCountFact &F) {
  return std::tie(F.CallerUsr, F.Where, F.Api, F.Count, F.RegionUsr, F.CoreFactor);
}
bool factLess(const ThreadCountFact &A, const ThreadCountFact &B) { return key(A) < key(B); }
static auto key(const LoopedCallFact &F) {
  return std::tie(F.CallerUsr, F.CalleeUsr, F.PerItem);
}
bool factLess(const LoopedCallFact &A, const LoopedCallFact &B) { return key(A) < key(B); }
bool factLess(const WorkCallFact &A, const WorkCallFact &B) { return key(A) < key(B); }
bool factLess(const ComputeLoopFact &A, const ComputeLoopFact &B) { return key(A) < key(B); }
bool factLess(const ProcessStartFact &A, const ProcessStartFact &B) { return key(A) < key(B); }
bool factLess(const FunctionFact &A, const FunctionFact &B) { return key(A) < key(B); }
bool factLess(const UnsafeCallFact &A, const UnsafeCallFact &B) { return key(A) < key(B); }
bool factLess(const ForkFact &A, const ForkFact &B) { return key(A) < key(B); }
bool factLess(const CallFact &A, const CallFact &B) { return key(A) < key(B); }
bool factLess(const OverrideFact &A, const OverrideFact &B) { return key(A) < key(B); }
bool factLess(const ThreadStartFact &A, const ThreadStartFact &B) {
  return key(A) < key(B);
}
bool factLess(const VariableFact &A, const VariableFact &B) { return key(A) < key(B); }
bool factLess(const AccessFact &A, const AccessFact &B) { return key(A) < key(B); }

template <typename T> static void sortUnique(std::vector<T> &V) {
  llvm::sort(V, [](const T &A, const T &B) { return factLess(A, B); });
  V.erase(std::unique(V.begin(), V.end(),
                      [](const T &A, const T &B) { return factEqual(A, B); }),
          V.end());
}

void canonicalizeFacts(TranslationUnitFacts &Facts) {
  auto SortLocks = [](std::vector<std::string> &Locks) {
    llvm::sort(Locks);
    Locks.erase(std::unique(Locks.begin(), Locks.end()), Locks.end());
  };
  for (AccessFact &A : Facts.Accesses)
    SortLocks(A.Locks);
  for (CallFact &C : Facts.Calls)
    SortLocks(C.Locks);
  for (WorkCallFact &W : Facts.WorkCalls)
    SortLocks(W.Locks);
  for (ComputeLoopFact &L : Facts.ComputeLoops)
    SortLocks(L.Locks);
  for (ProcessStartFact &P : Facts.ProcessStarts)
    SortLocks(P.ChildCallees);
  sortUnique(Facts.Functions);
  sortUnique(Facts.Calls);
  sortUnique(Facts.Overrides);
  sortUnique(Facts.ThreadStarts);
  sortUnique(Facts.Variables);
  sortUnique(Facts.Accesses);
  sortUnique(Facts.UnsafeCalls);
  sortUnique(Facts.Forks);
  sortUnique(Facts.WorkCalls);
  sortUnique(Facts.ComputeLoops);
  sortUnique(Facts.LoopedCalls);
  sortUnique(Facts.SiteLoops);
  sortUnique(Facts.ProcessStarts);
  sortUnique(Facts.PythonEntries);
  sortUnique(Facts.PythonCalls);
  sortUnique(Facts.ThreadCounts);
}

//===----------------------------------------------------------------------===//
// Writer
//===----------------------------------------------------------------------===//

/// The YAML name of a kind; the default (global) is not written.
static std::string variableKindName(VariableKind K) {
  switch (K) {
  case VariableKind::Global:
    return "";
  case VariableKind::Local:
    return "local";
  case VariableKind::Field:
    return "field";
  }
  return "";
}

/// Text yaml-cpp's emitter copies through unchanged: strict UTF-8 without
/// the noncharacters it replaces by U+FFFD. Anything else goes as !!binary.
static bool emitterKeepsText(llvm::StringRef S) {
  const llvm::UTF8 *P = reinterpret_cast<const llvm::UTF8 *>(S.data());
  const llvm::UTF8 *End = P + S.size();
  while (P < End) {
    llvm::UTF32 C;
    if (llvm::convertUTF8Sequence(&P, End, &C, llvm::strictConversion) !=
        llvm::conversionOK)
      return false;
    if ((C & 0xFFFE) == 0xFFFE || (C >= 0xFDD0 && C <= 0xFDEF))
      return false;
  }
  return true;
}

/// Characters a plain or single-quoted scalar cannot carry reliably
/// (yaml-cpp would write them raw and a reader folds or strips them):
/// C0 and C1 controls, DEL, the Unicode line and paragraph separators and
/// the byte order mark. Double quotes escape them. Assumes valid UTF-8.
static bool needsEscapes(llvm::StringRef S) {
  for (size_t I = 0; I < S.size(); ++I) {
    unsigned char C = S[I];
    if (C < 0x20 || C == 0x7f)
      return true;
    unsigned char C1 = I + 1 < S.size() ? S[I + 1] : 0;
    unsigned char C2 = I + 2 < S.size() ? S[I + 2] : 0;
    if (C == 0xc2 && C1 >= 0x80 && C1 <= 0xa0) // U+0080..U+00A0
      return true;
    if (C == 0xe2 && C1 == 0x80 && (C2 == 0xa8 || C2 == 0xa9)) // U+2028/9
      return true;
    if (C == 0xef && C1 == 0xbb && C2 == 0xbf) // U+FEFF
      return true;
  }
  return false;
}

static const char BinaryTag[] = "tag:yaml.org,2002:binary";

static void emitString(YAML::Emitter &E, const std::string &S) {
  if (!emitterKeepsText(S))
    E << YAML::Binary(reinterpret_cast<const unsigned char *>(S.data()), S.size());
  else if (needsEscapes(S))
    E << YAML::DoubleQuoted << S;
  else
    E << S; // The emitter quotes whatever would not read back as this string.
}

namespace {
/// Emits one fact as a flow mapping on its own line.
class EntryWriter {
public:
  explicit EntryWriter(YAML::Emitter &E) : E(E) { E << YAML::Flow << YAML::BeginMap; }
  ~EntryWriter() { E << YAML::EndMap; }
  EntryWriter &str(const char *Key, const std::string &V) {
    E << YAML::Key << Key << YAML::Value;
    emitString(E, V);
    return *this;
  }
  EntryWriter &point(const SourcePoint &P, const std::string &Prefix = "") {
    str((Prefix + "file").c_str(), P.File);
    E << YAML::Key << Prefix + "line" << YAML::Value << P.Line;
    E << YAML::Key << Prefix + "column" << YAML::Value << P.Column;
    return *this;
  }
  /// Flags are written only when set: most are false, and a big unit has
  /// hundreds of thousands of accesses.
  EntryWriter &flag(const char *Key, bool V) {
    if (V)
      E << YAML::Key << Key << YAML::Value << true;
    return *this;
  }
  /// Written only when not empty.
  EntryWriter &optionalStr(const char *Key, const std::string &V) {
    return V.empty() ? *this : str(Key, V);
  }
  /// Written only when not `Default`.
  EntryWriter &number(const char *Key, long long V, long long Default) {
    if (V != Default)
      E << YAML::Key << Key << YAML::Value << V;
    return *this;
  }
  EntryWriter &strings(const char *Key, const std::vector<std::string> &V) {
    if (V.empty())
      return *this;
    E << YAML::Key << Key << YAML::Value << YAML::Flow << YAML::BeginSeq;
    for (const std::string &S : V)
      emitString(E, S);
    E << YAML::EndSeq;
    return *this;
  }

private:
  YAML::Emitter &E;
};
} // namespace

template <typename T, typename Fn>
static void emitList(YAML::Emitter &E, const char *Key, const std::vector<T> &V,
                     Fn EmitOne) {
  E << YAML::Key << Key << YAML::Value;
  E << (V.empty() ? YAML::Flow : YAML::Block) << YAML::BeginSeq;
  for (const T &F : V) {
    EntryWriter W(E);
    EmitOne(W, F);
  }
  E << YAML::EndSeq;
}

std::string writeFacts(const TranslationUnitFacts &In) {
  TranslationUnitFacts F = In;
  canonicalizeFacts(F);
  YAML::Emitter E;
  E << YAML::BeginMap;
  E << YAML::Key << "version" << YAML::Value << FactsVersion;
  E << YAML::Key << "file" << YAML::Value;
  emitString(E, F.File);
  emitList(E, "functions", F.Functions, [](EntryWriter &W, const FunctionFact &X) {
    W.str("usr", X.Usr)
        .str("name", X.Name)
        .point(X.Where)
        .flag("main", X.IsProgramEntry)
        .optionalStr("class", X.ClassUsr);
  });
  emitList(E, "calls", F.Calls, [](EntryWriter &W, const CallFact &X) {
    W.str("caller", X.CallerUsr)
        .str("callee", X.CalleeUsr)
        .point(X.Where)
        .strings("locks", X.Locks)
        .optionalStr("gil", X.Gil);
  });
  emitList(E, "overrides", F.Overrides, [](EntryWriter &W, const OverrideFact &X) {
    W.str("method", X.MethodUsr).str("overridden", X.OverriddenUsr);
  });
  emitList(E, "thread-starts", F.ThreadStarts,
           [](EntryWriter &W, const ThreadStartFact &X) {
             W.str("caller", X.CallerUsr)
                 .str("entry", X.EntryUsr)
                 .str("api", X.Api)
                 .point(X.Where)
                 .flag("many", X.Many);
           });
  emitList(E, "variables", F.Variables, [](EntryWriter &W, const VariableFact &X) {
    W.str("usr", X.Usr)
        .str("name", X.Name)
        .str("type", X.Type)
        .point(X.Where)
        .flag("const", X.IsConst)
        .flag("atomic", X.IsAtomic)
        .flag("thread-local", X.IsThreadLocal)
        .flag("scalar", X.IsScalar)
        .optionalStr("kind", variableKindName(X.Kind))
        .optionalStr("owner", X.OwnerUsr);
    // The edits are in the declaration's file, the type's on one line.
    if (!X.AtomicFix.Replacement.empty())
      W.number("fix-offset", X.AtomicFix.Offset, -1)
          .number("fix-length", X.AtomicFix.Length, -1)
          .number("fix-line", X.AtomicFix.Begin.Line, -1)
          .number("fix-column", X.AtomicFix.Begin.Column, -1)
          .str("fix-text", X.AtomicFix.Replacement);
    if (!X.AtomicInclude.Replacement.empty())
      W.number("include-offset", X.AtomicInclude.Offset, -1)
          .number("include-line", X.AtomicInclude.Begin.Line, -1);
  });
  emitList(E, "accesses", F.Accesses, [](EntryWriter &W, const AccessFact &X) {
    W.str("function", X.FunctionUsr)
        .str("variable", X.VariableUsr)
        .point(X.Where)
        .flag("write", X.IsWrite)
        .flag("rmw", X.IsReadModifyWrite)
        .flag("atomic-ready", X.AtomicReady)
        .strings("locks", X.Locks)
        .flag("sequential", X.Sequential)
        .number("phase", X.Phase, -1)
        .optionalStr("one-thread", X.OneThread)
        .optionalStr("index", X.IndexVar);
    if (!X.IndexVar.empty())
      W.number("index-offset", X.IndexOffset, 0);
    W.strings("releases", X.Releases).strings("acquires", X.Acquires);
    if (!X.TaskGenerator.empty())
      W.str("task-generator", X.TaskGenerator)
          .number("task-epoch", X.TaskEpoch, 0)
          .flag("in-task", X.InTask);
  });
  emitList(E, "unsafe-calls", F.UnsafeCalls, [](EntryWriter &W, const UnsafeCallFact &X) {
    W.str("caller", X.CallerUsr).str("api", X.Api).point(X.Where);
  });
  emitList(E, "forks", F.Forks, [](EntryWriter &W, const ForkFact &X) {
    W.str("caller", X.CallerUsr)
        .str("api", X.Api)
        .point(X.Where)
        .flag("sequential", X.Sequential)
        .flag("child-unknown", X.ChildUnknown);
    if (!X.ChildCall.empty())
      W.str("child-call", X.ChildCall).point(X.ChildCallWhere, "child-");
  });
  emitList(E, "work-calls", F.WorkCalls, [](EntryWriter &W, const WorkCallFact &X) {
    W.str("caller", X.CallerUsr)
        .str("api", X.Api)
        .str("kind", X.Kind)
        .point(X.Where)
        .flag("blocking", X.Blocking)
        .flag("strong", X.Strong)
        .number("loop-depth", X.LoopDepth, 0)
        .strings("locks", X.Locks)
        .optionalStr("gil", X.Gil);
  });
  emitList(E, "compute-loops", F.ComputeLoops, [](EntryWriter &W, const ComputeLoopFact &X) {
    W.str("function", X.FunctionUsr)
        .point(X.Where)
        .number("depth", X.Depth, -1)
        .number("operations", X.Operations, -1)
        .number("enclosing-loops", X.EnclosingLoops, 0)
        .strings("locks", X.Locks)
        .optionalStr("gil", X.Gil);
  });
  emitList(E, "looped-calls", F.LoopedCalls, [](EntryWriter &W, const LoopedCallFact &X) {
    W.str("caller", X.CallerUsr).str("callee", X.CalleeUsr).flag("per-item", X.PerItem);
  });
  emitList(E, "site-loops", F.SiteLoops, [](EntryWriter &W, const SiteLoopFact &X) {
    W.point(X.Site)
        .point(X.Loop, "loop-")
        .str("shape", X.Shape)
        .flag("per-item", X.PerItem)
        .number("bound", X.Bound, -1)
        .number("core-factor", X.CoreFactor, 0);
  });
  emitList(E, "process-starts", F.ProcessStarts,
           [](EntryWriter &W, const ProcessStartFact &X) {
             W.str("caller", X.CallerUsr)
                 .str("api", X.Api)
                 .str("kind", X.Kind)
                 .point(X.Where)
                 .flag("many", X.Many)
                 .flag("child-known", X.ChildKnown);
             if (X.ChildKnown)
               W.point(X.ChildBegin, "child-begin-").point(X.ChildEnd, "child-end-");
             W.strings("child-callees", X.ChildCallees).flag("child-execs", X.ChildExecs);
           });
  emitList(E, "python-entries", F.PythonEntries,
           [](EntryWriter &W, const PythonEntryFact &X) {
             W.str("function", X.FunctionUsr)
                 .point(X.Where)
                 .str("binding", X.Binding)
                 .flag("released", X.Released);
           });
  emitList(E, "python-calls", F.PythonCalls, [](EntryWriter &W, const PythonCallFact &X) {
    W.str("caller", X.CallerUsr).str("api", X.Api).point(X.Where).optionalStr("gil", X.Gil);
  });
  emitList(E, "thread-counts", F.ThreadCounts, [](EntryWriter &W, const ThreadCountFact &X) {
    W.str("caller", X.CallerUsr)
        .str("api", X.Api)
        .point(X.Where)
        .number("count", X.Count, 0)
        .optionalStr("region", X.RegionUsr)
        .number("core-factor", X.CoreFactor, 0);
  });
  E << YAML::EndMap;
  return std::string(E.c_str()) + "\n";
}

//===----------------------------------------------------------------------===//
// Reader
//===----------------------------------------------------------------------===//

namespace {

using Node = FactsNode;

template <typename T> struct FactTable;

/// Carries the file name so every error can say "file:line: message".
class FactsReader : YamlChecker {
public:
  explicit FactsReader(llvm::StringRef Name) : YamlChecker(Name) {}

  llvm::Error read(llvm::StringRef Text, TranslationUnitFacts &Out);

  // What a field of a fact is read with (Field, below).
  llvm::Error readString(const Node &Map, const char *Key, llvm::StringRef What,
                         std::string &Out) const;
  llvm::Error stringValue(const Node &V, const Node &At,
                          const llvm::Twine &Desc, std::string &Out) const;
  llvm::Error readUnsigned(const Node &Map, const char *Key, llvm::StringRef What,
                           unsigned &Out) const;
  llvm::Error readFlag(const Node &Map, const char *Key, bool &Out) const;
  llvm::Error readOptionalString(const Node &Map, const char *Key,
                                 std::string &Out) const;
  template <typename Int>
  llvm::Error readInteger(const Node &Map, const char *Key, Int Default,
                          Int &Out) const;
  llvm::Error readVariableKind(const Node &Map, VariableKind &Out) const;
  /// VariableFact::AtomicFix and AtomicInclude, in the declaration's file.
  llvm::Error readAtomicFix(const Node &Map, llvm::StringRef What, VariableFact &Out) const;
  /// The optional 'gil' key: absent, released or acquired.
  llvm::Error readGil(const Node &Map, std::string &Out) const;
  llvm::Error readPoint(const Node &Map, llvm::StringRef What,
                        SourcePoint &Out, const std::string &Prefix = "") const;
  /// A list of strings under `Key`, sorted and unique.
  llvm::Error readLocks(const Node &Map, std::vector<std::string> &Out,
                        const char *Key = "locks") const;

  template <typename T>
  llvm::Error readFactList(const Node &Root, const FactTable<T> &Table,
                           TranslationUnitFacts &Out) const;
  llvm::Error readVariableKindField(const Node &N, llvm::StringRef What,
                                    VariableFact &F) const;
  llvm::Error readForkChild(const Node &N, llvm::StringRef What, ForkFact &F) const;
  llvm::Error readProcessChild(const Node &N, llvm::StringRef What,
                               ProcessStartFact &F) const;

private:
  llvm::Error readRoot(const Node &Root, TranslationUnitFacts &Out) const;
};

/// Strict base64 (RFC 4648, whitespace ignored). yaml-cpp 0.7's own
/// DecodeBase64 reads out of bounds on bytes outside the alphabet.
static bool decodeBase64(llvm::StringRef Text, std::string &Out) {
  auto Value = [](char C) -> int {
    if (C >= 'A' && C <= 'Z')
      return C - 'A';
    if (C >= 'a' && C <= 'z')
      return C - 'a' + 26;
    if (C >= '0' && C <= '9')
      return C - '0' + 52;
    if (C == '+')
      return 62;
    if (C == '/')
      return 63;
    return -1;
  };
  std::string Digits;
  for (char C : Text)
    if (C != ' ' && C != '\t' && C != '\n' && C != '\r')
      Digits.push_back(C);
  if (Digits.size() % 4 != 0)
    return false;
  Out.clear();
  for (size_t I = 0; I < Digits.size(); I += 4) {
    bool Last = I + 4 == Digits.size();
    unsigned Pad = 0, Bits = 0;
    for (size_t J = 0; J < 4; ++J) {
      char C = Digits[I + J];
      int D = Value(C);
      if (C == '=' && Last && J >= 2 && (J == 3 || Digits[I + 3] == '=')) {
        ++Pad;
        D = 0;
      } else if (D < 0 || Pad) {
        return false;
      }
      Bits = Bits << 6 | unsigned(D);
    }
    Out.push_back(char(Bits >> 16));
    if (Pad < 2)
      Out.push_back(char(Bits >> 8 & 0xff));
    if (Pad < 1)
      Out.push_back(char(Bits & 0xff));
  }
  return true;
}

/// The key `Key` of `Map`, whose line errors about its value name: the
/// value of `file:` with nothing after it is a null node on the next line.
static const Node &keyNode(const Node &Map, const char *Key) {
  for (const auto &KV : Map.pairs())
    if (KV.first.IsScalar() && KV.first.Scalar() == Key)
      return KV.first;
  return Map;
}

llvm::Error FactsReader::stringValue(const Node &V, const Node &At,
                                     const llvm::Twine &Desc, std::string &Out) const {
  if (!V.IsScalar())
    return errorAt(At, Desc + " must be a string");
  if (V.Tag() == BinaryTag) {
    if (!decodeBase64(V.Scalar(), Out))
      return errorAt(At, Desc + " is not valid base64");
    return llvm::Error::success();
  }
  Out = V.takeScalar();
  return llvm::Error::success();
}

llvm::Error FactsReader::readString(const Node &Map, const char *Key,
                                    llvm::StringRef What, std::string &Out) const {
  const Node &V = Map[Key];
  if (!V)
    return errorAt(Map, "missing required key '" + llvm::Twine(Key) + "' in " + What);
  return stringValue(V, keyNode(Map, Key), "'" + llvm::Twine(Key) + "'", Out);
}

/// Numbers and flags must be plain scalars: `line: "3"` is a string in YAML.
static bool isPlain(const Node &V) { return V.IsScalar() && V.Tag() == "?"; }

static std::string shown(const Node &V) {
  return V.IsScalar() ? V.Scalar() : std::string("<not a scalar>");
}

llvm::Error FactsReader::readUnsigned(const Node &Map, const char *Key,
                                      llvm::StringRef What, unsigned &Out) const {
  const Node &V = Map[Key];
  if (!V)
    return errorAt(Map, "missing required key '" + llvm::Twine(Key) + "' in " + What);
  llvm::StringRef S = V.IsScalar() ? llvm::StringRef(V.Scalar()) : "";
  if (!isPlain(V) || S.empty() ||
      !llvm::all_of(S, [](char C) { return C >= '0' && C <= '9'; }) ||
      S.getAsInteger(10, Out))
    return errorAt(keyNode(Map, Key), "'" + llvm::Twine(Key) +
                                          "' must be a non-negative integer, got '" +
                                          shown(V) + "'");
  return llvm::Error::success();
}

llvm::Error FactsReader::readFlag(const Node &Map, const char *Key,
                                  bool &Out) const {
  const Node &V = Map[Key];
  if (!V) {
    Out = false;
    return llvm::Error::success();
  }
  if (isPlain(V) && (V.Scalar() == "true" || V.Scalar() == "false")) {
    Out = V.Scalar() == "true";
    return llvm::Error::success();
  }
  return errorAt(keyNode(Map, Key), "'" + llvm::Twine(Key) +
                                        "' must be true or false, got '" + shown(V) +
                                        "'");
}

llvm::Error FactsReader::readOptionalString(const Node &Map, const char *Key,
                                            std::string &Out) const {
  const Node &V = Map[Key];
  if (!V) {
    Out.clear();
    return llvm::Error::success();
  }
  return stringValue(V, keyNode(Map, Key), "'" + llvm::Twine(Key) + "'", Out);
}

template <typename Int>
llvm::Error FactsReader::readInteger(const Node &Map, const char *Key, Int Default,
                                     Int &Out) const {
  const Node &V = Map[Key];
  if (!V) {
    Out = Default;
    return llvm::Error::success();
  }
  llvm::StringRef S = V.IsScalar() ? llvm::StringRef(V.Scalar()) : "";
  if (!isPlain(V) || S.getAsInteger(10, Out))
    return errorAt(keyNode(Map, Key), "'" + llvm::Twine(Key) +
                                          "' must be an integer, got '" + shown(V) + "'");
  return llvm::Error::success();
}

llvm::Error FactsReader::readVariableKind(const Node &Map, VariableKind &Out) const {
  std::string Name;
  if (auto E = readOptionalString(Map, "kind", Name))
    return E;
  for (VariableKind K : {VariableKind::Global, VariableKind::Local, VariableKind::Field})
    if (Name == variableKindName(K)) {
      Out = K;
      return llvm::Error::success();
    }
  return errorAt(keyNode(Map, "kind"),
                 "'kind' must be local or field (or absent for a global), got '" + Name +
                     "'");
}

llvm::Error FactsReader::readAtomicFix(const Node &Map, llvm::StringRef,
                                       VariableFact &Out) const {
  Out.AtomicFix = FixIt();
  Out.AtomicInclude = FixIt();
  if (auto E = readOptionalString(Map, "fix-text", Out.AtomicFix.Replacement))
    return E;
  FixIt &Fix = Out.AtomicFix;
  if (!Fix.Replacement.empty()) {
    for (auto [Key, Field] : {std::pair{"fix-offset", &Fix.Offset},
                              std::pair{"fix-length", &Fix.Length},
                              std::pair{"fix-line", &Fix.Begin.Line},
                              std::pair{"fix-column", &Fix.Begin.Column}}) {
      if (!Map[Key])
        return errorAt(keyNode(Map, "fix-text"),
                       "'fix-text' without '" + llvm::Twine(Key) + "'");
      if (auto E = readInteger<unsigned>(Map, Key, 0, *Field))
        return E;
    }
    Fix.Begin.File = Fix.End.File = Out.Where.File;
    Fix.End.Line = Fix.Begin.Line;
    Fix.End.Column = Fix.Begin.Column + Fix.Length;
  }
  if (!Map["include-offset"])
    return llvm::Error::success();
  FixIt &Include = Out.AtomicInclude;
  if (auto E = readInteger<unsigned>(Map, "include-offset", 0, Include.Offset))
    return E;
  if (auto E = readInteger<unsigned>(Map, "include-line", 0, Include.Begin.Line))
    return E;
  Include.Begin.File = Out.Where.File;
  Include.Begin.Column = 1;
  Include.End = Include.Begin;
  Include.Replacement = AtomicIncludeLine;
  return llvm::Error::success();
}

llvm::Error FactsReader::readGil(const Node &Map, std::string &Out) const {
  if (auto E = readOptionalString(Map, "gil", Out))
    return E;
  if (Out.empty() || Out == gil::Released || Out == gil::Acquired)
    return llvm::Error::success();
  return errorAt(keyNode(Map, "gil"),
                 "'gil' must be released or acquired (or absent), got '" + Out + "'");
}

llvm::Error FactsReader::readPoint(const Node &Map, llvm::StringRef What,
                                   SourcePoint &Out, const std::string &Prefix) const {
  std::string File = Prefix + "file", Line = Prefix + "line", Column = Prefix + "column";
  if (auto E = readString(Map, File.c_str(), What, Out.File))
    return E;
  if (auto E = readUnsigned(Map, Line.c_str(), What, Out.Line))
    return E;
  return readUnsigned(Map, Column.c_str(), What, Out.Column);
}

llvm::Error FactsReader::readLocks(const Node &Map, std::vector<std::string> &Out,
                                   const char *Key) const {
  const Node &V = Map[Key];
  if (!V)
    return llvm::Error::success();
  if (!V.IsSequence())
    return errorAt(keyNode(Map, Key), "'" + llvm::Twine(Key) + "' must be a list of strings");
  for (const Node &L : V) {
    std::string S;
    if (auto E = stringValue(L, L, "each of '" + llvm::Twine(Key) + "'", S))
      return E;
    Out.push_back(std::move(S));
  }
  // The model intersects lock sets as sorted lists; a hand-written file
  // need not be sorted.
  llvm::sort(Out);
  Out.erase(std::unique(Out.begin(), Out.end()), Out.end());
  return llvm::Error::success();
}

/// One field of a fact: the keys it is written under (a source point has
/// three) and how it is read. Each fact type is a table of these, in the
/// writer's key order: the table reads the fact and lists the keys the
/// unknown-key check allows, so a new field is one line.
template <typename T> struct Field {
  std::vector<std::string> Keys;
  std::function<llvm::Error(const FactsReader &, const Node &, llvm::StringRef, T &)> Read;
};

template <typename T> static Field<T> str(const char *Key, std::string T::*M) {
  return {{Key}, [=](const FactsReader &R, const Node &N, llvm::StringRef What, T &F) {
            return R.readString(N, Key, What, F.*M);
          }};
}
template <typename T> static Field<T> optionalStr(const char *Key, std::string T::*M) {
  return {{Key}, [=](const FactsReader &R, const Node &N, llvm::StringRef, T &F) {
            return R.readOptionalString(N, Key, F.*M);
          }};
}
template <typename T> static Field<T> flag(const char *Key, bool T::*M) {
  return {{Key}, [=](const FactsReader &R, const Node &N, llvm::StringRef, T &F) {
            return R.readFlag(N, Key, F.*M);
          }};
}
template <typename T, typename Int>
static Field<T> integer(const char *Key, Int T::*M, Int Default) {
  return {{Key}, [=](const FactsReader &R, const Node &N, llvm::StringRef, T &F) {
            return R.readInteger<Int>(N, Key, Default, F.*M);
          }};
}
/// A sorted, unique list of strings (locks, callees).
template <typename T> static Field<T> strings(const char *Key, std::vector<std::string> T::*M) {
  return {{Key}, [=](const FactsReader &R, const Node &N, llvm::StringRef, T &F) {
            return R.readLocks(N, F.*M, Key);
          }};
}
template <typename T> static Field<T> gilState(std::string T::*M) {
  return {{"gil"}, [=](const FactsReader &R, const Node &N, llvm::StringRef, T &F) {
            return R.readGil(N, F.*M);
          }};
}
/// PREFIXfile, PREFIXline, PREFIXcolumn, all required.
template <typename T> static Field<T> point(SourcePoint T::*M, const std::string &Prefix = "") {
  return {{Prefix + "file", Prefix + "line", Prefix + "column"},
          [=](const FactsReader &R, const Node &N, llvm::StringRef What, T &F) {
            return R.readPoint(N, What, F.*M, Prefix);
          }};
}
/// Keys read together by a method of the reader (fields that depend on
/// each other).
template <typename T>
static Field<T> together(std::vector<std::string> Keys,
                         llvm::Error (FactsReader::*Read)(const Node &, llvm::StringRef, T &)
                             const) {
  return {std::move(Keys), [=](const FactsReader &R, const Node &N, llvm::StringRef What,
                               T &F) { return (R.*Read)(N, What, F); }};
}

/// A fact type's list in the facts file: its key, its fields, and where
/// the facts go.
template <typename T> struct FactTable {
  FactTable(const char *Key, std::vector<T> TranslationUnitFacts::*List,
            std::vector<Field<T>> Fields)
      : Key(Key), List(List), Fields(std::move(Fields)) {
    for (const Field<T> &F : this->Fields)
      for (const std::string &K : F.Keys)
        Allowed.push_back(K.c_str());
  }
  const char *Key;
  std::vector<T> TranslationUnitFacts::*List;
  std::vector<Field<T>> Fields;
  std::vector<const char *> Allowed; ///< into Fields' keys
};

llvm::Error FactsReader::readVariableKindField(const Node &N, llvm::StringRef,
                                               VariableFact &F) const {
  return readVariableKind(N, F.Kind);
}

/// The child's first unsafe call and where it is: the point only with the
/// call.
llvm::Error FactsReader::readForkChild(const Node &N, llvm::StringRef What,
                                       ForkFact &F) const {
  if (auto E = readOptionalString(N, "child-call", F.ChildCall))
    return E;
  if (F.ChildCall.empty()) {
    for (const char *K : {"child-file", "child-line", "child-column"})
      if (N[K])
        return errorAt(keyNode(N, K), "'" + llvm::Twine(K) + "' needs 'child-call'");
    return llvm::Error::success();
  }
  return readPoint(N, What, F.ChildCallWhere, "child-");
}

/// Whether the child's code is known and, only then, where it runs.
llvm::Error FactsReader::readProcessChild(const Node &N, llvm::StringRef What,
                                          ProcessStartFact &F) const {
  if (auto E = readFlag(N, "child-known", F.ChildKnown))
    return E;
  if (!F.ChildKnown) {
    for (const char *K : {"child-begin-file", "child-begin-line", "child-begin-column",
                          "child-end-file", "child-end-line", "child-end-column"})
      if (N[K])
        return errorAt(keyNode(N, K), "'" + llvm::Twine(K) + "' needs 'child-known: true'");
    return llvm::Error::success();
  }
  if (auto E = readPoint(N, What, F.ChildBegin, "child-begin-"))
    return E;
  return readPoint(N, What, F.ChildEnd, "child-end-");
}

template <typename T>
llvm::Error FactsReader::readFactList(const Node &Root, const FactTable<T> &Table,
                                      TranslationUnitFacts &Out) const {
  const char *Key = Table.Key;
  const Node &Seq = Root[Key];
  if (!Seq)
    return llvm::Error::success();
  if (!Seq.IsSequence())
    return errorAt(keyNode(Root, Key), "'" + llvm::Twine(Key) + "' must be a list");
  const std::string What = "an entry of '" + std::string(Key) + "'";
  std::vector<T> &List = Out.*Table.List;
  List.reserve(List.size() + std::distance(Seq.begin(), Seq.end()));
  for (const Node &Item : Seq) {
    if (auto E = checkMapping(Item, Table.Allowed, What))
      return E;
    // Filled in place (perf: moving each fact in was 4% of a merge); after
    // an error the caller drops the whole list.
    T &Fact = List.emplace_back();
    for (const Field<T> &F : Table.Fields)
      if (auto E = F.Read(*this, Item, What, Fact))
        return E;
  }
  return llvm::Error::success();
}

/// Every fact type's table, in the order of the facts file's keys.
static const auto &factTables() {
  using U = TranslationUnitFacts;
  using F = FactsReader;
  static const auto Tables = std::make_tuple(
      FactTable<FunctionFact>(
          "functions", &U::Functions,
          {str("usr", &FunctionFact::Usr), str("name", &FunctionFact::Name),
           point(&FunctionFact::Where), flag("main", &FunctionFact::IsProgramEntry),
           optionalStr("class", &FunctionFact::ClassUsr)}),
      FactTable<CallFact>("calls", &U::Calls,
                          {str("caller", &CallFact::CallerUsr),
                           str("callee", &CallFact::CalleeUsr), point(&CallFact::Where),
                           strings("locks", &CallFact::Locks), gilState(&CallFact::Gil)}),
      FactTable<OverrideFact>("overrides", &U::Overrides,
                              {str("method", &OverrideFact::MethodUsr),
                               str("overridden", &OverrideFact::OverriddenUsr)}),
      FactTable<ThreadStartFact>(
          "thread-starts", &U::ThreadStarts,
          {str("caller", &ThreadStartFact::CallerUsr),
           str("entry", &ThreadStartFact::EntryUsr),
           str("api", &ThreadStartFact::Api), point(&ThreadStartFact::Where),
           flag("many", &ThreadStartFact::Many)}),
      FactTable<VariableFact>(
          "variables", &U::Variables,
          {str("usr", &VariableFact::Usr), str("name", &VariableFact::Name),
           str("type", &VariableFact::Type), point(&VariableFact::Where),
           flag("const", &VariableFact::IsConst), flag("atomic", &VariableFact::IsAtomic),
           flag("thread-local", &VariableFact::IsThreadLocal),
           flag("scalar", &VariableFact::IsScalar),
           together<VariableFact>({"kind"}, &F::readVariableKindField),
           optionalStr("owner", &VariableFact::OwnerUsr),
           // After the point: the edits are in the declaration's file.
           together<VariableFact>({"fix-offset", "fix-length", "fix-line", "fix-column",
                                   "fix-text", "include-offset", "include-line"},
                                  &F::readAtomicFix)}),
      FactTable<AccessFact>(
          "accesses", &U::Accesses,
          {str("function", &AccessFact::FunctionUsr),
           str("variable", &AccessFact::VariableUsr), point(&AccessFact::Where),
           flag("write", &AccessFact::IsWrite), flag("rmw", &AccessFact::IsReadModifyWrite),
           flag("atomic-ready", &AccessFact::AtomicReady),
           strings("locks", &AccessFact::Locks), flag("sequential", &AccessFact::Sequential),
           integer("phase", &AccessFact::Phase, -1),
           optionalStr("one-thread", &AccessFact::OneThread),
           optionalStr("index", &AccessFact::IndexVar),
           integer("index-offset", &AccessFact::IndexOffset, 0LL),
           strings("releases", &AccessFact::Releases),
           strings("acquires", &AccessFact::Acquires),
           optionalStr("task-generator", &AccessFact::TaskGenerator),
           integer("task-epoch", &AccessFact::TaskEpoch, 0),
           flag("in-task", &AccessFact::InTask)}),
      FactTable<UnsafeCallFact>("unsafe-calls", &U::UnsafeCalls,
                                {str("caller", &UnsafeCallFact::CallerUsr),
                                 str("api", &UnsafeCallFact::Api),
                                 point(&UnsafeCallFact::Where)}),
      FactTable<ForkFact>(
          "forks", &U::Forks,
          {str("caller", &ForkFact::CallerUsr), str("api", &ForkFact::Api),
           point(&ForkFact::Where), flag("sequential", &ForkFact::Sequential),
           flag("child-unknown", &ForkFact::ChildUnknown),
           together<ForkFact>({"child-call", "child-file", "child-line", "child-column"},
                              &F::readForkChild)}),
      FactTable<WorkCallFact>(
          "work-calls", &U::WorkCalls,
          {str("caller", &WorkCallFact::CallerUsr), str("api", &WorkCallFact::Api),
           str("kind", &WorkCallFact::Kind), point(&WorkCallFact::Where),
           flag("blocking", &WorkCallFact::Blocking), flag("strong", &WorkCallFact::Strong),
           integer("loop-depth", &WorkCallFact::LoopDepth, 0u),
           strings("locks", &WorkCallFact::Locks), gilState(&WorkCallFact::Gil)}),
      FactTable<ComputeLoopFact>(
          "compute-loops", &U::ComputeLoops,
          {str("function", &ComputeLoopFact::FunctionUsr),
           point(&ComputeLoopFact::Where), integer("depth", &ComputeLoopFact::Depth, 1u),
           integer("operations", &ComputeLoopFact::Operations, 0u),
           integer("enclosing-loops", &ComputeLoopFact::EnclosingLoops, 0u),
           strings("locks", &ComputeLoopFact::Locks), gilState(&ComputeLoopFact::Gil)}),
      FactTable<LoopedCallFact>("looped-calls", &U::LoopedCalls,
                                {str("caller", &LoopedCallFact::CallerUsr),
                                 str("callee", &LoopedCallFact::CalleeUsr),
                                 flag("per-item", &LoopedCallFact::PerItem)}),
      FactTable<SiteLoopFact>(
          "site-loops", &U::SiteLoops,
          {point(&SiteLoopFact::Site), point(&SiteLoopFact::Loop, "loop-"),
           str("shape", &SiteLoopFact::Shape), flag("per-item", &SiteLoopFact::PerItem),
           integer("bound", &SiteLoopFact::Bound, -1LL),
           integer("core-factor", &SiteLoopFact::CoreFactor, 0LL)}),
      FactTable<ProcessStartFact>(
          "process-starts", &U::ProcessStarts,
          {str("caller", &ProcessStartFact::CallerUsr),
           str("api", &ProcessStartFact::Api), str("kind", &ProcessStartFact::Kind),
           point(&ProcessStartFact::Where), flag("many", &ProcessStartFact::Many),
           together<ProcessStartFact>({"child-known", "child-begin-file", "child-begin-line",
                                       "child-begin-column", "child-end-file",
                                       "child-end-line", "child-end-column"},
                                      &F::readProcessChild),
           strings("child-callees", &ProcessStartFact::ChildCallees),
           flag("child-execs", &ProcessStartFact::ChildExecs)}),
      FactTable<PythonEntryFact>("python-entries", &U::PythonEntries,
                                 {str("function", &PythonEntryFact::FunctionUsr),
                                  point(&PythonEntryFact::Where),
                                  str("binding", &PythonEntryFact::Binding),
                                  flag("released", &PythonEntryFact::Released)}),
      FactTable<PythonCallFact>(
          "python-calls", &U::PythonCalls,
          {str("caller", &PythonCallFact::CallerUsr),
           str("api", &PythonCallFact::Api), point(&PythonCallFact::Where),
           gilState(&PythonCallFact::Gil)}),
      FactTable<ThreadCountFact>(
          "thread-counts", &U::ThreadCounts,
          {str("caller", &ThreadCountFact::CallerUsr),
           str("api", &ThreadCountFact::Api), point(&ThreadCountFact::Where),
           integer("count", &ThreadCountFact::Count, 0LL),
           optionalStr("region", &ThreadCountFact::RegionUsr),
           integer("core-factor", &ThreadCountFact::CoreFactor, 0LL)}));
  return Tables;
}

/// The keys of the facts file: version, file, then one per fact type.
static llvm::ArrayRef<const char *> rootKeys() {
  static const std::vector<const char *> Keys = [] {
    std::vector<const char *> K{"version", "file"};
    std::apply([&](const auto &...Table) { (K.push_back(Table.Key), ...); }, factTables());
    return K;
  }();
  return Keys;
}

llvm::Error FactsReader::readRoot(const Node &Root,
                                  TranslationUnitFacts &Out) const {
  if (!Root.IsMap())
    return errorAt(Root, "expected a mapping for the facts file");
  // The version first: a file of another version may have other keys, and
  // "unsupported version" is the message that tells the user what to do.
  const Node &Version = Root["version"];
  if (!Version)
    return errorAt(Root, "missing required key 'version' in the facts file");
  int V = 0;
  if (!isPlain(Version) || llvm::StringRef(Version.Scalar()).getAsInteger(10, V))
    return errorAt(keyNode(Root, "version"),
                   "'version' must be an integer, got '" + shown(Version) + "'");
  if (V != FactsVersion)
    return errorAt(keyNode(Root, "version"), "unsupported facts version " +
                                                 llvm::Twine(V) +
                                                 " (this conc-advisor reads version " +
                                                 llvm::Twine(FactsVersion) + ")");
  if (auto E = checkMapping(Root, rootKeys(), "the facts file"))
    return E;
  Out.Version = V;
  if (auto E = readString(Root, "file", "the facts file", Out.File))
    return E;
  std::optional<llvm::Error> Failure;
  auto ReadOne = [&](const auto &Table) {
    if (llvm::Error E = readFactList(Root, Table, Out)) {
      Failure.emplace(std::move(E));
      return false;
    }
    return true;
  };
  // In table order, up to the first list with an error.
  std::apply([&](const auto &...Table) { (void)(ReadOne(Table) && ...); }, factTables());
  return Failure ? std::move(*Failure) : llvm::Error::success();
}

/// Counts documents without building them, to find a second one.
class DocumentCounter : public YAML::EventHandler {
public:
  std::vector<YAML::Mark> Starts;
  void OnDocumentStart(const YAML::Mark &M) override { Starts.push_back(M); }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark &, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark &, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark &, const std::string &, YAML::anchor_t,
                const std::string &) override {}
  void OnSequenceStart(const YAML::Mark &, const std::string &, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark &, const std::string &, YAML::anchor_t,
                  YAML::EmitterStyle::value) override {}
  void OnMapEnd() override {}
};

/// A second document needs a `---` or `...` marker at the start of a line;
/// the writer never writes one, so the second parse is for hand-made files.
static bool mayHaveDocumentMarkers(llvm::StringRef Text) {
  for (size_t Pos = 0; Pos != llvm::StringRef::npos;) {
    llvm::StringRef Line = Text.substr(Pos);
    if (Line.starts_with("---") || Line.starts_with("..."))
      return true;
    Pos = Text.find_first_of("\r\n", Pos);
    if (Pos != llvm::StringRef::npos)
      ++Pos;
  }
  return false;
}

/// yaml-cpp's tree as the reader's. Aliases can make a small text a huge
/// tree: at most `Budget` nodes.
static bool fromYamlCpp(const YAML::Node &In, Node &Out, size_t &Budget) {
  if (Budget == 0)
    return false;
  --Budget;
  Out.Line = In.Mark().line;
  switch (In.Type()) {
  case YAML::NodeType::Undefined:
    Out.K = Node::Kind::Undefined;
    return true;
  case YAML::NodeType::Null:
    Out.K = Node::Kind::Null;
    return true;
  case YAML::NodeType::Scalar:
    Out.K = Node::Kind::Scalar;
    Out.Value = In.Scalar();
    Out.TagName = In.Tag();
    return true;
  case YAML::NodeType::Sequence:
    Out.K = Node::Kind::Sequence;
    for (const YAML::Node &Item : In) {
      Out.Items.emplace_back();
      if (!fromYamlCpp(Item, Out.Items.back(), Budget))
        return false;
    }
    return true;
  case YAML::NodeType::Map:
    Out.K = Node::Kind::Map;
    for (const auto &KV : In) {
      Out.Entries.emplace_back();
      if (!fromYamlCpp(KV.first, Out.Entries.back().first, Budget) ||
          !fromYamlCpp(KV.second, Out.Entries.back().second, Budget))
        return false;
    }
    return true;
  }
  return false;
}

llvm::Error FactsReader::read(llvm::StringRef Text, TranslationUnitFacts &Out) {
  // The fast path: the writer's own layout (model/FactsNode.h), validated by
  // the same code. An error there is not reported from the fast tree:
  // yaml-cpp reads the file again below, and its messages are the ones
  // users and tests know.
  {
    Node Fast;
    if (parseFactsLayout(Text, Fast)) {
      TranslationUnitFacts Facts;
      if (llvm::Error E = readRoot(Fast, Facts)) {
        llvm::consumeError(std::move(E));
      } else {
        Out = std::move(Facts);
        return llvm::Error::success();
      }
    }
  }
  Node Root;
  try {
    // Not YAML::LoadAll: in yaml-cpp 0.7 it loops, allocating without end,
    // on a stray ',' at the top level. Count documents with a cap instead.
    if (mayHaveDocumentMarkers(Text)) {
      std::istringstream In(Text.str());
      YAML::Parser Parser(In);
      DocumentCounter Counter;
      for (unsigned Docs = 0; Docs < 2 && Parser.HandleNextDocument(Counter);)
        ++Docs;
      if (Counter.Starts.size() > 1) {
        int Line = Counter.Starts[1].line;
        return errorAtLine(yamlLine(Line),
                           "expected one YAML document, found more");
      }
    }
    size_t Budget = 2 * Text.size() + 16;
    if (!fromYamlCpp(YAML::Load(Text.str()), Root, Budget))
      return errorAtLine(1, "YAML syntax error: the document expands too far (aliases)");
  } catch (const YAML::Exception &E) {
    return errorAtLine(yamlLine(E.mark.line),
                       "YAML syntax error: " + E.msg);
  } catch (const std::exception &E) {
    return errorAtLine(1, "YAML syntax error: " + llvm::Twine(E.what()));
  }
  if (!Root || Root.IsNull())
    return errorAtLine(
        1, "empty facts file (expected 'version: " + llvm::Twine(FactsVersion) + "')");
  return readRoot(Root, Out);
}

} // namespace

llvm::Expected<TranslationUnitFacts> readFacts(llvm::StringRef Text,
                                               llvm::StringRef Name) {
  TranslationUnitFacts Facts;
  if (auto E = FactsReader(Name).read(Text, Facts))
    return E;
  return Facts;
}

} // namespace conc
