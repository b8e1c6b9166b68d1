//===- probe/Topology.cpp - hwloc, rather than parsing sysfs by hand --------===//
#include "probe/Topology.h"

#include <hwloc.h>

#include <set>
#include <tuple>

namespace conc {

MachineTopology readTopology(std::vector<NotMeasured> &NotSeen) {
  MachineTopology M;
  hwloc_topology_t Topo;
  if (hwloc_topology_init(&Topo) != 0 || hwloc_topology_load(Topo) != 0) {
    NotSeen.push_back({"machine", "hwloc could not read the topology"});
    M.LogicalCores = 1;
    return M;
  }
  auto Count = [&](hwloc_obj_type_t T) {
    int N = hwloc_get_nbobjs_by_type(Topo, T);
    return N > 0 ? unsigned(N) : 0u;
  };
  M.LogicalCores = Count(HWLOC_OBJ_PU);
  M.PhysicalCores = Count(HWLOC_OBJ_CORE);
  M.Packages = Count(HWLOC_OBJ_PACKAGE);
  M.NumaNodes = Count(HWLOC_OBJ_NUMANODE);
  if (M.LogicalCores == 0)
    M.LogicalCores = 1;
  if (M.PhysicalCores == 0) {
    NotSeen.push_back({"physical-cores", "hwloc reports no cores (threads-per-core assumes 1)"});
    M.PhysicalCores = M.LogicalCores;
  }
  M.ThreadsPerCore = M.LogicalCores / M.PhysicalCores;
  if (M.NumaNodes == 0)
    NotSeen.push_back({"numa-nodes", "hwloc reports no NUMA node"});

  // One entry per (level, type, size), with how many PUs share one cache.
  std::set<std::tuple<unsigned, std::string, uint64_t, unsigned>> Caches;
  const hwloc_obj_type_t CacheTypes[] = {HWLOC_OBJ_L1CACHE, HWLOC_OBJ_L1ICACHE,
                                         HWLOC_OBJ_L2CACHE, HWLOC_OBJ_L3CACHE,
                                         HWLOC_OBJ_L4CACHE, HWLOC_OBJ_L5CACHE};
  for (hwloc_obj_type_t T : CacheTypes) {
    int N = hwloc_get_nbobjs_by_type(Topo, T);
    for (int I = 0; I < N; ++I) {
      hwloc_obj_t O = hwloc_get_obj_by_type(Topo, T, unsigned(I));
      if (!O || !O->attr)
        continue;
      const auto &C = O->attr->cache;
      std::string Type = C.type == HWLOC_OBJ_CACHE_DATA          ? "data"
                         : C.type == HWLOC_OBJ_CACHE_INSTRUCTION ? "instruction"
                                                                  : "unified";
      unsigned Shared = unsigned(hwloc_bitmap_weight(O->cpuset));
      Caches.insert({C.depth, Type, C.size / 1024, Shared});
    }
  }
  for (const auto &[Level, Type, Size, Shared] : Caches)
    M.Caches.push_back({Level, Type, Size, Shared});
  if (M.Caches.empty())
    NotSeen.push_back({"caches", "hwloc reports no cache (common in virtual machines)"});
  hwloc_topology_destroy(Topo);
  return M;
}

} // namespace conc
