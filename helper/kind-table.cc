/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "kind-table.h"

#include "ns3/abort.h"
#include "ns3/lan.h"
#include "ns3/osa-net-device.h"
#include "ns3/station-arp.h"

namespace ns3
{

namespace zos
{

const std::vector<KindTable::Entry>&
KindTable::GetDeviceKinds()
{
    static const std::vector<Entry> kinds = {
        {"MPCIPA", "ns3::zos::MpcipaNetDevice"},
        {"LCS", "ns3::zos::LcsNetDevice"},
        {"CLAW", "ns3::zos::ClawNetDevice"},
    };
    return kinds;
}

const std::vector<KindTable::Entry>&
KindTable::GetStationModels()
{
    static const std::vector<Entry> models = {
        {"stock", "ns3::zos::StockStationArp"},
        {"rfc826", "ns3::zos::Rfc826StationArp"},
        {"linux", "ns3::zos::LinuxStationArp"},
    };
    return models;
}

const std::vector<KindTable::Entry>&
KindTable::GetLanKinds()
{
    static const std::vector<Entry> kinds = {
        {"shared", "ns3::zos::SharedLan"},
        {"switched", "ns3::zos::SwitchedLan"},
        {"fast", "ns3::zos::FastSwitchedLan"},
    };
    return kinds;
}

std::string
KindTable::TypeNameOf(const std::vector<Entry>& entries, const std::string& name)
{
    for (const auto& entry : entries)
    {
        if (entry.name == name)
        {
            return entry.typeId;
        }
    }
    return name;
}

TypeId
KindTable::Lookup(const std::vector<Entry>& entries,
                  const std::string& name,
                  TypeId base,
                  const std::string& what)
{
    TypeId tid;
    if (!TypeId::LookupByNameFailSafe(TypeNameOf(entries, name), &tid) || !tid.IsChildOf(base))
    {
        std::string known;
        for (const auto& entry : entries)
        {
            known += (known.empty() ? "" : ", ") + entry.name;
        }
        NS_ABORT_MSG("unknown " << what << " " << name << " (" << known << ", or the TypeId of a "
                                << base.GetName() << ")");
    }
    return tid;
}

TypeId
KindTable::LookupDevice(const std::string& kind)
{
    return Lookup(GetDeviceKinds(), kind, OsaNetDevice::GetTypeId(), "OSA device kind");
}

TypeId
KindTable::LookupStationModel(const std::string& model)
{
    return Lookup(GetStationModels(), model, StationArp::GetTypeId(), "station ARP model");
}

TypeId
KindTable::LookupLan(const std::string& kind)
{
    return Lookup(GetLanKinds(), kind, Lan::GetTypeId(), "LAN kind");
}

} // namespace zos
} // namespace ns3
