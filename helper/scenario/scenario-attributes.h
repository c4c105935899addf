/*
 * zos-takeover: scenario settings given to the ns-3 attributes they name.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_SCENARIO_ATTRIBUTES_H
#define ZOS_TAKEOVER_SCENARIO_ATTRIBUTES_H

#include "ns3/attribute.h"
#include "ns3/scenario-settings.h"
#include "ns3/type-id.h"

#include <functional>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{
namespace zos
{

/**
 * \ingroup zos-takeover
 * Where the settings of a scenario definition go. A setting's "x-ns3-attribute" is
 * "OWNER::NAME" or a bare "NAME" (owner ""): the target with that owner receives it.
 *
 * - "stack": a bare NAME is an attribute of ns3::zos::ZosStack (every stack has it).
 * - "station": "ns3::ArpCache::NAME" is an attribute of ns-3's ArpCache of the station's
 *   interface; a bare NAME is an attribute of the station's ARP model (KindTable station
 *   models), set only on a model that has it (the linux model's kernel settings).
 */
struct SettingTarget
{
    std::string owner;         //!< "" (bare names) or a TypeId name ("ns3::ArpCache")
    std::vector<TypeId> types; //!< the types that may receive them
    bool onlyIfPresent;        //!< set only on a type that has the attribute
};

/// The targets of a definition's settings ("stack", "station"; none for the others).
const std::vector<SettingTarget>& GetSettingTargets(const std::string& definition);

/// An "x-ns3-attribute" as (owner, name): "ns3::ArpCache::MaxRetries" -> ("ns3::ArpCache",
/// "MaxRetries"); "Locktime" -> ("", "Locktime").
std::pair<std::string, std::string> SplitSettingAttribute(const std::string& attribute);

/**
 * The text an attribute checker reads for a setting's value: a string as it is, a
 * boolean "true" or "false", an integer in decimal, a number in the shortest form that
 * reads back as the same double (for a Time attribute that is seconds, as ns-3 reads a
 * time without unit: the same Time as Seconds(value)).
 */
std::string SettingText(const ScenarioJson& value);

/**
 * The value of attribute `name` of `tid` for a setting's value, made by the attribute's
 * checker from SettingText(value).
 * \param error set to the reason when the result is nullptr
 * \return nullptr if `tid` has no such attribute or its checker refuses the value (an
 * enumeration name it does not have, a number out of its range)
 */
Ptr<AttributeValue> MakeSettingValue(TypeId tid,
                                     const std::string& name,
                                     const ScenarioJson& value,
                                     std::string* error);

/**
 * Give every setting of `target.owner` to `set` (the helper's SetAttribute), in the
 * schema's order, made for `tid` (one of target.types). A setting `tid` lacks is skipped
 * if target.onlyIfPresent, else it is a fatal error (the test ScenarioAttributes.* catches
 * it first), as is a value the checker refuses.
 */
void ApplySettings(const ScenarioSettings& settings,
                   const SettingTarget& target,
                   TypeId tid,
                   const std::function<void(const std::string&, const AttributeValue&)>& set);

/**
 * What is wrong with a schema's "x-ns3-attribute" annotations, one line each; nothing for
 * the shipped schema (the test ScenarioAttributes.ShippedSchemaIsConsistent): an annotation
 * that is no setting of a definition with targets (nothing would apply it), an owner
 * without a target, an attribute its target's types lack (every type of a target without
 * onlyIfPresent, at least one of the others), a default or an enumeration value that an
 * attribute's checker refuses, a "number" key for an integer attribute.
 */
std::vector<std::string> CheckSettingAttributes(const ScenarioSchema& schema);

} // namespace zos
} // namespace ns3

#endif
