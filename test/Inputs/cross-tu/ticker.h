#pragma once
extern long Ticks;
void tick();
