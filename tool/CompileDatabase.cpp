//===- tool/CompileDatabase.cpp --------------------------------------------===//
#include "tool/CompileDatabase.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/JSON.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Regex.h"
#include "llvm/Support/StringSaver.h"

#include <algorithm>

namespace conc {

std::string absolutePath(llvm::StringRef Path, llvm::StringRef Base) {
  llvm::SmallString<256> P(Path);
  if (!llvm::sys::path::is_absolute(P)) {
    llvm::SmallString<256> B(Base);
    if (B.empty())
      llvm::sys::fs::current_path(B);
    llvm::sys::path::append(B, P);
    P = B;
  }
  llvm::sys::path::remove_dots(P, /*remove_dot_dot=*/true);
  return std::string(P);
}

static llvm::Error errorAt(llvm::StringRef Name, unsigned Line, const llvm::Twine &Msg) {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 Name + ":" + llvm::Twine(Line) + ": " + Msg);
}

/// Lines on which each element of the top-level array starts, found by a
/// scan that skips strings; llvm::json keeps no positions.
static std::vector<unsigned> elementLines(llvm::StringRef Text) {
  std::vector<unsigned> Lines;
  unsigned Line = 1;
  int Depth = 0;
  bool InString = false, Escaped = false, ExpectElement = false;
  for (char C : Text) {
    if (C == '\n')
      ++Line;
    if (InString) {
      if (Escaped)
        Escaped = false;
      else if (C == '\\')
        Escaped = true;
      else if (C == '"')
        InString = false;
      continue;
    }
    if (ExpectElement && !llvm::isSpace(C) && C != ']') {
      Lines.push_back(Line);
      ExpectElement = false;
    }
    if (C == '"')
      InString = true;
    else if (C == '[' || C == '{') {
      if (++Depth == 1 && C == '[')
        ExpectElement = true;
    } else if (C == ']' || C == '}')
      --Depth;
    else if (C == ',' && Depth == 1)
      ExpectElement = true;
  }
  return Lines;
}

/// Shell-style splitting of a "command" string, as the JSON database format
/// specifies (quotes and backslashes).
static std::vector<std::string> splitCommand(llvm::StringRef Command) {
  llvm::BumpPtrAllocator Alloc;
  llvm::StringSaver Saver(Alloc);
  llvm::SmallVector<const char *, 64> Argv;
  llvm::cl::TokenizeGNUCommandLine(Command, Saver, Argv);
  return std::vector<std::string>(Argv.begin(), Argv.end());
}

llvm::Expected<llvm::json::Value> parseJsonFile(llvm::StringRef Text,
                                               llvm::StringRef Name) {
  llvm::Expected<llvm::json::Value> Root = llvm::json::parse(Text);
  if (Root)
    return Root;
  // llvm::json reports "[LINE:COL, byte=N]: message"; users want file:line.
  std::string Msg = llvm::toString(Root.takeError());
  llvm::SmallVector<llvm::StringRef, 4> M;
  if (llvm::Regex("^\\[([0-9]+):([0-9]+), byte=[0-9]+\\]: (.*)$").match(Msg, &M))
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   Name + ":" + M[1] + ":" + M[2] + ": invalid JSON: " +
                                       M[3]);
  return errorAt(Name, 1, "invalid JSON: " + Msg);
}

