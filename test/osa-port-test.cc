/*
 * zos-takeover: an OSA-2 (LCS) port shared by two stacks, with its OSA Address Table, as seen
 * on the wire.
 *
 * Seed 003 (II11926, OSA-2 Configuration Tips with Port Sharing): "in Port Sharing Mode, the
 * OAT must be configured with all destination IP addresses that are to be handled by the
 * TCP/IP stacks sharing the port. Datagrams (and ARP packets) that do not match these
 * configured IP addresses will either be discarded by the adapter, or, if a PRIMARY or
 * SECONDARY entry is defined in the OAT, these unrecognized packets will be presented to the
 * PRIMARY or SECONDARY TCP/IP Stacks." and "When a packet with an unrecognized (not
 * configured) destination IP address is received, OSA-2 will present the packet to the
 * TCP/IP stack configured as PRIMARY, if that stack is available. If the PRIMARY stack is
 * not available, OSA-2 will present the packet to the stack configured as SECONDARY, if that
 * stack is available."
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "zos-test-utilities.h"

#include "ns3/arp-header.h"
#include "ns3/csma-net-device.h"
#include "ns3/ethernet-header.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/lan-helper.h"
#include "ns3/lan.h"
#include "ns3/lcs-net-device.h"
#include "ns3/node.h"
#include "ns3/osa-port.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/zos-stack-helper.h"

#include <map>
#include <string>
#include <vector>

using namespace zostest;

namespace
{

const Ipv4Address kStation("10.0.0.100");

/** An ARP reply seen on the LAN. */
struct Reply
{
    Mac48Address ethSource; //!< Ethernet source
    Ipv4Address senderIp;   //!< the address answered for
};

/**
 * Two stacks (partitions) OS390-1 and OS390-2, each with one LCS link on the shared port P1
 * (HOME 10.0.0.1 and 10.0.0.3), and a bare station device on the same LAN that puts frames
 * on the wire by hand.
 */
struct SharedPortBed
{
    /** \param lanType the LAN's TypeId ("ns3::zos::SharedLan", "ns3::zos::SwitchedLan") */
    explicit SharedPortBed(const std::string& lanType = "ns3::zos::SharedLan")
    {
        LanHelper lans;
        lans.SetLanType(lanType);
        lan = lans.Create("A");
        ZosStackHelper zos;
        zos.SetStackAttribute("DetectionDelay", TimeValue(Seconds(0.1)));
        stack1 = zos.Install(CreateObject<Node>(), "OS390-1");
        stack2 = zos.Install(CreateObject<Node>(), "OS390-2");
        port = CreateObject<OsaPort>();
        port->SetName("P1");
        dev1 = zos.AddSharedLink(stack1,
                                 "P1",
                                 port,
                                 lan,
                                 Ipv4InterfaceAddress("10.0.0.1", "255.255.255.0"));
        dev2 = zos.AddSharedLink(stack2,
                                 "P1",
                                 port,
                                 lan,
                                 Ipv4InterfaceAddress("10.0.0.3", "255.255.255.0"));
        station = CreateObject<CsmaNetDevice>();
        lan->Attach(CreateObject<Node>(), station);
        lan->EnableCapture();
        lan->TraceConnectWithoutContext("Frame", MakeCallback(&SharedPortBed::Frame, this));
        port->TraceConnectWithoutContext("OatDrop", MakeCallback(&SharedPortBed::Drop, this));
        Watch(stack1);
        Watch(stack2);
        stack1->StartLink("P1");
        stack2->StartLink("P1");
    }

    ~SharedPortBed()
    {
        Simulator::Destroy();
    }

    /** Count the IPv4 datagrams each stack's IP layer receives, per destination. */
    void Watch(Ptr<ZosStack> stack)
    {
        Ptr<Ipv4L3Protocol> ip = stack->GetNode()->GetObject<Ipv4L3Protocol>();
        ip->TraceConnect("Rx", stack->GetName(), MakeCallback(&SharedPortBed::Datagram, this));
    }

    void Datagram(std::string stack, Ptr<const Packet> packet, Ptr<Ipv4>, uint32_t)
    {
        Ipv4Header h;
        packet->PeekHeader(h);
        if (h.GetSource() == kStation)
        {
            ++received[stack + " " + Str(h.GetDestination())];
        }
    }

