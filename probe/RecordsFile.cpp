//===- probe/RecordsFile.cpp ----------------------------------------------===//
#include "probe/RecordsFile.h"

#include "probe/RecordFormat.h"

#include <cstring>

namespace conc {

llvm::Expected<RecordsScan> scanRecords(llvm::StringRef Data,
                                        llvm::function_ref<void(llvm::StringRef)> OnLine) {
  RecordsScan Scan;
  if (Data.empty())
    return Scan;
  llvm::StringRef Magic(CONC_PROBE_RECORDS_MAGIC);
  if (Data.size() < CONC_PROBE_RECORDS_DATA_START || !Data.starts_with(Magic)) {
    llvm::StringRef First = Data.take_front(Magic.size()).split('\n').first;
    return llvm::createStringError(
        std::make_error_code(std::errc::invalid_argument),
        "not a records file of format '%s' (it starts with '%s'): conc-probe and "
        "its preload library come from different builds",
        Magic.drop_back().str().c_str(), First.str().c_str());
  }
  std::memcpy(&Scan.LostLines, Data.data() + offsetof(ConcProbeRecordsHeader, Lost),
              sizeof Scan.LostLines);

  llvm::StringRef Text = Data.drop_front(CONC_PROBE_RECORDS_DATA_START);
  static const char Ends[] = {'\0', '\n'};
  size_t I = 0;
  while ((I = Text.find_first_not_of('\0', I)) != llvm::StringRef::npos) {
    size_t End = Text.find_first_of(llvm::StringRef(Ends, sizeof Ends), I);
    if (End == llvm::StringRef::npos || Text[End] == '\0') {
      // The newline is stored last: without it the line is not whole.
      ++Scan.TornLines;
      I = End;
      continue;
    }
    OnLine(Text.slice(I, End));
    I = End + 1;
  }
  return Scan;
}

} // namespace conc
