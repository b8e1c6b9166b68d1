//===- checks/ApiNames.cpp -------------------------------------------------===//
#include "checks/ApiNames.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/DeclCXX.h"
#include "clang/ASTMatchers/ASTMatchers.h"
#include "llvm/ADT/STLExtras.h"

#include <algorithm>

namespace conc {

std::string ruleName(const clang::NamedDecl &D) {
  // Built from the scope chain rather than printQualifiedName, which spells
  // template arguments (BS::thread_pool<>::detach_task) that rules never do.
  auto Simple = [](const clang::NamedDecl &N) {
    if (const auto *F = llvm::dyn_cast<clang::FunctionDecl>(&N))
      if (F->getOverloadedOperator() != clang::OO_None ||
          llvm::isa<clang::CXXConstructorDecl, clang::CXXDestructorDecl,
                    clang::CXXConversionDecl>(F))
        return F->getNameAsString(); // operator(), ~X, X
    return N.getNameAsString();
  };
  std::string Name = Simple(D);
  for (const clang::DeclContext *C = D.getDeclContext(); C; C = C->getParent()) {
    if (const auto *NS = llvm::dyn_cast<clang::NamespaceDecl>(C)) {
      if (NS->isInline() || NS->isAnonymousNamespace())
        continue;
      Name = NS->getNameAsString() + "::" + Name;
    } else if (const auto *RD = llvm::dyn_cast<clang::RecordDecl>(C)) {
      if (RD->getIdentifier())
        Name = RD->getNameAsString() + "::" + Name;
    } else if (llvm::isa<clang::FunctionDecl>(C)) {
      break; // A local class: its name is enough.
    }
  }
  return Name;
}

std::vector<std::string> unqualifiedNames(const std::vector<std::string> &Names) {
  std::vector<std::string> Out;
  for (const std::string &N : Names) {
    size_t Colon = N.rfind("::");
    Out.push_back(Colon == std::string::npos ? N : N.substr(Colon + 2));
  }
  llvm::sort(Out);
  Out.erase(std::unique(Out.begin(), Out.end()), Out.end());
  return Out;
}

void addCallMatcher(clang::ast_matchers::MatchFinder &Finder,
                    const std::vector<std::string> &QualifiedNames,
                    clang::ast_matchers::MatchFinder::MatchCallback *Callback) {
  using namespace clang::ast_matchers;
  if (QualifiedNames.empty())
    return;
  std::vector<std::string> Names = unqualifiedNames(QualifiedNames);
  // hasAnyName keeps StringRefs only while the matcher is built.
  std::vector<llvm::StringRef> Refs(Names.begin(), Names.end());
  Finder.addMatcher(callExpr(callee(functionDecl(hasAnyName(Refs)))).bind("call"), Callback);
}

} // namespace conc
