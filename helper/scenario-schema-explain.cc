/*
 * zos-takeover: why the scenario schema rejects a value, in one line a user can act on.
 * See scenario-schema.cc.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Like scenario.cc, this file includes no ns-3 header (the fuzzer builds it alone).
 */

#include "scenario-json.h"
#include "scenario-schema-util.h"
#include "scenario-schema.h"

#include <algorithm>
#include <cmath>
#include <set>

namespace ns3
{
namespace zos
{

using namespace schema_util;

// ------------------------------------------------------------------------------------------
// Explanations
// ------------------------------------------------------------------------------------------

std::optional<std::string>
ScenarioSchema::ExplainValue(const Json& value, const Json& raw) const
{
    const Json& node = Resolve(raw);
    auto got = [&]() {
        return "got " + ValueForMessage(value) + " (expected " + Allowed(node) + ")";
    };
    if (node.is_boolean())
    {
        return node.get<bool>() ? std::nullopt : std::optional<std::string>(got());
    }
    if (node.contains("type"))
    {
        const Json& types = node["type"];
        bool ok = false;
        if (types.is_string())
        {
            ok = HasType(value, types.get<std::string>());
        }
        else
        {
            for (const Json& t : types)
            {
                ok = ok || HasType(value, t.get<std::string>());
            }
        }
        if (!ok)
        {
            return got();
        }
    }
    if (node.contains("enum"))
    {
        bool found = false;
        for (const Json& v : node["enum"])
        {
            found = found || v == value;
        }
        if (!found)
        {
            return got();
        }
    }
    if (node.contains("const") && node["const"] != value)
    {
        return got();
    }
    if (value.is_number())
    {
        double d = value.get<double>();
        if ((node.contains("minimum") && d < node["minimum"].get<double>()) ||
            (node.contains("maximum") && d > node["maximum"].get<double>()) ||
            (node.contains("exclusiveMinimum") && d <= node["exclusiveMinimum"].get<double>()) ||
            (node.contains("exclusiveMaximum") && d >= node["exclusiveMaximum"].get<double>()))
        {
            return got();
        }
    }
    if (value.is_string())
    {
        const std::string s = value.get<std::string>();
        size_t n = CodePoints(s);
        if ((node.contains("minLength") && n < node["minLength"].get<size_t>()) ||
            (node.contains("maxLength") && n > node["maxLength"].get<size_t>()))
        {
            return got();
        }
        if (node.contains("pattern") && !m_compiled->Matches(node["pattern"], s))
        {
            return got();
        }
    }
    if (value.is_array())
    {
        if (node.contains("minItems") && value.size() < node["minItems"].get<size_t>())
        {
            return value.empty() ? "must not be empty (expected " + Allowed(node) + ")" : got();
        }
        if (node.contains("maxItems") && value.size() > node["maxItems"].get<size_t>())
        {
            return "got " + std::to_string(value.size()) + " elements (expected " + Allowed(node) +
                   ")";
        }
    }
    if (node.contains("not") && Accepts(value, node["not"]))
    {
        return got();
    }
    if (node.contains("anyOf"))
    {
        bool any = false;
        for (const Json& b : node["anyOf"])
        {
            any = any || Accepts(value, b);
        }
        if (!any)
        {
            return got();
        }
    }
    return std::nullopt;
}

bool
ScenarioSchema::Accepts(const Json& value, const Json& raw) const
{
    const Json& node = Resolve(raw);
    if (ExplainValue(value, node))
    {
        return false;
    }
    if (value.is_object() && node.is_object())
    {
        if (ExplainObject(value, node, {}))
        {
            return false;
        }
        if (node.contains("properties"))
        {
            for (auto it = value.begin(); it != value.end(); ++it)
            {
                if (node["properties"].contains(it.key()) &&
                    !Accepts(it.value(), node["properties"][it.key()]))
                {
                    return false;
                }
            }
        }
    }
    return true;
}

std::optional<SchemaProblem>
ScenarioSchema::ExplainObject(const Json& value, const Json& node, const JsonPointer& pointer) const
{
    const Json empty = Json::object();
    const Json& properties = node.contains("properties") ? node["properties"] : empty;
    std::vector<std::string> keys;
    for (auto it = properties.begin(); it != properties.end(); ++it)
    {
        keys.push_back(it.key());
    }
    std::string owner = node.contains("title") ? node["title"].get<std::string>() : "this object";
    if (node.contains("additionalProperties") && node["additionalProperties"] == false)
    {
        for (auto it = value.begin(); it != value.end(); ++it)
        {
            if (!properties.contains(it.key()))
            {
                return SchemaProblem{Child(pointer, it.key()),
                                     "unknown key " + KeyForMessage(it.key()) + " (keys of " +
                                         owner + ": " + Join(keys, ", ") + ")"};
            }
        }
    }
    if (node.contains("required"))
    {
        for (const Json& r : node["required"])
        {
            if (!value.contains(r.get<std::string>()))
            {
                std::vector<std::string> required;
                for (const Json& k : node["required"])
                {
                    required.push_back(k.get<std::string>());
                }
                return SchemaProblem{pointer,
                                     "missing required key " + QuoteForMessage(r) + " (" + owner +
                                         " requires " + Join(required, ", ") + ")"};
            }
        }
    }
    // Conditionals: {"if": {"properties": {"type": {"enum": [...]}}}, "then": {...}}
    if (node.contains("allOf"))
    {
        for (const Json& part : node["allOf"])
        {
            if (!part.contains("if") || !part.contains("then") || !Accepts(value, part["if"]))
            {
                continue;
            }
            std::vector<std::string> condition;
            if (part["if"].contains("properties"))
            {
                for (auto it = part["if"]["properties"].begin();
                     it != part["if"]["properties"].end();
                     ++it)
                {
                    if (value.contains(it.key()))
                    {
                        condition.push_back(it.key() + " " + ValueForMessage(value[it.key()]));
                    }
                }
            }
            const std::string when = "for " + Join(condition, ", ");
            const Json& then = part["then"];
            if (then.contains("required"))
            {
                for (const Json& r : then["required"])
                {
                    if (!value.contains(r.get<std::string>()))
                    {
                        return SchemaProblem{pointer,
                                             "missing required key " + QuoteForMessage(r) +
                                                 " (required " + when + ")"};
                    }
                }
            }
            if (then.contains("properties"))
            {
                for (auto it = value.begin(); it != value.end(); ++it)
                {
                    if (then["properties"].contains(it.key()) &&
                        then["properties"][it.key()] == false)
                    {
                        return SchemaProblem{Child(pointer, it.key()),
                                             "got key " + KeyForMessage(it.key()) +
                                                 " (expected no " + KeyForMessage(it.key()) + " " +
                                                 when + ")"};
                    }
                }
            }
        }
    }
    return std::nullopt;
}

std::optional<SchemaProblem>
ScenarioSchema::Explain(const Json& document, const JsonPointer& pointer) const
{
    // The value itself, then the objects around it (unknown, missing or conditional keys).
    JsonPointer p = pointer;
    while (true)
    {
        const Json* value = At(document, p);
        const Json* node = NodeFor(document, p);
        if (value != nullptr && node != nullptr)
        {
            if (auto reason = ExplainValue(*value, *node))
            {
                return SchemaProblem{p, *reason};
            }
            if (value->is_object() && node->is_object())
            {
                if (auto problem = ExplainObject(*value, *node, p))
                {
                    return problem;
                }
            }
        }
        if (p.empty())
        {
            return std::nullopt;
        }
        p.pop_back();
    }
}

} // namespace zos
} // namespace ns3
