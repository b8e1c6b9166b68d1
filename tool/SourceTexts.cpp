//===- tool/SourceTexts.cpp ------------------------------------------------===//
#include "tool/SourceTexts.h"

#include "llvm/Support/MemoryBuffer.h"

namespace conc {

std::optional<llvm::StringRef> SourceTexts::text(llvm::StringRef File) {
  auto It = Files.find(File);
  if (It == Files.end()) {
    std::optional<std::string> Text;
    if (auto Buffer = llvm::MemoryBuffer::getFile(File, /*IsText=*/false,
                                                  /*RequiresNullTerminator=*/false))
      Text = (*Buffer)->getBuffer().str();
    It = Files.emplace(File.str(), std::move(Text)).first;
  }
  if (!It->second)
    return std::nullopt;
  return llvm::StringRef(*It->second);
}

std::optional<unsigned> SourceTexts::offsetOf(llvm::StringRef File, unsigned Line,
                                              unsigned Column) {
  std::optional<llvm::StringRef> Text = text(File);
  if (!Text || Line == 0 || Column == 0)
    return std::nullopt;
  size_t Start = 0;
  for (unsigned L = 1; L < Line; ++L) {
    Start = Text->find('\n', Start);
    if (Start == llvm::StringRef::npos)
      return std::nullopt;
    ++Start;
  }
  if (Start + Column - 1 > Text->size())
    return std::nullopt;
  return unsigned(Start + Column - 1);
}

std::string SourceTexts::line(llvm::StringRef File, unsigned Line) {
  std::optional<unsigned> Start = offsetOf(File, Line, 1);
  if (!Start)
    return "";
  llvm::StringRef Rest = text(File)->drop_front(*Start);
  return Rest.take_until([](char C) { return C == '\n'; }).rtrim('\r').str();
}

} // namespace conc
