/*
 * zos-takeover: the route each TCP connection of a z/OS stack uses.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_CONNECTION_ROUTE_CACHE_H
#define ZOS_TAKEOVER_CONNECTION_ROUTE_CACHE_H

#include "ns3/ipv4-address.h"
#include "ns3/ipv4-route.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/traced-callback.h"

#include <map>
#include <tuple>

namespace ns3
{

namespace zos
{

/**
 * \ingroup zos-takeover
 * \brief The route of each TCP connection of a stack, chosen once and kept (PQ25476).
 *
 * A z/OS stack routes a TCP connection's segments by the route the connection got when
 * it was set up. This routing protocol sits first in the stack node's Ipv4ListRouting: the
 * first segment a connection sends (identified by addresses and ports) is routed by the
 * list's other protocols, in their priority order (Ipv4StaticRouting, or a dynamic routing
 * protocol), and that route is kept for the connection's later segments. Other protocols
 * (UDP, ICMP) and route lookups without a packet pass through to the other protocols
 * untouched.
 *
 * What a route failure (an interface going down: ZosStack sets a failed or stopped link's
 * interface down) does to the kept routes is the fix level's question
 * (FixLevel::ReroutesConnections(), attribute RerouteOnFailure):
 *  - with PQ25476 the routes over the failed interface are dropped, so the connection's
 *    next segment is routed again, over a backup route if one exists;
 *  - before PQ25476 they are kept: the connection's segments go on to the down interface,
 *    where Ipv4L3Protocol drops them (Drop trace, DROP_INTERFACE_DOWN), the peer's
 *    retransmissions go unanswered and the connection times out.
 *
 * A kept route whose interface comes back up works again. A segment that opens a
 * connection (SYN, SYN+ACK) is always routed afresh, so a new connection on the addresses
 * and ports of a closed one does not inherit its route, and a reset (RST) removes the
 * entry. Connections closed with FIN keep their entry until the 4-tuple is used again (a
 * probe run has few connections).
 */
class ConnectionRouteCache : public Ipv4RoutingProtocol
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    ConnectionRouteCache();
    ~ConnectionRouteCache() override;

    /**
     * \param reroute true (PQ25476): a route failure drops the kept routes over it
     */
    void SetRerouteOnFailure(bool reroute);
    /** \return the number of connections with a kept route */
    uint32_t GetNConnections() const;

    Ptr<Ipv4Route> RouteOutput(Ptr<Packet> p,
                               const Ipv4Header& header,
                               Ptr<NetDevice> oif,
                               Socket::SocketErrno& sockerr) override;
    bool RouteInput(Ptr<const Packet> p,
                    const Ipv4Header& header,
                    Ptr<const NetDevice> idev,
                    UnicastForwardCallback ucb,
                    MulticastForwardCallback mcb,
                    LocalDeliverCallback lcb,
                    ErrorCallback ecb) override;
    void NotifyInterfaceUp(uint32_t interface) override;
    void NotifyInterfaceDown(uint32_t interface) override;
    void NotifyAddAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void NotifyRemoveAddress(uint32_t interface, Ipv4InterfaceAddress address) override;
    void SetIpv4(Ptr<Ipv4> ipv4) override;
    void PrintRoutingTable(Ptr<OutputStreamWrapper> stream,
                           Time::Unit unit = Time::S) const override;

    /**
     * Signature of RouteFailure: (interface, connections routed over it, whether they are
     * routed again).
     */
    typedef void (*RouteFailureTracedCallback)(uint32_t, uint32_t, bool);

  protected:
    void DoDispose() override;

  private:
    /** A connection: local address, remote address, local port, remote port. */
    using Key = std::tuple<Ipv4Address, Ipv4Address, uint16_t, uint16_t>;

    Ptr<Ipv4> m_ipv4;
    bool m_reroute = true;
    std::map<Key, Ptr<Ipv4Route>> m_routes;
    TracedCallback<uint32_t, uint32_t, bool> m_routeFailureTrace;
};

} // namespace zos
} // namespace ns3

#endif
