/*
 * zos-takeover: the TCP probe connections keep their RTO backoff when one direction fails
 * (BackoffTcpSocket, TcpProbeClient/TcpProbeServer attribute KeepRtoBackoff).
 *
 * Two nodes on a CSMA LAN; the client's direction (client -> server) drops every frame from
 * 20 s to 43 s, the server's direction keeps working, as in seed-003-escon-router.json when
 * RTR A routes the VIPA over the failed channel while OS390-2 answers over Network A. The
 * server retransmits its last unacknowledged reply (RTO 1, 2, 4, 8 s) and the client answers
 * each with a pure ACK. ns-3.37's TcpSocketBase::SendEmptyPacket sets the RTO again from the
 * RTT estimate for every pure ACK, so the client's backoff restarts at MinRto (1 s) and its
 * DataRetries (6) run out after 1+2+2+4+2+4+2 = 17 s: the connection closes at 37 s, before
 * the path comes back. With the backoff kept (RFC 6298 5.5) the client retransmits at 21,
 * 23, 27, 35 and 51 s, and the one at 51 s, after the repair, is answered.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ns3/backoff-tcp-socket.h"
#include "ns3/boolean.h"
#include "ns3/csma-helper.h"
#include "ns3/error-model.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-address-helper.h"
#include "ns3/object-vector.h"
#include "ns3/pointer.h"
#include "ns3/string.h"
#include "ns3/tcp-l4-protocol.h"
#include "ns3/simulator.h"
#include "ns3/tcp-probe-client.h"
#include "ns3/tcp-probe-server.h"

#include <gtest/gtest.h>

using namespace ns3;
using namespace ns3::zos;

namespace
{

struct OneWayLossRun
{
    TcpConnectionRecord connection;
    uint32_t serverSockets = 0; //!< accepted connections of type BackoffTcpSocket
};

/**
 * \param node a node
 * \param count set to the number of the node's TCP sockets that are BackoffTcpSockets
 */
void
CountBackoffSockets(Ptr<Node> node, uint32_t* count)
{
    ObjectVectorValue sockets;
    node->GetObject<TcpL4Protocol>()->GetAttribute("SocketList", sockets);
    *count = 0;
    for (auto it = sockets.Begin(); it != sockets.End(); ++it)
    {
        *count += DynamicCast<BackoffTcpSocket>(it->second) != nullptr;
    }
}

/** \param keep the attribute KeepRtoBackoff of client and server */
OneWayLossRun
RunOneWayLoss(bool keep)
{
    NodeContainer nodes;
    nodes.Create(2); // 0: client, 1: server
    CsmaHelper csma;
    csma.SetChannelAttribute("DataRate", StringValue("1Gbps"));
    csma.SetChannelAttribute("Delay", TimeValue(MicroSeconds(10)));
    NetDeviceContainer devices = csma.Install(nodes);
    InternetStackHelper().Install(nodes);
    Ipv4AddressHelper addresses("10.0.0.0", "255.255.255.0");
    Ipv4InterfaceContainer interfaces = addresses.Assign(devices);

    // The client's direction fails: the server's device drops what it receives.
    Ptr<RateErrorModel> loss = CreateObject<RateErrorModel>();
    loss->SetUnit(RateErrorModel::ERROR_UNIT_PACKET);
    loss->SetRate(1.0);
    loss->Disable();
    devices.Get(1)->SetAttribute("ReceiveErrorModel", PointerValue(loss));
    Simulator::Schedule(Seconds(20), &ErrorModel::Enable, loss);
    Simulator::Schedule(Seconds(43), &ErrorModel::Disable, loss);

    Ptr<TcpProbeServer> server = CreateObject<TcpProbeServer>();
    server->SetAttribute("KeepRtoBackoff", BooleanValue(keep));
    nodes.Get(1)->AddApplication(server);
    uint32_t serverSockets = 0;
    Simulator::Schedule(Seconds(10), &CountBackoffSockets, nodes.Get(1), &serverSockets);
    Ptr<TcpProbeClient> client = CreateObject<TcpProbeClient>();
    client->SetAttribute("KeepRtoBackoff", BooleanValue(keep));
    client->SetAttribute("Interval", TimeValue(Seconds(0.1)));
    client->AddTarget(interfaces.GetAddress(1));
    nodes.Get(0)->AddApplication(client);
    server->SetStartTime(Seconds(0));
    client->SetStartTime(Seconds(1));
    client->SetStopTime(Seconds(60));
    Simulator::Stop(Seconds(61));
    Simulator::Run();
    OneWayLossRun run{client->GetConnection(0), serverSockets};
    Simulator::Destroy();
    return run;
}

TEST(TcpBackoff, Ns3PureAcksUndoTheBackoffAndTheConnectionClosesAfter17s)
{
    OneWayLossRun r = RunOneWayLoss(false);
    const TcpConnectionRecord& c = r.connection;
    EXPECT_EQ(r.serverSockets, 0u);
    EXPECT_FALSE(c.opened.IsNegative());
    EXPECT_EQ(c.closeReason, "timeout");
    // First unanswered request at 20.0 s; RTOs 1, 2, 2, 4, 2, 4, 2 s.
    EXPECT_GT(c.closed, Seconds(36.9));
    EXPECT_LT(c.closed, Seconds(37.1));
    EXPECT_FALSE(c.Survived());
}

TEST(TcpBackoff, KeptBackoffRidesOutTheOneWayLoss)
{
    OneWayLossRun r = RunOneWayLoss(true);
    const TcpConnectionRecord& c = r.connection;
    EXPECT_GE(r.serverSockets, 2u); // the listener and the accepted connection
    EXPECT_TRUE(c.Survived()) << "closed at " << c.closed.As(Time::S) << ": " << c.closeReason;
    EXPECT_EQ(c.closeReason, "");
    // The stall: the last answer before 20 s to the answer of the retransmission at 51 s
    // (RTOs 1, 2, 4, 8, 16 s from 20 s), the first after the repair at 43 s.
    EXPECT_GE(c.stallStart, Seconds(19.85));
    EXPECT_LE(c.stallStart, Seconds(20.0));
    EXPECT_GT(c.longestStall, Seconds(30.9));
    EXPECT_LT(c.longestStall, Seconds(31.3));
    EXPECT_EQ(c.answered, c.sent);
}

} // namespace
