//===- core/Rules.cpp - Validating loader for rules/*.yaml -----------------===//
//
// The format is documented in docs/rules.md. Every mistake a user can make
// in a rules file (syntax, unknown key, wrong type, bad value, duplicate
// key or rule) is an error naming the file and line; nothing is ignored
// silently, because a silently ignored rule is a missed thread.
//
//===----------------------------------------------------------------------===//
#include "core/Rules.h"

#include "core/YamlCheck.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/StringExtras.h"
#include "llvm/ADT/StringSet.h"
#include "llvm/Frontend/OpenMP/OMP.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <yaml-cpp/yaml.h>

#include <algorithm>

namespace conc {

const char *apiFormName(ApiForm F) {
  switch (F) {
  case ApiForm::Constructor:
    return "constructor";
  case ApiForm::Function:
    return "function";
  case ApiForm::Method:
    return "method";
  }
  return "function";
}

const ThreadApiRule *RuleSet::findThreadApi(llvm::StringRef Api,
                                            ApiForm Form) const {
  for (const ThreadApiRule &R : ThreadApis)
    if (R.Form == Form && R.Api == Api)
      return &R;
  return nullptr;
}

const ProcessApiRule *RuleSet::findProcessApi(llvm::StringRef Api,
                                              ApiForm Form) const {
  for (const ProcessApiRule &R : ProcessApis)
    if (R.Form == Form && R.Api == Api)
      return &R;
  return nullptr;
}

const DetachApiRule *RuleSet::findDetachApi(llvm::StringRef Api,
                                            ApiForm Form) const {
  for (const DetachApiRule &R : DetachApis)
    if (R.Form == Form && R.Api == Api)
      return &R;
  return nullptr;
}

const MtUnsafeFunctionRule *RuleSet::findMtUnsafeFunction(llvm::StringRef Api) const {
  for (const MtUnsafeFunctionRule &R : MtUnsafeFunctions)
    if (R.Api == Api)
      return &R;
  return nullptr;
}

bool RuleSet::isAsyncSignalSafe(llvm::StringRef Api) const {
  return llvm::any_of(AsyncSignalSafeFunctions,
                      [&](const AsyncSignalSafeRule &R) { return R.Api == Api; });
}

static const WorkloadCallRule *findWorkloadCall(const std::vector<WorkloadCallRule> &List,
                                                llvm::StringRef Api, ApiForm Form) {
  for (const WorkloadCallRule &R : List)
    if (R.Form == Form && R.Api == Api)
      return &R;
  return nullptr;
}

const WorkloadCallRule *RuleSet::findBlockingCall(llvm::StringRef Api, ApiForm Form) const {
  return findWorkloadCall(BlockingCalls, Api, Form);
}

const WorkloadCallRule *RuleSet::findCpuHeavyCall(llvm::StringRef Api, ApiForm Form) const {
  return findWorkloadCall(CpuHeavyCalls, Api, Form);
}

const GilFunctionRule *RuleSet::findGilFunction(llvm::StringRef Api) const {
  for (const GilFunctionRule &R : GilFunctions)
    if (R.Api == Api)
      return &R;
  return nullptr;
}

bool RuleSet::isPythonApi(llvm::StringRef Api) const {
  auto Named = [&](const std::vector<NamedApiRule> &List) {
    return llvm::any_of(List, [&](const NamedApiRule &R) { return R.Api == Api; });
  };
  if (findGilFunction(Api) || Named(GilReleaseGuards) || Named(GilAcquireGuards) ||
      Named(GilCallGuards))
    return false;
  return llvm::any_of(PythonApiPrefixes, [&](const NamedApiRule &R) {
    if (!Api.starts_with(R.Api) || Api.size() == R.Api.size())
      return false;
    llvm::StringRef Rest = Api.drop_front(R.Api.size());
    return Rest.starts_with("::") || Rest.front() == '_' || llvm::isUpper(Rest.front());
  });
}

namespace {

/// The kinds each workload list accepts: a closed set, so that a typo in a
/// rules file is an error, and the evidence reads the same everywhere.
const char *const BlockingKinds[] = {"database", "dns",   "file",  "http",  "ipc",
                                     "poll",     "sleep", "socket", "stdio", "wait"};
const char *const CpuKinds[] = {"blas",  "compression", "crypto", "hash",
                                "image", "math",        "regex",  "sort"};

constexpr int SupportedVersion = 1;

/// Carries the file name so every error can say "file:line: message".
class RulesParser : YamlChecker {
public:
  RulesParser(llvm::StringRef Name, RuleSet &Into)
      : YamlChecker(Name), Name(Name), Into(Into) {}

  llvm::Error parse(llvm::StringRef Text);

private:
  std::string Name;
  RuleSet &Into;

