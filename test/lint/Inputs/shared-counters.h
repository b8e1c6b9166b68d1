// Input of shared-state-fixes.test: a global defined in a header.
#pragma once
int inHeader = 0; // a header's declaration: no fix-it
