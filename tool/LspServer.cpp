//===- tool/LspServer.cpp --------------------------------------------------===//
#include "tool/LspServer.h"

#include "model/ProgramModel.h"
#include "tool/Analyzer.h"
#include "tool/CompileDatabase.h"
#include "tool/Driver.h"
#include "tool/LspDiagnostics.h"
#include "tool/LspWrap.h"
#include "tool/Measurements.h"
#include "tool/Report.h"
#include "tool/SourceTexts.h"
#include "tool/Suppressions.h"
#include "tool/UnitCache.h"
#include "tool/WarningsAsErrors.h"

#include "llvm/ADT/StringExtras.h"
#include "llvm/Support/FileSystem.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"

#include <algorithm>
#include <chrono>
#include <map>
#include <optional>
#include <set>
#include <thread>

namespace conc {

std::string pathFromFileUri(llvm::StringRef Uri) {
  if (!Uri.consume_front("file://"))
    return "";
  // "file://localhost/p" names the same file as "file:///p".
  Uri.consume_front("localhost");
  if (!Uri.starts_with("/"))
    return "";
  std::string Path;
  for (size_t I = 0; I < Uri.size(); ++I) {
    if (Uri[I] != '%') {
      Path.push_back(Uri[I]);
      continue;
    }
    if (I + 2 >= Uri.size() || !llvm::isHexDigit(Uri[I + 1]) || !llvm::isHexDigit(Uri[I + 2]))
      return "";
    Path.push_back(static_cast<char>(llvm::hexFromNibbles(Uri[I + 1], Uri[I + 2])));
    I += 2;
  }
  return absolutePath(Path);
}

namespace {

/// A file the editor has open.
struct Document {
  std::string Text;
  /// The buffer differs from the disk: parses read it through the overlay,
  /// and their results are not cached (the cache describes the disk).
  bool Dirty = false;
};

/// One compile_commands.json and the latest results of each of its units.
struct Project {
  std::string DatabaseDir;
  std::vector<CompileEntry> Entries;
  /// Parallel to Entries; filled by the first analysis.
  std::vector<UnitResult> Units;
  bool Loaded = false;
  std::string CacheDir;
};

/// A published diagnostic and the finding it came from (for code actions).
struct Published {
  Finding From;
  llvm::json::Object Diagnostic;
};

/// The text of `Path` on disk, or nullopt.
std::optional<std::string> diskText(const std::string &Path) {
  auto Buffer = llvm::MemoryBuffer::getFile(Path, /*IsText=*/false,
                                            /*RequiresNullTerminator=*/false);
  if (!Buffer)
    return std::nullopt;
  return (*Buffer)->getBuffer().str();
}

} // namespace

class LspServer::Impl {
public:
  Impl(const char *Argv0, const Options &O, Sender Send, llvm::raw_ostream &Log)
      : Send(std::move(Send)), Argv0(Argv0), O(O), Log(Log) {}

  llvm::Error prepare();
  void handle(const llvm::json::Value &Message);
  llvm::json::Array codeActions(const llvm::json::Object &Params);

  bool Exited = false;
  bool ShutdownReceived = false;
  Sender Send;

private:
  void request(const llvm::json::Value &Id, llvm::StringRef Method,
               const llvm::json::Object *Params);
  void notification(llvm::StringRef Method, const llvm::json::Object *Params);

  llvm::json::Object initializeResult(const llvm::json::Object *Params);
  void didOpen(const llvm::json::Object &Params);
  void didChange(const llvm::json::Object &Params);
  void didSave(const llvm::json::Object &Params);
  void didClose(const llvm::json::Object &Params);

  /// The project whose database knows `Path` (or includes it), found as
  /// clangd finds it; null when there is none.
  Project *projectFor(const std::string &Path);
  /// Brings the units that read `Path` up to date, concludes over the
  /// project and publishes every open document's diagnostics.
  void analyze(const std::string &Path);
  /// Parses (or takes from the cache) the unit `I` of `P`.
  void refreshUnit(Project &P, size_t I);
  void publish(Project &P);
  void publishFor(const std::string &Path, std::vector<Published> Diagnostics);
  void logMessage(int Type, const std::string &Text);
  std::string textOf(const std::string &Path);

  const char *Argv0;
  Options O;
  llvm::raw_ostream &Log;

