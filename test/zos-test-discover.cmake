# Run after zos-takeover-test-runner is built: lists its suites "zos-takeover/<case>" (one
# per test case) and writes one ctest test per case into OUT, which test/CMakeLists.txt
# gives ctest as a TEST_INCLUDE_FILES entry (as gtest_discover_tests does).
#   cmake -D RUNNER=... -D OUT=... -P zos-test-discover.cmake
# --stop-on-failure as test.py passes it: a failed NS_TEST_ASSERT_* ends its case (without
# it ns-3 goes on, into the code the assertion guards).
# (A sanitizer build lists its cases too: no leak report at exit.)
set(ENV{ASAN_OPTIONS} "detect_leaks=0")
execute_process(COMMAND ${RUNNER} --print-test-name-list
                OUTPUT_VARIABLE names ERROR_VARIABLE err RESULT_VARIABLE rc)
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${RUNNER} --print-test-name-list failed (${rc}): ${err}")
endif()
string(REPLACE "\n" ";" names "${names}")
set(content "")
set(count 0)
foreach(name ${names})
  string(STRIP "${name}" name)
  if(name MATCHES "^zos-takeover/")
    string(APPEND content "add_test([=[${name}]=] [=[${RUNNER}]=] [=[--suite=${name}]=] [=[--stop-on-failure]=])\n")
    string(APPEND content "set_tests_properties([=[${name}]=] PROPERTIES TIMEOUT 600)\n")
    math(EXPR count "${count} + 1")
  endif()
endforeach()
if(count EQUAL 0)
  message(FATAL_ERROR "${RUNNER} lists no zos-takeover/ suite")
endif()
file(WRITE ${OUT} "${content}")
