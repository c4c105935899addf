/*
 * zos-takeover: JSON text within limits, and --set overrides (JSON pointers).
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_SCENARIO_JSON_H
#define ZOS_TAKEOVER_SCENARIO_JSON_H

#include "scenario-schema.h"

#include <string>

namespace ns3
{
namespace zos
{

/// Deepest JSON nesting accepted (the scenario format itself needs 5 levels).
constexpr size_t kJsonMaxDepth = 32;
/// Longest JSON string or key accepted, bytes (names are at most 64 characters).
constexpr size_t kJsonMaxStringBytes = 8192;

/**
 * \ingroup zos-takeover
 * Bad JSON text or a bad override: where (a pointer as FormatPointer prints it, or the
 * quoted path that could not be parsed) and what is wrong, one line.
 */
struct JsonInputError
{
    JsonInputError(std::string where, std::string reason)
        : where(std::move(where)),
          reason(std::move(reason))
    {
    }

    std::string where;  //!< e.g. "/stacks/0/name"
    std::string reason; //!< e.g. "duplicate key \"name\" (expected each key once per object)"
};

/**
 * \ingroup zos-takeover
 * Parse JSON text, refusing (while parsing, before the tree grows) nesting deeper than
 * kJsonMaxDepth, strings or keys longer than kJsonMaxStringBytes and duplicate keys
 * (nlohmann/json would keep the last one). Linear in the size of the text.
 * \param base pointer of the parsed value in its document, for messages
 * \throws JsonInputError
 */
ScenarioJson ReadJsonWithinLimits(const std::string& text, const JsonPointer& base);

/**
 * \ingroup zos-takeover
 * JSON has one number type; JSON Schema draft 7 counts 3.0 as an integer, valijson does
 * not. Give such numbers (if exactly representable) the integer type, before validation;
 * integers above 2^63 - 1 (which valijson would read as negative) become floating point.
 */
void MakeIntegralNumbersIntegers(ScenarioJson& j);

/**
 * \ingroup zos-takeover
 * A path as --set takes it: a JSON pointer "/stacks/0/detectionDelay" (RFC 6901: "~1" is
 * "/", "~0" is "~"), or the dotted form "stacks[0].detectionDelay".
 * \return false if malformed
 */
bool ParseSetPath(const std::string& path, JsonPointer& pointer);

/**
 * \ingroup zos-takeover
 * Apply one "PATH=VALUE" override (VALUE is JSON, or else a string). A missing key on the
 * way is created (the schema then says whether it may be there); an array index may be
 * the array's size (appends).
 * \return the pointer of what it changed: the value set, or the first key it had to create
 * \throws JsonInputError if the assignment or the path is malformed or leads nowhere
 */
JsonPointer ApplyJsonOverride(ScenarioJson& root, const std::string& assignment);

} // namespace zos
} // namespace ns3

#endif
