//===- tool/AtomicFile.cpp -------------------------------------------------===//
#include "tool/AtomicFile.h"

#include "tool/FaultInjection.h"

#include "llvm/ADT/ScopeExit.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/Signals.h"
#include "llvm/Support/raw_ostream.h"

namespace conc {

static llvm::Error fail(llvm::StringRef Path, const llvm::Twine &What,
                        std::error_code EC) {
  return llvm::createStringError(EC, Path + ": " + What + ": " + EC.message());
}

llvm::Error checkWritable(llvm::StringRef Path) {
  if (llvm::sys::fs::is_directory(Path))
    return fail(Path, "cannot write the report",
                std::make_error_code(std::errc::is_a_directory));
  llvm::SmallString<256> Dir(llvm::sys::path::parent_path(Path));
  if (Dir.empty())
    Dir = ".";
  if (!llvm::sys::fs::is_directory(Dir))
    return fail(Path, "cannot write the report",
                std::make_error_code(std::errc::no_such_file_or_directory));
  if (llvm::sys::fs::access(Dir, llvm::sys::fs::AccessMode::Write))
    return fail(Path, "cannot write the report",
                std::make_error_code(std::errc::permission_denied));
  return llvm::Error::success();
}

llvm::Error writeFileAtomically(llvm::StringRef Path, llvm::StringRef Contents) {
  llvm::SmallString<256> Temp;
  int FD = -1;
  llvm::SmallString<256> Model(Path);
  Model += ".tmp-%%%%%%%%";
  if (std::error_code EC = llvm::sys::fs::createUniqueFile(Model, FD, Temp))
    return fail(Path, "cannot create a temporary file", EC);
  // Interrupted (SIGINT, SIGTERM) before the rename: no stray temporary
  // beside the file. Only SIGKILL can leave one; never a half-written Path.
  llvm::sys::RemoveFileOnSignal(Temp);
  auto Forget = llvm::make_scope_exit([&] { llvm::sys::DontRemoveFileOnSignal(Temp); });
  {
    llvm::raw_fd_ostream OS(FD, /*shouldClose=*/true);
    // In two halves, so that the tests can kill the process between them,
    // when a file written in place would hold half of the new contents.
    OS << Contents.take_front(Contents.size() / 2);
    OS.flush();
    injectWriteFault("kill-writing", Path);
    OS << Contents.drop_front(Contents.size() / 2);
    OS.flush();
    if (OS.has_error()) {
      std::error_code EC = OS.error();
      OS.clear_error();
      llvm::sys::fs::remove(Temp);
      return fail(Path, "cannot write the report", EC);
    }
  }
  if (std::error_code EC = llvm::sys::fs::rename(Temp, Path)) {
    llvm::sys::fs::remove(Temp);
    return fail(Path, "cannot write the report", EC);
  }
  injectWriteFault("kill-renamed", Path);
  return llvm::Error::success();
}

} // namespace conc
