// A header included by two translation units: its site must be reported once.
#pragma once
#include <thread>
inline void heartbeat() {}
inline void startHeartbeat() { std::thread(heartbeat).detach(); }
