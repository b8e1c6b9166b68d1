//===- checks/AdviceGilHeldCheck.cpp - conc-advice-gil-held ----------------===//
//
// C++ has no interpreter lock; CPython has one. A function Python calls (a
// PyMethodDef entry, a pybind11/nanobind def()) starts with the GIL held,
// and while it holds it no other Python thread runs. Two mistakes follow:
//
// - heavy work (rules/cpu.yaml and rules/io.yaml calls, loop nests of
//   arithmetic, calls of functions the workload classifier finds CPU-bound
//   or I/O-bound) done before the GIL is released (Py_BEGIN_ALLOW_THREADS,
//   gil_scoped_release, call_guard<gil_scoped_release>): every other Python
//   thread stops until it returns;
// - a thread C++ starts calls the Python C API or a Python object wrapper
//   without taking the GIL (PyGILState_Ensure, gil_scoped_acquire): a data
//   race inside the interpreter.
//
// Every name (bindings, guards, API prefixes) comes from rules/python.yaml.
//
//===----------------------------------------------------------------------===//
#include "checks/AdviceGilHeldCheck.h"

#include "checks/AdviceSupport.h"
#include "model/ProgramModel.h"
#include "model/WorkloadClassifier.h"

#include "llvm/ADT/STLExtras.h"

#include <map>
#include <set>

