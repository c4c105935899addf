/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "station-helper.h"

#include "ns3/arp-cache.h"
#include "ns3/csma-net-device.h"
#include "ns3/error-model.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-interface.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/log.h"
#include "ns3/pointer.h"

namespace ns3
{

namespace zos
{

NS_LOG_COMPONENT_DEFINE("StationHelper");

StationHelper::StationHelper()
{
    NS_LOG_FUNCTION(this);
}

void
StationHelper::SetLanHelper(const LanHelper& lans)
{
    NS_LOG_FUNCTION(this);
    m_lans = lans;
}

void
StationHelper::SetArpHelper(const StationArpHelper& arp)
{
    NS_LOG_FUNCTION(this);
    m_arp = arp;
}

void
StationHelper::SetArpCacheAttribute(const std::string& name, const AttributeValue& value)
{
    NS_LOG_FUNCTION(this << name);
    m_cacheAttributes.emplace_back(name, value.Copy());
}

void
StationHelper::AddRoute(Ipv4Address destination, Ipv4Mask mask, Ipv4Address gateway)
{
    NS_LOG_FUNCTION(this << destination << mask << gateway);
    m_routes.push_back({destination, mask, gateway});
}

NetDeviceContainer
StationHelper::Install(const NodeContainer& nodes,
                       Ptr<Lan> lan,
                       const std::vector<Ipv4InterfaceAddress>& addresses) const
{
    NS_LOG_FUNCTION(this << lan);
    NS_ASSERT_MSG(nodes.GetN() == addresses.size(), "StationHelper: one address per node");
    NS_ASSERT_MSG(lan, "StationHelper: no LAN");
    InternetStackHelper().Install(nodes);
    NetDeviceContainer devices = m_lans.Install(nodes, lan);
    for (uint32_t i = 0; i < nodes.GetN(); ++i)
    {
        ConfigureStation(nodes.Get(i), devices.Get(i), addresses[i]);
    }
    if (m_arp)
    {
        m_arp->Install(nodes);
    }
    return devices;
}

NetDeviceContainer
StationHelper::Install(Ptr<Node> node, Ptr<Lan> lan, const Ipv4InterfaceAddress& address) const
{
    return Install(NodeContainer(node), lan, std::vector<Ipv4InterfaceAddress>{address});
}

void
StationHelper::ConfigureStation(Ptr<Node> node,
                                Ptr<NetDevice> device,
                                const Ipv4InterfaceAddress& address) const
{
    if (m_errorModel.IsTypeIdSet())
    {
        DynamicCast<CsmaNetDevice>(device)->SetReceiveErrorModel(m_errorModel.Create<ErrorModel>());
    }
    Ptr<Ipv4L3Protocol> ipv4 = node->GetObject<Ipv4L3Protocol>();
    uint32_t ifIndex = ipv4->AddInterface(device);
    ipv4->AddAddress(ifIndex, address);
    ipv4->SetUp(ifIndex);
    Ptr<ArpCache> cache = ipv4->GetInterface(ifIndex)->GetArpCache();
    for (const auto& [name, value] : m_cacheAttributes)
    {
        cache->SetAttribute(name, *value);
    }
    Ptr<Ipv4StaticRouting> routing = Ipv4StaticRoutingHelper().GetStaticRouting(ipv4);
    for (const auto& route : m_routes)
    {
        // A zero gateway makes an on-link route (ns-3 sends to the destination itself).
        routing->AddNetworkRouteTo(route.destination, route.mask, route.gateway, ifIndex);
    }
}

Ptr<ErrorModel>
StationHelper::GetReceiveErrorModel(Ptr<NetDevice> device)
{
    PointerValue value;
    device->GetAttribute("ReceiveErrorModel", value);
    return value.Get<ErrorModel>();
}

} // namespace zos
} // namespace ns3