  llvm::Expected<std::string> requireString(const YAML::Node &Map,
                                            const char *Key,
                                            llvm::StringRef What) const;
  llvm::Expected<std::optional<unsigned>> optionalIndex(const YAML::Node &Map,
                                                       const char *Key) const;
  llvm::Expected<ApiForm> parseForm(const YAML::Node &Map) const;
  llvm::Expected<std::string> parseApiName(const YAML::Node &Item,
                                           llvm::StringRef What) const;
  llvm::Expected<std::string> parseKind(const YAML::Node &Map,
                                        llvm::ArrayRef<const char *> Kinds) const;

  llvm::Error parseThreadApis(const YAML::Node &Seq);
  llvm::Error parseProcessApis(const YAML::Node &Seq);
  llvm::Error parseDetachApis(const YAML::Node &Seq);
  llvm::Error parseOpenMPDirectives(const YAML::Node &Seq);
  llvm::Error parseInPlaceMethods(const YAML::Node &Seq);
  /// LockGuardRule / AtomicTypeRule: a name and where it was written.
  template <typename NamedRule>
  llvm::Error parseNameList(const YAML::Node &Seq, llvm::StringRef Key,
                            std::vector<NamedRule> &Out);
  llvm::Error parseLockFunctions(const YAML::Node &Seq);
  llvm::Error parseMtUnsafeFunctions(const YAML::Node &Seq);
  /// blocking-calls or cpu-heavy-calls into `Out`; `Other` is the other
  /// list (an API cannot be both).
  llvm::Error parseWorkloadCalls(const YAML::Node &Seq, llvm::StringRef Key,
                                 llvm::ArrayRef<const char *> Kinds,
                                 std::vector<WorkloadCallRule> &Out,
                                 const std::vector<WorkloadCallRule> &Other,
                                 llvm::StringRef OtherKey);
  llvm::Error parseWorkloadThresholds(const YAML::Node &Map);
  llvm::Error parseGilFunctions(const YAML::Node &Seq);
  llvm::Error parseThreadCountFunctions(const YAML::Node &Seq);
  llvm::Error parseOversubscriptionThreads(const YAML::Node &V);
  llvm::Error requireSequence(const YAML::Node &N, llvm::StringRef Key) const;
};

llvm::Expected<std::string>
RulesParser::requireString(const YAML::Node &Map, const char *Key,
                           llvm::StringRef What) const {
  YAML::Node V = Map[Key];
  if (!V)
    return errorAt(Map, "missing required key '" + llvm::Twine(Key) + "' in " +
                            What);
  if (!V.IsScalar() || V.Scalar().empty())
    return errorAt(V, "'" + llvm::Twine(Key) + "' must be a non-empty string");
  return V.Scalar();
}

llvm::Expected<std::optional<unsigned>>
RulesParser::optionalIndex(const YAML::Node &Map, const char *Key) const {
  YAML::Node V = Map[Key];
  if (!V)
    return std::optional<unsigned>();
  unsigned Value = 0;
  if (!V.IsScalar() || llvm::StringRef(V.Scalar()).getAsInteger(10, Value) ||
      Value > 64)
    return errorAt(V, "'" + llvm::Twine(Key) +
                          "' must be an argument index between 0 and 64, got '" +
                          (V.IsScalar() ? V.Scalar() : std::string("<not a scalar>")) +
                          "'");
  return std::optional<unsigned>(Value);
}

llvm::Expected<ApiForm> RulesParser::parseForm(const YAML::Node &Map) const {
  auto Form = requireString(Map, "form", "an API rule");
  if (!Form)
    return Form.takeError();
  if (*Form == "constructor")
    return ApiForm::Constructor;
  if (*Form == "function")
    return ApiForm::Function;
  if (*Form == "method")
    return ApiForm::Method;
  return errorAt(Map["form"], "'form' must be constructor, function or method, "
                              "got '" + *Form + "'");
}

llvm::Expected<std::string>
RulesParser::parseKind(const YAML::Node &Map,
                       llvm::ArrayRef<const char *> Kinds) const {
  auto Kind = requireString(Map, "kind", "an API rule");
  if (!Kind)
    return Kind.takeError();
  if (llvm::any_of(Kinds, [&](const char *K) { return *Kind == K; }))
    return *Kind;
  std::string Expected;
  for (const char *K : Kinds)
    Expected += (Expected.empty() ? "" : ", ") + std::string(K);
  return errorAt(Map["kind"], "'kind' must be one of " + Expected + ", got '" +
                                  *Kind + "'");
}

/// API names are written like C++ qualified names: identifiers joined by ::.
static bool isQualifiedName(llvm::StringRef S) {
  if (S.starts_with("::"))
    S = S.drop_front(2);
  llvm::SmallVector<llvm::StringRef, 4> Parts;
  S.split(Parts, "::");
  return llvm::all_of(Parts, [](llvm::StringRef P) {
    return !P.empty() && (isalpha(P[0]) || P[0] == '_') &&
           llvm::all_of(P, [](char C) { return isalnum(C) || C == '_'; });
  });
}

static std::string normalizeApi(llvm::StringRef S) {
  return S.starts_with("::") ? S.drop_front(2).str() : S.str();
}

static std::string originText(const RuleOrigin &O) {
  return O.File + ":" + std::to_string(O.Line);
}

/// The `api` key of an API rule: required, a qualified name, stored
/// without a leading "::".
llvm::Expected<std::string> RulesParser::parseApiName(const YAML::Node &Item,
                                                      llvm::StringRef What) const {
  auto Api = requireString(Item, "api", What);
  if (!Api)
    return Api.takeError();
  if (!isQualifiedName(*Api))
    return errorAt(Item["api"], "'" + *Api + "' is not a qualified C++ name");
  return normalizeApi(*Api);
}

llvm::Error RulesParser::requireSequence(const YAML::Node &N,
                                         llvm::StringRef Key) const {
  if (!N.IsSequence())
    return errorAt(N, "'" + Key + "' must be a list");
  return llvm::Error::success();
}

llvm::Error RulesParser::parseThreadApis(const YAML::Node &Seq) {
  if (auto E = requireSequence(Seq, "thread-apis"))
    return E;
  for (const YAML::Node &Item : Seq) {
    if (auto E = checkMapping(Item,
                              {"api", "form", "kind", "entry-arg",
                               "entry-method", "launch-policy", "handle-arg",
                               "attr-arg", "size-arg", "default-threads-per-core"},
                              "a thread-apis entry"))
      return E;
    ThreadApiRule R;
    R.Origin = {Name, lineOf(Item)};
    auto Api = parseApiName(Item, "a thread-apis entry");
    if (!Api)
      return Api.takeError();
    R.Api = *Api;
    auto Form = parseForm(Item);
    if (!Form)
      return Form.takeError();
    R.Form = *Form;
    auto Kind = parseKind(Item, {"thread", "task", "pool"});
    if (!Kind)
      return Kind.takeError();
    R.Kind = *Kind;
    auto Entry = optionalIndex(Item, "entry-arg");
    if (!Entry)
      return Entry.takeError();
    R.EntryArg = *Entry;
    if (YAML::Node M = Item["entry-method"]) {
      if (R.Form != ApiForm::Method)
        return errorAt(M, "'entry-method' applies only to form: method");
      if (!M.IsScalar() || !isQualifiedName(M.Scalar()) ||
          M.Scalar().find(':') != std::string::npos)
        return errorAt(M, "'entry-method' must be a member function name");
      if (R.EntryArg)
        return errorAt(M, "give either 'entry-arg' or 'entry-method', not both");
      R.EntryMethod = M.Scalar();
    }
    if (YAML::Node P = Item["launch-policy"]) {
      if (auto E = checkMapping(P, {"type", "requires"}, "'launch-policy'"))
        return E;
      if (R.Form != ApiForm::Function)
        return errorAt(P, "'launch-policy' applies only to form: function");
      auto Type = requireString(P, "type", "'launch-policy'");
      if (!Type)
        return Type.takeError();
      auto Req = requireString(P, "requires", "'launch-policy'");
      if (!Req)
        return Req.takeError();
      if (!isQualifiedName(*Type) || !isQualifiedName(*Req))
        return errorAt(P, "'launch-policy' type and requires must be C++ names");
      R.LaunchPolicy = LaunchPolicyRule{normalizeApi(*Type), *Req};
    }
    // Only free functions return a thread through a pointer argument; a
    // constructed thread object is its own handle.
    for (const char *Key : {"handle-arg", "attr-arg"}) {
      auto Index = optionalIndex(Item, Key);
      if (!Index)
        return Index.takeError();
      if (*Index && R.Form != ApiForm::Function)
        return errorAt(Item[Key], "'" + llvm::Twine(Key) +
                                      "' applies only to form: function");
      (llvm::StringRef(Key) == "handle-arg" ? R.HandleArg : R.AttrArg) = *Index;
    }
    auto Size = optionalIndex(Item, "size-arg");
    if (!Size)
      return Size.takeError();
    R.SizeArg = *Size;
    if (YAML::Node V = Item["default-threads-per-core"]) {
      if (!V.IsScalar() || llvm::StringRef(V.Scalar()).getAsInteger(10, R.DefaultThreadsPerCore) ||
          R.DefaultThreadsPerCore < 1 || R.DefaultThreadsPerCore > 64)
        return errorAt(V, "'default-threads-per-core' must be an integer from 1 to 64");
    }
    if ((R.SizeArg || R.DefaultThreadsPerCore) && R.Kind != "pool")
      return errorAt(Item, "'size-arg' and 'default-threads-per-core' apply only to kind: pool");
    if (const ThreadApiRule *Old = Into.findThreadApi(R.Api, R.Form))
      return errorAt(Item, "duplicate thread API '" + R.Api + "' (" +
                               apiFormName(R.Form) + "), first defined at " +
                               originText(Old->Origin));
    Into.ThreadApis.push_back(std::move(R));
  }
  return llvm::Error::success();
}

llvm::Error RulesParser::parseProcessApis(const YAML::Node &Seq) {
  if (auto E = requireSequence(Seq, "process-apis"))
    return E;
  for (const YAML::Node &Item : Seq) {
    if (auto E = checkMapping(Item, {"api", "form", "kind", "program-arg"},
                              "a process-apis entry"))
      return E;
    ProcessApiRule R;
    R.Origin = {Name, lineOf(Item)};
    auto Api = parseApiName(Item, "a process-apis entry");
    if (!Api)
      return Api.takeError();
    R.Api = *Api;
    auto Form = parseForm(Item);
    if (!Form)
      return Form.takeError();
    if (*Form == ApiForm::Constructor)
      return errorAt(Item["form"], "process APIs are functions or methods");
    R.Form = *Form;
    auto Kind = parseKind(Item, {"exec", "fork", "shell", "spawn"});
    if (!Kind)
      return Kind.takeError();
    R.Kind = *Kind;
    auto Program = optionalIndex(Item, "program-arg");
    if (!Program)
      return Program.takeError();
    R.ProgramArg = *Program;
    if (const ProcessApiRule *Old = Into.findProcessApi(R.Api, R.Form))
      return errorAt(Item, "duplicate process API '" + R.Api +
                               "', first defined at " + originText(Old->Origin));
    Into.ProcessApis.push_back(std::move(R));
  }
  return llvm::Error::success();
}

llvm::Error RulesParser::parseDetachApis(const YAML::Node &Seq) {
  if (auto E = requireSequence(Seq, "detach-apis"))
    return E;
  for (const YAML::Node &Item : Seq) {
    if (auto E = checkMapping(Item,
                              {"api", "form", "handle-arg", "attr-arg", "state-arg",
                               "detached-state"},
                              "a detach-apis entry"))
      return E;
    DetachApiRule R;
    R.Origin = {Name, lineOf(Item)};
    auto Api = parseApiName(Item, "a detach-apis entry");
    if (!Api)
      return Api.takeError();
    R.Api = *Api;
    auto Form = parseForm(Item);
    if (!Form)
      return Form.takeError();
    if (*Form == ApiForm::Constructor)
      return errorAt(Item["form"], "detach APIs are functions or methods");
    R.Form = *Form;
    for (const char *Key : {"handle-arg", "attr-arg", "state-arg"}) {
      auto Index = optionalIndex(Item, Key);
      if (!Index)
        return Index.takeError();
      if (*Index && R.Form != ApiForm::Function)
        return errorAt(Item[Key], "'" + llvm::Twine(Key) +
                                      "' applies only to form: function (a "
                                      "method detaches its object)");
      llvm::StringRef K(Key);
      (K == "handle-arg" ? R.HandleArg : K == "attr-arg" ? R.AttrArg : R.StateArg) =
          *Index;
    }
    if (YAML::Node S = Item["detached-state"]) {
      if (!S.IsScalar() || !isQualifiedName(S.Scalar()))
        return errorAt(S, "'detached-state' must be the name of an enumerator "
                          "or macro, such as PTHREAD_CREATE_DETACHED");
      R.DetachedState = normalizeApi(S.Scalar());
    }
    if (R.Form == ApiForm::Method && !R.DetachedState.empty())
      return errorAt(Item["detached-state"],
                     "'detached-state' applies only to form: function (a "
                     "method detaches its object)");
    if (R.Form == ApiForm::Function) {
      if (R.HandleArg && R.AttrArg)
        return errorAt(Item, "give either 'handle-arg' or 'attr-arg', not both");
      if (!R.HandleArg && !R.AttrArg)
        return errorAt(Item, "a detach function needs 'handle-arg' (the thread it "
                             "detaches) or 'attr-arg' (the creation attribute it "
                             "makes detached)");
      if (R.AttrArg && (!R.StateArg || R.DetachedState.empty()))
        return errorAt(Item, "'attr-arg' needs 'state-arg' and 'detached-state' "
                             "(which value of which argument means detached)");
      if (!R.AttrArg && (R.StateArg || !R.DetachedState.empty()))
        return errorAt(Item, "'state-arg' and 'detached-state' apply only with "
                             "'attr-arg'");
    }
    if (const DetachApiRule *Old = Into.findDetachApi(R.Api, R.Form))
      return errorAt(Item, "duplicate detach API '" + R.Api + "' (" +
                               apiFormName(R.Form) + "), first defined at " +
                               originText(Old->Origin));
    Into.DetachApis.push_back(std::move(R));
  }
  return llvm::Error::success();
}

llvm::Error RulesParser::parseOpenMPDirectives(const YAML::Node &Seq) {
  if (auto E = requireSequence(Seq, "openmp-directives"))
    return E;
  for (const YAML::Node &Item : Seq) {
    if (!Item.IsScalar() || Item.Scalar().empty())
      return errorAt(Item, "an openmp-directives entry must be a directive "
                           "name such as 'parallel for'");
    const std::string D = Item.Scalar();
    // Validate against LLVM's own table so a typo cannot silently disable a rule.
    if (llvm::omp::getOpenMPDirectiveKind(D) == llvm::omp::OMPD_unknown)
      return errorAt(Item, "'" + D + "' is not an OpenMP directive");
    for (const OpenMPDirectiveRule &Old : Into.OpenMPDirectives)
      if (Old.Directive == D)
        return errorAt(Item, "duplicate OpenMP directive '" + D +
                                 "', first defined at " + originText(Old.Origin));
    Into.OpenMPDirectives.push_back({D, {Name, lineOf(Item)}});
  }
  return llvm::Error::success();
}

llvm::Error RulesParser::parseInPlaceMethods(const YAML::Node &Seq) {
  if (auto E = requireSequence(Seq, "in-place-construct-methods"))
    return E;
  for (const YAML::Node &Item : Seq) {
    if (!Item.IsScalar() || !isQualifiedName(Item.Scalar()) ||
        Item.Scalar().find(':') != std::string::npos)
      return errorAt(Item, "an in-place-construct-methods entry must be a "
                           "member function name such as emplace_back");
    for (const InPlaceMethodRule &Old : Into.InPlaceConstructMethods)
      if (Old.Name == Item.Scalar())
        return errorAt(Item, "duplicate method '" + Item.Scalar() +
                                 "', first defined at " + originText(Old.Origin));
    Into.InPlaceConstructMethods.push_back({Item.Scalar(), {Name, lineOf(Item)}});
  }
  return llvm::Error::success();
}

/// A list of qualified names (lock-guards, atomic-types, thread-joins), no duplicates
/// across everything loaded so far.
template <typename NamedRule>
llvm::Error RulesParser::parseNameList(const YAML::Node &Seq, llvm::StringRef Key,
                                       std::vector<NamedRule> &Out) {
  if (auto E = requireSequence(Seq, Key))
    return E;
  for (const YAML::Node &Item : Seq) {
    if (!Item.IsScalar() || !isQualifiedName(Item.Scalar()))
      return errorAt(Item, "a " + Key + " entry must be a qualified C++ name");
    std::string Name = normalizeApi(Item.Scalar());
    for (const NamedRule &Old : Out)
      if (Old.Api == Name)
        return errorAt(Item, "duplicate " + Key + " entry '" + Name +
                                 "', first defined at " + originText(Old.Origin));
    Out.push_back({Name, {this->Name, lineOf(Item)}});
  }
  return llvm::Error::success();
}

llvm::Error RulesParser::parseLockFunctions(const YAML::Node &Seq) {
  if (auto E = requireSequence(Seq, "lock-functions"))
    return E;
  for (const YAML::Node &Item : Seq) {
    if (auto E = checkMapping(Item, {"api", "form", "action", "lock-arg"},
                              "a lock-functions entry"))
      return E;
    LockFunctionRule R;
    R.Origin = {Name, lineOf(Item)};
    auto Api = parseApiName(Item, "a lock-functions entry");
    if (!Api)
      return Api.takeError();
    R.Api = *Api;
    auto Form = parseForm(Item);
    if (!Form)
      return Form.takeError();
    if (*Form == ApiForm::Constructor)
      return errorAt(Item["form"], "lock functions are functions or methods "
                                   "(RAII types go under lock-guards)");
    R.Form = *Form;
    auto Action = requireString(Item, "action", "a lock-functions entry");
    if (!Action)
      return Action.takeError();
    if (*Action != "acquire" && *Action != "release")
      return errorAt(Item["action"],
                     "'action' must be acquire or release, got '" + *Action + "'");
    R.Acquires = *Action == "acquire";
    auto Arg = optionalIndex(Item, "lock-arg");
    if (!Arg)
      return Arg.takeError();
    R.LockArg = *Arg;
    if (R.Form == ApiForm::Function && !R.LockArg)
      return errorAt(Item, "a function that locks needs 'lock-arg' (the "
                           "argument that is the lock)");
    for (const LockFunctionRule &Old : Into.LockFunctions)
      if (Old.Api == R.Api && Old.Form == R.Form)
        return errorAt(Item, "duplicate lock function '" + R.Api +
                                 "', first defined at " + originText(Old.Origin));
    Into.LockFunctions.push_back(std::move(R));
  }
  return llvm::Error::success();
}

llvm::Error RulesParser::parseMtUnsafeFunctions(const YAML::Node &Seq) {
  if (auto E = requireSequence(Seq, "mt-unsafe-functions"))
    return E;
  for (const YAML::Node &Item : Seq) {
    if (auto E = checkMapping(Item, {"api", "replacement"}, "an mt-unsafe-functions entry"))
      return E;
    MtUnsafeFunctionRule R;
    R.Origin = {Name, lineOf(Item)};
    auto Api = parseApiName(Item, "an mt-unsafe-functions entry");
    if (!Api)
      return Api.takeError();
    R.Api = *Api;
    if (YAML::Node V = Item["replacement"]) {
      if (!V.IsScalar() || !isQualifiedName(V.Scalar()))
        return errorAt(V, "'replacement' must be a qualified C++ name");
      R.Replacement = normalizeApi(V.Scalar());
    }
    if (const MtUnsafeFunctionRule *Old = Into.findMtUnsafeFunction(R.Api))
      return errorAt(Item, "duplicate mt-unsafe-functions entry '" + R.Api +
                               "', first defined at " + originText(Old->Origin));
    Into.MtUnsafeFunctions.push_back(std::move(R));
  }
  return llvm::Error::success();
}

llvm::Error RulesParser::parseWorkloadCalls(const YAML::Node &Seq, llvm::StringRef Key,
                                            llvm::ArrayRef<const char *> Kinds,
                                            std::vector<WorkloadCallRule> &Out,
                                            const std::vector<WorkloadCallRule> &Other,
                                            llvm::StringRef OtherKey) {
  if (auto E = requireSequence(Seq, Key))
    return E;
  const std::string What = "a " + Key.str() + " entry";
  for (const YAML::Node &Item : Seq) {
    if (auto E = checkMapping(Item, {"api", "form", "kind", "weight"}, What))
      return E;
    WorkloadCallRule R;
    R.Origin = {Name, lineOf(Item)};
    auto Api = parseApiName(Item, What);
    if (!Api)
      return Api.takeError();
    R.Api = *Api;
    auto Form = parseForm(Item);
    if (!Form)
      return Form.takeError();
    R.Form = *Form;
    auto Kind = parseKind(Item, Kinds);
    if (!Kind)
      return Kind.takeError();
    R.Kind = *Kind;
    if (YAML::Node W = Item["weight"]) {
      if (!W.IsScalar() || (W.Scalar() != "strong" && W.Scalar() != "weak"))
        return errorAt(W, "'weight' must be strong or weak, got '" +
                              (W.IsScalar() ? W.Scalar() : std::string("<not a scalar>")) +
                              "'");
      R.Strong = W.Scalar() == "strong";
    }
    if (const WorkloadCallRule *Old = findWorkloadCall(Out, R.Api, R.Form))
      return errorAt(Item, "duplicate " + Key + " entry '" + R.Api + "' (" +
                               apiFormName(R.Form) + "), first defined at " +
                               originText(Old->Origin));
    if (const WorkloadCallRule *Old = findWorkloadCall(Other, R.Api, R.Form))
      return errorAt(Item, "'" + R.Api + "' (" + apiFormName(R.Form) + ") is also in " +
                               OtherKey + " at " + originText(Old->Origin) +
                               ": a call is either blocking or CPU-heavy");
    Out.push_back(std::move(R));
  }
  return llvm::Error::success();
}

llvm::Error RulesParser::parseWorkloadThresholds(const YAML::Node &Map) {
  if (auto E = checkMapping(Map,
                            {"cpu-min-on-cpu-ratio", "io-max-on-cpu-ratio",
                             "min-wall-time-us"},
                            "'workload-thresholds'"))
    return E;
  // One file sets the thresholds; a second would silently override them.
  if (!Into.Workload.Origin.File.empty())
    return errorAt(Map, "'workload-thresholds' already set at " +
                            originText(Into.Workload.Origin));
  WorkloadThresholds T;
  T.Origin = {Name, lineOf(Map)};
  for (const char *Key : {"cpu-min-on-cpu-ratio", "io-max-on-cpu-ratio"}) {
    YAML::Node V = Map[Key];
    if (!V)
      return errorAt(Map, "missing required key '" + llvm::Twine(Key) +
                              "' in 'workload-thresholds'");
    double D = 0;
    if (!V.IsScalar() || llvm::StringRef(V.Scalar()).getAsDouble(D) || D < 0 ||
        D > 1)
      return errorAt(V, "'" + llvm::Twine(Key) +
                            "' must be a ratio between 0 and 1");
    (llvm::StringRef(Key) == "cpu-min-on-cpu-ratio" ? T.CpuMinRatio
                                                     : T.IoMaxRatio) = D;
  }
  if (T.IoMaxRatio >= T.CpuMinRatio)
    return errorAt(Map, "'io-max-on-cpu-ratio' must be below "
                        "'cpu-min-on-cpu-ratio'");
  if (YAML::Node V = Map["min-wall-time-us"]) {
    if (!V.IsScalar() ||
        llvm::StringRef(V.Scalar()).getAsInteger(10, T.MinWallTimeUs))
      return errorAt(V, "'min-wall-time-us' must be a non-negative integer");
  }
  Into.Workload = T;
  return llvm::Error::success();
}

llvm::Error RulesParser::parseGilFunctions(const YAML::Node &Seq) {
  if (auto E = requireSequence(Seq, "gil-functions"))
    return E;
  for (const YAML::Node &Item : Seq) {
    if (auto E = checkMapping(Item, {"api", "action", "macro"}, "a gil-functions entry"))
      return E;
    GilFunctionRule R;
    R.Origin = {Name, lineOf(Item)};
    auto Api = parseApiName(Item, "a gil-functions entry");
    if (!Api)
      return Api.takeError();
    R.Api = *Api;
    auto Action = requireString(Item, "action", "a gil-functions entry");
    if (!Action)
      return Action.takeError();
    if (*Action != "acquire" && *Action != "release")
      return errorAt(Item["action"],
                     "'action' must be acquire or release, got '" + *Action + "'");
    R.Releases = *Action == "release";
    if (YAML::Node M = Item["macro"]) {
      if (!M.IsScalar() || !isQualifiedName(M.Scalar()))
        return errorAt(M, "'macro' must be a macro name");
      R.Macro = M.Scalar();
    }
    if (const GilFunctionRule *Old = Into.findGilFunction(R.Api))
      return errorAt(Item, "duplicate gil-functions entry '" + R.Api +
                               "', first defined at " + originText(Old->Origin));
    Into.GilFunctions.push_back(std::move(R));
  }
  return llvm::Error::success();
}

llvm::Error RulesParser::parseThreadCountFunctions(const YAML::Node &Seq) {
  if (auto E = requireSequence(Seq, "thread-count-functions"))
    return E;
  for (const YAML::Node &Item : Seq) {
    if (auto E = checkMapping(Item, {"api", "count-arg", "sets"},
                              "a thread-count-functions entry"))
      return E;
    ThreadCountFunctionRule R;
    R.Origin = {Name, lineOf(Item)};
    auto Api = parseApiName(Item, "a thread-count-functions entry");
    if (!Api)
      return Api.takeError();
    R.Api = *Api;
    auto Arg = optionalIndex(Item, "count-arg");
    if (!Arg)
      return Arg.takeError();
    if (!*Arg)
      return errorAt(Item, "a thread-count-functions entry needs 'count-arg' (the argument "
                           "that is the count)");
    R.CountArg = **Arg;
    if (YAML::Node V = Item["sets"]) {
      std::string What = V.IsScalar() ? V.Scalar() : "";
      if (What == "max-active-levels")
        R.What = ThreadCountFunctionRule::Sets::MaxActiveLevels;
      else if (What == "nested")
        R.What = ThreadCountFunctionRule::Sets::Nested;
      else if (What != "num-threads")
        return errorAt(V, "'sets' must be num-threads, max-active-levels or nested");
    }
    for (const ThreadCountFunctionRule &Old : Into.ThreadCountFunctions)
      if (Old.Api == R.Api)
        return errorAt(Item, "duplicate thread-count-functions entry '" + R.Api +
                                 "', first defined at " + originText(Old.Origin));
    Into.ThreadCountFunctions.push_back(std::move(R));
  }
  return llvm::Error::success();
}

llvm::Error RulesParser::parseOversubscriptionThreads(const YAML::Node &V) {
  // One file sets it; a second would silently override it.
  if (!Into.OversubscriptionOrigin.File.empty())
    return errorAt(V, "'oversubscription-threads-above' already set at " +
                          originText(Into.OversubscriptionOrigin));
  long long N = 0;
  if (!V.IsScalar() || llvm::StringRef(V.Scalar()).getAsInteger(10, N) || N < 1)
    return errorAt(V, "'oversubscription-threads-above' must be a positive integer");
  Into.OversubscriptionThreads = N;
  Into.OversubscriptionOrigin = {Name, lineOf(V)};
  return llvm::Error::success();
}

llvm::Error RulesParser::parse(llvm::StringRef Text) {
  YAML::Node Root;
  try {
    Root = YAML::Load(Text.str());
  } catch (const YAML::Exception &E) {
    return errorAtLine(yamlLine(E.mark.line),
                       "YAML syntax error: " + E.msg);
  }
  if (!Root || Root.IsNull())
    return errorAtLine(1, "empty rules file (expected 'version: " +
                              llvm::Twine(SupportedVersion) + "')");
  try {
    if (auto E = checkMapping(Root,
                              {"version", "thread-apis", "process-apis",
                               "openmp-directives", "in-place-construct-methods",
                               "lock-guards", "lock-functions", "atomic-types",
                               "thread-joins", "thread-id-functions", "detach-apis",
                               "mt-unsafe-functions", "async-signal-safe-functions",
                               "blocking-calls", "cpu-heavy-calls",
                               "workload-thresholds", "python-method-tables",
                               "python-binding-functions", "gil-release-guards",
                               "gil-acquire-guards", "gil-call-guards", "gil-functions",
                               "python-api-prefixes", "core-count-functions",
                               "thread-count-functions", "oversubscription-threads-above",
                               "request-handler-registrations"},
                              "the rules file"))
      return E;
    YAML::Node Version = Root["version"];
    if (!Version)
      return errorAt(Root, "missing required key 'version'");
    int V = 0;
    if (!Version.IsScalar() || llvm::StringRef(Version.Scalar()).getAsInteger(10, V))
      return errorAt(Version, "'version' must be an integer");
    if (V != SupportedVersion)
      return errorAt(Version, "unsupported rules version " + llvm::Twine(V) +
                                  " (this conc-advisor reads version " +
                                  llvm::Twine(SupportedVersion) + ")");
    if (YAML::Node N = Root["thread-apis"])
      if (auto E = parseThreadApis(N))
        return E;
    if (YAML::Node N = Root["process-apis"])
      if (auto E = parseProcessApis(N))
        return E;
    if (YAML::Node N = Root["detach-apis"])
      if (auto E = parseDetachApis(N))
        return E;
    if (YAML::Node N = Root["openmp-directives"])
      if (auto E = parseOpenMPDirectives(N))
        return E;
    if (YAML::Node N = Root["in-place-construct-methods"])
      if (auto E = parseInPlaceMethods(N))
        return E;
    if (YAML::Node N = Root["lock-guards"])
      if (auto E = parseNameList(N, "lock-guards", Into.LockGuards))
        return E;
    if (YAML::Node N = Root["lock-functions"])
      if (auto E = parseLockFunctions(N))
        return E;
    if (YAML::Node N = Root["atomic-types"])
      if (auto E = parseNameList(N, "atomic-types", Into.AtomicTypes))
        return E;
    if (YAML::Node N = Root["thread-joins"])
      if (auto E = parseNameList(N, "thread-joins", Into.ThreadJoins))
        return E;
    if (YAML::Node N = Root["thread-id-functions"])
      if (auto E = parseNameList(N, "thread-id-functions", Into.ThreadIdFunctions))
        return E;
    if (YAML::Node N = Root["mt-unsafe-functions"])
      if (auto E = parseMtUnsafeFunctions(N))
        return E;
    if (YAML::Node N = Root["async-signal-safe-functions"])
      if (auto E = parseNameList(N, "async-signal-safe-functions",
                                 Into.AsyncSignalSafeFunctions))
        return E;
    if (YAML::Node N = Root["blocking-calls"])
      if (auto E = parseWorkloadCalls(N, "blocking-calls", BlockingKinds, Into.BlockingCalls,
                                      Into.CpuHeavyCalls, "cpu-heavy-calls"))
        return E;
    if (YAML::Node N = Root["cpu-heavy-calls"])
      if (auto E = parseWorkloadCalls(N, "cpu-heavy-calls", CpuKinds, Into.CpuHeavyCalls,
                                      Into.BlockingCalls, "blocking-calls"))
        return E;
    if (YAML::Node N = Root["workload-thresholds"])
      if (auto E = parseWorkloadThresholds(N))
        return E;
    for (auto [Key, List] :
         {std::pair{"python-method-tables", &Into.PythonMethodTables},
          std::pair{"python-binding-functions", &Into.PythonBindingFunctions},
          std::pair{"gil-release-guards", &Into.GilReleaseGuards},
          std::pair{"gil-acquire-guards", &Into.GilAcquireGuards},
          std::pair{"gil-call-guards", &Into.GilCallGuards},
          std::pair{"python-api-prefixes", &Into.PythonApiPrefixes},
          std::pair{"core-count-functions", &Into.CoreCountFunctions},
          std::pair{"request-handler-registrations", &Into.RequestHandlerRegistrations}})
      if (YAML::Node N = Root[Key])
        if (auto E = parseNameList(N, Key, *List))
          return E;
    if (YAML::Node N = Root["gil-functions"])
      if (auto E = parseGilFunctions(N))
        return E;
    if (YAML::Node N = Root["thread-count-functions"])
      if (auto E = parseThreadCountFunctions(N))
        return E;
    if (YAML::Node N = Root["oversubscription-threads-above"])
      if (auto E = parseOversubscriptionThreads(N))
        return E;
  } catch (const YAML::Exception &E) {
    // Defensive: the checks above should leave nothing for yaml-cpp to throw.
    return errorAtLine(yamlLine(E.mark.line), E.msg);
  }
  Into.Files.push_back(Name);
  return llvm::Error::success();
}

} // namespace

llvm::Error parseRules(llvm::StringRef Text, llvm::StringRef Name,
                       RuleSet &Into) {
  // Parse into a copy so that a file with an error adds nothing.
  RuleSet Tentative = Into;
  if (auto E = RulesParser(Name, Tentative).parse(Text))
    return E;
  Into = std::move(Tentative);
  return llvm::Error::success();
}

llvm::Expected<RuleSet> loadRuleFiles(llvm::ArrayRef<std::string> Paths) {
  RuleSet Rules;
  for (const std::string &Path : Paths) {
    auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/true);
    if (!Buffer)
      return llvm::createStringError(Buffer.getError(),
                                     Path + ": cannot read rules file: " +
                                         Buffer.getError().message());
    if (auto E = parseRules((*Buffer)->getBuffer(), Path, Rules))
      return std::move(E);
  }
  return Rules;
}

llvm::Expected<std::vector<std::string>> builtinRuleFiles(llvm::StringRef Dir) {
  std::vector<std::string> Files;
  std::error_code EC;
  for (llvm::sys::fs::directory_iterator It(Dir, EC), End; It != End && !EC;
       It.increment(EC))
    if (llvm::sys::path::extension(It->path()) == ".yaml")
      Files.push_back(It->path());
  if (EC)
    return llvm::createStringError(EC, Dir + ": cannot read the rules directory: " +
                                           EC.message());
  if (Files.empty())
    return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                   Dir + ": no rules/*.yaml files found");
  std::sort(Files.begin(), Files.end());
  return Files;
}

} // namespace conc
