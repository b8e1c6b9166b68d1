//===- probe/Topology.h - This machine's cores, caches and NUMA nodes -------===//
#ifndef CONC_PROBE_TOPOLOGY_H
#define CONC_PROBE_TOPOLOGY_H

#include "core/ProbeData.h"

#include <string>
#include <vector>

namespace conc {

/// Reads the topology with hwloc. Figures hwloc cannot see (a VM that hides
/// its caches) stay 0 and are named in `NotSeen` with the reason.
MachineTopology readTopology(std::vector<NotMeasured> &NotSeen);

} // namespace conc

#endif
