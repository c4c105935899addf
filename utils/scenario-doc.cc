/*
 * zos-takeover: the scenario reference page, generated from the schema.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Every "allowed" text of the page is ScenarioSchema::Allowed, the phrase error messages
 * print after "expected": the page, the schema and the messages cannot drift apart.
 */

#include "scenario-doc.h"

#include "rst-text.h"

#include "ns3/scenario.h"

#include <cmath>
#include <cstdio>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>
#include <vector>

namespace ns3
{
namespace zos
{
namespace
{

using namespace rst;

using Json = ScenarioJson;

const char* const kMarker = "@KEY_REFERENCE@";

/// The definition a "$ref" names ("#/definitions/lan" -> "lan").
std::string
RefName(const Json& node)
{
    const std::string ref = node["$ref"].get<std::string>();
    const std::string prefix = "#/definitions/";
    if (ref.rfind(prefix, 0) != 0)
    {
        throw std::runtime_error("unsupported $ref " + ref);
    }
    return ref.substr(prefix.size());
}

bool
IsObject(const Json& node)
{
    return node.is_object() && node.value("type", "") == "object" && node.contains("properties");
}

/// An object of the schema: its definition ("" for the top level) and where it appears.
struct ObjectEntry
{
    std::string definition;
    std::vector<std::string> pointers; //!< "/stacks/<i>/links/<j>", ...
};

/// The objects and scalar definitions reached from the top level, depth first.
class Walk
{
  public:
    explicit Walk(const ScenarioSchema& schema)
        : m_schema(schema)
    {
        objects.push_back({"", {"/"}});
        Properties(schema.Document(), "", 0);
    }

    std::vector<ObjectEntry> objects;
    std::vector<std::string> scalars;

  private:
    void Properties(const Json& object, const std::string& pointer, int depth)
    {
        for (auto it = object["properties"].begin(); it != object["properties"].end(); ++it)
        {
            Value(it.value(), pointer + "/" + it.key(), depth);
        }
    }

    void Value(const Json& node, const std::string& pointer, int depth)
    {
        if (!node.is_object())
        {
            return;
        }
        if (node.contains("$ref"))
        {
            const std::string name = RefName(node);
            const Json& definition = m_schema.Document()["definitions"][name];
            if (IsObject(definition))
            {
                for (ObjectEntry& e : objects)
                {
                    if (e.definition == name)
                    {
                        e.pointers.push_back(pointer);
                        return;
                    }
                }
                objects.push_back({name, {pointer}});
                Properties(definition, pointer, depth);
            }
            else if (m_seenScalars.insert(name).second)
            {
                scalars.push_back(name);
            }
        }
        if (node.contains("items"))
        {
            const std::string index(1, static_cast<char>('i' + depth));
            Value(node["items"], pointer + "/<" + index + ">", depth + 1);
        }
        if (node.contains("anyOf"))
        {
            for (const Json& branch : node["anyOf"])
            {
                Value(branch, pointer, depth);
            }
        }
    }

    const ScenarioSchema& m_schema;
    std::set<std::string> m_seenScalars;
};

/// The heading of an object's subsection.
std::string
ObjectHeading(const ScenarioSchema& schema, const ObjectEntry& e)
{
    if (e.definition.empty())
    {
        return "Top level";
    }
    const Json& d = schema.Document()["definitions"][e.definition];
    return Heading(d.value("title", e.definition));
}

/// A condition of an "if": its property and the values that satisfy it.
struct Condition
{
    std::string property;
    std::vector<std::string> values; //!< as literals

