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
#include <functional>

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

/// The kinds of thread-apis and process-apis entries.
const char *const ThreadKinds[] = {"thread", "task", "pool"};
const char *const ProcessKinds[] = {"exec", "fork", "shell", "spawn"};

/// What the lists of API rules (thread-apis, lock-functions, gil-functions,
/// ...) have in common, so that one reader, RulesParser::parseApiList,
/// serves them all: each entry is a mapping with an 'api', in some lists a
/// 'form' and a 'kind', keys of its own (read by the list's own function),
/// and no duplicate (the same api, and the same form where there is one).
template <typename Rule> struct ApiListSpec {
  const char *Key;                        ///< "thread-apis"
  std::string What;                       ///< "a thread-apis entry", for messages
  std::vector<const char *> EntryKeys;    ///< every key an entry may have
  ApiForm Rule::*Form = nullptr;          ///< where 'form' goes; null: no 'form'
  const char *NotConstructor = nullptr;   ///< the error for form: constructor, if refused
  llvm::ArrayRef<const char *> Kinds = {}; ///< the closed set of 'kind'
  std::string Rule::*Kind = nullptr;      ///< where 'kind' goes; null: no 'kind'
  std::string Duplicate;                  ///< "duplicate thread API"
  bool DuplicateGivesForm = false;        ///< the message adds " (constructor)"
};