    void Frame(Ptr<const Packet> frame)
    {
        Ptr<Packet> p = frame->Copy();
        EthernetHeader eth(false);
        p->RemoveHeader(eth);
        ArpHeader arp;
        if (eth.GetLengthType() == 0x0806 && p->RemoveHeader(arp) != 0 && arp.IsReply() &&
            arp.GetDestinationIpv4Address() == kStation)
        {
            replies.push_back(
                {Mac48Address::ConvertFrom(eth.GetSource()), arp.GetSourceIpv4Address()});
        }
    }

    void Drop(Ptr<const Packet>, Ipv4Address destination)
    {
        drops.push_back(Str(destination));
    }

    /** The station sends a datagram to `destination` through the port's MAC at `t`. */
    void SendDatagram(double t, const std::string& destination)
    {
        Simulator::Schedule(Seconds(t), [this, destination] {
            Ptr<Packet> p = Create<Packet>(32);
            Ipv4Header h;
            h.SetSource(kStation);
            h.SetDestination(Ipv4Address(destination.c_str()));
            h.SetProtocol(253); // experimental: no transport protocol answers
            h.SetPayloadSize(p->GetSize());
            h.SetTtl(64);
            p->AddHeader(h);
            station->Send(p, port->GetAddress(), 0x0800);
        });
    }

    /** The station broadcasts an ARP request for `target` at `t`. */
    void SendArpRequest(double t, const std::string& target)
    {
        Simulator::Schedule(Seconds(t), [this, target] {
            Ptr<Packet> p = Create<Packet>();
            ArpHeader arp;
            arp.SetRequest(station->GetAddress(),
                           kStation,
                           Mac48Address::GetBroadcast(),
                           Ipv4Address(target.c_str()));
            p->AddHeader(arp);
            station->Send(p, Mac48Address::GetBroadcast(), 0x0806);
        });
    }

    /** \return the replies answering for `address` */
    std::vector<Reply> RepliesFor(const std::string& address) const
    {
        std::vector<Reply> out;
        for (const auto& r : replies)
        {
            if (Str(r.senderIp) == address)
            {
                out.push_back(r);
            }
        }
        return out;
    }

    Ptr<Lan> lan;
    Ptr<ZosStack> stack1;
    Ptr<ZosStack> stack2;
    Ptr<OsaPort> port;
    Ptr<LcsNetDevice> dev1;
    Ptr<LcsNetDevice> dev2;
    Ptr<CsmaNetDevice> station;
    std::map<std::string, uint32_t> received; //!< "stack destination" -> datagrams
    std::vector<Reply> replies;               //!< ARP replies to the station
    std::vector<std::string> drops;           //!< OatDrop destinations
};

/** OsaPort.OatRoutesDatagramsAndArpToTheNamedPartitionOnly (on both LAN kinds) */
class OsaPortOatRoutesTestCase : public ZosTestCase
{
  public:
    /** \param lanType the LAN kind's TypeId */
    explicit OsaPortOatRoutesTestCase(const std::string& lanType)
        : ZosTestCase("OsaPort.OatRoutesDatagramsAndArpToTheNamedPartitionOnly/" + lanType),
          m_lanType(lanType)
    {
    }

  private:
    void DoRun() override;
    std::string m_lanType; //!< the LAN kind's TypeId
};

