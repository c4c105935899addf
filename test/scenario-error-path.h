/*
 * zos-takeover tests: does a scenario error's JSON path name a place of the document?
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_SCENARIO_ERROR_PATH_H
#define ZOS_TAKEOVER_SCENARIO_ERROR_PATH_H

#if __has_include("ns3/scenario.h")
#include "ns3/scenario.h"
#else
#include "scenario.h"
#endif

#include "../fuzz/scenario-message-check.h"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace zostest
{
namespace fuzz
{

using Json = nlohmann::ordered_json;

using ns3::zos::ScenarioError;

// ---------------------------------------------------------------------------------------
// The path in a message
// ---------------------------------------------------------------------------------------

/**
 * Does the message's token `m` name the key `k`? Tokens show keys JSON-escaped (control and
 * non-ASCII characters as \uXXXX, backslash as \\, helper/scenario-schema.h FormatPointer):
 * `m` is read back as the content of a JSON string.
 */
inline bool
TokenMatches(const std::string& k, const std::string& m)
{
    if (k == m)
    {
        return true;
    }
    std::string quoted = "\"";
    for (char c : m)
    {
        quoted += c == '"' ? std::string("\\\"") : std::string(1, c);
    }
    quoted += '"';
    Json parsed = Json::parse(quoted, nullptr, false);
    return parsed.is_string() && parsed.get_ref<const std::string&>() == k;
}

/// The node `tokens` names in `doc`, or nullptr.
inline const Json*
Resolve(const Json& doc, const std::vector<std::string>& tokens, size_t count)
{
    const Json* node = &doc;
    for (size_t t = 0; t < count; ++t)
    {
        const std::string& tok = tokens[t];
        if (node->is_object())
        {
            const Json* next = nullptr;
            for (auto it = node->begin(); it != node->end() && next == nullptr; ++it)
            {
                if (TokenMatches(it.key(), tok))
                {
                    next = &it.value();
                }
            }
            if (next == nullptr)
            {
                return nullptr;
            }
            node = next;
        }
        else if (node->is_array())
        {
            if (tok.empty() || tok.size() > 9 ||
                tok.find_first_not_of("0123456789") != std::string::npos)
            {
                return nullptr;
            }
            size_t i = std::stoul(tok);
            if (i >= node->size())
            {
                return nullptr;
            }
            node = &(*node)[i];
        }
        else
        {
            return nullptr;
        }
    }
    return node;
}

/// The tokens of a JSON pointer ("" = the root; "/a/0"), ~0 and ~1 decoded; nullopt if `p`
/// is not one.
inline std::optional<std::vector<std::string>>
PointerTokens(const std::string& p)
{
    std::vector<std::string> tokens;
    if (p.empty())
    {
        return tokens;
    }
    if (p[0] != '/')
    {
        return std::nullopt;
    }
    std::string cur;
    for (size_t i = 1; i <= p.size(); ++i)
    {
        if (i == p.size() || p[i] == '/')
        {
            tokens.push_back(cur);
            cur.clear();
        }
        else if (p[i] == '~' && i + 1 < p.size() && (p[i + 1] == '0' || p[i + 1] == '1'))
        {
            cur += p[i + 1] == '0' ? '~' : '/';
            ++i;
        }
        else
        {
            cur += p[i];
        }
    }
    return tokens;
}

/**
 * What is wrong with the path of `e` for `doc`, or "": what() must be "FILE: PATH: REASON"
 * (File(), JsonPath(), Reason()), and PATH a JSON pointer ("/" for the whole document) that
 * names a node of `doc` or whose parent does (a missing key).
 */
inline std::string
PathProblem(const ScenarioError& e, const Json& doc)
{
    const std::string path = e.JsonPath();
    if (std::string(e.what()) != e.File() + ": " + path + ": " + e.Reason())
    {
        return "is not File() + \": \" + JsonPath() + \": \" + Reason() (what() cut at a NUL?)";
    }
    auto tokens = PointerTokens(path);
    if (!tokens || path.empty())
    {
        return "path '" + zosfuzz::Printable(path, 80) + "' is not a JSON pointer";
    }
    if (Resolve(doc, *tokens, tokens->size()) != nullptr ||
        Resolve(doc, *tokens, tokens->size() - 1) != nullptr)
    {
        return "";
    }
    return "path '" + zosfuzz::Printable(path, 120) +
           "' names no place of the document, nor the parent of one";
}

} // namespace fuzz
} // namespace zostest

#endif
