// A library header (on the -isystem path) with a macro that starts a thread
// and an inline function that starts one internally.
#pragma once
#include <thread>
#define LIB_SPAWN_DETACHED(fn) std::thread(fn).detach()
inline void libraryWork() {}
inline void libraryInternalSpawn() { std::thread(libraryWork).detach(); }