    std::string Text() const
    {
        return "``" + property + "`` is " + Either(values);
    }
};

/// The conditions of an object's allOf/if/then parts: (condition, then) pairs.
std::vector<std::pair<Condition, const Json*>>
Conditionals(const Json& object)
{
    std::vector<std::pair<Condition, const Json*>> parts;
    if (!object.contains("allOf"))
    {
        return parts;
    }
    for (const Json& part : object["allOf"])
    {
        if (!part.contains("if") || !part.contains("then") || !part["if"].contains("properties") ||
            part["if"]["properties"].size() != 1)
        {
            throw std::runtime_error("allOf part the page generator cannot describe: " +
                                     part.dump());
        }
        auto it = part["if"]["properties"].begin();
        Condition c{it.key(), {}};
        if (it.value().contains("enum"))
        {
            for (const Json& v : it.value()["enum"])
            {
                c.values.push_back(Literal(v));
            }
        }
        else if (it.value().contains("const"))
        {
            c.values.push_back(Literal(it.value()["const"]));
        }
        else
        {
            throw std::runtime_error("if without enum or const: " + part.dump());
        }
        parts.emplace_back(c, &part["then"]);
    }
    return parts;
}

/// What the conditionals say of `key`: "required if ...; not allowed if ...", or "".
std::string
ConditionalPresence(const Json& object, const std::string& key)
{
    Condition required{"", {}};
    Condition forbidden{"", {}};
    std::vector<std::string> other;
    for (const auto& part : Conditionals(object))
    {
        const Json& then = *part.second;
        bool isRequired = false;
        for (const Json& r : then.value("required", Json::array()))
        {
            isRequired = isRequired || r == key;
        }
        bool isForbidden = then.contains("properties") && then["properties"].contains(key) &&
                           then["properties"][key] == false;
        for (auto [flag, target] :
             {std::make_pair(isRequired, &required), std::make_pair(isForbidden, &forbidden)})
        {
            if (!flag)
            {
                continue;
            }
            if (target->property.empty() || target->property == part.first.property)
            {
                target->property = part.first.property;
                target->values.insert(target->values.end(),
                                      part.first.values.begin(),
                                      part.first.values.end());
            }
            else
            {
                other.push_back(std::string(target == &required ? "required" : "not allowed") +
                                " if " + part.first.Text());
            }
        }
    }
    std::vector<std::string> texts;
    if (!required.property.empty())
    {
        texts.push_back("required if " + required.Text());
    }
    if (!forbidden.property.empty())
    {
        texts.push_back("not allowed if " + forbidden.Text());
    }
    texts.insert(texts.end(), other.begin(), other.end());
    std::string out;
    for (const std::string& t : texts)
    {
        out += (out.empty() ? "" : "; ") + t;
    }
    return out;
}

/// The object definition a property holds or lists, if any.
std::string
ObjectReferenced(const ScenarioSchema& schema, const Json& property)
{
    for (const Json* n : {&property, property.contains("items") ? &property["items"] : nullptr})
    {
        if (n != nullptr && n->is_object() && n->contains("$ref"))
        {
            const std::string name = RefName(*n);
            if (IsObject(schema.Document()["definitions"][name]))
            {
                return name;
            }
        }
    }
    return "";
}

/// A list-table row: each cell wrapped under its "- ".
std::string
Row(const std::vector<std::string>& cells)
{
    std::string out;
    for (size_t i = 0; i < cells.size(); ++i)
    {
        const std::string lead = i == 0 ? "   * - " : "     - ";
        out += lead + Wrap(cells[i], lead.size(), "       ") + "\n";
    }
    return out;
}

std::string
ObjectSection(const ScenarioSchema& schema,
              const ObjectEntry& entry,
              const std::map<std::string, std::string>& headings)
{
    const Json& doc = schema.Document();
    const Json& object = entry.definition.empty() ? doc : doc["definitions"][entry.definition];
    std::ostringstream os;
    os << Underline(ObjectHeading(schema, entry), '~') << "\n";
    os << ".. schema: " << (entry.definition.empty() ? "#" : "#/definitions/" + entry.definition)
       << "\n\n";
    std::vector<std::string> at;
    for (const std::string& p : entry.pointers)
    {
        at.push_back("``" + p + "``");
    }
    std::string intro = entry.definition.empty()
                            ? "The scenario file is one object (pointer ``/``)."
                            : "At " + Either(at) + " (pointers as in error messages).";
    if (object.contains("description") && !entry.definition.empty())
    {
        intro = Escape(object["description"].get<std::string>()) + " " + intro;
    }
    if (object.value("additionalProperties", true) == false)
    {
        intro += " No other key is allowed.";
    }
    os << Paragraph(intro) << "\n";
    os << ".. list-table::\n   :header-rows: 1\n   :widths: 18 20 30 32\n\n";
    os << Row({"Key", "Presence", "Allowed", "Description"});
    std::set<std::string> required;
    for (const Json& r : object.value("required", Json::array()))
    {
        required.insert(r.get<std::string>());
    }
    for (auto it = object["properties"].begin(); it != object["properties"].end(); ++it)
    {
        const std::string& key = it.key();
        const Json& property = it.value();
        const Json& resolved = schema.Resolve(property);
        std::string presence;
        if (required.count(key) != 0)
        {
            presence = "required";
        }
        else
        {
            std::string conditional = ConditionalPresence(object, key);
            const Json* def = property.contains("default")   ? &property["default"]
                              : resolved.contains("default") ? &resolved["default"]
                                                             : nullptr;
            std::vector<std::string> parts;
            if (!conditional.empty())
            {
                parts.push_back(conditional);
            }
            if (def != nullptr)
            {
                parts.push_back("default " + JsonLiteral(*def));
            }
            presence = parts.empty() ? "optional" : parts[0];
            for (size_t i = 1; i < parts.size(); ++i)
            {
                presence += "; " + parts[i];
            }
        }
        std::string description =
            property.contains("description")   ? property["description"].get<std::string>()
            : resolved.contains("description") ? resolved["description"].get<std::string>()
                                               : "";
        description = Escape(description);
        if (property.contains("x-ns3-attribute"))
        {
            // The ns-3 attribute the key sets (Conventions in the template says of what).
            description += (description.empty() ? "" : " ") + std::string("ns-3 attribute ``") +
                           property["x-ns3-attribute"].get<std::string>() + "``.";
        }
        const std::string referenced = ObjectReferenced(schema, property);
        if (!referenced.empty())
        {
            description += (description.empty() ? "" : " ") + std::string("See `") +
                           headings.at(referenced) + "`_.";
        }
        os << Row({"``" + key + "``", presence, Escape(schema.Allowed(property)), description});
    }
    os << "\n";
    auto parts = Conditionals(object);
    if (!parts.empty())
    {
        os << Paragraph("Keys that depend on another key's value:") << "\n";
        for (const auto& part : parts)
        {
            const Json& then = *part.second;
            std::vector<std::string> rules;
            std::vector<std::string> needed;
            for (const Json& r : then.value("required", Json::array()))
            {
                needed.push_back("``" + r.get<std::string>() + "``");
            }
            if (!needed.empty())
            {
                rules.push_back(Either(needed, "and") + (needed.size() == 1 ? " is" : " are") +
                                " required");
            }
            std::vector<std::string> banned;
            if (then.contains("properties"))
            {
                for (auto p = then["properties"].begin(); p != then["properties"].end(); ++p)
                {
                    if (p.value() == false)
                    {
                        banned.push_back("``" + p.key() + "``");
                    }
                }
            }
            if (!banned.empty())
            {
                rules.push_back(Either(banned, "and") + (banned.size() == 1 ? " is" : " are") +
                                " not allowed");
            }
            os << "* "
               << Wrap("if " + part.first.Text() + ": " + Either(rules, "and") + ".", 2, "  ")
               << "\n";
        }
        os << "\n";
    }
    return os.str();
}

std::string
ValueFormats(const ScenarioSchema& schema, const std::vector<std::string>& scalars)
{
    std::ostringstream os;
    os << Underline("Value formats", '~') << "\n";
    os << Paragraph("The values several keys share (each a definition of the schema, "
                    "``#/definitions/NAME``):")
       << "\n";
    os << ".. list-table::\n   :header-rows: 1\n   :widths: 18 40 42\n\n";
    os << Row({"Definition", "Allowed", "Description"});
    for (const std::string& name : scalars)
    {
        const Json& d = schema.Document()["definitions"][name];
        os << Row({"``" + name + "``",
                   Escape(schema.Allowed(d)),
                   Escape(d.value("description", std::string()))});
    }
    os << "\n";
    return os.str();
}

/// 5e7 -> "5e7", 16 -> "16".
std::string
Compact(double d)
{
    if (d >= 1e6)
    {
        int exponent = static_cast<int>(std::floor(std::log10(d)));
        double mantissa = d / std::pow(10.0, exponent);
        if (mantissa == std::floor(mantissa))
        {
            return std::to_string(static_cast<int>(mantissa)) + "e" + std::to_string(exponent);
        }
    }
    std::ostringstream os;
    os << d;
    return os.str();
}

void
ReplaceAll(std::string& text, const std::string& from, const std::string& to)
{
    for (size_t pos = text.find(from); pos != std::string::npos;
         pos = text.find(from, pos + to.size()))
    {
        text.replace(pos, from.size(), to);
    }
}

} // namespace

std::string
ScenarioKeyReference(const ScenarioSchema& schema)
{
    Walk walk(schema);
    std::map<std::string, std::string> headings;
    for (const ObjectEntry& e : walk.objects)
    {
        headings[e.definition] = ObjectHeading(schema, e);
    }
    std::string out;
    for (const ObjectEntry& e : walk.objects)
    {
        out += ObjectSection(schema, e, headings);
    }
    out += ValueFormats(schema, walk.scalars);
    // no trailing blank line: the template decides what follows
    while (!out.empty() && out.back() == '\n')
    {
        out.pop_back();
    }
    return out + "\n";
}

std::string
GenerateScenarioDoc(const ScenarioSchema& schema, const std::string& templateText)
{
    std::string text = templateText;
    ReplaceAll(text, "@MAX_FILE_MIB@", std::to_string(ScenarioLimits::kMaxFileBytes >> 20));
    ReplaceAll(text, "@MAX_DEPTH@", std::to_string(ScenarioLimits::kMaxDepth));
    ReplaceAll(text, "@MAX_STRING_BYTES@", std::to_string(ScenarioLimits::kMaxStringBytes));
    ReplaceAll(text, "@DEFAULT_MAX_WORK@", Compact(ScenarioLimits::kDefaultMaxWork));

    const std::string marker = std::string("\n") + kMarker + "\n";
    size_t pos = text.find(marker);
    if (pos == std::string::npos || text.find(marker, pos + 1) != std::string::npos)
    {
        throw std::runtime_error(std::string("the template needs the line ") + kMarker +
                                 " exactly once");
    }
    const std::regex placeholder("@[A-Z_]+@");
    for (auto it = std::sregex_iterator(text.begin(), text.end(), placeholder);
         it != std::sregex_iterator();
         ++it)
    {
        if (it->str() != kMarker)
        {
            throw std::runtime_error("unknown placeholder " + it->str() + " in the template");
        }
    }
    text.replace(pos + 1, marker.size() - 1, ScenarioKeyReference(schema));
    return ".. Generated by zos-takeover-schema-doc from doc/scenario-format.rst.in and\n"
           "   scenarios/scenario.schema.json; edit those and run ./zos-takeover doc.\n\n" +
           text;
}

} // namespace zos
} // namespace ns3