void
OsaPortOatRoutesTestCase::DoRun()
{
    SharedPortBed bed(m_lanType);
    NS_TEST_EXPECT_MSG_EQ(bed.dev1->GetAddress(), bed.dev2->GetAddress(), "one MAC per port");
    NS_TEST_EXPECT_MSG_EQ(bed.port->AddEntry("10.0.0.1", "OS390-1"), true, "entry 1");
    NS_TEST_EXPECT_MSG_EQ(bed.port->AddEntry("10.0.0.3", "OS390-2"), true, "entry 2");
    // OS390-1 has a VIPA the OAT does not list yet: the adapter discards the ARP for it.
    bed.stack1->AddVipa("10.0.0.5");
    bed.SendDatagram(1.0, "10.0.0.1");
    bed.SendDatagram(1.1, "10.0.0.3");
    bed.SendDatagram(1.2, "10.0.0.9");
    bed.SendArpRequest(2.0, "10.0.0.1");
    bed.SendArpRequest(2.1, "10.0.0.3");
    bed.SendArpRequest(2.2, "10.0.0.9");
    bed.SendArpRequest(2.3, "10.0.0.5");
    Simulator::Schedule(Seconds(3), [&bed] { bed.port->AddEntry("10.0.0.5", "OS390-1"); });
    bed.SendArpRequest(3.1, "10.0.0.5");
    Simulator::Stop(Seconds(4));
    Simulator::Run();

    NS_TEST_EXPECT_MSG_EQ(bed.received["OS390-1 10.0.0.1"], 1u, "OS390-1 gets its datagram");
    NS_TEST_EXPECT_MSG_EQ(bed.received["OS390-2 10.0.0.1"], 0u, "OS390-2 does not");
    NS_TEST_EXPECT_MSG_EQ(bed.received["OS390-2 10.0.0.3"], 1u, "OS390-2 gets its datagram");
    NS_TEST_EXPECT_MSG_EQ(bed.received["OS390-1 10.0.0.3"], 0u, "OS390-1 does not");
    NS_TEST_EXPECT_MSG_EQ(bed.received["OS390-1 10.0.0.9"] + bed.received["OS390-2 10.0.0.9"],
                          0u,
                          "nobody gets a datagram for an address not in the OAT");
    auto r1 = bed.RepliesFor("10.0.0.1");
    auto r3 = bed.RepliesFor("10.0.0.3");
    NS_TEST_ASSERT_MSG_EQ(r1.size(), 1u, "one reply for 10.0.0.1");
    NS_TEST_ASSERT_MSG_EQ(r3.size(), 1u, "one reply for 10.0.0.3");
    NS_TEST_EXPECT_MSG_EQ(r1[0].ethSource, bed.port->GetAddress(), "from the port's MAC");
    NS_TEST_EXPECT_MSG_EQ(r3[0].ethSource, bed.port->GetAddress(), "from the port's MAC");
    NS_TEST_EXPECT_MSG_EQ(bed.RepliesFor("10.0.0.9").size(), 0u, "no reply for 10.0.0.9");
    // The VIPA is answered only once the OAT lists it (the stack answers both times).
    NS_TEST_EXPECT_MSG_EQ(bed.RepliesFor("10.0.0.5").size(), 1u, "one reply for the VIPA");
    // Dropped once per frame (not once per partition): the datagram and ARP for 10.0.0.9,
    // the ARP for the VIPA before its entry.
    NS_TEST_EXPECT_MSG_EQ(bed.drops,
                          (std::vector<std::string>{"10.0.0.9", "10.0.0.9", "10.0.0.5"}),
                          "OatDrop destinations");
    NS_TEST_EXPECT_MSG_EQ(bed.port->GetDropCount(), 3u, "drop count");
}

/** The same on a SharedLan. */
class OsaPortOatRoutesSharedLanTestCase : public OsaPortOatRoutesTestCase
{
  public:
    OsaPortOatRoutesSharedLanTestCase()
        : OsaPortOatRoutesTestCase("ns3::zos::SharedLan")
    {
    }
};

/** The same on a SwitchedLan: the partitions share one segment, so one bridge port. */
class OsaPortOatRoutesSwitchedLanTestCase : public OsaPortOatRoutesTestCase
{
  public:
    OsaPortOatRoutesSwitchedLanTestCase()
        : OsaPortOatRoutesTestCase("ns3::zos::SwitchedLan")
    {
    }
};

/** The same on a FastSwitchedLan: the partitions share one segment, so one switch port. */
class OsaPortOatRoutesFastLanTestCase : public OsaPortOatRoutesTestCase
{
  public:
    OsaPortOatRoutesFastLanTestCase()
        : OsaPortOatRoutesTestCase("ns3::zos::FastSwitchedLan")
    {
    }
};

/** OsaPort.UnknownDestinationsGoToThePrimaryThenTheSecondary */
class OsaPortPrimarySecondaryTestCase : public ZosTestCase
{
  public:
    OsaPortPrimarySecondaryTestCase()
        : ZosTestCase("OsaPort.UnknownDestinationsGoToThePrimaryThenTheSecondary")
    {
    }

  private:
    void DoRun() override;
};

