/*
 * zos-takeover: the scenario reference page (doc/scenario-format.rst), generated from the
 * schema (ScenarioSchema) and a hand-written template (doc/scenario-format.rst.in).
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_SCENARIO_DOC_H
#define ZOS_TAKEOVER_SCENARIO_DOC_H

#include "ns3/scenario-schema.h"

#include <string>

namespace ns3
{
namespace zos
{

/**
 * The key reference of a schema as reStructuredText: for each object the schema describes
 * (the top level, then every object definition in the order a depth-first walk from the top
 * level meets them) a subsection (underlined with '~') holding an RST comment
 * ".. schema: #/definitions/NAME" ("#" for the top level) and a table of its keys (key;
 * required, default or conditional; what is allowed, as ScenarioSchema::Allowed words it in
 * error messages; description), then the rules of its conditionals (allOf/if/then), then a
 * subsection "Value formats" with the scalar definitions used.
 */
std::string ScenarioKeyReference(const ScenarioSchema& schema);

/**
 * The reference page: `templateText` with the line "@KEY_REFERENCE@" replaced by
 * ScenarioKeyReference(schema) and the limits (@MAX_FILE_MIB@, @MAX_DEPTH@,
 * @MAX_STRING_BYTES@, @DEFAULT_MAX_WORK@) by the loader's values, after a comment saying
 * the page is generated.
 * \throws std::runtime_error if the template has no marker or an unknown @NAME@
 */
std::string GenerateScenarioDoc(const ScenarioSchema& schema, const std::string& templateText);

} // namespace zos
} // namespace ns3

#endif
