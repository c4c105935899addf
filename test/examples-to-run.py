#! /usr/bin/env python3
## -*- Mode: python; py-indent-offset: 4; indent-tabs-mode: nil; coding: utf-8; -*-

# A list of C++ examples to run in order to ensure that they remain
# buildable and runnable over time.  Each tuple in the list contains
#
#     (example_name, do_run, do_valgrind_run).
#
# See test.py for more information. In an ns-3 tree, ./test.py --constrain=example runs them
# (./zos-takeover check-in-tree does); standalone, ctest's example-seed001 runs the same
# program and checks its DEVLINKS display.
cpp_examples = [
    ("zos-takeover-seed001", "True", "True"),
]

# A list of Python examples to run in order to ensure that they remain
# runnable over time.  Each tuple in the list contains
#
#     (example_name, do_run).
#
# See test.py for more information.
python_examples = []
