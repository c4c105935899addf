/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "stock-station-arp.h"

#include "ns3/log.h"

namespace ns3
{

namespace zos
{

NS_LOG_COMPONENT_DEFINE("StockStationArp");
NS_OBJECT_ENSURE_REGISTERED(StockStationArp);

TypeId
StockStationArp::GetTypeId()
{
    static TypeId tid = TypeId("ns3::zos::StockStationArp")
                            .SetParent<StationArp>()
                            .SetGroupName("ZosTakeover")
                            .AddConstructor<StockStationArp>();
    return tid;
}

std::string
StockStationArp::GetModelName() const
{
    return "stock";
}

bool
StockStationArp::HandleArp(Interface& iface, const ArpFields& arp, bool toUs)
{
    return false; // ns-3's ArpL3Protocol already did all there is to do
}

} // namespace zos
} // namespace ns3
