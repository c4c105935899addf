# The scenario loader's sources: C++17, nlohmann/json and valijson only (no ns-3), so that
# the libFuzzer target (fuzz/) can build it alone with clang. Included by CMakeLists.txt
# (standalone and in an ns-3 tree) and by fuzz/CMakeLists.txt.
#
#   zos_scenario_sources(<out-var> <source-root> <binary-dir>)
#
# sets <out-var> to the absolute paths of the loader's sources, among them a generated
# file that embeds scenarios/scenario.schema.json as a string (the schema is the
# contract; the program carries it, so it runs from any directory).

function(zos_scenario_sources out root bindir)
  set(schema ${root}/scenarios/scenario.schema.json)
  file(READ ${schema} ZOS_SCHEMA_TEXT)
  string(FIND "${ZOS_SCHEMA_TEXT}" ")zosschema\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${schema} contains the raw-string delimiter )zosschema\"")
  endif()
  configure_file(${root}/cmake/scenario-schema-text.cc.in
                 ${bindir}/zos-generated/scenario-schema-text.cc @ONLY)
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${schema})
  set(${out}
      ${root}/helper/scenario.cc
      ${root}/helper/scenario-cross-check.cc
      ${root}/helper/scenario-schema.cc
      ${root}/helper/scenario-settings.cc
      ${root}/helper/scenario-schema-explain.cc
      ${root}/helper/scenario-json.cc
      ${bindir}/zos-generated/scenario-schema-text.cc
      PARENT_SCOPE)
endfunction()
