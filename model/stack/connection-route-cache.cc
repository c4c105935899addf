/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "connection-route-cache.h"

#include "ns3/boolean.h"
#include "ns3/ipv4-list-routing.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/output-stream-wrapper.h"
#include "ns3/packet.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-l4-protocol.h"

namespace ns3
{

namespace zos
{

NS_LOG_COMPONENT_DEFINE("ConnectionRouteCache");
NS_OBJECT_ENSURE_REGISTERED(ConnectionRouteCache);

TypeId
ConnectionRouteCache::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::zos::ConnectionRouteCache")
            .SetParent<Ipv4RoutingProtocol>()
            .SetGroupName("ZosTakeover")
            .AddConstructor<ConnectionRouteCache>()
            .AddAttribute("RerouteOnFailure",
                          "A route failure (interface down) drops the kept routes over it, "
                          "so the connections are routed again (PQ25476); false: they keep "
                          "the failed route.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&ConnectionRouteCache::m_reroute),
                          MakeBooleanChecker())
            .AddTraceSource("RouteFailure",
                            "An interface went down: (interface, connections routed over it, "
                            "whether they are routed again).",
                            MakeTraceSourceAccessor(&ConnectionRouteCache::m_routeFailureTrace),
                            "ns3::zos::ConnectionRouteCache::RouteFailureTracedCallback");
    return tid;
}

ConnectionRouteCache::ConnectionRouteCache() = default;
ConnectionRouteCache::~ConnectionRouteCache() = default;

void
ConnectionRouteCache::DoDispose()
{
    m_routes.clear();
    m_ipv4 = nullptr;
    Ipv4RoutingProtocol::DoDispose();
}

void
ConnectionRouteCache::SetRerouteOnFailure(bool reroute)
{
    NS_LOG_FUNCTION(this << reroute);
    m_reroute = reroute;
}

uint32_t
ConnectionRouteCache::GetNConnections() const
{
    return m_routes.size();
}

Ptr<Ipv4Route>
ConnectionRouteCache::RouteOutput(Ptr<Packet> p,
                                  const Ipv4Header& header,
                                  Ptr<NetDevice> oif,
                                  Socket::SocketErrno& sockerr)
{
    // Only TCP segments (TcpL4Protocol adds the TCP header before it asks for a route).
    Ptr<Ipv4ListRouting> list =
        m_ipv4 ? DynamicCast<Ipv4ListRouting>(m_ipv4->GetRoutingProtocol()) : nullptr;
    if (!p || !list || header.GetProtocol() != TcpL4Protocol::PROT_NUMBER || p->GetSize() < 20)
    {
        return nullptr;
    }
    TcpHeader tcp;
    p->PeekHeader(tcp);
    Key key{header.GetSource(),
            header.GetDestination(),
            tcp.GetSourcePort(),
            tcp.GetDestinationPort()};
    auto it = m_routes.find(key);
    if (it != m_routes.end() && (tcp.GetFlags() & TcpHeader::SYN) != 0)
    {
        // A segment that opens a connection (SYN, or SYN+ACK): a new connection on the
        // 4-tuple of a closed one, routed afresh.
        m_routes.erase(it);
        it = m_routes.end();
    }
    if (it != m_routes.end())
    {
        sockerr = Socket::ERROR_NOTERROR;
        Ptr<Ipv4Route> kept = Create<Ipv4Route>(*it->second);
        if ((tcp.GetFlags() & TcpHeader::RST) != 0)
        {
            m_routes.erase(it); // the connection ends with this segment
        }
        return kept;
    }
    // A new connection: the route the other protocols choose, in their priority order.
    Ptr<Ipv4Route> route;
    for (uint32_t i = 0; i < list->GetNRoutingProtocols() && !route; ++i)
    {
        int16_t priority;
        Ptr<Ipv4RoutingProtocol> protocol = list->GetRoutingProtocol(i, priority);
        if (protocol != this)
        {
            route = protocol->RouteOutput(p, header, oif, sockerr);
        }
    }
    if (route && (tcp.GetFlags() & TcpHeader::RST) == 0)
    {
        NS_LOG_LOGIC("connection " << header.GetSource() << ":" << tcp.GetSourcePort() << " -> "
                                   << header.GetDestination() << ":" << tcp.GetDestinationPort()
                                   << " routed over " << route->GetOutputDevice());
        m_routes[key] = Create<Ipv4Route>(*route);
    }
    return route;
}

bool
ConnectionRouteCache::RouteInput(Ptr<const Packet> p,
                                 const Ipv4Header& header,
                                 Ptr<const NetDevice> idev,
                                 UnicastForwardCallback ucb,
                                 MulticastForwardCallback mcb,
                                 LocalDeliverCallback lcb,
                                 ErrorCallback ecb)
{
    return false; // forwarding and local delivery are the other protocols' business
}

void
ConnectionRouteCache::NotifyInterfaceUp(uint32_t interface)
{
}

void
ConnectionRouteCache::NotifyInterfaceDown(uint32_t interface)
{
    NS_LOG_FUNCTION(this << interface);
    if (!m_ipv4)
    {
        return;
    }
    Ptr<NetDevice> device = m_ipv4->GetNetDevice(interface);
    uint32_t count = 0;
    for (auto it = m_routes.begin(); it != m_routes.end();)
    {
        if (it->second->GetOutputDevice() == device)
        {
            ++count;
            if (m_reroute)
            {
                it = m_routes.erase(it);
                continue;
            }
        }
        ++it;
    }
    if (count > 0)
    {
        m_routeFailureTrace(interface, count, m_reroute);
    }
}

void
ConnectionRouteCache::NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address)
{
}

void
ConnectionRouteCache::NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address)
{
}

void
ConnectionRouteCache::SetIpv4(Ptr<Ipv4> ipv4)
{
    m_ipv4 = ipv4;
}

void
ConnectionRouteCache::PrintRoutingTable(Ptr<OutputStreamWrapper> stream, Time::Unit unit) const
{
    std::ostream& os = *stream->GetStream();
    os << "Connection routes (" << (m_reroute ? "rerouted" : "kept") << " on failure)\n";
    for (const auto& [key, route] : m_routes)
    {
        os << std::get<0>(key) << ":" << std::get<2>(key) << " -> " << std::get<1>(key) << ":"
           << std::get<3>(key) << " via " << route->GetGateway() << " interface "
           << (m_ipv4 ? m_ipv4->GetInterfaceForDevice(route->GetOutputDevice()) : -1) << "\n";
    }
}

} // namespace zos
} // namespace ns3
