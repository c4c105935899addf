/*
 * zos-takeover: scenario settings given to the ns-3 attributes they name.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "scenario-attributes.h"

#include "ns3/arp-cache.h"
#include "ns3/fatal-error.h"
#include "ns3/kind-table.h"
#include "ns3/zos-stack.h"

#include <charconv>
#include <cmath>
#include <set>
#include <sstream>

namespace ns3
{
namespace zos
{

const std::vector<SettingTarget>&
GetSettingTargets(const std::string& definition)
{
    static const std::vector<SettingTarget> stack{{"", {ZosStack::GetTypeId()}, false}};
    static const std::vector<SettingTarget> station = [] {
        std::vector<TypeId> models;
        for (const KindTable::Entry& e : KindTable::GetStationModels())
        {
            models.push_back(TypeId::LookupByName(e.typeId));
        }
        const TypeId cache = ArpCache::GetTypeId();
        return std::vector<SettingTarget>{{"", models, true}, {cache.GetName(), {cache}, false}};
    }();
    static const std::vector<SettingTarget> none;
    return definition == "stack" ? stack : definition == "station" ? station : none;
}

std::pair<std::string, std::string>
SplitSettingAttribute(const std::string& attribute)
{
    size_t pos = attribute.rfind("::");
    if (pos == std::string::npos)
    {
        return {"", attribute};
    }
    return {attribute.substr(0, pos), attribute.substr(pos + 2)};
}

std::string
SettingText(const ScenarioJson& value)
{
    if (value.is_string())
    {
        return value.get<std::string>();
    }
    if (value.is_number_float())
    {
        // Shortest text that reads back as the same double (not the stream's 6 digits).
        char buffer[64];
        auto [end, ec] = std::to_chars(buffer, buffer + sizeof(buffer), value.get<double>());
        return std::string(buffer, ec == std::errc() ? end : buffer);
    }
    return value.dump(); // integers, booleans
}

Ptr<AttributeValue>
MakeSettingValue(TypeId tid, const std::string& name, const ScenarioJson& value, std::string* error)
{
    TypeId::AttributeInformation info;
    if (!tid.LookupAttributeByName(name, &info))
    {
        *error = tid.GetName() + " has no attribute " + name;
        return nullptr;
    }
    const std::string text = SettingText(value);
    const std::string refused = tid.GetName() + "::" + name + " refuses " + value.dump();
    if (info.checker->GetValueTypeName() == "ns3::EnumValue")
    {
        // EnumValue::DeserializeFromString asserts on an unknown name: look first.
        std::istringstream names(info.checker->GetUnderlyingTypeInformation());
        bool known = false;
        for (std::string n; std::getline(names, n, '|');)
        {
            known = known || n == text;
        }
        if (!known)
        {
            *error = refused + " (its names: " + info.checker->GetUnderlyingTypeInformation() + ")";
            return nullptr;
        }
    }
    const std::string valueType = info.checker->GetValueTypeName();
    if ((valueType == "ns3::UintegerValue" || valueType == "ns3::IntegerValue") &&
        value.is_number_float() && value.get<double>() != std::floor(value.get<double>()))
    {
        *error = refused + " (not an integer)"; // the checker would read 2.5 as 2
        return nullptr;
    }
    Ptr<AttributeValue> v = info.checker->Create();
    if (!v->DeserializeFromString(text, info.checker) || !info.checker->Check(*v))
    {
        *error = refused;
        return nullptr;
    }
    return v;
}

void
ApplySettings(const ScenarioSettings& settings,
              const SettingTarget& target,
              TypeId tid,
              const std::function<void(const std::string&, const AttributeValue&)>& set)
{
    for (size_t i = 0; i < settings.Keys().size(); ++i)
    {
        const AttributeKey& key = settings.Keys()[i];
        auto [owner, name] = SplitSettingAttribute(key.attribute);
        if (owner != target.owner)
        {
            continue;
        }
        TypeId::AttributeInformation info;
        if (target.onlyIfPresent && !tid.LookupAttributeByName(name, &info))
        {
            continue;
        }
        std::string error;
        Ptr<AttributeValue> value = MakeSettingValue(tid, name, settings.Value(i), &error);
        if (!value)
        {
            NS_FATAL_ERROR("scenario key " << key.key << ": " << error);
        }
        set(name, *value);
    }
}

namespace
{

/// The pointers of every node of `node` that has "x-ns3-attribute", in document order.
void
FindAnnotations(const ScenarioJson& node,
                const std::string& pointer,
                std::vector<std::pair<std::string, const ScenarioJson*>>& found)
{
    if (node.is_object() && node.contains("x-ns3-attribute"))
    {
        found.emplace_back(pointer, &node);
    }
    if (node.is_structured())
    {
        size_t index = 0;
        for (auto it = node.begin(); it != node.end(); ++it, ++index)
        {
            const std::string token = node.is_object() ? it.key() : std::to_string(index);
            FindAnnotations(it.value(), pointer + "/" + token, found);
        }
    }
}

/// The problems of one setting of `definition`.
void
CheckKey(const ScenarioSchema& schema,
         const std::string& definition,
         const AttributeKey& key,
         std::vector<std::string>& problems)
{
    const std::string where = definition + "." + key.key + " (" + key.attribute + "): ";
    auto [owner, name] = SplitSettingAttribute(key.attribute);
    const SettingTarget* target = nullptr;
    for (const SettingTarget& t : GetSettingTargets(definition))
    {
        target = t.owner == owner ? &t : target;
    }
    if (target == nullptr)
    {
        problems.push_back(where + "no target " + owner + " for " + definition + " settings");
        return;
    }
    std::vector<ScenarioJson> values{key.defaultValue};
    const ScenarioJson& resolved = schema.Resolve(*key.node);
    for (const ScenarioJson* n : {key.node, &resolved == key.node ? nullptr : &resolved})
    {
        if (n == nullptr)
        {
            continue;
        }
        for (const ScenarioJson& v : n->value("enum", ScenarioJson::array()))
        {
            values.push_back(v);
        }
        // The range's ends: every value the schema lets through must reach the attribute.
        for (const char* bound : {"minimum", "maximum"})
        {
            if (n->contains(bound))
            {
                values.push_back((*n)[bound]);
            }
        }
    }
    size_t having = 0;
    for (TypeId tid : target->types)
    {
        TypeId::AttributeInformation info;
        if (!tid.LookupAttributeByName(name, &info))
        {
            if (!target->onlyIfPresent)
            {
                problems.push_back(where + tid.GetName() + " has no attribute " + name);
            }
            continue;
        }
        ++having;
        const std::string valueType = info.checker->GetValueTypeName();
        if (key.type == "number" &&
            (valueType == "ns3::UintegerValue" || valueType == "ns3::IntegerValue"))
        {
            problems.push_back(where + "a number for " + valueType + " (expected an integer)");
        }
        for (const ScenarioJson& v : values)
        {
            std::string error;
            if (!MakeSettingValue(tid, name, v, &error))
            {
                problems.push_back(where + error);
            }
        }
    }
    if (target->onlyIfPresent && having == 0)
    {
        problems.push_back(where + "no " + definition + " type has attribute " + name);
    }
}

} // namespace

std::vector<std::string>
CheckSettingAttributes(const ScenarioSchema& schema)
{
    std::vector<std::string> problems;
    std::set<const ScenarioJson*> applied;
    static const ScenarioJson none = ScenarioJson::object();
    const ScenarioJson& document = schema.Document();
    const ScenarioJson& definitions =
        document.contains("definitions") ? document["definitions"] : none;
    for (auto d = definitions.begin(); d != definitions.end(); ++d)
    {
        if (GetSettingTargets(d.key()).empty())
        {
            continue;
        }
        for (const AttributeKey& key : schema.AttributeKeys(d.key()))
        {
            applied.insert(key.node);
            CheckKey(schema, d.key(), key, problems);
        }
    }
    std::vector<std::pair<std::string, const ScenarioJson*>> annotations;
    FindAnnotations(schema.Document(), "", annotations);
    for (const auto& [pointer, node] : annotations)
    {
        if (applied.count(node) == 0)
        {
            problems.push_back(pointer + ": x-ns3-attribute outside the settings of a stack or "
                                         "a station (nothing applies it)");
        }
    }
    return problems;
}

} // namespace zos
} // namespace ns3
