/*
 * zos-takeover: the settings of a scenario object that are ns-3 attributes.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Like scenario.cc, this file includes no ns-3 header (the fuzzer builds it alone).
 */

#include "scenario-settings.h"

#include <stdexcept>

namespace ns3
{
namespace zos
{
namespace
{

using Json = ScenarioJson;

/// The schema annotation of a key that sets an ns-3 attribute.
const char* const kAttributeAnnotation = "x-ns3-attribute";

/// Deepest nesting of objects searched for annotated keys below a definition.
constexpr size_t kMaxSettingDepth = 8;

/// The type a setting has: the schema's "type", else (an enumeration) its default's.
std::string
SettingType(const Json& property, const Json& resolved, const Json& defaultValue)
{
    for (const Json* n : {&property, &resolved})
    {
        if (n->contains("type") && (*n)["type"].is_string())
        {
            return (*n)["type"].get<std::string>();
        }
    }
    if (defaultValue.is_string())
    {
        return "string";
    }
    if (defaultValue.is_boolean())
    {
        return "boolean";
    }
    return defaultValue.is_number_float() ? "number" : "integer";
}

/// `value` as a value of `type` (a number as a double, an integer as an integer, ...).
Json
OfType(const std::string& type, const Json& value)
{
    if (type == "number")
    {
        return Json(value.get<double>());
    }
    if (type == "integer")
    {
        if (value.is_number_integer())
        {
            return value.is_number_unsigned() ? Json(value.get<uint64_t>())
                                              : Json(value.get<int64_t>());
        }
        double d = value.get<double>(); // 4.0 counts as an integer (draft 7)
        return d < 0 ? Json(static_cast<int64_t>(d)) : Json(static_cast<uint64_t>(d));
    }
    if (type == "boolean")
    {
        return Json(value.get<bool>());
    }
    if (type == "string")
    {
        return Json(value.get<std::string>());
    }
    throw std::runtime_error("a setting of type " + type +
                             " (expected number, integer, boolean "
                             "or string)");
}

} // namespace

void
ScenarioSchema::CollectAttributeKeys()
{
    static const Json none = Json::object();
    // A reference into the document (not value(), a copy): the keys point into it.
    const Json& definitions = m_document.contains("definitions") ? m_document["definitions"] : none;
    for (auto d = definitions.begin(); d != definitions.end(); ++d)
    {
        std::vector<AttributeKey> keys;
        // Properties of `object` at `path`, and of the objects they hold.
        auto collect = [&](auto&& self, const Json& object, const JsonPointer& path) -> void {
            if (!object.is_object() || !object.contains("properties") ||
                path.size() > kMaxSettingDepth)
            {
                return;
            }
            const Json& properties = object["properties"];
            for (auto p = properties.begin(); p != properties.end(); ++p)
            {
                const Json& property = p.value();
                if (!property.is_object())
                {
                    continue;
                }
                const Json& resolved = Resolve(property);
                JsonPointer at = path;
                at.push_back(p.key());
                if (!property.contains(kAttributeAnnotation))
                {
                    self(self, resolved, at);
                    continue;
                }
                AttributeKey key;
                for (const std::string& token : at)
                {
                    key.key += (key.key.empty() ? "" : ".") + token;
                }
                key.path = at;
                key.attribute = property[kAttributeAnnotation].get<std::string>();
                const Json* def = property.contains("default")   ? &property["default"]
                                  : resolved.contains("default") ? &resolved["default"]
                                                                 : nullptr;
                if (def == nullptr)
                {
                    throw std::runtime_error("schema: " + d.key() + "." + key.key + " has " +
                                             kAttributeAnnotation + " but no default");
                }
                key.type = SettingType(property, resolved, *def);
                key.defaultValue = OfType(key.type, *def);
                key.node = &property;
                keys.push_back(std::move(key));
            }
        };
        collect(collect, d.value(), {});
        if (!keys.empty())
        {
            m_attributeKeys[d.key()] = std::move(keys);
        }
    }
}

const std::vector<AttributeKey>&
ScenarioSchema::AttributeKeys(const std::string& definition) const
{
    static const std::vector<AttributeKey> none;
    auto it = m_attributeKeys.find(definition);
    return it == m_attributeKeys.end() ? none : it->second;
}

ScenarioSettings::ScenarioSettings(const std::string& definition)
    : m_keys(&ScenarioSchema::Get().AttributeKeys(definition))
{
    m_values.reserve(m_keys->size());
    for (const AttributeKey& key : *m_keys)
    {
        m_values.push_back(key.defaultValue);
    }
}

const std::vector<AttributeKey>&
ScenarioSettings::Keys() const
{
    return *m_keys;
}

const Json&
ScenarioSettings::Value(size_t i) const
{
    return m_values.at(i);
}

size_t
ScenarioSettings::IndexOf(const std::string& key) const
{
    for (size_t i = 0; i < m_keys->size(); ++i)
    {
        if ((*m_keys)[i].key == key)
        {
            return i;
        }
    }
    throw std::out_of_range("no setting " + key);
}

const Json&
ScenarioSettings::Get(const std::string& key) const
{
    return m_values[IndexOf(key)];
}

double
ScenarioSettings::Number(const std::string& key) const
{
    return Get(key).get<double>();
}

uint32_t
ScenarioSettings::Unsigned(const std::string& key) const
{
    return Get(key).get<uint32_t>();
}

bool
ScenarioSettings::Bool(const std::string& key) const
{
    return Get(key).get<bool>();
}

std::string
ScenarioSettings::String(const std::string& key) const
{
    return Get(key).get<std::string>();
}

void
ScenarioSettings::Set(const std::string& key, const Json& value)
{
    size_t i = IndexOf(key);
    m_values[i] = OfType((*m_keys)[i].type, value);
}

void
ScenarioSettings::Read(const Json& object)
{
    for (size_t i = 0; i < m_keys->size(); ++i)
    {
        const Json* v = &object;
        for (const std::string& token : (*m_keys)[i].path)
        {
            auto it = v->find(token);
            v = it == v->end() ? nullptr : &*it;
            if (v == nullptr)
            {
                break;
            }
        }
        if (v != nullptr)
        {
            m_values[i] = OfType((*m_keys)[i].type, *v);
        }
    }
}

void
ScenarioSettings::Write(Json& object) const
{
    for (size_t i = 0; i < m_keys->size(); ++i)
    {
        // A key added later may ask to be left out at its default ("x-omit-default"), so
        // that the canonical form of earlier scenarios does not change.
        const AttributeKey& key = (*m_keys)[i];
        if (key.node != nullptr && key.node->is_object() &&
            key.node->value("x-omit-default", false) && m_values[i] == key.defaultValue)
        {
            continue;
        }
        Json* v = &object;
        for (const std::string& token : (*m_keys)[i].path)
        {
            v = &(*v)[token];
        }
        *v = m_values[i];
    }
}

} // namespace zos
} // namespace ns3
