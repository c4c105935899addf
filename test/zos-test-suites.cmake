# The ns-3 TestSuites (model tests), relative to the module directory. In an ns-3 tree they
# are build_lib's TEST_SOURCES (./test.py -s zos-takeover); standalone, test/CMakeLists.txt
# builds them into zos-takeover-test-runner.
set(ZOS_TEST_SUITE_SOURCES
    test/zos-test-utilities.cc
    test/zos-takeover-test-suite.cc
    test/arp-ownership-test.cc
    test/arp-ownership-groups-test.cc
    test/devices-test.cc
    test/takeover-wire-test.cc
    test/takeover-wire-events-test.cc
    test/gratuitous-arp-test.cc
    test/langroups-test.cc
    test/linux-station-test.cc
    test/fix-levels-test.cc
    test/devlinks-test.cc
    test/kind-table-test.cc
    test/stack-traces-test.cc
    test/osa-port-test.cc
    test/warm-start-test.cc
)
