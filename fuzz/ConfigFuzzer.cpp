//===- fuzz/ConfigFuzzer.cpp - libFuzzer target: a .conc-advisor.yaml ------===//
//
// Projects keep their settings in .conc-advisor.yaml (tool/Config.h). Any
// text gives a configuration or an error "file:line: message"; what parses
// is printed back by --dump-config, whose output must parse again to the
// same configuration.
//
//===----------------------------------------------------------------------===//
#include "tool/Config.h"

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  llvm::StringRef Text(reinterpret_cast<const char *>(Data), Size);
  // A directory that does not exist: a Rules entry resolves against it and
  // is reported missing, so the fuzzer never reads the machine's files.
  const char *Path = "/nonexistent-conc-fuzz/.conc-advisor.yaml";
  auto Config = conc::parseConfigFile(Text, Path);
  if (!Config) {
    std::string Message = llvm::toString(Config.takeError());
    if (!llvm::StringRef(Message).starts_with(std::string(Path) + ":"))
      abort(); // every error names the file and a line
    return 0;
  }
  // The effective configuration, written the way --dump-config writes it,
  // reads back to the same settings.
  conc::Options O;
  if (Config->Checks)
    O.Checks = *Config->Checks;
  if (Config->WarningsAsErrors)
    O.WarningsAsErrors = *Config->WarningsAsErrors;
  if (Config->FailOn)
    O.FailOn = *Config->FailOn;
  std::string Dumped = conc::dumpConfiguration(O, Path);
  auto Again = conc::parseConfigFile(Dumped, Path);
  if (!Again) {
    llvm::consumeError(Again.takeError());
    abort(); // --dump-config wrote what the reader rejects
  }
  if (Again->Checks != O.Checks || Again->WarningsAsErrors != O.WarningsAsErrors ||
      Again->FailOn != O.FailOn)
    abort();
  return 0;
}
