#include <thread>
void ok() {}
void broken() { std::thread T(ok); undeclared_function(); }
