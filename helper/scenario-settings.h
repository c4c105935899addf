/*
 * zos-takeover: the settings of a scenario object that are ns-3 attributes.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_SCENARIO_SETTINGS_H
#define ZOS_TAKEOVER_SCENARIO_SETTINGS_H

#include "scenario-schema.h"

#include <cstdint>
#include <string>
#include <vector>

namespace ns3
{
namespace zos
{

/**
 * \ingroup zos-takeover
 * The values of a stack's or a station's keys that set ns-3 attributes (the schema's
 * "x-ns3-attribute" keys, ScenarioSchema::AttributeKeys), each at the schema's default
 * until read or set. The loader reads them from the validated document and writes them
 * back in the canonical form; the runner gives each to its attribute (scenario-attributes.h).
 * Adding such a setting needs no code here: the schema property is enough.
 *
 * Values have their key's schema type: a "number" is a double (2 is read as 2.0 and
 * written as 2.0), an "integer" an integer, a "boolean" a boolean, an enumeration a
 * string.
 */
class ScenarioSettings
{
  public:
    /**
     * The settings of a definition, at their defaults.
     * \param definition "stack" or "station" (any definition; one without annotated keys
     * has no settings)
     */
    explicit ScenarioSettings(const std::string& definition);

    /// The keys, in the schema's order.
    const std::vector<AttributeKey>& Keys() const;
    /// The value of the i-th key of Keys().
    const ScenarioJson& Value(size_t i) const;

    /**
     * The value of a key.
     * \param key as AttributeKey::key: "detectionDelay", "fixes.PQ23444"
     * \throws std::out_of_range if the definition has no such key
     */
    const ScenarioJson& Get(const std::string& key) const;
    /// Get(key) as a number (a programming error if it is not one: nlohmann's type_error).
    double Number(const std::string& key) const;
    /// \copydoc Number
    uint32_t Unsigned(const std::string& key) const;
    /// \copydoc Number
    bool Bool(const std::string& key) const;
    /// \copydoc Number
    std::string String(const std::string& key) const;

    /**
     * Set a key (code that builds scenarios; files go through the schema). The value is
     * converted to the key's type; it is not checked against the schema's range.
     * \throws std::out_of_range for an unknown key, nlohmann's type_error for a value of
     * another kind (a string for a number)
     */
    void Set(const std::string& key, const ScenarioJson& value);

    /// Take the keys present in a schema-valid object; the others keep their values.
    void Read(const ScenarioJson& object);
    /// Write every key into `object` (defaults too), creating nested objects as needed.
    void Write(ScenarioJson& object) const;

  private:
    size_t IndexOf(const std::string& key) const;

    const std::vector<AttributeKey>* m_keys; //!< the schema's, which lives as long as it
    std::vector<ScenarioJson> m_values;      //!< one per key
};

} // namespace zos
} // namespace ns3

#endif
