/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "warm-start-helper.h"

#include "ns3/arp-cache.h"
#include "ns3/arp-util.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-interface.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4-route.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/lcs-net-device.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/osa-port.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/station-arp.h"
#include "ns3/udp-l4-protocol.h"
#include "ns3/zos-stack.h"

#include <map>

namespace ns3
{
namespace zos
{

NS_LOG_COMPONENT_DEFINE("WarmStartHelper");

namespace
{

/** An address -> MAC pair a node of the LAN answers ARP for. */
struct Offer
{
    Ptr<Node> node;
    Ipv4Address address;
    Address mac;
    bool station = false;
};

/** An interface on the LAN whose cache is filled. */
struct Learner
{
    Ptr<Node> node;
    Ptr<NetDevice> device;
    Ptr<Ipv4L3Protocol> ipv4;
    uint32_t interface = 0;
    Ptr<StationArp> station; //!< null: a stack's link or a router (ns-3's ArpCache)
};

/**
 * \return true if the learner's routing sends to `address` directly over its interface:
 * the address it would resolve by ARP on that interface.
 */
bool
SendsDirectly(const Learner& learner, Ipv4Address address)
{
    Ptr<Ipv4RoutingProtocol> routing = learner.ipv4->GetRoutingProtocol();
    if (!routing)
    {
        return false;
    }
    Ipv4Header header;
    header.SetDestination(address);
    header.SetProtocol(UdpL4Protocol::PROT_NUMBER); // no TCP connection route is kept
    Socket::SocketErrno error;
    Ptr<Ipv4Route> route = routing->RouteOutput(Create<Packet>(), header, nullptr, error);
    if (!route || route->GetOutputDevice() != learner.device)
    {
        return false;
    }
    Ipv4Address gateway = route->GetGateway();
    return gateway == Ipv4Address::GetZero() || gateway == address;
}

} // namespace

WarmStartHelper::WarmStartHelper()
{
}

uint64_t
WarmStartHelper::Apply(Ptr<Lan> lan) const
{
    NS_LOG_FUNCTION(this << lan->GetName());
    std::vector<Offer> offers;
    std::vector<Learner> learners;
    for (const Ptr<CsmaNetDevice>& device : lan->GetDevices())
    {
        Ptr<Node> node = device->GetNode();
        Ptr<Ipv4L3Protocol> ipv4 = node ? node->GetObject<Ipv4L3Protocol>() : nullptr;
        int32_t interface = ipv4 ? ipv4->GetInterfaceForDevice(device) : -1;
        if (interface < 0 || !ipv4->IsUp(interface))
        {
            continue; // not an IP interface (a switch port), or down (an inactive link)
        }
        Learner learner{node, device, ipv4, static_cast<uint32_t>(interface), nullptr};
        Address mac = device->GetAddress();
        if (Ptr<ZosStack> stack = node->GetObject<ZosStack>())
        {
            int32_t link = stack->FindLinkByMac(Mac48Address::ConvertFrom(mac));
            Ptr<OsaNetDevice> osa = DynamicCast<OsaNetDevice>(device);
            if (link < 0 || !osa || stack->GetLinkDevice(link) != osa ||
                !stack->IsLinkActive(link) || osa->IsPortFailed())
            {
                continue;
            }
            Ptr<LcsNetDevice> lcs = DynamicCast<LcsNetDevice>(device);
            Ptr<OsaPort> port = lcs ? lcs->GetOsaPort() : nullptr;
            std::vector<Ipv4Address> addresses = stack->GetVipas();
            for (uint32_t i = 0; i < stack->GetNLinks(); ++i)
            {
                addresses.push_back(stack->GetHomeAddress(i));
            }
            for (Ipv4Address address : addresses)
            {
                // The link replies to a request for it (ZosStack::Answers: the owner, or
                // before PQ23444 every link for every HOME address), if the port hands it
                // the request (the OAT of a shared port decides for ARP as for datagrams).
                if (stack->Answers(link, address) &&
                    (!port || port->Route(address) == lcs->GetPartition()))
                {
                    offers.push_back({node, address, mac, false});
                }
            }
            learners.push_back(learner);
            continue;
        }
        learner.station = node->GetObject<StationArp>();
        for (uint32_t a = 0; a < ipv4->GetNAddresses(interface); ++a)
        {
            offers.push_back(
                {node, ipv4->GetAddress(interface, a).GetLocal(), mac, learner.station != nullptr});
        }
        learners.push_back(learner);
    }
    // An address several devices answer for (before PQ23444 every link of a stack answers
    // for every HOME address) stays cold: which reply a station keeps depends on its model
    // (stock and linux the first, rfc826 the last) and on the order of the replies.
    std::map<Ipv4Address, uint32_t> answering;
    for (const Offer& offer : offers)
    {
        ++answering[offer.address];
    }
    uint64_t added = 0;
    for (const Learner& learner : learners)
    {
        Ptr<ArpCache> cache = learner.ipv4->GetInterface(learner.interface)->GetArpCache();
        for (const Offer& offer : offers)
        {
            if (offer.node == learner.node || (learner.station && offer.station) ||
                answering[offer.address] > 1 || !SendsDirectly(learner, offer.address))
            {
                continue;
            }
            if (learner.station)
            {
                added += learner.station->AddResolvedNeighbour(learner.device->GetIfIndex(),
                                                               offer.address,
                                                               offer.mac)
                             ? 1
                             : 0;
            }
            else if (cache && cache->Lookup(offer.address) == nullptr)
            {
                AddNeighbour(cache, offer.address, offer.mac); // ALIVE, seen now
                ++added;
            }
        }
    }
    NS_LOG_INFO(lan->GetName() << ": " << added << " neighbour entries from " << offers.size()
                               << " addresses for " << learners.size() << " interfaces");
    return added;
}

uint64_t
WarmStartHelper::Apply(const std::vector<Ptr<Lan>>& lans) const
{
    uint64_t added = 0;
    for (const Ptr<Lan>& lan : lans)
    {
        added += Apply(lan);
    }
    return added;
}

EventId
WarmStartHelper::ApplyAt(Time at, const std::vector<Ptr<Lan>>& lans) const
{
    NS_LOG_FUNCTION(this << at);
    NS_ASSERT_MSG(at >= Simulator::Now(), "warm start in the past: " << at);
    WarmStartHelper helper = *this;
    return Simulator::Schedule(at - Simulator::Now(), [helper, lans]() { helper.Apply(lans); });
}

} // namespace zos
} // namespace ns3
