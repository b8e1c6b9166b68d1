//===- checks/ApiNames.cpp -------------------------------------------------===//
#include "checks/ApiNames.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/PrettyPrinter.h"
#include "llvm/Support/raw_ostream.h"

namespace conc {

std::string ruleName(const clang::NamedDecl &D) {
  clang::PrintingPolicy Policy(D.getASTContext().getLangOpts());
  Policy.SuppressInlineNamespace = true;
  Policy.SuppressUnwrittenScope = true;
  Policy.SuppressTemplateArgsInCXXConstructors = true;
  std::string Name;
  llvm::raw_string_ostream OS(Name);
  D.printQualifiedName(OS, Policy);
  return OS.str();
}

std::vector<std::string> fullyQualified(const std::vector<std::string> &Names) {
  std::vector<std::string> Out;
  Out.reserve(Names.size());
  for (const std::string &N : Names)
    Out.push_back("::" + N);
  return Out;
}

} // namespace conc