llvm::Expected<std::vector<CompileEntry>>
parseCompileDatabase(llvm::StringRef Text, llvm::StringRef Name) {
  llvm::Expected<llvm::json::Value> Root = parseJsonFile(Text, Name);
  if (!Root)
    return Root.takeError();
  const llvm::json::Array *Array = Root->getAsArray();
  if (!Array)
    return errorAt(Name, 1, "expected a JSON array of compile commands");
  std::vector<unsigned> Lines = elementLines(Text);
  llvm::StringRef DatabaseDir = llvm::sys::path::parent_path(Name);
  std::vector<CompileEntry> Entries;
  for (size_t I = 0; I < Array->size(); ++I) {
    unsigned Line = I < Lines.size() ? Lines[I] : 1;
    const llvm::json::Object *Obj = (*Array)[I].getAsObject();
    if (!Obj)
      return errorAt(Name, Line, "entry " + llvm::Twine(I + 1) + " is not an object");
    auto Str = [&](llvm::StringRef Key) -> std::optional<llvm::StringRef> {
      return Obj->getString(Key);
    };
    for (llvm::StringRef Key : {"directory", "file"})
      if (!Str(Key))
        return errorAt(Name, Line, "entry " + llvm::Twine(I + 1) +
                                       " has no string \"" + Key + "\"");
    CompileEntry E;
    E.Directory = absolutePath(*Str("directory"), absolutePath(DatabaseDir));
    E.File = absolutePath(*Str("file"), E.Directory);
    if (const llvm::json::Array *Arguments = Obj->getArray("arguments")) {
      for (const llvm::json::Value &A : *Arguments) {
        std::optional<llvm::StringRef> S = A.getAsString();
        if (!S)
          return errorAt(Name, Line, "entry " + llvm::Twine(I + 1) +
                                         ": \"arguments\" must be strings");
        E.Arguments.push_back(S->str());
      }
    } else if (std::optional<llvm::StringRef> Command = Str("command")) {
      E.Arguments = splitCommand(*Command);
    } else {
      return errorAt(Name, Line, "entry " + llvm::Twine(I + 1) +
                                     " has neither \"arguments\" nor \"command\"");
    }
    if (E.Arguments.empty())
      return errorAt(Name, Line, "entry " + llvm::Twine(I + 1) + " has an empty command");
    Entries.push_back(std::move(E));
  }
  return Entries;
}

llvm::Expected<std::vector<CompileEntry>> loadCompileDatabase(llvm::StringRef Path) {
  llvm::SmallString<256> File(Path);
  if (llvm::sys::fs::is_directory(File))
    llvm::sys::path::append(File, "compile_commands.json");
  std::string Name = absolutePath(File);
  auto Buffer = llvm::MemoryBuffer::getFile(Name, /*IsText=*/true);
  if (!Buffer)
    return llvm::createStringError(Buffer.getError(),
                                   Name + ": cannot read compile database: " +
                                       Buffer.getError().message());
  return parseCompileDatabase((*Buffer)->getBuffer(), Name);
}

std::vector<CompileEntry> fixedCompileDatabase(llvm::ArrayRef<std::string> Files,
                                               llvm::ArrayRef<std::string> Args) {
  std::vector<CompileEntry> Entries;
  llvm::SmallString<256> Cwd;
  llvm::sys::fs::current_path(Cwd);
  for (const std::string &F : Files) {
    CompileEntry E;
    E.Directory = std::string(Cwd);
    E.File = absolutePath(F);
    // "clang" picks the language from the file's extension, as clang-tidy does.
    E.Arguments.push_back("clang");
    E.Arguments.insert(E.Arguments.end(), Args.begin(), Args.end());
    E.Arguments.push_back(E.File);
    Entries.push_back(std::move(E));
  }
  return Entries;
}

llvm::Expected<std::vector<CompileEntry>>
selectEntries(std::vector<CompileEntry> All, llvm::ArrayRef<std::string> Files,
              llvm::StringRef DatabaseName) {
  if (Files.empty()) {
    std::stable_sort(All.begin(), All.end(),
                     [](const CompileEntry &A, const CompileEntry &B) {
                       return A.File < B.File;
                     });
    All.erase(std::unique(All.begin(), All.end(),
                          [](const CompileEntry &A, const CompileEntry &B) {
                            return A.File == B.File && A.Arguments == B.Arguments &&
                                   A.Directory == B.Directory;
                          }),
              All.end());
    return All;
  }
  std::vector<CompileEntry> Selected;
  for (const std::string &F : Files) {
    std::string Wanted = absolutePath(F);
    bool Found = false;
    for (const CompileEntry &E : All)
      if (E.File == Wanted) {
        Selected.push_back(E);
        Found = true;
        break; // The first command for a file, as clang-tidy does.
      }
    if (!Found)
      return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                     Wanted + ": not found in the compile database " +
                                         DatabaseName);
  }
  return Selected;
}

} // namespace conc