namespace conc {

/// "file.cpp:12" for messages.
static std::string shortWhere(const SourcePoint &P) {
  llvm::StringRef File(P.File);
  return File.substr(File.rfind('/') + 1).str() + ":" + std::to_string(P.Line);
}

/// The namespace of a qualified name ("pybind11" for
/// "pybind11::module_::def"), empty for a C name.
static llvm::StringRef namespaceOf(llvm::StringRef Api) {
  size_t Colons = Api.find("::");
  return Colons == llvm::StringRef::npos ? llvm::StringRef() : Api.take_front(Colons);
}

/// How to release the GIL with the API of the binding `Binding`, from the
/// rules: "'pybind11::gil_scoped_release' in a scope around it, or ..." or
/// "'Py_BEGIN_ALLOW_THREADS' ... 'Py_END_ALLOW_THREADS'".
static std::string releaseHint(const RuleSet &Rules, llvm::StringRef Binding) {
  llvm::StringRef Ns = namespaceOf(Binding);
  std::vector<std::string> Ways;
  if (!Ns.empty()) {
    for (const NamedApiRule &G : Rules.GilReleaseGuards) {
      if (namespaceOf(G.Api) != Ns)
        continue;
      Ways.push_back("a '" + G.Api + "' in a scope around the C++ work");
      for (const NamedApiRule &C : Rules.GilCallGuards)
        if (namespaceOf(C.Api) == Ns)
          Ways.push_back("bind it with '" + C.Api + "<" + G.Api + ">()'");
    }
  } else {
    std::string Release, Reacquire;
    for (const GilFunctionRule &F : Rules.GilFunctions) {
      if (!namespaceOf(F.Api).empty() || F.Macro.empty())
        continue;
      (F.Releases ? Release : Reacquire) = F.Macro;
    }
    if (!Release.empty() && !Reacquire.empty())
      Ways.push_back("'" + Release + "' before the C++ work and '" + Reacquire + "' after it");
  }
  if (Ways.empty())
    return "release the GIL around the C++ work";
  std::string Out = "release the GIL around the C++ work: " + Ways.front();
  for (size_t I = 1; I < Ways.size(); ++I)
    Out += ", or " + Ways[I];
  return Out;
}

/// How to take the GIL before calling `Api`, from the rules.
static std::string acquireHint(const RuleSet &Rules, llvm::StringRef Api) {
  llvm::StringRef Ns = namespaceOf(Api);
  std::vector<std::string> Ways;
  for (const NamedApiRule &G : Rules.GilAcquireGuards)
    if (!Ns.empty() && namespaceOf(G.Api) == Ns)
      Ways.push_back("a '" + G.Api + "' in a scope around the calls");
  std::string Acquire, Release;
  for (const GilFunctionRule &F : Rules.GilFunctions)
    if (namespaceOf(F.Api).empty() && F.Macro.empty())
      (F.Releases ? Release : Acquire) = F.Api;
  if (!Acquire.empty() && !Release.empty())
    Ways.push_back("'" + Acquire + "()' before them and '" + Release + "()' after");
  if (Ways.empty())
    return "take the GIL before calling into Python";
  std::string Out = "take the GIL first: " + Ways.front();
  for (size_t I = 1; I < Ways.size(); ++I)
    Out += ", or " + Ways[I];
  return Out;
}

namespace {
/// A piece of heavy work done with the GIL held.
struct HeldWork {
  SourcePoint Where;
  std::string Message;
  bool Cpu = false;
  bool operator<(const HeldWork &O) const { return Where < O.Where; }
};
} // namespace

void AdviceGilHeldCheck::reportHeldWork(const ProgramModel &Model) {
  // The binding of each function Python calls; released only when every
  // binding of it releases the GIL around the call.
  std::map<std::string, PythonEntryFact> Entries;
  for (const PythonEntryFact &E : Model.pythonEntries()) {
    auto [It, New] = Entries.try_emplace(E.FunctionUsr, E);
    if (!New)
      It->second.Released = It->second.Released && E.Released;
  }
  if (Entries.empty())
    return;
  // Functions that manage the GIL themselves: what they call, they call
  // after deciding.
  std::set<std::string> ReleasesInside;
  for (const WorkCallFact &C : Model.workCalls())
    if (C.Gil == gil::Released)
      ReleasesInside.insert(C.CallerUsr);
  for (const ComputeLoopFact &L : Model.computeLoops())
    if (L.Gil == gil::Released)
      ReleasesInside.insert(L.FunctionUsr);
  for (const CallFact &C : Model.calls())
    if (C.Gil == gil::Released)
      ReleasesInside.insert(C.CallerUsr);

  WorkloadClassifier Classifier(Model);
  for (const auto &[Usr, Entry] : Entries) {
    if (Entry.Released)
      continue;
    std::vector<HeldWork> Work;
    // Weights as the classifier's: a strong call, a call in a loop, a loop
    // nest or a loop of several operations is heavy; one cheap call is not.
    for (const WorkCallFact &C : Model.workCalls()) {
      if (C.CallerUsr != Usr || C.Gil == gil::Released || (!C.Strong && C.LoopDepth == 0))
        continue;
      Work.push_back({C.Where,
                      std::string(C.Blocking ? "blocking call '" : "CPU-heavy call '") + C.Api +
                          "' (" + C.Kind + ")" + (C.LoopDepth ? " in a loop" : ""),
                      !C.Blocking});
    }
    for (const ComputeLoopFact &L : Model.computeLoops()) {
      if (L.FunctionUsr != Usr || L.Gil == gil::Released ||
          (L.Depth + L.EnclosingLoops < 2 && L.Operations < 2))
        continue;
      Work.push_back({L.Where,
                      (L.Depth >= 2 ? "loop nest of arithmetic (" + std::to_string(L.Depth) +
                                          " loops deep, "
                                    : std::string("loop of arithmetic (")) +
                          std::to_string(L.Operations) + " operations)",
                      true});
    }
    for (const CallFact &C : Model.calls()) {
      if (C.CallerUsr != Usr || C.Gil == gil::Released || ReleasesInside.count(C.CalleeUsr))
        continue;
      const Workload &W = Classifier.classifyEntry(C.CalleeUsr);
      if (W.Class == WorkloadClass::Unknown || W.Confidence == WorkloadConfidence::Low)
        continue;
      Work.push_back({C.Where,
                      "call of " + quotedFunction(Model, C.CalleeUsr) + ", " + W.summary(),
                      W.Class == WorkloadClass::Cpu});
    }
    if (Work.empty())
      continue;
    llvm::sort(Work);
    bool AnyCpu = llvm::any_of(Work, [](const HeldWork &H) { return H.Cpu; });
    bool AnyWait = llvm::any_of(Work, [](const HeldWork &H) { return !H.Cpu; });
    std::string What = AnyCpu && AnyWait ? "CPU-bound and blocking work"
                       : AnyCpu          ? "CPU-bound work"
                                         : "blocking work";
    std::string Message =
        quotedFunction(Model, Usr) + " is called from Python (bound with '" + Entry.Binding +
        "' at " + shortWhere(Entry.Where) + ") and does " + What + " here with the GIL held (" +
        Work.front().Message +
        "): in CPython only one thread runs Python at a time, so every other Python thread "
        "waits until this call returns; " +
        releaseHint(rules(), Entry.Binding) + ", and touch no Python object while it is released";
    Finding &F = report(Work.front().Where, Message);
    F.Notes.push_back({Entry.Where, "bound to Python here"});
    for (size_t I = 1; I < Work.size() && I <= 3; ++I)
      F.Notes.push_back({Work[I].Where, "also with the GIL held: " + Work[I].Message});
    F.Properties["binding"] = Entry.Binding;
    F.Properties["workload-class"] = AnyCpu && AnyWait ? "mixed" : AnyCpu ? "cpu" : "io";
  }
}

void AdviceGilHeldCheck::reportThreadsWithoutGil(const ProgramModel &Model) {
  if (Model.pythonCalls().empty())
    return;
  // Each Python call reached from a thread start without the GIL, with the
  // starts that reach it.
  std::map<SourcePoint, std::pair<PythonCallFact, std::vector<ThreadStartFact>>> Bad;
  for (const ThreadStartFact &S : threadSites(Model)) {
    if (S.EntryUsr.empty())
      continue;
    std::vector<std::string> Reached = reachableFrom(Model, {S.EntryUsr});
    std::set<std::string> InThread(Reached.begin(), Reached.end());
    // A function runs with the GIL taken when every call of it on this
    // thread takes it or comes from such a function; the entry never does.
    std::set<std::string> Covered;
    for (bool Changed = true; Changed;) {
      Changed = false;
      for (const std::string &U : Reached) {
        if (U == S.EntryUsr || Covered.count(U))
          continue;
        bool Any = false, All = true;
        for (const CallFact *C : Model.callsTo(U)) {
          if (!InThread.count(C->CallerUsr))
            continue;
          Any = true;
          All &= C->Gil == gil::Acquired || (C->Gil.empty() && Covered.count(C->CallerUsr));
        }
        if (Any && All) {
          Covered.insert(U);
          Changed = true;
        }
      }
    }
    for (const PythonCallFact &P : Model.pythonCalls()) {
      if (!InThread.count(P.CallerUsr) || P.Gil == gil::Acquired ||
          (P.Gil.empty() && Covered.count(P.CallerUsr)))
        continue;
      auto &Entry = Bad.try_emplace(P.Where, P, std::vector<ThreadStartFact>()).first->second;
      Entry.second.push_back(S);
    }
  }
  for (const auto &[Where, Found] : Bad) {
    const auto &[Call, Starts] = Found;
    const ThreadStartFact &First = Starts.front();
    Finding &F = report(
        Where, "'" + Call.Api + "' calls into Python on a thread started with '" + First.Api +
                   "' at " + shortWhere(First.Where) +
                   ", which does not hold the GIL: only the thread holding it may touch "
                   "Python objects, and a C++ thread starts without it; " +
                   acquireHint(rules(), Call.Api));
    for (size_t I = 0; I < Starts.size() && I < 3; ++I)
      F.Notes.push_back({Starts[I].Where, "the thread is started here"});
    F.Properties["api"] = Call.Api;
  }
}

void AdviceGilHeldCheck::concludeProgram(const ProgramModel &Model) {
  reportHeldWork(Model);
  reportThreadsWithoutGil(Model);
}

} // namespace conc
