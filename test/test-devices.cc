/*
 * zos-takeover: the OSA port and VIPA devices on their own.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ns3/lan-helper.h"
#include "ns3/lan.h"
#include "ns3/lcs-net-device.h"
#include "ns3/mpcipa-net-device.h"
#include "ns3/node.h"
#include "ns3/osa-net-device.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/vipa-net-device.h"

#include <gtest/gtest.h>

using namespace ns3;

namespace
{

TEST(Devices, OsaPortFailsAndRecovers)
{
    Ptr<Lan> lan = LanHelper().Create("LAN");
    Ptr<Node> node = CreateObject<Node>();
    Ptr<MpcipaNetDevice> port = CreateObject<MpcipaNetDevice>();
    lan->Attach(node, port);
    std::vector<bool> states;
    uint32_t drops = 0;
    port->TraceConnectWithoutContext("PortState",
                                     MakeBoundCallback(
                                         +[](std::vector<bool>* s, bool up) { s->push_back(up); },
                                         &states));
    port->TraceConnectWithoutContext("PortDrop",
                                     MakeBoundCallback(
                                         +[](uint32_t* n, Ptr<const Packet>) { ++*n; },
                                         &drops));
    EXPECT_EQ(port->GetKindName(), "MPCIPA");
    EXPECT_TRUE(port->IsLinkUp());
    EXPECT_TRUE(port->Send(Create<Packet>(10), port->GetBroadcast(), 0x0800));

    port->SetPortFailed(true);
    EXPECT_TRUE(port->IsPortFailed());
    EXPECT_FALSE(port->IsLinkUp());
    EXPECT_FALSE(port->Send(Create<Packet>(10), port->GetBroadcast(), 0x0800));
    EXPECT_FALSE(
        port->SendFrom(Create<Packet>(10), port->GetAddress(), port->GetBroadcast(), 0x0800));
    EXPECT_EQ(drops, 2u);
    port->SetPortFailed(true); // no change, no trace
    port->SetPortFailed(false);
    EXPECT_TRUE(port->IsLinkUp());
    EXPECT_EQ(states, (std::vector<bool>{false, true}));
    EXPECT_EQ(CreateObject<LcsNetDevice>()->GetKindName(), "LCS");
    Simulator::Destroy();
}

TEST(Devices, VipaDeviceIsAlwaysUpAndSendsNothing)
{
    Ptr<VipaNetDevice> vipa = CreateObject<VipaNetDevice>();
    EXPECT_TRUE(vipa->IsLinkUp());
    EXPECT_EQ(vipa->GetChannel(), nullptr);
    EXPECT_FALSE(vipa->NeedsArp());
    EXPECT_FALSE(vipa->IsBroadcast());
    EXPECT_FALSE(vipa->Send(Create<Packet>(10), vipa->GetBroadcast(), 0x0800));
    // no trace sources: the VIRTUAL device keeps no counters (seed 002)
    EXPECT_EQ(VipaNetDevice::GetTypeId().GetTraceSourceN(), 0u);
}

} // namespace
