//===- tool/LspWrap.cpp ----------------------------------------------------===//
#include "tool/LspWrap.h"

#include "tool/LspServer.h"
#include "tool/LspTransport.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"

#include <condition_variable>
#include <deque>
#include <functional>
#include <future>
#include <map>
#include <mutex>
#include <memory>
#include <optional>
#include <spawn.h>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

extern char **environ;

namespace conc {

namespace {

/// The child server's process and the two pipes to it.
struct Child {
  pid_t Pid = -1;
  int ToChild = -1;    ///< its stdin
  std::FILE *FromChild = nullptr; ///< its stdout
};

std::optional<Child> startChild(llvm::StringRef Command, llvm::raw_ostream &Log) {
  llvm::SmallVector<llvm::StringRef, 8> Words;
  Command.split(Words, ' ', -1, /*KeepEmpty=*/false);
  if (Words.empty())
    return std::nullopt;
  std::vector<std::string> Args(Words.begin(), Words.end());
  std::vector<char *> Argv;
  for (std::string &A : Args)
    Argv.push_back(A.data());
  Argv.push_back(nullptr);
  int In[2], Out[2];
  if (pipe(In) != 0)
    return std::nullopt;
  if (pipe(Out) != 0) {
    close(In[0]);
    close(In[1]);
    return std::nullopt;
  }
  posix_spawn_file_actions_t Actions;
  posix_spawn_file_actions_init(&Actions);
  posix_spawn_file_actions_adddup2(&Actions, In[0], 0);
  posix_spawn_file_actions_adddup2(&Actions, Out[1], 1);
  posix_spawn_file_actions_addclose(&Actions, In[1]);
  posix_spawn_file_actions_addclose(&Actions, Out[0]);
  Child C;
  int Status = posix_spawnp(&C.Pid, Argv[0], &Actions, nullptr, Argv.data(), environ);
  posix_spawn_file_actions_destroy(&Actions);
  close(In[0]);
  close(Out[1]);
  if (Status != 0) {
    Log << "conc-advisor: error: cannot run '" << Command << "': " << strerror(Status)
        << "\n";
    close(In[1]);
    close(Out[0]);
    return std::nullopt;
  }
  C.ToChild = In[1];
  C.FromChild = fdopen(Out[0], "rb");
  return C;
}

/// The state both directions share: the last diagnostics of each side per
/// URI, and the code action requests whose answers get our actions added.
class Merger {
public:
  explicit Merger(LspWriter &Editor) : Editor(Editor) {}

  /// A publishDiagnostics from `Ours` or the child: publish the union.
  void diagnostics(bool Ours, const llvm::json::Object &Params) {
    std::optional<llvm::StringRef> Uri = Params.getString("uri");
    const llvm::json::Array *List = Params.getArray("diagnostics");
    if (!Uri || !List)
      return;
    std::lock_guard<std::mutex> Guard(Lock);
    Sides &S = Last[Uri->str()];
    (Ours ? S.Ours : S.Child) = *List;
    if (!Ours)
      S.ChildVersion = Params.get("version") ? std::optional<llvm::json::Value>(
                                                   *Params.get("version"))
                                             : std::nullopt;
    llvm::json::Array Union = S.Child;
    for (const llvm::json::Value &D : S.Ours)
      Union.push_back(D);
    llvm::json::Object Out{{"uri", *Uri}, {"diagnostics", std::move(Union)}};
    if (S.ChildVersion)
      Out["version"] = *S.ChildVersion;
    Editor.write(lspNotification("textDocument/publishDiagnostics", std::move(Out)));
  }

  /// Our actions for the code action request `Id`, once our server has
  /// seen every message before it.
  void expectCodeAction(const llvm::json::Value &Id,
                        std::shared_future<llvm::json::Array> Actions) {
    std::lock_guard<std::mutex> Guard(Lock);
    PendingActions[key(Id)] = std::move(Actions);
  }

