//===- tool/main.cpp - conc-advisor entry point ----------------------------===//
#include "tool/Driver.h"

#include "llvm/Support/InitLLVM.h"

int main(int argc, char **argv) {
  llvm::InitLLVM Init(argc, argv);
  std::vector<std::string> Args(argv + 1, argv + argc);
  return conc::runConcAdvisor(argv[0], Args, llvm::outs(), llvm::errs());
}
