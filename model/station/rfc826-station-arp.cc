/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "rfc826-station-arp.h"

#include "ns3/log.h"

namespace ns3
{

namespace zos
{

NS_LOG_COMPONENT_DEFINE("Rfc826StationArp");
NS_OBJECT_ENSURE_REGISTERED(Rfc826StationArp);

TypeId
Rfc826StationArp::GetTypeId()
{
    static TypeId tid = TypeId("ns3::zos::Rfc826StationArp")
                            .SetParent<StationArp>()
                            .SetGroupName("ZosTakeover")
                            .AddConstructor<Rfc826StationArp>();
    return tid;
}

std::string
Rfc826StationArp::GetModelName() const
{
    return "rfc826";
}

bool
Rfc826StationArp::HandleArp(Interface& iface, const ArpFields& arp, bool toUs)
{
    Ipv4Address sender = arp.GetSourceIpv4Address();
    if (IsForUs(iface, sender))
    {
        return false;
    }
    ArpCache::Entry* entry = iface.cache->Lookup(sender);
    // RFC 826: "If the pair <protocol type, sender protocol address> is already in my
    // translation table, update the sender hardware address field of the entry", whatever
    // state ns-3 keeps it in (a DEAD entry would otherwise drop every packet for 100 s).
    if (entry != nullptr)
    {
        return MergeNeighbour(iface.cache, entry, sender, arp.GetSourceHardwareAddress());
    }
    // "If Merge_flag is false [and] I am the target protocol address, add the triplet".
    if (entry == nullptr && arp.IsRequest() && IsForUs(iface, arp.GetDestinationIpv4Address()))
    {
        AddNeighbour(iface.cache, sender, arp.GetSourceHardwareAddress());
        return true;
    }
    return false;
}

} // namespace zos
} // namespace ns3
