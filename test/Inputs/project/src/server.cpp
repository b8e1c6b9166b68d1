#include "spawner.h"
#include <thread>
#include <vector>
void handle(int) {}
void serve(int Clients) {
  std::vector<std::thread> Handlers;
  for (int C = 0; C < Clients; ++C)
    Handlers.emplace_back(handle, C);
  startHeartbeat();
}
