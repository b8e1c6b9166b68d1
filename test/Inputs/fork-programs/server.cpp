#include <thread>
void launch(const char *Path);
void serve() {}
int main(int, char **Argv) {
  std::thread Server(serve);
  launch(Argv[0]);
  Server.join();
}
