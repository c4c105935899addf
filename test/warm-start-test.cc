/*
 * zos-takeover: WarmStartHelper on a network built with the helpers (issue 11 item 2): the
 * entries it makes are ordinary ALIVE ones at the ARP owner's MAC, in the stations' and
 * the stack's caches, and a gratuitous ARP after a takeover still updates a merging
 * station's entry (stock ARP still ignores it).
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "zos-test-utilities.h"

#include "ns3/ipv4-interface.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/lan-helper.h"
#include "ns3/simulator.h"
#include "ns3/station-arp-helper.h"
#include "ns3/station-helper.h"
#include "ns3/warm-start-helper.h"
#include "ns3/zos-stack-helper.h"

using namespace zostest;

namespace
{

/** The ARP cache of a node's interface for a device. */
Ptr<ArpCache>
CacheOf(Ptr<NetDevice> device)
{
    Ptr<Ipv4L3Protocol> ipv4 = device->GetNode()->GetObject<Ipv4L3Protocol>();
    return ipv4->GetInterface(ipv4->GetInterfaceForDevice(device))->GetArpCache();
}

/** "ALIVE aa:bb:..", "NONE", or the state of the cache's entry for an address. */
std::string
EntryText(Ptr<NetDevice> device, const char* address)
{
    ArpCache::Entry* entry = CacheOf(device)->Lookup(Ipv4Address(address));
    if (entry == nullptr)
    {
        return "NONE";
    }
    std::ostringstream os;
    os << (entry->IsAlive() ? "ALIVE " : "OTHER ")
       << Mac48Address::ConvertFrom(entry->GetMacAddress());
    return os.str();
}

/** WarmStartHelper.FillsCachesWithOrdinaryEntries */
class WarmStartHelperFillsCachesWithOrdinaryEntriesTestCase : public ZosTestCase
{
  public:
    WarmStartHelperFillsCachesWithOrdinaryEntriesTestCase()
        : ZosTestCase("WarmStartHelper.FillsCachesWithOrdinaryEntries")
    {
    }

  private:
    void DoRun() override;
};

void
WarmStartHelperFillsCachesWithOrdinaryEntriesTestCase::DoRun()
{
    Mac48Address::ResetAllocationIndex();
    Ptr<Lan> lan = LanHelper().Create("LAN1");
    ZosStackHelper zos;
    Ptr<ZosStack> stack = zos.Install(CreateObject<Node>(), "TCPIPA");
    Ptr<OsaNetDevice> osa1 = zos.AddLink(stack,
                                         "OSA1",
                                         "MPCIPA",
                                         lan,
                                         Ipv4InterfaceAddress("192.168.1.1", "255.255.255.0"));
    Ptr<OsaNetDevice> osa2 = zos.AddLink(stack,
                                         "OSA2",
                                         "MPCIPA",
                                         lan,
                                         Ipv4InterfaceAddress("192.168.1.2", "255.255.255.0"));
    stack->AddVipa(Ipv4Address("10.1.1.1"));
    std::map<std::string, Ptr<NetDevice>> stations;
    for (const char* model : {"rfc826", "stock"})
    {
        StationArpHelper arp;
        arp.SetModel(model);
        StationHelper helper;
        helper.SetArpHelper(arp);
        helper.AddRoute(Ipv4Address("10.1.1.1"), Ipv4Mask("255.255.255.255"));
        std::string address = std::string("192.168.1.") + (model[0] == 'r' ? "101" : "102");
        stations[model] = helper
                              .Install(CreateObject<Node>(),
                                       lan,
                                       Ipv4InterfaceAddress(Ipv4Address(address.c_str()),
                                                            Ipv4Mask("255.255.255.0")))
                              .Get(0);
    }
    Simulator::Schedule(Seconds(0), &ZosStack::StartLink, stack, "OSA1");
    Simulator::Schedule(Seconds(0.1), &ZosStack::StartLink, stack, "OSA2");
    WarmStartHelper warm;
    std::vector<uint64_t> added;
    std::map<std::string, std::string> at1;
    Simulator::Schedule(Seconds(1), [&]() {
        added.push_back(warm.Apply(lan));
        added.push_back(warm.Apply(lan)); // nothing left to add
        for (const auto& [model, device] : stations)
        {
            for (const char* a : {"192.168.1.1", "192.168.1.2", "10.1.1.1"})
            {
                at1[model + " " + a] = EntryText(device, a);
            }
        }
        for (const char* a : {"192.168.1.101", "192.168.1.102"})
        {
            at1[std::string("OSA1 ") + a] = EntryText(osa1, a);
            at1[std::string("OSA2 ") + a] = EntryText(osa2, a);
        }
    });
    Simulator::Schedule(Seconds(2), &ZosStack::FailPort, stack, "OSA1");
    std::map<std::string, std::string> at3;
    Simulator::Schedule(Seconds(3), [&]() {
        for (const auto& [model, device] : stations)
        {
            at3[model] = EntryText(device, "192.168.1.1");
        }
    });
    Simulator::Stop(Seconds(4));
    Simulator::Run();
    Simulator::Destroy();

    std::ostringstream m1;
    std::ostringstream m2;
    m1 << Mac48Address::ConvertFrom(osa1->GetAddress());
    m2 << Mac48Address::ConvertFrom(osa2->GetAddress());
    const std::string alive1 = "ALIVE " + m1.str();
    const std::string alive2 = "ALIVE " + m2.str();
    // Each station: both HOME addresses at their own link, the VIPA at the VipaOwner (OSA1,
    // the first active); the stack: both stations on the link its routing uses.
    NS_TEST_ASSERT_MSG_EQ(added.size(), 2u, "Apply ran twice");
    NS_TEST_EXPECT_MSG_EQ(added[0], 8u, "3 entries per station, 2 in the stack");
    NS_TEST_EXPECT_MSG_EQ(added[1], 0u, "an address with an entry is left alone");
    for (const char* model : {"rfc826", "stock"})
    {
        std::string m(model);
        NS_TEST_EXPECT_MSG_EQ(at1[m + " 192.168.1.1"], alive1, m);
        NS_TEST_EXPECT_MSG_EQ(at1[m + " 192.168.1.2"], alive2, m);
        NS_TEST_EXPECT_MSG_EQ(at1[m + " 10.1.1.1"], alive1, m);
    }
    for (const char* a : {"192.168.1.101", "192.168.1.102"})
    {
        // On one link only: the one the stack's routing sends to the subnet over.
        std::string on1 = at1[std::string("OSA1 ") + a];
        std::string on2 = at1[std::string("OSA2 ") + a];
        const bool onOne = (on1 == "NONE") != (on2 == "NONE");
        const bool alive =
            (on1 + on2).substr(0, 5) == "ALIVE" || (on2 + on1).substr(0, 5) == "ALIVE";
        NS_TEST_EXPECT_MSG_EQ(onOne, true, a << ": " << on1 << ", " << on2);
        NS_TEST_EXPECT_MSG_EQ(alive, true, a << ": " << on1 << ", " << on2);
    }
    // OSA2 took over 192.168.1.1 and announced it: the merging station follows, stock ARP
    // does not (the entries are not static ones that nothing updates, nor updated by magic).
    NS_TEST_EXPECT_MSG_EQ(at3["rfc826"], alive2, "rfc826 merged the gratuitous ARP");
    NS_TEST_EXPECT_MSG_EQ(at3["stock"], alive1, "stock ARP ignored it");
}

} // namespace

void
zostest::AddWarmStartCases(CaseList& cases)
{
    cases.Add<WarmStartHelperFillsCachesWithOrdinaryEntriesTestCase>();
}
