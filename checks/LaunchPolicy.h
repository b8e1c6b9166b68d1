//===- checks/LaunchPolicy.h - std::async-style launch policies ------------===//
//
// A call to an API with a `launch-policy` rule (std::async) may or may not
// start a thread depending on its policy argument. conc-thread-site describes
// the policy; conc-async-default-policy warns when there is none. Both read
// it here so that they agree on what counts as a policy argument.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_CHECKS_LAUNCHPOLICY_H
#define CONC_CHECKS_LAUNCHPOLICY_H

#include "core/Rules.h"

#include "clang/AST/ASTContext.h"
#include "clang/AST/Expr.h"

#include <optional>
#include <string>

namespace conc {

struct PolicyOutcome {
  /// The callee's first parameter has the rule's policy type: the caller
  /// chose an overload with a policy.
  bool HasPolicyArg = false;
  std::string Description; ///< async | async-or-deferred | default | unknown
};

/// The launch policy of `E`, a call to an API with launch-policy `Rule`.
/// nullopt when the policy is a constant without the required enumerator
/// (std::launch::deferred alone): the call starts no thread.
std::optional<PolicyOutcome> evaluatePolicy(const clang::CallExpr &E,
                                            const LaunchPolicyRule &Rule,
                                            clang::ASTContext &Ctx);

} // namespace conc

#endif
