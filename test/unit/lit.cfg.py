# lit runs the GoogleTest binaries too, so one command reports every test.
import os

import lit.formats

config.name = "conc-advisor-unit"
config.test_format = lit.formats.GoogleTest(".", "Tests")
config.test_source_root = config.conc_unit_dir
config.test_exec_root = config.conc_unit_dir
