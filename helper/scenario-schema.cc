/*
 * zos-takeover: the scenario schema.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * valijson decides whether a document is valid; this file only turns its verdict into one
 * line a user can act on. valijson reports every failing constraint with the path of the
 * value concerned; the innermost of those paths that comes first in the text is the one
 * reported, with the constraint the schema node at that path states (its type, range,
 * enumeration, pattern title, required or unknown keys, or the keys a conditional adds).
 *
 * Like scenario.cc, this file includes no ns-3 header (the fuzzer builds it alone).
 */

#include "scenario-schema.h"

#include "scenario-json.h"
#include "scenario-schema-util.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <mutex>
#include <regex>
#include <set>
#include <stdexcept>
#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

namespace ns3
{
namespace zos
{

extern const char* const kScenarioSchemaText; // generated from scenarios/scenario.schema.json

namespace schema_util
{

bool
IsInteger(const Json& v)
{
    if (v.is_number_integer())
    {
        return true;
    }
    if (v.is_number_float())
    {
        double d = v.get<double>();
        return std::isfinite(d) && d == std::floor(d);
    }
    return false;
}

bool
HasType(const Json& v, const std::string& type)
{
    if (type == "number")
    {
        return v.is_number();
    }
    if (type == "integer")
    {
        return IsInteger(v);
    }
    if (type == "string")
    {
        return v.is_string();
    }
    if (type == "boolean")
    {
        return v.is_boolean();
    }
    if (type == "array")
    {
        return v.is_array();
    }
    if (type == "object")
    {
        return v.is_object();
    }
    return v.is_null();
}

std::string
Article(const std::string& type)
{
    if (type == "integer" || type == "array" || type == "object")
    {
        return "an " + type;
    }
    return type == "null" ? "null" : "a " + type;
}

/// Number of Unicode code points of UTF-8 text (JSON Schema lengths count code points).
size_t
CodePoints(const std::string& s)
{
    size_t n = 0;
    for (unsigned char c : s)
    {
        n += (c & 0xc0) != 0x80;
    }
    return n;
}

std::string
Number(const Json& v)
{
    return v.dump(-1, ' ', true, Json::error_handler_t::replace);
}

std::string
Join(const std::vector<std::string>& items, const std::string& separator)
{
    std::string out;
    for (size_t i = 0; i < items.size(); ++i)
    {
        out += (i == 0 ? "" : separator) + items[i];
    }
    return out;
}

JsonPointer
Child(const JsonPointer& p, const std::string& token)
{
    JsonPointer c = p;
    c.push_back(token);
    return c;
}

/// The value at a pointer, or nullptr.
const Json*
At(const Json& document, const JsonPointer& pointer)
{
    const Json* v = &document;
    for (const std::string& token : pointer)
    {
        if (v->is_object())
        {
            auto it = v->find(token);
            if (it == v->end())
            {
                return nullptr;
            }
            v = &*it;
        }
        else if (v->is_array())
        {
            size_t i = 0;
            for (char c : token)
            {
                if (c < '0' || c > '9' || i > v->size())
                {
                    return nullptr;
                }
                i = i * 10 + static_cast<size_t>(c - '0');
            }
            if (token.empty() || i >= v->size())
            {
                return nullptr;
            }
            v = &(*v)[i];
        }
        else
        {
            return nullptr;
        }
    }
    return v;
}

/// Position of each step of a pointer in the text: member or element index, per level.
std::vector<size_t>
Positions(const Json& document, const JsonPointer& pointer)
{
    std::vector<size_t> positions;
    const Json* v = &document;
    for (const std::string& token : pointer)
    {
        if (v == nullptr)
        {
            break;
        }
        if (v->is_object())
        {
            auto it = v->find(token);
            positions.push_back(
                it == v->end() ? v->size() : static_cast<size_t>(std::distance(v->begin(), it)));
            v = it == v->end() ? nullptr : &*it;
        }
        else
        {
            size_t i = std::strtoul(token.c_str(), nullptr, 10);
            positions.push_back(i);
            v = v->is_array() && i < v->size() ? &(*v)[i] : nullptr;
        }
    }
    return positions;
}

} // namespace schema_util

using namespace schema_util;

std::string
FormatPointer(const JsonPointer& pointer)
{
    if (pointer.empty())
    {
        return "/";
    }
    std::string out;
    for (const std::string& raw : pointer)
    {
        // A key no scenario has (they are all short names) is abridged.
        std::string token = raw.size() > 80 ? raw.substr(0, 32) + "..." : raw;
        std::string escaped;
        bool plain = true;
        for (unsigned char c : token)
        {
            escaped += c == '~' ? "~0" : c == '/' ? "~1" : std::string(1, static_cast<char>(c));
            plain = plain && c >= 0x20 && c < 0x7f && c != '\\';
        }
        if (!plain)
        {
            // one printable line: the token as JSON string content, \uXXXX per code point
            std::string quoted = QuoteForMessage(escaped);
            escaped = quoted.substr(1, quoted.size() - 2);
        }
        out += "/" + escaped;
    }
    return out;
}

std::string
QuoteForMessage(const std::string& text)
{
    // ensure_ascii: every control and non-ASCII character becomes \uXXXX; ill-formed
    // UTF-8 is replaced by U+FFFD (escaped too).
    return Json(text).dump(-1, ' ', true, Json::error_handler_t::replace);
}

std::string
KeyForMessage(const std::string& key)
{
    if (key.size() > 80)
    {
        return QuoteForMessage(key.substr(0, 32)) + "... (" + std::to_string(CodePoints(key)) +
               " characters)";
    }
    return QuoteForMessage(key);
}

std::string
ValueForMessage(const Json& value)
{
    if (value.is_string())
    {
        std::string s = value.get<std::string>();
        if (s.size() > 80)
        {
            return "a string of " + std::to_string(CodePoints(s)) + " characters";
        }
        return QuoteForMessage(s);
    }
    if (value.is_array())
    {
        return value.empty() ? "an empty array" : "an array";
    }
    if (value.is_object())
    {
        return value.empty() ? "an empty object" : "an object";
    }
    return Number(value);
}

// ------------------------------------------------------------------------------------------

const ScenarioSchema&
ScenarioSchema::Get()
{
    static const ScenarioSchema schema(kScenarioSchemaText);
    return schema;
}

ScenarioSchema::ScenarioSchema(const std::string& text)
    : m_document(Json::parse(text)),
      m_compiled(std::make_unique<Compiled>())
{
    nlohmann::json plain = m_document;
    valijson::SchemaParser parser(valijson::SchemaParser::kDraft7);
    valijson::adapters::NlohmannJsonAdapter adapter(plain);
    parser.populateSchema(adapter, m_compiled->schema);
    CollectAttributeKeys();
}

ScenarioSchema::~ScenarioSchema() = default;

const Json&
ScenarioSchema::Document() const
{
    return m_document;
}

const Json&
ScenarioSchema::Resolve(const Json& node) const
{
    const Json* n = &node;
    for (int hops = 0; hops < 16 && n->is_object() && n->contains("$ref"); ++hops)
    {
        const std::string ref = (*n)["$ref"].get<std::string>();
        if (ref.rfind("#/definitions/", 0) != 0)
        {
            throw std::runtime_error("unsupported $ref " + ref);
        }
        n = &m_document.at("definitions").at(ref.substr(14));
    }
    return *n;
}

const Json*
ScenarioSchema::NodeFor(const Json& document, const JsonPointer& pointer) const
{
    const Json* node = &Resolve(m_document);
    const Json* value = &document;
    for (const std::string& token : pointer)
    {
        if (value == nullptr || !node->is_object())
        {
            return nullptr;
        }
        if (value->is_object())
        {
            auto props = node->find("properties");
            if (props != node->end() && props->contains(token))
            {
                node = &(*props)[token];
            }
            else
            {
                auto extra = node->find("additionalProperties");
                if (extra == node->end() || !extra->is_object())
                {
                    return nullptr;
                }
                node = &*extra;
            }
        }
        else if (value->is_array())
        {
            auto items = node->find("items");
            if (items == node->end())
            {
                return nullptr;
            }
            node = &*items;
        }
        else
        {
            return nullptr;
        }
        node = &Resolve(*node);
        value = At(*value, {token});
    }
    return node;
}

std::string
ScenarioSchema::Allowed(const Json& raw) const
{
    const Json& node = Resolve(raw);
    if (node.is_boolean())
    {
        return node.get<bool>() ? "anything" : "nothing: the key is not allowed here";
    }
    if (node.contains("title"))
    {
        return node["title"].get<std::string>();
    }
    if (node.contains("enum"))
    {
        std::vector<std::string> values;
        for (const Json& v : node["enum"])
        {
            values.push_back(ValueForMessage(v));
        }
        return values.size() == 1 ? values[0] : "one of " + Join(values, ", ");
    }
    if (node.contains("const"))
    {
        return ValueForMessage(node["const"]);
    }
    if (node.contains("anyOf"))
    {
        std::vector<std::string> branches;
        for (const Json& b : node["anyOf"])
        {
            branches.push_back(Allowed(b));
        }
        return Join(branches, " or ");
    }
    std::string type =
        node.contains("type") && node["type"].is_string() ? node["type"].get<std::string>() : "";
    std::string text = type.empty() ? "a value" : Article(type);
    if (type == "number" || type == "integer")
    {
        bool hasLow = node.contains("minimum") || node.contains("exclusiveMinimum");
        bool hasHigh = node.contains("maximum") || node.contains("exclusiveMaximum");
        std::string low = node.contains("minimum") ? "[" + Number(node["minimum"])
                          : node.contains("exclusiveMinimum")
                              ? "(" + Number(node["exclusiveMinimum"])
                              : "";
        std::string high = node.contains("maximum") ? Number(node["maximum"]) + "]"
                           : node.contains("exclusiveMaximum")
                               ? Number(node["exclusiveMaximum"]) + ")"
                               : "";
        if (hasLow && hasHigh)
        {
            text += " in " + low + ", " + high;
        }
        else if (hasLow)
        {
            text += (low[0] == '[' ? " >= " : " > ") + low.substr(1);
        }
        else if (hasHigh)
        {
            text += (high.back() == ']' ? " <= " : " < ") + high.substr(0, high.size() - 1);
        }
        if (node.contains("not") && node["not"].contains("const"))
        {
            text += ", not " + Number(node["not"]["const"]);
        }
    }
    else if (type == "string")
    {
        if (node.contains("maxLength"))
        {
            text += " of at most " + Number(node["maxLength"]) + " characters";
        }
    }
    else if (type == "array")
    {
        size_t low = node.value("minItems", 0u);
        std::string size = node.contains("maxItems")
                               ? std::to_string(low) + " to " + Number(node["maxItems"])
                               : "at least " + std::to_string(low);
        text += " of " + size + " elements";
        if (node.contains("items"))
        {
            text += ", each " + Allowed(node["items"]);
        }
    }
    return text;
}

const Json&
ScenarioSchema::Default(const std::string& definition, const std::string& key) const
{
    const Json& owner =
        definition.empty() ? m_document : m_document.at("definitions").at(definition);
    const Json& property = owner.at("properties").at(key);
    if (property.contains("default"))
    {
        return property["default"];
    }
    return Resolve(property).at("default");
}

std::optional<SchemaProblem>
ScenarioSchema::Validate(const Json& original) const
{
    // Draft 7 counts 3.0 as an integer; valijson does not (scenario-json.h).
    Json document = original;
    MakeIntegralNumbersIntegers(document);
    nlohmann::json plain = document;
    valijson::adapters::NlohmannJsonAdapter adapter(plain);
    valijson::Validator validator;
    valijson::ValidationResults results;
    if (validator.validate(m_compiled->schema, adapter, &results))
    {
        return std::nullopt;
    }
    // valijson's contexts: "<root>", then "[key]" or "[index]" per level.
    std::vector<std::pair<JsonPointer, std::string>> errors;
    valijson::ValidationResults::Error error;
    while (results.popError(error))
    {
        JsonPointer p;
        for (size_t i = 1; i < error.context.size(); ++i)
        {
            const std::string& c = error.context[i];
            p.push_back(c.size() >= 2 ? c.substr(1, c.size() - 2) : c);
        }
        errors.emplace_back(p, error.description);
    }
    // The innermost paths (no other error below them), in the order of the text.
    std::vector<std::pair<std::vector<size_t>, size_t>> leaves;
    for (size_t i = 0; i < errors.size(); ++i)
    {
        bool inner = true;
        for (size_t j = 0; j < errors.size() && inner; ++j)
        {
            const JsonPointer& a = errors[i].first;
            const JsonPointer& b = errors[j].first;
            inner = !(b.size() > a.size() && std::equal(a.begin(), a.end(), b.begin()));
        }
        if (inner)
        {
            leaves.emplace_back(Positions(document, errors[i].first), i);
        }
    }
    std::sort(leaves.begin(), leaves.end());
    for (const auto& leaf : leaves)
    {
        if (auto problem = Explain(document, errors[leaf.second].first))
        {
            return problem;
        }
    }
    // Not expected: every constraint the schema uses is explained above.
    const auto& first = errors[leaves.empty() ? 0 : leaves.front().second];
    return SchemaProblem{first.first, "does not match the schema (" + first.second + ")"};
}

// ------------------------------------------------------------------------------------------

double
ScenarioDefaultNumber(const char* definition, const char* key)
{
    return ScenarioSchema::Get().Default(definition, key).get<double>();
}

uint32_t
ScenarioDefaultUnsigned(const char* definition, const char* key)
{
    return ScenarioSchema::Get().Default(definition, key).get<uint32_t>();
}

bool
ScenarioDefaultBool(const char* definition, const char* key)
{
    return ScenarioSchema::Get().Default(definition, key).get<bool>();
}

std::string
ScenarioDefaultString(const char* definition, const char* key)
{
    return ScenarioSchema::Get().Default(definition, key).get<std::string>();
}

} // namespace zos
} // namespace ns3
