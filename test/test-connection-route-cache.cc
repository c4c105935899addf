/*
 * zos-takeover: ConnectionRouteCache, the kept route of each TCP connection (PQ25476).
 *
 * A node with two interfaces and a static route to 10.9.0.0/24 over the first; the cache
 * sits first in the node's Ipv4ListRouting, as ZosStack puts it. A connection's first
 * segment is routed by the static routes and the route is kept; a segment that opens a
 * connection (SYN) is routed afresh, so a 4-tuple used again by a new connection does not
 * inherit the route of the closed one.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ns3/connection-route-cache.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-list-routing-helper.h"
#include "ns3/ipv4-list-routing.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4-static-routing.h"
#include "ns3/ipv4.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/simple-net-device.h"
#include "ns3/simulator.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-l4-protocol.h"

#include <gtest/gtest.h>

using namespace ns3;
using namespace ns3::zos;

namespace
{

class ConnectionRouteCacheTest : public ::testing::Test
{
  protected:
    void SetUp() override
    {
        node = CreateObject<Node>();
        Ipv4ListRoutingHelper list;
        list.Add(Ipv4StaticRoutingHelper(), 0);
        InternetStackHelper internet;
        internet.SetRoutingHelper(list);
        internet.Install(node);
        ipv4 = node->GetObject<Ipv4>();
        for (const char* address : {"10.1.0.1", "10.2.0.1"})
        {
            Ptr<SimpleNetDevice> device = CreateObject<SimpleNetDevice>();
            device->SetAddress(Mac48Address::Allocate());
            node->AddDevice(device);
            uint32_t i = ipv4->AddInterface(device);
            ipv4->AddAddress(i, Ipv4InterfaceAddress(Ipv4Address(address), "255.255.255.0"));
            ipv4->SetUp(i);
        }
        cache = CreateObject<ConnectionRouteCache>();
        cache->SetIpv4(ipv4);
        DynamicCast<Ipv4ListRouting>(ipv4->GetRoutingProtocol())->AddRoutingProtocol(cache, 100);
        Static()->AddNetworkRouteTo("10.9.0.0", "255.255.255.0", "10.1.0.254", 1);
    }

    void TearDown() override
    {
        Simulator::Destroy();
    }

    Ptr<Ipv4StaticRouting> Static() const
    {
        return Ipv4StaticRoutingHelper().GetStaticRouting(ipv4);
    }

    /** The output interface of a segment from 10.1.0.1:4000 to 10.9.0.9:7 with these flags. */
    int32_t Route(uint8_t flags) const
    {
        Ptr<Packet> p = Create<Packet>(10);
        TcpHeader tcp;
        tcp.SetSourcePort(4000);
        tcp.SetDestinationPort(7);
        tcp.SetFlags(flags);
        p->AddHeader(tcp);
        Ipv4Header ip;
        ip.SetSource("10.1.0.1");
        ip.SetDestination("10.9.0.9");
        ip.SetProtocol(TcpL4Protocol::PROT_NUMBER);
        Socket::SocketErrno err;
        Ptr<Ipv4Route> route = ipv4->GetRoutingProtocol()->RouteOutput(p, ip, nullptr, err);
        return route ? ipv4->GetInterfaceForDevice(route->GetOutputDevice()) : -1;
    }

    /** Moves the static route to 10.9.0.0/24 from interface 1 to interface 2. */
    void MoveStaticRoute() const
    {
        Static()->RemoveRoute(Static()->GetNRoutes() - 1);
        Static()->AddNetworkRouteTo("10.9.0.0", "255.255.255.0", "10.2.0.254", 2);
    }

    Ptr<Node> node;
    Ptr<Ipv4> ipv4;
    Ptr<ConnectionRouteCache> cache;
};

TEST_F(ConnectionRouteCacheTest, AConnectionKeepsTheRouteOfItsFirstSegment)
{
    EXPECT_EQ(Route(TcpHeader::SYN), 1);
    EXPECT_EQ(cache->GetNConnections(), 1u);
    MoveStaticRoute();
    EXPECT_EQ(Route(TcpHeader::ACK), 1); // kept, although the routing table changed
    EXPECT_EQ(Route(TcpHeader::ACK | TcpHeader::PSH), 1);
}

TEST_F(ConnectionRouteCacheTest, ANewConnectionOnTheSameAddressesAndPortsIsRoutedAfresh)
{
    EXPECT_EQ(Route(TcpHeader::SYN), 1);
    EXPECT_EQ(Route(TcpHeader::ACK), 1);
    EXPECT_EQ(Route(TcpHeader::FIN | TcpHeader::ACK), 1);
    MoveStaticRoute();
    // The connection closed; a new one with the same 4-tuple opens (SYN, or SYN+ACK on the
    // passive side): routed by today's table, not by the closed connection's route.
    EXPECT_EQ(Route(TcpHeader::SYN), 2);
    EXPECT_EQ(Route(TcpHeader::ACK), 2);
    EXPECT_EQ(cache->GetNConnections(), 1u);
}

TEST_F(ConnectionRouteCacheTest, AResetEndsTheConnectionsEntry)
{
    EXPECT_EQ(Route(TcpHeader::SYN), 1);
    EXPECT_EQ(Route(TcpHeader::RST | TcpHeader::ACK), 1); // the reset still leaves as routed
    EXPECT_EQ(cache->GetNConnections(), 0u);
}

} // namespace