/// Moves a parsed value into its field, or passes the error on.
template <typename T, typename Field>
llvm::Error readInto(llvm::Expected<T> Value, Field &Into) {
  if (!Value)
    return Value.takeError();
  Into = std::move(*Value);
  return llvm::Error::success();
}

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
  /// 'action': "acquire" or "release".
  llvm::Expected<std::string> parseAction(const YAML::Node &Item,
                                          llvm::StringRef What) const;
  /// An optional key whose value must be a qualified C++ name (`Error`
  /// otherwise), into `Out`; without its leading "::" when `Normalize`.
  llvm::Error optionalName(const YAML::Node &Item, const char *Key,
                           const char *Error, bool Normalize,
                           std::string &Out) const;
  /// Argument indexes that only a free function has (a thread handle or
  /// attribute passed by pointer): for other forms an error ending in `Why`.
  llvm::Error
  functionIndexes(const YAML::Node &Item, ApiForm Form,
                  llvm::ArrayRef<std::pair<const char *, std::optional<unsigned> *>> Fields,
                  llvm::StringRef Why) const;

  /// One list of API rules into `Out`: what `Spec` describes, then
  /// `ReadOwnKeys` for the keys of that list alone.
  template <typename Rule>
  llvm::Error
  parseApiList(const YAML::Node &Seq, const ApiListSpec<Rule> &Spec,
               std::vector<Rule> &Out,
               llvm::function_ref<llvm::Error(const YAML::Node &, Rule &)> ReadOwnKeys);

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
  llvm::Error parseWorkloadCalls(const YAML::Node &Seq, const char *Key,
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

llvm::Expected<std::string> RulesParser::parseAction(const YAML::Node &Item,
                                                     llvm::StringRef What) const {
  auto Action = requireString(Item, "action", What);
  if (!Action)
    return Action.takeError();
  if (*Action != "acquire" && *Action != "release")
    return errorAt(Item["action"],
                   "'action' must be acquire or release, got '" + *Action + "'");
  return *Action;
}

llvm::Error RulesParser::optionalName(const YAML::Node &Item, const char *Key,
                                      const char *Error, bool Normalize,
                                      std::string &Out) const {
  if (YAML::Node V = Item[Key]) {
    if (!V.IsScalar() || !isQualifiedName(V.Scalar()))
      return errorAt(V, Error);
    Out = Normalize ? normalizeApi(V.Scalar()) : V.Scalar();
  }
  return llvm::Error::success();
}

llvm::Error RulesParser::functionIndexes(
    const YAML::Node &Item, ApiForm Form,
    llvm::ArrayRef<std::pair<const char *, std::optional<unsigned> *>> Fields,
    llvm::StringRef Why) const {
  for (auto [Key, Field] : Fields) {
    auto Index = optionalIndex(Item, Key);
    if (!Index)
      return Index.takeError();
    if (*Index && Form != ApiForm::Function)
      return errorAt(Item[Key], "'" + llvm::Twine(Key) +
                                    "' applies only to form: function" + Why);
    *Field = *Index;
  }
  return llvm::Error::success();
}

template <typename Rule>
llvm::Error RulesParser::parseApiList(
    const YAML::Node &Seq, const ApiListSpec<Rule> &Spec, std::vector<Rule> &Out,
    llvm::function_ref<llvm::Error(const YAML::Node &, Rule &)> ReadOwnKeys) {
  if (auto E = requireSequence(Seq, Spec.Key))
    return E;
  for (const YAML::Node &Item : Seq) {
    if (auto E = checkMapping(Item, Spec.EntryKeys, Spec.What))
      return E;
    Rule R;
    R.Origin = {Name, lineOf(Item)};
    if (auto E = readInto(parseApiName(Item, Spec.What), R.Api))
      return E;
    if (Spec.Form) {
      if (auto E = readInto(parseForm(Item), R.*Spec.Form))
        return E;
      if (Spec.NotConstructor && R.*Spec.Form == ApiForm::Constructor)
        return errorAt(Item["form"], Spec.NotConstructor);
    }
    if (Spec.Kind)
      if (auto E = readInto(parseKind(Item, Spec.Kinds), R.*Spec.Kind))
        return E;
    if (auto E = ReadOwnKeys(Item, R))
      return E;
    auto Old = llvm::find_if(Out, [&](const Rule &O) {
      return O.Api == R.Api && (!Spec.Form || O.*Spec.Form == R.*Spec.Form);
    });
    if (Old != Out.end())
      return errorAt(Item, Spec.Duplicate + " '" + R.Api + "'" +
                               (Spec.DuplicateGivesForm
                                    ? " (" + std::string(apiFormName(R.*Spec.Form)) + ")"
                                    : std::string()) +
                               ", first defined at " + originText(Old->Origin));
    Out.push_back(std::move(R));
  }
  return llvm::Error::success();
}

llvm::Error RulesParser::parseThreadApis(const YAML::Node &Seq) {
  const ApiListSpec<ThreadApiRule> Spec{"thread-apis",
                                        "a thread-apis entry",
                                        {"api", "form", "kind", "entry-arg", "entry-method",
                                         "launch-policy", "handle-arg", "attr-arg", "size-arg",
                                         "default-threads-per-core"},
                                        &ThreadApiRule::Form,
                                        nullptr,
                                        ThreadKinds,
                                        &ThreadApiRule::Kind,
                                        "duplicate thread API",
                                        /*DuplicateGivesForm=*/true};
  return parseApiList<ThreadApiRule>(
      Seq, Spec, Into.ThreadApis, [&](const YAML::Node &Item, ThreadApiRule &R) -> llvm::Error {
        if (auto E = readInto(optionalIndex(Item, "entry-arg"), R.EntryArg))
          return E;
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
        if (auto E = readInto(optionalIndex(Item, "size-arg"), R.SizeArg))
          return E;
        if (YAML::Node V = Item["default-threads-per-core"]) {
          if (!V.IsScalar() ||
              llvm::StringRef(V.Scalar()).getAsInteger(10, R.DefaultThreadsPerCore) ||
              R.DefaultThreadsPerCore < 1 || R.DefaultThreadsPerCore > 64)
            return errorAt(V, "'default-threads-per-core' must be an integer from 1 to 64");
        }
        if ((R.SizeArg || R.DefaultThreadsPerCore) && R.Kind != "pool")
          return errorAt(Item,
                         "'size-arg' and 'default-threads-per-core' apply only to kind: pool");
        // Only free functions return a thread through a pointer argument; a
        // constructed thread object is its own handle.
        return functionIndexes(Item, R.Form,
                               {{"handle-arg", &R.HandleArg}, {"attr-arg", &R.AttrArg}}, "");
      });
}

llvm::Error RulesParser::parseProcessApis(const YAML::Node &Seq) {
  const ApiListSpec<ProcessApiRule> Spec{"process-apis",
                                         "a process-apis entry",
                                         {"api", "form", "kind", "program-arg"},
                                         &ProcessApiRule::Form,
                                         "process APIs are functions or methods",
                                         ProcessKinds,
                                         &ProcessApiRule::Kind,
                                         "duplicate process API"};
  return parseApiList<ProcessApiRule>(
      Seq, Spec, Into.ProcessApis,
      [&](const YAML::Node &Item, ProcessApiRule &R) -> llvm::Error {
        return readInto(optionalIndex(Item, "program-arg"), R.ProgramArg);
      });
}

llvm::Error RulesParser::parseDetachApis(const YAML::Node &Seq) {
  const ApiListSpec<DetachApiRule> Spec{
      "detach-apis",
      "a detach-apis entry",
      {"api", "form", "handle-arg", "attr-arg", "state-arg", "detached-state"},
      &DetachApiRule::Form,
      "detach APIs are functions or methods",
      {},
      nullptr,
      "duplicate detach API",
      /*DuplicateGivesForm=*/true};
  return parseApiList<DetachApiRule>(
      Seq, Spec, Into.DetachApis, [&](const YAML::Node &Item, DetachApiRule &R) -> llvm::Error {
        if (auto E = functionIndexes(Item, R.Form,
                                     {{"handle-arg", &R.HandleArg},
                                      {"attr-arg", &R.AttrArg},
                                      {"state-arg", &R.StateArg}},
                                     " (a method detaches its object)"))
          return E;
        if (auto E = optionalName(Item, "detached-state",
                                  "'detached-state' must be the name of an enumerator "
                                  "or macro, such as PTHREAD_CREATE_DETACHED",
                                  /*Normalize=*/true, R.DetachedState))
          return E;
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
        return llvm::Error::success();
      });
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
  const ApiListSpec<LockFunctionRule> Spec{
      "lock-functions",
      "a lock-functions entry",
      {"api", "form", "action", "lock-arg"},
      &LockFunctionRule::Form,
      "lock functions are functions or methods (RAII types go under lock-guards)",
      {},
      nullptr,
      "duplicate lock function"};
  return parseApiList<LockFunctionRule>(
      Seq, Spec, Into.LockFunctions,
      [&](const YAML::Node &Item, LockFunctionRule &R) -> llvm::Error {
        auto Action = parseAction(Item, Spec.What);
        if (!Action)
          return Action.takeError();
        R.Acquires = *Action == "acquire";
        if (auto E = readInto(optionalIndex(Item, "lock-arg"), R.LockArg))
          return E;
        if (R.Form == ApiForm::Function && !R.LockArg)
          return errorAt(Item, "a function that locks needs 'lock-arg' (the "
                               "argument that is the lock)");
        return llvm::Error::success();
      });
}

llvm::Error RulesParser::parseMtUnsafeFunctions(const YAML::Node &Seq) {
  const ApiListSpec<MtUnsafeFunctionRule> Spec{"mt-unsafe-functions",
                                               "an mt-unsafe-functions entry",
                                               {"api", "replacement"},
                                               nullptr,
                                               nullptr,
                                               {},
                                               nullptr,
                                               "duplicate mt-unsafe-functions entry"};
  return parseApiList<MtUnsafeFunctionRule>(
      Seq, Spec, Into.MtUnsafeFunctions,
      [&](const YAML::Node &Item, MtUnsafeFunctionRule &R) -> llvm::Error {
        return optionalName(Item, "replacement", "'replacement' must be a qualified C++ name",
                            /*Normalize=*/true, R.Replacement);
      });
}

llvm::Error RulesParser::parseWorkloadCalls(const YAML::Node &Seq, const char *Key,
                                            llvm::ArrayRef<const char *> Kinds,
                                            std::vector<WorkloadCallRule> &Out,
                                            const std::vector<WorkloadCallRule> &Other,
                                            llvm::StringRef OtherKey) {
  const ApiListSpec<WorkloadCallRule> Spec{Key,
                                           "a " + std::string(Key) + " entry",
                                           {"api", "form", "kind", "weight"},
                                           &WorkloadCallRule::Form,
                                           nullptr,
                                           Kinds,
                                           &WorkloadCallRule::Kind,
                                           "duplicate " + std::string(Key) + " entry",
                                           /*DuplicateGivesForm=*/true};
  return parseApiList<WorkloadCallRule>(
      Seq, Spec, Out, [&](const YAML::Node &Item, WorkloadCallRule &R) -> llvm::Error {
        if (YAML::Node W = Item["weight"]) {
          if (!W.IsScalar() || (W.Scalar() != "strong" && W.Scalar() != "weak"))
            return errorAt(W, "'weight' must be strong or weak, got '" +
                                  (W.IsScalar() ? W.Scalar() : std::string("<not a scalar>")) +
                                  "'");
          R.Strong = W.Scalar() == "strong";
        }
        // Before the duplicate check of parseApiList, which cannot also fail:
        // an API already in `Out` was checked against `Other` when it was added.
        if (const WorkloadCallRule *Old = findWorkloadCall(Other, R.Api, R.Form))
          return errorAt(Item, "'" + R.Api + "' (" + apiFormName(R.Form) + ") is also in " +
                                   OtherKey + " at " + originText(Old->Origin) +
                                   ": a call is either blocking or CPU-heavy");
        return llvm::Error::success();
      });
}

llvm::Error RulesParser::parseWorkloadThresholds(const YAML::Node &Map) {
  if (auto E =
          checkMapping(Map, {"cpu-min-on-cpu-ratio", "io-max-on-cpu-ratio", "min-wall-time-us"},
                       "'workload-thresholds'"))
    return E;
  // One file sets the thresholds; a second would silently override them.
  if (!Into.Workload.Origin.File.empty())
    return errorAt(Map,
                   "'workload-thresholds' already set at " + originText(Into.Workload.Origin));
  WorkloadThresholds T;
  T.Origin = {Name, lineOf(Map)};
  for (const char *Key : {"cpu-min-on-cpu-ratio", "io-max-on-cpu-ratio"}) {
    YAML::Node V = Map[Key];
    if (!V)
      return errorAt(Map, "missing required key '" + llvm::Twine(Key) +
                              "' in 'workload-thresholds'");
    double D = 0;
    if (!V.IsScalar() || llvm::StringRef(V.Scalar()).getAsDouble(D) || D < 0 || D > 1)
      return errorAt(V, "'" + llvm::Twine(Key) + "' must be a ratio between 0 and 1");
    (llvm::StringRef(Key) == "cpu-min-on-cpu-ratio" ? T.CpuMinRatio : T.IoMaxRatio) = D;
  }
  if (T.IoMaxRatio >= T.CpuMinRatio)
    return errorAt(Map, "'io-max-on-cpu-ratio' must be below "
                        "'cpu-min-on-cpu-ratio'");
  if (YAML::Node V = Map["min-wall-time-us"]) {
    if (!V.IsScalar() || llvm::StringRef(V.Scalar()).getAsInteger(10, T.MinWallTimeUs))
      return errorAt(V, "'min-wall-time-us' must be a non-negative integer");
  }
  Into.Workload = T;
  return llvm::Error::success();
}

llvm::Error RulesParser::parseGilFunctions(const YAML::Node &Seq) {
  const ApiListSpec<GilFunctionRule> Spec{"gil-functions",
                                          "a gil-functions entry",
                                          {"api", "action", "macro"},
                                          nullptr,
                                          nullptr,
                                          {},
                                          nullptr,
                                          "duplicate gil-functions entry"};
  return parseApiList<GilFunctionRule>(
      Seq, Spec, Into.GilFunctions,
      [&](const YAML::Node &Item, GilFunctionRule &R) -> llvm::Error {
        auto Action = parseAction(Item, Spec.What);
        if (!Action)
          return Action.takeError();
        R.Releases = *Action == "release";
        return optionalName(Item, "macro", "'macro' must be a macro name",
                            /*Normalize=*/false, R.Macro);
      });
}

llvm::Error RulesParser::parseThreadCountFunctions(const YAML::Node &Seq) {
  const ApiListSpec<ThreadCountFunctionRule> Spec{"thread-count-functions",
                                                  "a thread-count-functions entry",
                                                  {"api", "count-arg", "sets"},
                                                  nullptr,
                                                  nullptr,
                                                  {},
                                                  nullptr,
                                                  "duplicate thread-count-functions entry"};
  return parseApiList<ThreadCountFunctionRule>(
      Seq, Spec, Into.ThreadCountFunctions,
      [&](const YAML::Node &Item, ThreadCountFunctionRule &R) -> llvm::Error {
        auto Arg = optionalIndex(Item, "count-arg");
        if (!Arg)
          return Arg.takeError();
        if (!*Arg)
          return errorAt(Item, "a thread-count-functions entry needs 'count-arg' (the "
                               "argument that is the count)");
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
        return llvm::Error::success();
      });
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
    // Each section's reader, in the order they are read (which decides the
    // error reported for a file with several).
    using SectionReader = std::function<llvm::Error(const YAML::Node &, const char *Key)>;
    auto Method = [this](llvm::Error (RulesParser::*Read)(const YAML::Node &)) {
      return SectionReader(
          [this, Read](const YAML::Node &N, const char *) { return (this->*Read)(N); });
    };
    auto Names = [this](auto &List) {
      return SectionReader([this, &List](const YAML::Node &N, const char *Key) {
        return parseNameList(N, Key, List);
      });
    };
    const std::pair<const char *, SectionReader> Sections[] = {
        {"thread-apis", Method(&RulesParser::parseThreadApis)},
        {"process-apis", Method(&RulesParser::parseProcessApis)},
        {"detach-apis", Method(&RulesParser::parseDetachApis)},
        {"openmp-directives", Method(&RulesParser::parseOpenMPDirectives)},
        {"in-place-construct-methods", Method(&RulesParser::parseInPlaceMethods)},
        {"lock-guards", Names(Into.LockGuards)},
        {"lock-functions", Method(&RulesParser::parseLockFunctions)},
        {"atomic-types", Names(Into.AtomicTypes)},
        {"thread-joins", Names(Into.ThreadJoins)},
        {"thread-id-functions", Names(Into.ThreadIdFunctions)},
        {"mt-unsafe-functions", Method(&RulesParser::parseMtUnsafeFunctions)},
        {"async-signal-safe-functions", Names(Into.AsyncSignalSafeFunctions)},
        {"blocking-calls",
         [this](const YAML::Node &N, const char *Key) {
           return parseWorkloadCalls(N, Key, BlockingKinds, Into.BlockingCalls,
                                     Into.CpuHeavyCalls, "cpu-heavy-calls");
         }},
        {"cpu-heavy-calls",
         [this](const YAML::Node &N, const char *Key) {
           return parseWorkloadCalls(N, Key, CpuKinds, Into.CpuHeavyCalls, Into.BlockingCalls,
                                     "blocking-calls");
         }},
        {"workload-thresholds", Method(&RulesParser::parseWorkloadThresholds)},
        {"python-method-tables", Names(Into.PythonMethodTables)},
        {"python-binding-functions", Names(Into.PythonBindingFunctions)},
        {"gil-release-guards", Names(Into.GilReleaseGuards)},
        {"gil-acquire-guards", Names(Into.GilAcquireGuards)},
        {"gil-call-guards", Names(Into.GilCallGuards)},
        {"python-api-prefixes", Names(Into.PythonApiPrefixes)},
        {"core-count-functions", Names(Into.CoreCountFunctions)},
        {"request-handler-registrations", Names(Into.RequestHandlerRegistrations)},
        {"gil-functions", Method(&RulesParser::parseGilFunctions)},
        {"thread-count-functions", Method(&RulesParser::parseThreadCountFunctions)},
        {"oversubscription-threads-above", Method(&RulesParser::parseOversubscriptionThreads)},
    };
    for (const auto &[Key, Read] : Sections)
      if (YAML::Node N = Root[Key])
        if (auto E = Read(N, Key))
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