void
OsaPortPrimarySecondaryTestCase::DoRun()
{
    SharedPortBed bed;
    NS_TEST_EXPECT_MSG_EQ(bed.port->AddEntry("10.0.0.1", "OS390-1", OsaPort::Mode::Primary),
                          true,
                          "PRIMARY entry");
    NS_TEST_EXPECT_MSG_EQ(bed.port->AddEntry("10.0.0.3", "OS390-2", OsaPort::Mode::Secondary),
                          true,
                          "SECONDARY entry");
    NS_TEST_EXPECT_MSG_EQ(bed.port->AddEntry("10.0.0.4", "OS390-2", OsaPort::Mode::Primary),
                          false,
                          "a second PRIMARY partition is refused");
    bed.SendDatagram(1.0, "10.0.0.9");
    bed.SendDatagram(1.1, "10.0.0.3"); // in the table: its own partition, not the PRIMARY
    Simulator::Schedule(Seconds(2), &ZosStack::Fail, bed.stack1);
    bed.SendDatagram(3.0, "10.0.0.9");
    Simulator::Stop(Seconds(4));
    Simulator::Run();
    NS_TEST_EXPECT_MSG_EQ(bed.received["OS390-1 10.0.0.9"], 1u, "the PRIMARY while it is up");
    NS_TEST_EXPECT_MSG_EQ(bed.received["OS390-2 10.0.0.3"], 1u, "10.0.0.3 to OS390-2");
    NS_TEST_EXPECT_MSG_EQ(bed.received["OS390-1 10.0.0.3"], 0u, "not to the PRIMARY");
    NS_TEST_EXPECT_MSG_EQ(bed.received["OS390-2 10.0.0.9"], 1u, "the SECONDARY after");
    NS_TEST_EXPECT_MSG_EQ(bed.port->GetDropCount(), 0u, "nothing discarded");
}

/** OsaPort.TableHoldsAtMost16Addresses */
class OsaPortTableLimitTestCase : public ZosTestCase
{
  public:
    OsaPortTableLimitTestCase()
        : ZosTestCase("OsaPort.TableHoldsAtMost16Addresses")
    {
    }

  private:
    void DoRun() override
    {
        Ptr<OsaPort> port = CreateObject<OsaPort>();
        for (uint32_t i = 1; i <= 16; ++i)
        {
            NS_TEST_EXPECT_MSG_EQ(port->AddEntry(Ipv4Address(0x0a000000 + i), "S"), true, i);
        }
        NS_TEST_EXPECT_MSG_EQ(port->AddEntry("10.0.1.17", "S"), false, "17th entry refused");
        NS_TEST_EXPECT_MSG_EQ(port->AddEntry("10.0.0.1", "T"), false, "duplicate refused");
        NS_TEST_EXPECT_MSG_EQ(port->GetEntries().size(), 16u, "16 entries");
        Simulator::Destroy();
    }
};

/** OsaPort.PortFailureIsSeenByEveryPartition */
class OsaPortFailureTestCase : public ZosTestCase
{
  public:
    OsaPortFailureTestCase()
        : ZosTestCase("OsaPort.PortFailureIsSeenByEveryPartition")
    {
    }

  private:
    void DoRun() override;
};

void
OsaPortFailureTestCase::DoRun()
{
    SharedPortBed bed;
    bed.port->AddEntry("10.0.0.1", "OS390-1");
    bed.port->AddEntry("10.0.0.3", "OS390-2");
    std::vector<std::pair<bool, bool>> seen; // (stack1 link active, stack2 link active)
    auto look = [&seen, &bed] {
        seen.emplace_back(bed.stack1->IsLinkActive(0), bed.stack2->IsLinkActive(0));
    };
    Simulator::Schedule(Seconds(0.9), look);
    Simulator::Schedule(Seconds(1), &OsaPort::SetFailed, bed.port, true);
    Simulator::Schedule(Seconds(1.05), look); // failed, not detected yet
    Simulator::Schedule(Seconds(1.15), look); // both detected (DetectionDelay 0.1 s)
    bed.SendDatagram(1.2, "10.0.0.1");
    Simulator::Schedule(Seconds(2), &OsaPort::SetFailed, bed.port, false);
    Simulator::Schedule(Seconds(2.15), look);
    bed.SendDatagram(2.2, "10.0.0.1");
    Simulator::Stop(Seconds(3));
    Simulator::Run();
    using P = std::pair<bool, bool>;
    NS_TEST_EXPECT_MSG_EQ(
        (seen == std::vector<P>{{true, true}, {true, true}, {false, false}, {true, true}}),
        true,
        "both stacks see the port fail and recover after their delay");
    NS_TEST_EXPECT_MSG_EQ(bed.dev2->IsPortFailed(), false, "repaired");
    NS_TEST_EXPECT_MSG_EQ(bed.received["OS390-1 10.0.0.1"], 1u, "only after the repair");
}

} // namespace

namespace zostest
{

void
AddOsaPortCases(CaseList& cases)
{
    cases.Add<OsaPortOatRoutesSharedLanTestCase>();
    cases.Add<OsaPortOatRoutesSwitchedLanTestCase>();
    cases.Add<OsaPortOatRoutesFastLanTestCase>();
    cases.Add<OsaPortPrimarySecondaryTestCase>();
    cases.Add<OsaPortTableLimitTestCase>();
    cases.Add<OsaPortFailureTestCase>();
}

} // namespace zostest
