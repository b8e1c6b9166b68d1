//===- tool/Measurements.h - What conc-probe measured, on the findings -----===//
//
// --profile= and --hardware= change no check: they add to the findings of a
// finished run what was measured. With a profile, every conc-thread-site,
// conc-process-site and conc-advice-* finding gets a `confirmation` of its
// workload class (confirmed | refuted | unverified, with the reason) and
// the measured figures as properties and a note; a refuted class is also
// said in the message. With a hardware file, each advice message quotes
// this machine's figures (core/AdviceFigures.h). The driver applies this
// after the baseline fingerprints are taken, so a baseline written without
// the files still matches a run with them.
//
//===----------------------------------------------------------------------===//
#ifndef CONC_TOOL_MEASUREMENTS_H
#define CONC_TOOL_MEASUREMENTS_H

#include "core/Finding.h"
#include "core/ProbeData.h"
#include "core/Rules.h"

#include <vector>

namespace conc {

class SourceTexts;

/// Adds the measurements to `Findings`; `P` and `Hw` may each be null.
/// `Sources` gives the text of each site's call, which may span lines.
void addMeasurements(std::vector<Finding> &Findings, const Profile *P,
                     const HardwareProfile *Hw, const WorkloadThresholds &Thresholds,
                     SourceTexts &Sources);

} // namespace conc

#endif
