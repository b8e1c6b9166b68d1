//===- checks/Enclosing.cpp -----------------------------------------------===//
#include "checks/Enclosing.h"

#include "clang/AST/ExprCXX.h"
#include "clang/AST/ParentMapContext.h"
#include "clang/AST/StmtCXX.h"
#include "clang/AST/StmtOpenMP.h"
#include "clang/Basic/OpenMPKinds.h"

namespace conc {

static bool isLoop(const clang::Stmt &S) {
  if (const auto *D = llvm::dyn_cast<clang::OMPExecutableDirective>(&S))
    // A worksharing loop, or a region every thread of a team runs.
    return llvm::isa<clang::OMPLoopDirective>(D) ||
           clang::isOpenMPParallelDirective(D->getDirectiveKind()) ||
           clang::isOpenMPTeamsDirective(D->getDirectiveKind());
  return llvm::isa<clang::ForStmt, clang::WhileStmt, clang::DoStmt,
                   clang::CXXForRangeStmt>(S);
}

/// Constructs inside a team that only one thread runs.
static bool runsOnOneThread(const clang::Stmt &S) {
  return llvm::isa<clang::OMPSingleDirective, clang::OMPMasterDirective,
                   clang::OMPMaskedDirective, clang::OMPSectionDirective>(S);
}

const clang::Stmt *enclosingLoop(const clang::Stmt &S, clang::ASTContext &Ctx) {
  clang::DynTypedNodeList Parents = Ctx.getParents(S);
  // Inside `single`/`master`/`section`, the enclosing team does not repeat
  // the code; a loop around that team still does.
  bool InOneThread = false;
  // Walk up the first parent chain; statements have exactly one parent
  // except in rare shared-subexpression cases, where the first is enough.
  while (!Parents.empty()) {
    const clang::DynTypedNode &P = Parents[0];
    // An OpenMP region's CapturedDecl is not a boundary: its body runs on
    // every thread of the team, as if in a loop of its own.
    if (P.get<clang::FunctionDecl>() || P.get<clang::BlockDecl>())
      return nullptr;
    if (const auto *PS = P.get<clang::Stmt>()) {
      if (llvm::isa<clang::LambdaExpr>(PS))
        return nullptr;
      if (runsOnOneThread(*PS)) {
        InOneThread = true;
      } else if (isLoop(*PS)) {
        const auto *D = llvm::dyn_cast<clang::OMPExecutableDirective>(PS);
        bool IsTeam = D && !llvm::isa<clang::OMPLoopDirective>(D);
        if (!(IsTeam && InOneThread))
          return PS;
        InOneThread = false; // Past the team: its own enclosing loops count.
      }
    }
    Parents = Ctx.getParents(P);
  }
  return nullptr;
}

const clang::FunctionDecl *enclosingFunction(const clang::Stmt &S,
                                             clang::ASTContext &Ctx) {
  clang::DynTypedNodeList Parents = Ctx.getParents(S);
  while (!Parents.empty()) {
    const clang::DynTypedNode &P = Parents[0];
    if (const auto *F = P.get<clang::FunctionDecl>())
      return F;
    if (const auto *L = P.get<clang::LambdaExpr>())
      return L->getCallOperator();
    Parents = Ctx.getParents(P);
  }
  return nullptr;
}

} // namespace conc
