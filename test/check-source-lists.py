#!/usr/bin/env python3
"""ctest source-lists-agree: the wscript builds what CMake builds.

The wscript reads the module's source and header lists from CMakeLists.txt (one list); this
checks that what it reads is exactly what the CMake build compiles (so a list that CMake
extends in a way the wscript cannot read fails here), and that every listed file exists.

  check-source-lists.py SOURCE_DIR 'cmake;sources' 'cmake;headers'
"""
import os
import sys


def main(root, cmake_sources, cmake_headers):
    scope = {}
    with open(os.path.join(root, 'wscript')) as f:
        exec(compile(f.read(), 'wscript', 'exec'), scope)
    with open(os.path.join(root, 'CMakeLists.txt')) as f:
        cmakelists = f.read()
    with open(os.path.join(root, 'cmake', 'zos-scenario.cmake')) as f:
        scenario = f.read()
    waf_sources, waf_headers = scope['zos_lists'](cmakelists, scenario)
    ok = True
    for what, waf, cmake in (('sources', waf_sources, cmake_sources),
                             ('headers', waf_headers, cmake_headers)):
        cmake = [c for c in cmake if c != 'zos-takeover-module.h']
        if sorted(waf) != sorted(cmake):
            ok = False
            print('%s differ:\n  only CMake builds: %s\n  only the wscript builds: %s'
                  % (what, sorted(set(cmake) - set(waf)), sorted(set(waf) - set(cmake))))
        if len(set(waf)) != len(waf):
            ok = False
            print('%s: the wscript reads an entry twice' % what)
        for path in waf:
            if not os.path.isfile(os.path.join(root, path)):
                ok = False
                print('%s: %s does not exist' % (what, path))
    # Header basenames must be unique: both builds install them flat as ns3/<name>.h.
    names = [os.path.basename(h) for h in cmake_headers]
    if len(set(names)) != len(names):
        ok = False
        print('headers: two have the same file name (ns3/<name>.h)')
    print('%d sources, %d headers: %s' % (len(waf_sources), len(waf_headers),
                                          'the same in CMake and the wscript' if ok else 'MISMATCH'))
    return 0 if ok else 1


if __name__ == '__main__':
    sys.exit(main(sys.argv[1], sys.argv[2].split(';'), sys.argv[3].split(';')))
