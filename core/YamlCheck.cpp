//===- core/YamlCheck.cpp - file:line errors and mapping checks for YAML ---===//
#include "core/YamlCheck.h"

#include "llvm/ADT/STLExtras.h"

#include <yaml-cpp/yaml.h>

namespace conc {

void yamlMappingKeys(const YAML::Node &Map, llvm::SmallVectorImpl<YamlKey> &Keys) {
  for (const auto &KV : Map) {
    YamlKey K;
    K.Plain = KV.first.IsScalar();
    if (K.Plain)
      K.Text = KV.first.Scalar();
    K.Line = yamlLine(KV.first.Mark().line);
    Keys.push_back(K);
  }
}

llvm::Error YamlChecker::errorAtLine(unsigned Line, const llvm::Twine &Msg) const {
  return llvm::createStringError(llvm::inconvertibleErrorCode(),
                                 FileName + ":" + llvm::Twine(Line) + ": " + Msg);
}

llvm::Error YamlChecker::checkKeys(llvm::ArrayRef<YamlKey> Keys, unsigned MapLine,
                                   llvm::ArrayRef<const char *> Allowed,
                                   llvm::ArrayRef<const char *> Required,
                                   llvm::StringRef What) const {
  for (size_t I = 0; I < Keys.size(); ++I) {
    const YamlKey &K = Keys[I];
    if (!K.Plain)
      return errorAtLine(K.Line, "expected a plain key in " + What);
    // Mappings have a dozen keys at most: a scan beats a set.
    for (size_t J = 0; J < I; ++J)
      if (Keys[J].Plain && Keys[J].Text == K.Text)
        return errorAtLine(K.Line, "duplicate key '" + K.Text + "' in " + What);
    if (llvm::none_of(Allowed, [&](const char *A) { return K.Text == A; })) {
      std::string Expected;
      for (const char *A : Allowed)
        Expected += (Expected.empty() ? "" : ", ") + std::string(A);
      return errorAtLine(K.Line, "unknown key '" + K.Text + "' in " + What +
                                     " (expected one of: " + Expected + ")");
    }
  }
  for (const char *R : Required)
    if (llvm::none_of(Keys, [&](const YamlKey &K) { return K.Text == R; }))
      return errorAtLine(MapLine, "missing required key '" + llvm::Twine(R) +
                                      "' in " + What);
  return llvm::Error::success();
}

} // namespace conc