  bool Initialized = false;
  std::string RootPath;
  std::optional<RuleSet> Rules;
  std::optional<CheckFilter> Filter;
  /// --warnings-as-errors and the configuration's WarningsAsErrors.
  std::optional<CheckFilter> WarningsAsErrors;
  std::vector<const CheckInfo *> Checks;
  std::string DocsDir;
  /// --profile and --hardware, read once: the diagnostics carry their
  /// confirmations and figures as the CLI's findings do.
  std::optional<Profile> MeasuredProfile;
  std::optional<HardwareProfile> Hardware;

  std::map<std::string, Document> Docs;
  std::map<std::string, std::unique_ptr<Project>> Projects; ///< by database dir
  std::map<std::string, std::string> ProjectOfPath;         ///< "" = none
  std::map<std::string, std::vector<Published>> Diagnostics;
};

llvm::Error LspServer::Impl::prepare() {
  llvm::Expected<CheckFilter> F = CheckFilter::parse(O.Checks);
  if (!F)
    return F.takeError();
  Filter = std::move(*F);
  if (!O.WarningsAsErrors.empty()) {
    llvm::Expected<CheckFilter> W =
        CheckFilter::parse(O.WarningsAsErrors, "--warnings-as-errors=");
    if (!W)
      return W.takeError();
    WarningsAsErrors = std::move(*W);
  }
  for (const CheckInfo &C : allChecks())
    if (Filter->isEnabled(C.Id))
      Checks.push_back(&C);
  std::vector<std::string> RuleFiles;
  std::string BuiltinDir = builtinRulesDir(Argv0);
  if (!O.NoBuiltinRules) {
    auto Builtin = builtinRuleFiles(BuiltinDir);
    if (!Builtin)
      return Builtin.takeError();
    RuleFiles = *Builtin;
  }
  RuleFiles.insert(RuleFiles.end(), O.RuleFiles.begin(), O.RuleFiles.end());
  llvm::Expected<RuleSet> Loaded = loadRuleFiles(RuleFiles);
  if (!Loaded)
    return Loaded.takeError();
  Rules = std::move(*Loaded);
  if (!O.ProfileFile.empty()) {
    auto Read = readProfile(O.ProfileFile);
    if (!Read)
      return Read.takeError();
    MeasuredProfile = std::move(*Read);
  }
  if (!O.HardwareFile.empty()) {
    auto Read = readHardware(O.HardwareFile);
    if (!Read)
      return Read.takeError();
    Hardware = std::move(*Read);
  }
  // docs/checks/ sits beside rules/ in the source tree and in share/.
  llvm::SmallString<256> Docs(llvm::sys::path::parent_path(BuiltinDir));
  llvm::sys::path::append(Docs, "docs", "checks");
  if (llvm::sys::fs::is_directory(Docs))
    DocsDir = std::string(Docs);
  return llvm::Error::success();
}

void LspServer::Impl::handle(const llvm::json::Value &Message) {
  const llvm::json::Object *M = Message.getAsObject();
  if (!M) {
    Send(lspError(nullptr, InvalidRequest, "a JSON-RPC message is an object"));
    return;
  }
  const llvm::json::Value *Id = M->get("id");
  const llvm::json::Value *Method = M->get("method");
  if (!Method) {
    // A response to a request of ours; we send none that need answers.
    if (Id && (M->get("result") || M->get("error")))
      return;
    Send(lspError(Id ? *Id : nullptr, InvalidRequest, "message without a method"));
    return;
  }
  bool IdOk = !Id || Id->kind() == llvm::json::Value::Number ||
              Id->kind() == llvm::json::Value::String;
  std::optional<llvm::StringRef> Name = Method->getAsString();
  if (!IdOk || !Name || M->getString("jsonrpc") != std::optional<llvm::StringRef>("2.0")) {
    Send(lspError(IdOk && Id ? *Id : nullptr, InvalidRequest,
                  "not a JSON-RPC 2.0 request: needs \"jsonrpc\": \"2.0\", a string "
                  "\"method\" and a number or string \"id\""));
    return;
  }
  const llvm::json::Value *ParamsValue = M->get("params");
  const llvm::json::Object *Params = ParamsValue ? ParamsValue->getAsObject() : nullptr;
  if (ParamsValue && !Params && ParamsValue->kind() != llvm::json::Value::Null &&
      Id) {
    Send(lspError(*Id, InvalidParams, "params must be an object"));
    return;
  }
  if (Id)
    request(*Id, *Name, Params);
  else
    notification(*Name, Params);
}

void LspServer::Impl::request(const llvm::json::Value &Id, llvm::StringRef Method,
                              const llvm::json::Object *Params) {
  if (Method == "initialize") {
    if (Initialized) {
      Send(lspError(Id, InvalidRequest, "initialize was already received"));
      return;
    }
    Initialized = true;
    Send(lspResult(Id, initializeResult(Params)));
    return;
  }
  if (!Initialized) {
    Send(lspError(Id, ServerNotInitialized, "the first request must be initialize"));
    return;
  }
  if (ShutdownReceived) {
    Send(lspError(Id, InvalidRequest, "the server is shutting down"));
    return;
  }
  if (Method == "shutdown") {
    ShutdownReceived = true;
    Send(lspResult(Id, nullptr));
    return;
  }
  if (Method == "textDocument/codeAction") {
    if (!Params) {
      Send(lspError(Id, InvalidParams, "textDocument/codeAction needs params"));
      return;
    }
    Send(lspResult(Id, codeActions(*Params)));
    return;
  }
  Send(lspError(Id, MethodNotFound, ("method not found: " + Method).str()));
}

void LspServer::Impl::notification(llvm::StringRef Method,
                                   const llvm::json::Object *Params) {
  if (Method == "exit") {
    Exited = true;
    return;
  }
  // Before initialize, and after shutdown, notifications are dropped.
  if (!Initialized || ShutdownReceived || !Params)
    return;
  if (Method == "textDocument/didOpen")
    didOpen(*Params);
  else if (Method == "textDocument/didChange")
    didChange(*Params);
  else if (Method == "textDocument/didSave")
    didSave(*Params);
  else if (Method == "textDocument/didClose")
    didClose(*Params);
  // Anything else ($/cancelRequest, initialized, workspace/...) needs nothing.
}

llvm::json::Object LspServer::Impl::initializeResult(const llvm::json::Object *Params) {
  if (Params) {
    if (std::optional<llvm::StringRef> Root = Params->getString("rootUri"))
      RootPath = pathFromFileUri(*Root);
    else if (std::optional<llvm::StringRef> Root = Params->getString("rootPath"))
      RootPath = absolutePath(*Root);
  }
  return llvm::json::Object{
      {"capabilities",
       llvm::json::Object{
           {"textDocumentSync",
            llvm::json::Object{{"openClose", true},
                               {"change", 2}, // Incremental: edits, not whole texts.
                               {"save", llvm::json::Object{{"includeText", true}}}}},
           {"codeActionProvider",
            llvm::json::Object{{"codeActionKinds", llvm::json::Array{"quickfix"}}}}}},
      {"serverInfo",
       llvm::json::Object{{"name", "conc-advisor"}, {"version", toolVersion()}}}};
}

/// The document's path from params.textDocument.uri; "" when absent.
static std::string documentPath(const llvm::json::Object &Params) {
  const llvm::json::Object *Doc = Params.getObject("textDocument");
  if (!Doc)
    return "";
  std::optional<llvm::StringRef> Uri = Doc->getString("uri");
  return Uri ? pathFromFileUri(*Uri) : "";
}

void LspServer::Impl::didOpen(const llvm::json::Object &Params) {
  std::string Path = documentPath(Params);
  const llvm::json::Object *Doc = Params.getObject("textDocument");
  std::optional<llvm::StringRef> Text = Doc ? Doc->getString("text") : std::nullopt;
  if (Path.empty() || !Text) {
    Log << "conc-advisor: didOpen without a file URI and text: ignored\n";
    return;
  }
  Document &D = Docs[Path];
  D.Text = Text->str();
  D.Dirty = diskText(Path) != D.Text;
  analyze(Path);
}

void LspServer::Impl::didChange(const llvm::json::Object &Params) {
  std::string Path = documentPath(Params);
  auto It = Docs.find(Path);
  const llvm::json::Array *Changes = Params.getArray("contentChanges");
  if (It == Docs.end() || !Changes)
    return;
  // In order: a change with a range edits the text, one without replaces it.
  std::string &Text = It->second.Text;
  for (const llvm::json::Value &C : *Changes) {
    const llvm::json::Object *Change = C.getAsObject();
    std::optional<llvm::StringRef> New = Change ? Change->getString("text") : std::nullopt;
    if (!New)
      continue;
    const llvm::json::Object *Range = Change->getObject("range");
    if (!Range) {
      Text = New->str();
      continue;
    }
    const llvm::json::Object *Start = Range->getObject("start");
    const llvm::json::Object *End = Range->getObject("end");
    if (!Start || !End)
      continue;
    size_t From = lspOffset(Text, *Start), To = lspOffset(Text, *End);
    if (To < From)
      std::swap(From, To);
    Text.replace(From, To - From, New->str());
  }
  It->second.Dirty = true;
}

void LspServer::Impl::didSave(const llvm::json::Object &Params) {
  std::string Path = documentPath(Params);
  auto It = Docs.find(Path);
  if (It == Docs.end())
    return;
  if (std::optional<llvm::StringRef> Text = Params.getString("text"))
    It->second.Text = Text->str();
  It->second.Dirty = diskText(Path) != It->second.Text;
  analyze(Path);
}

void LspServer::Impl::didClose(const llvm::json::Object &Params) {
  std::string Path = documentPath(Params);
  if (Docs.erase(Path))
    publishFor(Path, {});
}

Project *LspServer::Impl::projectFor(const std::string &Path) {
  auto Known = ProjectOfPath.find(Path);
  if (Known != ProjectOfPath.end())
    return Known->second.empty() ? nullptr : Projects[Known->second].get();
  // -p / --compile-commands-dir; else, as clangd: each ancestor directory
  // of the file, and its build/ subdirectory, then the workspace root's.
  std::vector<std::string> Candidates;
  if (!O.BuildPath.empty()) {
    Candidates.push_back(absolutePath(O.BuildPath));
  } else {
    for (llvm::StringRef Dir = llvm::sys::path::parent_path(Path); !Dir.empty();
         Dir = llvm::sys::path::parent_path(Dir)) {
      Candidates.push_back(Dir.str());
      Candidates.push_back((Dir + "/build").str());
    }
    if (!RootPath.empty())
      Candidates.push_back(RootPath + "/build");
  }
  std::string DatabaseDir;
  for (const std::string &Dir : Candidates)
    if (llvm::sys::fs::exists(Dir + "/compile_commands.json")) {
      DatabaseDir = Dir;
      break;
    }
  ProjectOfPath[Path] = DatabaseDir;
  if (DatabaseDir.empty())
    return nullptr;
  std::unique_ptr<Project> &P = Projects[DatabaseDir];
  if (P)
    return P.get();
  auto Entries = loadCompileDatabase(DatabaseDir);
  if (!Entries) {
    logMessage(1, "conc-advisor: " + llvm::toString(Entries.takeError()));
    ProjectOfPath[Path] = "";
    Projects.erase(DatabaseDir);
    return nullptr;
  }
  auto Selected = selectEntries(std::move(*Entries), {}, DatabaseDir);
  if (!Selected) {
    logMessage(1, "conc-advisor: " + llvm::toString(Selected.takeError()));
    ProjectOfPath[Path] = "";
    Projects.erase(DatabaseDir);
    return nullptr;
  }
  P = std::make_unique<Project>();
  P->DatabaseDir = DatabaseDir;
  P->Entries = std::move(*Selected);
  P->CacheDir = O.FactsDir.empty() ? DatabaseDir + "/.cache/conc-advisor" : O.FactsDir;
  if (std::error_code EC = llvm::sys::fs::create_directories(P->CacheDir)) {
    logMessage(2, "conc-advisor: " + P->CacheDir +
                      ": cannot create the cache directory: " + EC.message());
    P->CacheDir.clear();
  }
  return P.get();
}

std::string LspServer::Impl::textOf(const std::string &Path) {
  auto It = Docs.find(Path);
  if (It != Docs.end())
    return It->second.Text;
  return diskText(Path).value_or("");
}

void LspServer::Impl::refreshUnit(Project &P, size_t I) {
  AnalysisSettings Settings;
  Settings.Rules = &*Rules;
  Settings.Checks = &*Filter;
  Settings.CheckOptions = &O.CheckOptions;
  Settings.ResourceDir = findResourceDir(Argv0);
  Settings.ExtraArgsBefore = O.ExtraArgsBefore;
  Settings.ExtraArgs = O.ExtraArgs;
  Settings.NeedFacts = true;
  Settings.CacheDir = P.CacheDir;
  Settings.CacheSalt = cacheSalt(*Rules, Checks, O.CheckOptions);
  const CompileEntry &Entry = P.Entries[I];
  // The unit reads an unsaved buffer: parse it as the editor shows it, and
  // keep the result out of the cache.
  std::set<std::string> Reads(P.Units[I].Inputs.begin(), P.Units[I].Inputs.end());
  Reads.insert(Entry.File);
  bool UsesBuffers = false;
  for (const auto &[Path, Doc] : Docs)
    if (Doc.Dirty) {
      Settings.Overlay[Path] = Doc.Text;
      UsesBuffers |= Reads.count(Path) > 0;
    }
  if (!UsesBuffers)
    Settings.Overlay.clear();
  ContentHasher Hasher;
  std::string Key = unitCacheKey(Entry, parseArguments(Entry, Settings), Settings.CacheSalt);
  if (!UsesBuffers && !P.CacheDir.empty())
    if (auto Cached = loadCachedUnit(P.CacheDir, Entry, Key, Hasher)) {
      P.Units[I] = std::move(*Cached);
      return;
    }
  P.Units[I] = analyzeUnit(Entry, Settings);
  if (P.Units[I].Failed) {
    std::string Text = "conc-advisor: " + Entry.File + ": failed to parse, skipped";
    for (const std::string &E : P.Units[I].Errors)
      Text += "\n  " + E;
    logMessage(2, Text);
    return;
  }
  if (!UsesBuffers && !P.CacheDir.empty())
    llvm::consumeError(storeCachedUnit(P.CacheDir, Entry, Key, P.Units[I], Hasher));
}

void LspServer::Impl::analyze(const std::string &Path) {
  Project *P = projectFor(Path);
  if (!P) {
    logMessage(3, "conc-advisor: no compile_commands.json knows " + Path);
    publishFor(Path, {});
    return;
  }
  auto Start = std::chrono::steady_clock::now();
  unsigned Parsed = 0;
  if (!P->Loaded) {
    // First use: every unit, from the cache where it is fresh. Unsaved
    // buffers are applied afterwards, so that what is cached is the disk.
    AnalysisSettings Settings;
    Settings.Rules = &*Rules;
    Settings.Checks = &*Filter;
    Settings.CheckOptions = &O.CheckOptions;
    Settings.ResourceDir = findResourceDir(Argv0);
    Settings.ExtraArgsBefore = O.ExtraArgsBefore;
    Settings.ExtraArgs = O.ExtraArgs;
    Settings.NeedFacts = true;
    Settings.CacheDir = P->CacheDir;
    Settings.CacheSalt = cacheSalt(*Rules, Checks, O.CheckOptions);
    Settings.Jobs = O.Jobs ? O.Jobs : std::max(1u, std::thread::hardware_concurrency());
    P->Units = analyzeAll(P->Entries, Settings);
    P->Loaded = true;
    for (const UnitResult &U : P->Units)
      Parsed += !U.FromCache;
  }
  // The units that read the file: its own, or those that include it.
  for (size_t I = 0; I < P->Entries.size(); ++I) {
    const UnitResult &U = P->Units[I];
    bool Reads = P->Entries[I].File == Path ||
                 std::find(U.Inputs.begin(), U.Inputs.end(), Path) != U.Inputs.end();
    if (!Reads)
      continue;
    refreshUnit(*P, I);
    Parsed += !P->Units[I].FromCache;
  }
  publish(*P);
  auto Ms = std::chrono::duration_cast<std::chrono::milliseconds>(
                std::chrono::steady_clock::now() - Start)
                .count();
  Log << "conc-advisor: " << Path << ": " << Parsed << " of " << P->Entries.size()
      << " translation units parsed, " << Ms << " ms\n";
  Log.flush();
}

void LspServer::Impl::publish(Project &P) {
  std::vector<Finding> All;
  ProgramModel Model;
  for (const UnitResult &U : P.Units) {
    if (U.Failed)
      continue;
    All.insert(All.end(), U.Findings.begin(), U.Findings.end());
    Model.add(U.Facts);
  }
  Model.finalize();
  CheckContext Context{*Rules, "", All};
  Context.Options = &O.CheckOptions;
  for (const CheckInfo *C : Checks)
    if (C->WholeProgram)
      C->Create(Context)->concludeProgram(Model);
  // As the CLI reports them: NOLINT comments read from what the editor
  // shows (the buffer, not the disk), then --warnings-as-errors.
  applyNolintComments(All, [this](llvm::StringRef File) -> std::optional<std::string> {
    std::string Path = File.str();
    if (Docs.count(Path))
      return Docs[Path].Text;
    return diskText(Path);
  });
  if (WarningsAsErrors)
    promoteWarningsAsErrors(All, *WarningsAsErrors);
  std::sort(All.begin(), All.end());
  All.erase(std::unique(All.begin(), All.end()), All.end());
  if (MeasuredProfile || Hardware) {
    // The measured sites are lines of the files as profiled: the disk's.
    SourceTexts Sources;
    addMeasurements(All, MeasuredProfile ? &*MeasuredProfile : nullptr,
                    Hardware ? &*Hardware : nullptr, Rules->Workload, Sources);
  }

  std::map<std::string, std::vector<Published>> ByFile;
  TextOf Text = [this](const std::string &Path) { return textOf(Path); };
  for (const Finding &F : All)
    if (Docs.count(F.Where.File))
      ByFile[F.Where.File].push_back({F, lspDiagnostic(F, Text, DocsDir)});
  for (const auto &[Path, Doc] : Docs) {
    auto Known = ProjectOfPath.find(Path);
    if (Known != ProjectOfPath.end() && Known->second == P.DatabaseDir)
      publishFor(Path, std::move(ByFile[Path]));
    else if (ByFile.count(Path))
      publishFor(Path, std::move(ByFile[Path]));
  }
}

void LspServer::Impl::publishFor(const std::string &Path, std::vector<Published> Items) {
  llvm::json::Array List;
  for (const Published &Item : Items)
    List.push_back(llvm::json::Object(Item.Diagnostic));
  Diagnostics[Path] = std::move(Items);
  Send(lspNotification("textDocument/publishDiagnostics",
                       llvm::json::Object{{"uri", fileUri(Path)},
                                          {"diagnostics", std::move(List)}}));
}

void LspServer::Impl::logMessage(int Type, const std::string &Text) {
  Log << Text << "\n";
  Log.flush();
  Send(lspNotification("window/logMessage",
                       llvm::json::Object{{"type", Type}, {"message", Text}}));
}

llvm::json::Array LspServer::Impl::codeActions(const llvm::json::Object &Params) {
  llvm::json::Array Actions;
  std::string Path = documentPath(Params);
  auto It = Diagnostics.find(Path);
  const llvm::json::Object *Range = Params.getObject("range");
  if (It == Diagnostics.end() || !Range)
    return Actions;
  auto LineOf = [&](llvm::StringRef Key) -> int64_t {
    const llvm::json::Object *P = Range->getObject(Key);
    return P ? P->getInteger("line").value_or(-1) : -1;
  };
  TextOf Text = [this](const std::string &P) { return textOf(P); };
  for (const Published &Item : It->second)
    if (!Item.From.Fixes.empty() &&
        lspRangeTouchesLines(Item.Diagnostic, LineOf("start"), LineOf("end")))
      Actions.push_back(lspFixAction(Item.From, Item.Diagnostic, Text));
  return Actions;
}

LspServer::LspServer(const char *Argv0, const Options &O, Sender Send,
                     llvm::raw_ostream &Log)
    : P(std::make_unique<Impl>(Argv0, O, std::move(Send), Log)) {}
LspServer::~LspServer() = default;
llvm::Error LspServer::prepare() { return P->prepare(); }
void LspServer::handle(const llvm::json::Value &Message) { P->handle(Message); }
bool LspServer::exited() const { return P->Exited; }
int LspServer::exitStatus() const { return P->ShutdownReceived ? 0 : 1; }
llvm::json::Array LspServer::codeActions(const llvm::json::Object &Params) {
  return P->codeActions(Params);
}

void LspServer::handle(llvm::StringRef Body) {
  llvm::Expected<llvm::json::Value> Message = llvm::json::parse(Body);
  if (!Message) {
    P->Send(lspError(nullptr, ParseError,
                     "invalid JSON: " + llvm::toString(Message.takeError())));
    return;
  }
  P->handle(*Message);
}

int runLspServer(const char *Argv0, const Options &O, llvm::raw_ostream &Log) {
  if (!O.Wrap.empty())
    return runWrappedLspServer(Argv0, O, Log);
  LspWriter Out(/*FD=*/1);
  LspServer Server(Argv0, O, [&](const llvm::json::Value &M) { Out.write(M); }, Log);
  if (llvm::Error E = Server.prepare()) {
    Log << "conc-advisor: error: " << llvm::toString(std::move(E)) << "\n";
    return 2;
  }
  LspReader In(stdin);
  while (std::optional<LspFrame> Frame = In.read()) {
    if (!Frame->HeaderError.empty()) {
      Out.write(lspError(nullptr, ParseError, Frame->HeaderError));
      continue;
    }
    Server.handle(llvm::StringRef(Frame->Body));
    if (Server.exited())
      return Server.exitStatus();
  }
  // End of input without exit: the editor is gone.
  return 1;
}

} // namespace conc