  /// Our actions for the request a response of the child answers, once.
  std::optional<std::shared_future<llvm::json::Array>>
  takeCodeAction(const llvm::json::Value &Id) {
    std::lock_guard<std::mutex> Guard(Lock);
    auto It = PendingActions.find(key(Id));
    if (It == PendingActions.end())
      return std::nullopt;
    std::shared_future<llvm::json::Array> Actions = std::move(It->second);
    PendingActions.erase(It);
    return Actions;
  }

private:
  static std::string key(const llvm::json::Value &Id) {
    std::string S;
    llvm::raw_string_ostream(S) << Id;
    return S;
  }
  struct Sides {
    llvm::json::Array Child, Ours;
    std::optional<llvm::json::Value> ChildVersion;
  };
  LspWriter &Editor;
  std::mutex Lock;
  std::map<std::string, Sides> Last;
  std::map<std::string, std::shared_future<llvm::json::Array>> PendingActions;
};

/// Our server on a thread of its own, so that an analysis never delays
/// what the editor and the child say to each other. Work runs in the order
/// posted: a code action request sees every edit sent before it.
class Worker {
public:
  using Job = std::function<void(LspServer &)>;
  explicit Worker(LspServer &Server) : Server(Server), Thread([this] { run(); }) {}
  void post(Job J) {
    std::lock_guard<std::mutex> Guard(Lock);
    Queue.push_back(std::move(J));
    Ready.notify_one();
  }
  /// Runs what was posted, then stops.
  void stop() {
    {
      std::lock_guard<std::mutex> Guard(Lock);
      Stopping = true;
      Ready.notify_one();
    }
    Thread.join();
  }

private:
  void run() {
    while (true) {
      std::unique_lock<std::mutex> Guard(Lock);
      Ready.wait(Guard, [&] { return Stopping || !Queue.empty(); });
      if (Queue.empty())
        return;
      Job J = std::move(Queue.front());
      Queue.pop_front();
      Guard.unlock();
      J(Server);
    }
  }
  LspServer &Server;
  std::mutex Lock;
  std::condition_variable Ready;
  std::deque<Job> Queue;
  bool Stopping = false;
  std::thread Thread;
};

} // namespace

int runWrappedLspServer(const char *Argv0, const Options &O, llvm::raw_ostream &Log) {
  LspWriter Editor(/*FD=*/1);
  Merger Merge(Editor);
  // Our server's own answers are dropped (the child answers every request);
  // its diagnostics are merged, its log messages passed on.
  LspServer Server(
      Argv0, O,
      [&](const llvm::json::Value &M) {
        const llvm::json::Object *Obj = M.getAsObject();
        std::optional<llvm::StringRef> Method = Obj ? Obj->getString("method") : std::nullopt;
        if (!Method)
          return;
        if (*Method == "textDocument/publishDiagnostics") {
          if (const llvm::json::Object *Params = Obj->getObject("params"))
            Merge.diagnostics(/*Ours=*/true, *Params);
        } else {
          Editor.write(M);
        }
      },
      Log);
  if (llvm::Error E = Server.prepare()) {
    Log << "conc-advisor: error: " << llvm::toString(std::move(E)) << "\n";
    return 2;
  }
  std::optional<Child> C = startChild(O.Wrap, Log);
  if (!C)
    return 2;
  LspWriter ToChild(C->ToChild);
  Worker Ours(Server);

  std::thread FromChild([&] {
    LspReader In(C->FromChild);
    while (std::optional<LspFrame> Frame = In.read()) {
      llvm::Expected<llvm::json::Value> M = llvm::json::parse(Frame->Body);
      const llvm::json::Object *Obj = M ? M->getAsObject() : nullptr;
      if (!M)
        llvm::consumeError(M.takeError());
      if (!Obj) {
        Editor.writeRaw(Frame->Body);
        continue;
      }
      std::optional<llvm::StringRef> Method = Obj->getString("method");
      if (Method && *Method == "textDocument/publishDiagnostics" && Obj->getObject("params")) {
        Merge.diagnostics(/*Ours=*/false, *Obj->getObject("params"));
        continue;
      }
      const llvm::json::Value *Id = Obj->get("id");
      std::optional<std::shared_future<llvm::json::Array>> Mine;
      if (!Method && Id)
        Mine = Merge.takeCodeAction(*Id);
      // An error answer, or a result that is not a list, goes as it came.
      const llvm::json::Value *Result = Obj->get("result");
      const llvm::json::Array *Theirs = Obj->getArray("result");
      if (!Mine || !Result || (!Theirs && Result->kind() != llvm::json::Value::Null)) {
        Editor.writeRaw(Frame->Body);
        continue;
      }
      llvm::json::Array Actions = Theirs ? *Theirs : llvm::json::Array();
      for (const llvm::json::Value &A : Mine->get())
        Actions.push_back(A);
      Editor.write(lspResult(*Id, std::move(Actions)));
    }
  });

  LspReader In(stdin);
  bool SawExit = false;
  while (std::optional<LspFrame> Frame = In.read()) {
    if (!Frame->HeaderError.empty()) {
      Editor.write(lspError(nullptr, ParseError, Frame->HeaderError));
      continue;
    }
    llvm::Expected<llvm::json::Value> M = llvm::json::parse(Frame->Body);
    if (!M) {
      llvm::consumeError(M.takeError());
      ToChild.writeRaw(Frame->Body); // The child answers with its error.
      continue;
    }
    const llvm::json::Object *Obj = M->getAsObject();
    std::optional<llvm::StringRef> Method = Obj ? Obj->getString("method") : std::nullopt;
    // Noted before the child can answer it; computed by our server after
    // the messages before it.
    if (Method && *Method == "textDocument/codeAction" && Obj->get("id") &&
        Obj->getObject("params")) {
      auto Promise = std::make_shared<std::promise<llvm::json::Array>>();
      Merge.expectCodeAction(*Obj->get("id"), Promise->get_future().share());
      Ours.post([Promise, Params = *Obj->getObject("params")](LspServer &S) {
        Promise->set_value(S.codeActions(Params));
      });
    } else {
      Ours.post([Message = *M](LspServer &S) { S.handle(Message); });
    }
    // The child gets the message as it was sent.
    ToChild.writeRaw(Frame->Body);
    if (Method && *Method == "exit") {
      SawExit = true;
      break;
    }
  }
  Ours.stop();
  close(C->ToChild);
  int Status = 0;
  waitpid(C->Pid, &Status, 0);
  FromChild.join();
  std::fclose(C->FromChild);
  if (!SawExit)
    return 1;
  return Server.exitStatus();
}

} // namespace conc
