#include "ticker.h"
long Ticks = 0;
void tick() { Ticks += 1; }
