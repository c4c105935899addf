/*
 * zos-takeover (internal to ScenarioSchema): JSON helpers shared by the schema's
 * validation and its explanations. No ns-3 header (the fuzzer builds the loader alone).
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_SCENARIO_SCHEMA_UTIL_H
#define ZOS_TAKEOVER_SCENARIO_SCHEMA_UTIL_H

#include "scenario-json.h"
#include "scenario-schema.h"

#include <map>
#include <mutex>
#include <regex>
#include <string>
#include <valijson/schema.hpp>
#include <vector>

namespace ns3
{
namespace zos
{
namespace schema_util
{

using Json = ScenarioJson; //!< the JSON type of the loader

/** See scenario-schema.cc. */
bool IsInteger(const Json& v);
/** See scenario-schema.cc. */
bool HasType(const Json& v, const std::string& type);
/** See scenario-schema.cc. */
std::string Article(const std::string& type);
/** See scenario-schema.cc. */
size_t CodePoints(const std::string& s);
/** See scenario-schema.cc. */
std::string Number(const Json& v);
/** See scenario-schema.cc. */
std::string Join(const std::vector<std::string>& items, const std::string& separator);
/** See scenario-schema.cc. */
JsonPointer Child(const JsonPointer& p, const std::string& token);
/** See scenario-schema.cc. */
const Json* At(const Json& document, const JsonPointer& pointer);
/** See scenario-schema.cc. */
std::vector<size_t> Positions(const Json& document, const JsonPointer& pointer);

} // namespace schema_util

/** The compiled schema, and the regexes of its patterns (compiled once). */
struct ScenarioSchema::Compiled
{
    valijson::Schema schema;
    std::mutex regexLock;
    std::map<std::string, std::regex> regexes;

    bool Matches(const std::string& pattern, const std::string& text)
    {
        std::lock_guard<std::mutex> lock(regexLock);
        auto it = regexes.find(pattern);
        if (it == regexes.end())
        {
            it = regexes.emplace(pattern, std::regex(pattern, std::regex::ECMAScript)).first;
        }
        return std::regex_search(text, it->second);
    }
};

} // namespace zos
} // namespace ns3

#endif
