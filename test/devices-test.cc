/*
 * zos-takeover: the OSA port and VIPA devices on their own.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "zos-test-utilities.h"

#include "ns3/lan-helper.h"
#include "ns3/lan.h"
#include "ns3/node.h"
#include "ns3/lcs-net-device.h"
#include "ns3/mpcipa-net-device.h"
#include "ns3/osa-net-device.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/vipa-net-device.h"

using namespace ns3;
using namespace zostest;

namespace
{

/** Devices.OsaPortFailsAndRecovers */
class DevicesOsaPortFailsAndRecoversTestCase : public ZosTestCase
{
  public:
    DevicesOsaPortFailsAndRecoversTestCase()
        : ZosTestCase("Devices.OsaPortFailsAndRecovers")
    {
    }

  private:
    void DoRun() override;
};

void
DevicesOsaPortFailsAndRecoversTestCase::DoRun()
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
    NS_TEST_EXPECT_MSG_EQ(port->GetKindName(), "MPCIPA", "port->GetKindName() == \"MPCIPA\"");
    NS_TEST_EXPECT_MSG_EQ(bool(port->IsLinkUp()), true, "port->IsLinkUp()");
    NS_TEST_EXPECT_MSG_EQ(bool(port->Send(Create<Packet>(10), port->GetBroadcast(), 0x0800)),
                          true,
                          "port->Send(Create<Packet>(10), port->GetBroadcast(), 0x0800)");

    port->SetPortFailed(true);
    NS_TEST_EXPECT_MSG_EQ(bool(port->IsPortFailed()), true, "port->IsPortFailed()");
    NS_TEST_EXPECT_MSG_EQ(bool(port->IsLinkUp()), false, "port->IsLinkUp()");
    NS_TEST_EXPECT_MSG_EQ(bool(port->Send(Create<Packet>(10), port->GetBroadcast(), 0x0800)),
                          false,
                          "port->Send(Create<Packet>(10), port->GetBroadcast(), 0x0800)");
    NS_TEST_EXPECT_MSG_EQ(
        bool(port->SendFrom(Create<Packet>(10), port->GetAddress(), port->GetBroadcast(), 0x0800)),
        false,
        "port->SendFrom(Create<Packet>(10), port->GetAddress(), port->GetBroadcast(), 0x0800)");
    NS_TEST_EXPECT_MSG_EQ(drops, 2u, "drops == 2u");
    port->SetPortFailed(true); // no change, no trace
    port->SetPortFailed(false);
    NS_TEST_EXPECT_MSG_EQ(bool(port->IsLinkUp()), true, "port->IsLinkUp()");
    NS_TEST_EXPECT_MSG_EQ(states,
                          (std::vector<bool>{false, true}),
                          "states == (std::vector<bool>{false, true})");
    NS_TEST_EXPECT_MSG_EQ(CreateObject<LcsNetDevice>()->GetKindName(),
                          "LCS",
                          "CreateObject<LcsNetDevice>()->GetKindName() == \"LCS\"");
    Simulator::Destroy();
}

/** Devices.VipaDeviceIsAlwaysUpAndSendsNothing */
class DevicesVipaDeviceIsAlwaysUpAndSendsNothingTestCase : public ZosTestCase
{
  public:
    DevicesVipaDeviceIsAlwaysUpAndSendsNothingTestCase()
        : ZosTestCase("Devices.VipaDeviceIsAlwaysUpAndSendsNothing")
    {
    }

  private:
    void DoRun() override;
};

void
DevicesVipaDeviceIsAlwaysUpAndSendsNothingTestCase::DoRun()
{
    Ptr<VipaNetDevice> vipa = CreateObject<VipaNetDevice>();
    NS_TEST_EXPECT_MSG_EQ(bool(vipa->IsLinkUp()), true, "vipa->IsLinkUp()");
    NS_TEST_EXPECT_MSG_EQ(vipa->GetChannel(), nullptr, "vipa->GetChannel() == nullptr");
    NS_TEST_EXPECT_MSG_EQ(bool(vipa->NeedsArp()), false, "vipa->NeedsArp()");
    NS_TEST_EXPECT_MSG_EQ(bool(vipa->IsBroadcast()), false, "vipa->IsBroadcast()");
    NS_TEST_EXPECT_MSG_EQ(bool(vipa->Send(Create<Packet>(10), vipa->GetBroadcast(), 0x0800)),
                          false,
                          "vipa->Send(Create<Packet>(10), vipa->GetBroadcast(), 0x0800)");
    // no trace sources: the VIRTUAL device keeps no counters (seed 002)
    NS_TEST_EXPECT_MSG_EQ(VipaNetDevice::GetTypeId().GetTraceSourceN(),
                          0u,
                          "VipaNetDevice::GetTypeId().GetTraceSourceN() == 0u");
}

} // namespace

void
zostest::AddDevicesCases(CaseList& cases)
{
    cases.Add<DevicesOsaPortFailsAndRecoversTestCase>();
    cases.Add<DevicesVipaDeviceIsAlwaysUpAndSendsNothingTestCase>();
}
