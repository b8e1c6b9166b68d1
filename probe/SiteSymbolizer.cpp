//===- probe/SiteSymbolizer.cpp -------------------------------------------===//
#include "probe/SiteSymbolizer.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/Support/Path.h"

namespace conc {

static llvm::symbolize::LLVMSymbolizer::Options symbolizerOptions() {
  llvm::symbolize::LLVMSymbolizer::Options Opts;
  Opts.Demangle = true;
  Opts.UseSymbolTable = true;
  Opts.PathStyle = llvm::DILineInfoSpecifier::FileLineInfoKind::AbsoluteFilePath;
  return Opts;
}

SiteSymbolizer::SiteSymbolizer() : Symbolizer(symbolizerOptions()) {}

bool SiteSymbolizer::isSystemModule(llvm::StringRef Path) {
  llvm::StringRef Name = llvm::sys::path::filename(Path);
  if (Name.starts_with("libconc-probe-preload"))
    return true;
  for (const char *Dir : {"/lib/", "/lib64/", "/usr/lib/", "/usr/lib64/", "/usr/libexec/"})
    if (Path.starts_with(Dir))
      return true;
  return false;
}

bool SiteSymbolizer::isSystemSource(llvm::StringRef File) {
  for (const char *Dir : {"/usr/include/", "/usr/lib/", "/usr/local/include/"})
    if (File.starts_with(Dir))
      return true;
  return false;
}

SourceSite SiteSymbolizer::resolve(const std::vector<uint64_t> &Addrs,
                                   const std::vector<LoadedModule> &Modules) {
  SourceSite Fallback;
  for (uint64_t Addr : Addrs) {
    const LoadedModule *M = nullptr;
    for (const LoadedModule &Candidate : Modules)
      if (Addr >= Candidate.Start && Addr < Candidate.End) {
        M = &Candidate;
        break;
      }
    if (!M || isSystemModule(M->Path))
      continue;
    if (Fallback.File.empty())
      Fallback.File = M->Path;
    // A return address points after the call; the call is the byte before.
    llvm::object::SectionedAddress Offset{Addr - M->Bias - 1,
                                          llvm::object::SectionedAddress::UndefSection};
    auto Info = Symbolizer.symbolizeInlinedCode(M->Path, Offset);
    if (!Info) {
      llvm::consumeError(Info.takeError());
      continue;
    }
    for (uint32_t I = 0; I < Info->getNumberOfFrames(); ++I) {
      const llvm::DILineInfo &Frame = Info->getFrame(I);
      if (Frame.Line == 0 || Frame.FileName.empty() ||
          Frame.FileName == llvm::DILineInfo::BadString || isSystemSource(Frame.FileName))
        continue;
      llvm::SmallString<256> File(Frame.FileName);
      llvm::sys::path::remove_dots(File, /*remove_dot_dot=*/true);
      SourceSite S;
      S.File = std::string(File);
      S.Line = Frame.Line;
      if (Frame.FunctionName != llvm::DILineInfo::BadString)
        S.Function = Frame.FunctionName;
      return S;
    }
  }
  if (Fallback.File.empty())
    Fallback.File = "<unknown>";
  return Fallback;
}

} // namespace conc
