//===- checks/ConcCheck.h - The one shape every conc-advisor check has -----===//
//
// A check registers AST matchers for one translation unit and turns matches
// into Findings. It never prints: the driver's emitters own every format.
// A fresh set of checks is created for every translation unit, so a check
// may keep per-TU state without locks.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_CHECKS_CONCCHECK_H
#define CONC_CHECKS_CONCCHECK_H

#include "core/Finding.h"
#include "core/Rules.h"
#include "model/Facts.h"

#include "clang/ASTMatchers/ASTMatchFinder.h"
#include "clang/Basic/SourceLocation.h"

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace conc {

/// An option a check reads from the configuration's CheckOptions, under the
/// key "<check-id>.<Name>" as in clang-tidy. Each check declares its options
/// once (CheckInfo::Options), so the configuration loader rejects a key or
/// value no check understands, and the clang-tidy module forwards them.
struct CheckOptionInfo {
  enum class Type {
    Boolean,  ///< true or false
    Unsigned, ///< a decimal count
    List,     ///< names separated by ';' (clang-tidy's list syntax) or ','
  };
  const char *Name;
  Type Kind;
  const char *Default;
  const char *Summary;
};

/// CheckOptions values by full key, "<check-id>.<Option>" -> text.
using CheckOptionValues = std::map<std::string, std::string>;

/// What a check may read and where it writes, for one translation unit.
struct CheckContext {
  const RuleSet &Rules;
  /// The compile command's directory: relative file names are made absolute
  /// against it so that findings name files unambiguously.
  std::string WorkingDirectory;
  std::vector<Finding> &Findings;
  /// Where the program model's facts of this unit go; null when no
  /// whole-program check runs.
  TranslationUnitFacts *Facts = nullptr;
  /// The configuration's CheckOptions (validated); null or absent keys mean
  /// each option's default.
  const CheckOptionValues *Options = nullptr;
};

class ProgramModel;

/// `Loc` as the line the user wrote (see ConcCheck::userPoint); absolute
/// against `WorkingDirectory`. AllowSystem admits system headers.
std::optional<SourcePoint> resolvePoint(clang::SourceLocation Loc,
                                        const clang::SourceManager &SM,
                                        llvm::StringRef WorkingDirectory,
                                        bool AllowSystem);

class ConcCheck : public clang::ast_matchers::MatchFinder::MatchCallback {
public:
  ConcCheck(llvm::StringRef Id, Severity Level, CheckContext &Context)
      : Id(Id.str()), Level(Level), Context(Context) {}

  /// Declares what this check looks at in one translation unit.
  virtual void registerMatchers(clang::ast_matchers::MatchFinder &Finder) = 0;

  /// Whole-program checks conclude over the merged model of every unit,
  /// once, after all units are analysed.
  virtual void concludeProgram(const ProgramModel &Model) {}

  llvm::StringRef id() const { return Id; }

protected:
  /// Resolves `Loc` to the line the user wrote: the expansion point of a
  /// macro, never a system header. nullopt when the code is not the user's
  /// (system headers, builtins, invalid locations): checks report nothing there.
  std::optional<SourcePoint> userPoint(clang::SourceLocation Loc,
                                       const clang::SourceManager &SM) const;
  /// Like userPoint, but also accepts system headers (for notes that point
  /// at a library entity, such as the declaration of an entry function).
  std::optional<SourcePoint> anyPoint(clang::SourceLocation Loc,
                                      const clang::SourceManager &SM) const;

  /// Where the user wrote `S`, and the model's USR of the code that runs
  /// it (codeUsr: a function, a lambda's body, an OpenMP region); nullopt
  /// outside the user's code or any function.
  struct CodePoint {
    std::string CodeUsr;
    SourcePoint Where;
  };
  std::optional<CodePoint> codePointOf(const clang::Stmt &S, clang::ASTContext &Ctx) const;

  /// An edit inserting `Text` right before `Loc`, or nullopt where the tool
  /// must not edit: a macro expansion (the text would belong in the macro's
  /// definition, which other code shares) or code that is not the user's.
  std::optional<FixIt> insertionBefore(clang::SourceLocation Loc, std::string Text,
                                       const clang::SourceManager &SM) const;

  /// Adds a finding of this check with its default severity.
  Finding &report(const SourcePoint &Where, std::string Message);
  /// Adds a finding built elsewhere (its CheckId must be this check's).
  void emit(Finding F) { Context.Findings.push_back(std::move(F)); }

  Severity level() const { return Level; }

  /// The value of this check's option `Name` (declared in its CheckInfo),
  /// or its default. The loader validated the text, so the typed readers
  /// fall back to the default only for values it never saw.
  std::string optionText(llvm::StringRef Name) const;
  bool optionBool(llvm::StringRef Name) const;
  unsigned optionUnsigned(llvm::StringRef Name) const;
  std::vector<std::string> optionList(llvm::StringRef Name) const;

  const RuleSet &rules() const { return Context.Rules; }
  TranslationUnitFacts *facts() const { return Context.Facts; }

  llvm::StringRef getID() const override { return Id; }

private:
  std::string Id;
  Severity Level;
  CheckContext &Context;
};

} // namespace conc

#endif
