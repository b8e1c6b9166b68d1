// Threads match log lines against a regular expression.
#include <regex>
#include <string>
#include <thread>
#include <vector>

static int matchAll(int Seed) {
  std::regex Re("([a-z]+)=([0-9]+);");
  std::vector<std::string> Lines;
  for (int I = 0; I < 2000; ++I)
    Lines.push_back("key" + std::string(1, char('a' + (I + Seed) % 26)) + "=" +
                    std::to_string(I) + "; tail tail tail");
  int Hits = 0;
  for (int Round = 0; Round < 150; ++Round)
    for (const std::string &L : Lines)
      Hits += std::regex_search(L, Re);
  return Hits;
}

int main() {
  int H[2];
  std::thread A([&] { H[0] = matchAll(1); }); // SITE
  std::thread B([&] { H[1] = matchAll(2); });
  A.join();
  B.join();
  return H[0] + H[1] == 0;
}
