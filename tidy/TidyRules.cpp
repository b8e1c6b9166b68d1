//===- tidy/TidyRules.cpp --------------------------------------------------===//
#include "tidy/TidyRules.h"

#include "llvm/Support/FileSystem.h"
#include "llvm/Support/Path.h"

#include <dlfcn.h>
#include <map>
#include <mutex>

#ifndef CONC_RULES_DIR
#define CONC_RULES_DIR ""
#endif

namespace conc {

std::string defaultTidyRulesDir() {
  // This shared object's own path: clang-tidy loads it from anywhere.
  Dl_info Self;
  if (dladdr(reinterpret_cast<void *>(&defaultTidyRulesDir), &Self) && Self.dli_fname) {
    llvm::SmallString<256> P(llvm::sys::path::parent_path(
        llvm::sys::path::parent_path(Self.dli_fname)));
    llvm::sys::path::append(P, "share", "conc-advisor", "rules");
    if (llvm::sys::fs::is_directory(P))
      return std::string(P);
  }
  return CONC_RULES_DIR;
}

llvm::Expected<std::shared_ptr<const RuleSet>>
tidyRules(const std::string &Directory, const std::vector<std::string> &ExtraFiles) {
  static std::mutex Lock;
  static std::map<std::vector<std::string>, std::shared_ptr<const RuleSet>> Loaded;
  std::vector<std::string> Key = ExtraFiles;
  Key.insert(Key.begin(), Directory);
  std::lock_guard<std::mutex> Guard(Lock);
  auto It = Loaded.find(Key);
  if (It != Loaded.end())
    return It->second;
  llvm::Expected<std::vector<std::string>> Files = builtinRuleFiles(Directory);
  if (!Files)
    return Files.takeError();
  Files->insert(Files->end(), ExtraFiles.begin(), ExtraFiles.end());
  llvm::Expected<RuleSet> Rules = loadRuleFiles(*Files);
  if (!Rules)
    return Rules.takeError();
  auto Shared = std::make_shared<const RuleSet>(std::move(*Rules));
  Loaded[Key] = Shared;
  return Shared;
}

} // namespace conc
