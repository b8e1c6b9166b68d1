//===- checks/LaunchPolicy.cpp ---------------------------------------------===//
#include "checks/LaunchPolicy.h"

#include "checks/ApiNames.h"

#include "clang/AST/Decl.h"

namespace conc {

using namespace clang;

std::optional<PolicyOutcome> evaluatePolicy(const CallExpr &E,
                                            const LaunchPolicyRule &Rule,
                                            ASTContext &Ctx) {
  PolicyOutcome Out;
  const FunctionDecl *Callee = E.getDirectCallee();
  if (!Callee || Callee->getNumParams() == 0 || E.getNumArgs() == 0) {
    Out.Description = "default";
    return Out;
  }
  QualType First = Callee->getParamDecl(0)->getType().getNonReferenceType();
  const EnumDecl *Enum = First->getAsTagDecl() ? dyn_cast<EnumDecl>(First->getAsTagDecl())
                                               : nullptr;
  if (!Enum || ruleName(*Enum) != Rule.Type) {
    Out.Description = "default";
    return Out;
  }
  Out.HasPolicyArg = true;
  std::optional<llvm::APSInt> Required;
  for (const EnumConstantDecl *C : Enum->enumerators())
    if (C->getName() == Rule.RequiredEnumerator)
      Required = C->getInitVal();
  Expr::EvalResult Value;
  if (!Required || E.getArg(0)->isValueDependent() ||
      !E.getArg(0)->EvaluateAsInt(Value, Ctx)) {
    Out.Description = "unknown"; // Chosen at run time: may start a thread.
    return Out;
  }
  llvm::APSInt V = Value.Val.getInt();
  llvm::APSInt R = *Required;
  if ((V.getExtValue() & R.getExtValue()) == 0)
    return std::nullopt;
  Out.Description = V.getExtValue() == R.getExtValue() ? "async" : "async-or-deferred";
  return Out;
}

} // namespace conc
