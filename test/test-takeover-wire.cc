/*
 * zos-takeover: takeover as seen on the wire (ARP frames captured on each LAN).
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "zos-test-util.h"

#include "ns3/boolean.h"
#include "ns3/config.h"

#include <gtest/gtest.h>
#include <set>

using namespace zostest;

namespace
{

std::multiset<std::string>
Addresses(const std::vector<WireArp>& arps)
{
    std::multiset<std::string> out;
    for (const auto& a : arps)
    {
        out.insert(Str(a.senderIp));
    }
    return out;
}

TEST(TakeoverWire, AtStartupOsa1AndOsa4AnnounceBothVipas)
{
    Observed o(Seed001({"duration=30"}));
    auto garps = o.Gratuitous(0, 20);
    std::multiset<std::string> lan1, lan2;
    for (const auto& a : garps)
    {
        EXPECT_EQ(a.ethDestination, Mac48Address::GetBroadcast());
        EXPECT_EQ(a.ethSource, a.senderMac);
        bool vipa = Str(a.senderIp).rfind("10.", 0) == 0;
        if (vipa)
        {
            // Only the VipaOwners (OSA1 on LAN1, OSA4 on LAN2) announce VIPAs.
            EXPECT_EQ(a.senderMac, o.mac.at(a.lan == "LAN1" ? "OSA1" : "OSA4"));
        }
        (a.lan == "LAN1" ? lan1 : lan2).insert(Str(a.senderIp));
    }
    // Each link announces its own HOME address when it starts.
    EXPECT_EQ(
        lan1,
        (std::multiset<std::string>{"192.168.1.1", "192.168.1.2", "10.1.1.1", "10.100.100.1"}));
    EXPECT_EQ(
        lan2,
        (std::multiset<std::string>{"192.168.2.3", "192.168.2.4", "10.1.1.1", "10.100.100.1"}));
}

TEST(TakeoverWire, AfterOsa1FailsOsa2AnnouncesExactlyOsa1AndTheVipas)
{
    Observed o(Seed001({"duration=40"}));
    auto garps = o.Gratuitous(20, 40);
    EXPECT_EQ(Addresses(garps),
              (std::multiset<std::string>{"192.168.1.1", "10.1.1.1", "10.100.100.1"}));
    for (const auto& a : garps)
    {
        EXPECT_EQ(a.lan, "LAN1");
        EXPECT_EQ(a.senderMac, o.mac.at("OSA2"));
        EXPECT_EQ(a.ethSource, o.mac.at("OSA2"));
        EXPECT_EQ(a.ethDestination, Mac48Address::GetBroadcast());
        // Sent when the stack notices the failure: detection delay 100 ms.
        EXPECT_GE(a.time, Seconds(20.1));
        EXPECT_LT(a.time, Seconds(20.1001));
    }
}

TEST(TakeoverWire, OnlyTheOwnerAnswersArpRequests)
{
    Observed o(Seed001({"duration=40"}));
    // Every request for 192.168.1.1 gets exactly one reply: from OSA1 before the failure,
    // from OSA2 after the takeover.
    uint32_t requests = 0;
    for (const auto& req : o.arps)
    {
        if (!req.request || req.Gratuitous() || req.Probe() || Str(req.targetIp) != "192.168.1.1" ||
            req.lan != "LAN1")
        {
            continue;
        }
        ++requests;
        std::vector<WireArp> replies;
        for (const auto& rep : o.arps)
        {
            if (!rep.request && rep.senderIp == req.targetIp &&
                rep.ethDestination == req.senderMac && rep.time >= req.time &&
                rep.time < req.time + MilliSeconds(5))
            {
                replies.push_back(rep);
            }
        }
        if (req.time > Seconds(20) && req.time < Seconds(20.1))
        {
            EXPECT_TRUE(replies.empty()); // OSA1's port is down, OSA2 does not own it yet
            continue;
        }
        ASSERT_EQ(replies.size(), 1u) << "request at " << req.time.GetSeconds();
        EXPECT_EQ(replies[0].senderMac, o.mac.at(req.time < Seconds(20) ? "OSA1" : "OSA2"));
    }
    EXPECT_GE(requests, 3u); // one per client on LAN1 at least
}

TEST(TakeoverWire, GratuitousArpCountAndSpacing)
{
    Observed o(Seed001(
        {"duration=40", "stacks[0].gratuitousArpCount=3", "stacks[0].gratuitousArpInterval=0.5"}));
    auto garps = o.Gratuitous(20, 40);
    ASSERT_EQ(garps.size(), 9u);
    std::map<std::string, std::vector<double>> times;
    for (const auto& a : garps)
    {
        times[Str(a.senderIp)].push_back(a.time.GetSeconds());
    }
    for (const auto& [address, t] : times)
    {
        ASSERT_EQ(t.size(), 3u) << address;
        EXPECT_NEAR(t[0], 20.1, 1e-3);
        EXPECT_NEAR(t[1], 20.6, 1e-3);
        EXPECT_NEAR(t[2], 21.1, 1e-3);
    }
}

TEST(TakeoverWire, LostGratuitousArpsNeverReachTheWire)
{
    Observed o(Seed001({"duration=40", "stacks[0].gratuitousArpLoss=1"}));
    // Every announcement is subject to the loss model, the links' own HOME addresses at
    // start-up too (LanGroup discovery uses ARP probes, which are not announcements).
    EXPECT_TRUE(o.Gratuitous(0, 40).empty());
    EXPECT_EQ(o.Timeline("gratuitous-arp").size(), 0u);
    // 4 HOME addresses + 2 VIPAs x 2 LanGroups at startup + OSA1's address and 2 VIPAs at the
    // takeover.
    EXPECT_EQ(o.Timeline("gratuitous-arp-lost").size(), 4u + 4u + 3u);
    // LanGroups formed anyway.
    EXPECT_NE(o.Devlinks("after portFailure TCPIPA/OSA1")
                  .find("  OSA2      Active      OSA2       yes\n"),
              std::string::npos);
}

TEST(TakeoverWire, PartialLossIsSeededAndReproducible)
{
    auto lost = [](uint32_t seed) {
        Observed o(Seed001({"duration=40",
                            "seed=" + std::to_string(seed),
                            "stacks[0].gratuitousArpCount=20",
                            "stacks[0].gratuitousArpInterval=0.01",
                            "stacks[0].gratuitousArpLoss=0.5"}));
        std::vector<double> t;
        for (const auto& row : o.Timeline("gratuitous-arp-lost"))
        {
            t.push_back(row.time.GetSeconds());
        }
        return t;
    };
    auto a = lost(7);
    EXPECT_EQ(a, lost(7));
    EXPECT_GT(a.size(), 40u); // about half of 11 x 20
    EXPECT_LT(a.size(), 180u);
}

TEST(TakeoverWire, LcsLinksBehaveLikeMpcipa)
{
    Observed o(
        Seed001({"duration=40", "stacks[0].links[0].kind=LCS", "stacks[0].links[1].kind=LCS"}));
    auto garps = o.Gratuitous(20, 40);
    EXPECT_EQ(Addresses(garps),
              (std::multiset<std::string>{"192.168.1.1", "10.1.1.1", "10.100.100.1"}));
    for (const auto& a : garps)
    {
        EXPECT_EQ(a.senderMac, o.mac.at("OSA2"));
    }
}

TEST(TakeoverWire, LinkStopTakesOverAtOnce)
{
    Observed o(Seed001({"duration=40", "events[0].type=linkStop"}));
    auto garps = o.Gratuitous(20, 40);
    ASSERT_EQ(garps.size(), 3u);
    for (const auto& a : garps)
    {
        EXPECT_LT(a.time, Seconds(20.0001)); // no detection delay
    }
}

TEST(TakeoverWire, RepairedLinkReclaimsItsHomeAddressOnly)
{
    Scenario sc = Seed001({"duration=40"});
    sc.events.push_back({30.0, "portRepair", "TCPIPA", "OSA1", ""});
    Observed o(sc);
    auto garps = o.Gratuitous(30, 40);
    ASSERT_EQ(garps.size(), 1u);
    EXPECT_EQ(Str(garps[0].senderIp), "192.168.1.1");
    EXPECT_EQ(garps[0].senderMac, o.mac.at("OSA1"));
    EXPECT_NEAR(garps[0].time.GetSeconds(), 30.1, 1e-3);
    std::string after = o.Devlinks("after portRepair TCPIPA/OSA1");
    EXPECT_NE(after.find("  OSA1      Active      OSA1       no\n"), std::string::npos) << after;
    EXPECT_NE(after.find("  OSA2      Active      OSA2       yes\n"), std::string::npos) << after;
}

TEST(TakeoverWire, BlipShorterThanTheDetectionDelayIsNeverNoticed)
{
    Scenario sc = Seed001({"duration=40"});
    sc.events.push_back({20.05, "portRepair", "TCPIPA", "OSA1", ""});
    Observed o(sc);
    EXPECT_TRUE(o.Gratuitous(20, 40).empty());
    EXPECT_TRUE(o.Timeline("link-inactive").empty());
    EXPECT_EQ(o.Timeline("port-failure").size(), 1u);
    EXPECT_EQ(o.Timeline("port-repair").size(), 1u);
    std::string after = o.Devlinks("after portRepair TCPIPA/OSA1");
    EXPECT_NE(after.find("  OSA1      Active      OSA1       yes\n"), std::string::npos) << after;
    // the probe sent at 20.0 s hit the failed port; the next one (20.1 s) is sent after the
    // repair: the failure's window closes at the repair with no reply in it (not recovered,
    // the outage is the 50 ms window)
    const OutageRow& row = o.Outage(0, "CLIENT1", "192.168.1.1");
    ASSERT_TRUE(row.measured);
    EXPECT_EQ(row.windowEnd, Seconds(20.05));
    EXPECT_EQ(row.sent, 1u);
    EXPECT_EQ(row.lost, 1u);
    EXPECT_FALSE(row.recovered);
    EXPECT_EQ(row.outage, MilliSeconds(50));
    // The repair's row shows the rest of the interruption: from the repair to the reply to
    // the request sent at 20.1 s.
    const OutageRow& repair = o.Outage(1, "CLIENT1", "192.168.1.1");
    ASSERT_TRUE(repair.measured);
    EXPECT_FALSE(repair.reachableAtEvent);
    EXPECT_TRUE(repair.recovered);
    EXPECT_GE(repair.outage, MilliSeconds(50));
    EXPECT_LT(repair.outage, MilliSeconds(60));
}

TEST(TakeoverWire, VipaGiveBackMovesTheVipasBack)
{
    Scenario sc = Seed001({"duration=40", "stacks[0].vipaGiveBack=true"});
    sc.events.push_back({30.0, "portRepair", "TCPIPA", "OSA1", ""});
    Observed o(sc);
    auto garps = o.Gratuitous(30, 40);
    EXPECT_EQ(Addresses(garps),
              (std::multiset<std::string>{"192.168.1.1", "10.1.1.1", "10.100.100.1"}));
    for (const auto& a : garps)
    {
        EXPECT_EQ(a.senderMac, o.mac.at("OSA1"));
    }
}

TEST(TakeoverWire, AddedVipaIsAnnouncedInEachLanGroup)
{
    Scenario sc = Seed001({"duration=30"});
    sc.events.insert(sc.events.begin(), {10.0, "vipaAdd", "TCPIPA", "", "10.7.7.7"});
    Observed o(sc);
    auto garps = o.Gratuitous(10, 11);
    ASSERT_EQ(garps.size(), 2u);
    std::set<std::string> lans;
    for (const auto& a : garps)
    {
        EXPECT_EQ(Str(a.senderIp), "10.7.7.7");
        lans.insert(a.lan);
        EXPECT_EQ(a.senderMac, o.mac.at(a.lan == "LAN1" ? "OSA1" : "OSA4"));
    }
    EXPECT_EQ(lans, (std::set<std::string>{"LAN1", "LAN2"}));
}

TEST(TakeoverWire, FailedStackAnnouncesNothingAndAnswersNothing)
{
    Scenario sc = Seed001({"duration=40"});
    sc.events[0].type = "stackFailure";
    sc.events[0].link = "";
    Observed o(sc);
    EXPECT_TRUE(o.Gratuitous(20, 40).empty());
    for (const auto& a : o.arps)
    {
        if (a.time > Seconds(20))
        {
            EXPECT_TRUE(a.request) << "reply at " << a.time.GetSeconds();
        }
    }
    EXPECT_FALSE(o.Outage(0, "CLIENT1", "192.168.1.2").recovered);
}

TEST(TakeoverWire, StackLearnsTheRequesterFromItsArpRequest)
{
    // A link that answers a station's ARP request learns the station's MAC (RFC 826): after
    // that answer it never asks for that station (but for a request ns-3 had already
    // scheduled: stock ARP sends its requests after a random jitter of up to 10 ms). Without
    // learning the links ask more.
    auto stackRequests = [](const Observed& o) {
        uint32_t n = 0;
        for (const auto& a : o.arps)
        {
            for (const char* link : {"OSA1", "OSA2"})
            {
                n += a.request && !a.Gratuitous() && a.senderMac == o.mac.at(link);
            }
        }
        return n;
    };
    Observed learning(Seed001({"duration=10", "events[0].at=9.5"}));
    Config::SetDefault("ns3::ZosStack::ArpLearnFromRequests", BooleanValue(false));
    Observed stock(Seed001({"duration=10", "events[0].at=9.5"}));
    Config::SetDefault("ns3::ZosStack::ArpLearnFromRequests", BooleanValue(true));

    uint32_t checked = 0;
    for (const auto& reply : learning.arps)
    {
        if (reply.request || reply.lan != "LAN1")
        {
            continue;
        }
        // reply.senderMac answered the station at reply.ethDestination: find the station IP
        for (const auto& q : learning.arps)
        {
            if (!q.request || q.senderMac != reply.ethDestination || q.time > reply.time)
            {
                continue;
            }
            for (const auto& later : learning.arps)
            {
                EXPECT_FALSE(later.request && later.time > reply.time + MilliSeconds(10) &&
                             later.senderMac == reply.senderMac && later.targetIp == q.senderIp)
                    << "asked again for " << Str(q.senderIp) << " at " << later.time.GetSeconds();
            }
            ++checked;
        }
    }
    EXPECT_GT(checked, 5u);
    EXPECT_LT(stackRequests(learning), stackRequests(stock));
    // Either way every probe of CLIENT1 is answered, but for the first round without
    // learning: the stack then resolves CLIENT1 with ns-3's ARP, whose cache holds 3 packets
    // pending (PendingQueueSize) while the four replies of that round may all be waiting,
    // depending on the ARP request jitter drawn.
    for (const Observed* o : {&learning, &stock})
    {
        for (const auto& p : o->result.probes)
        {
            if (p.client == "CLIENT1" && p.sent < Seconds(9) && (o == &learning || p.sequence > 0))
            {
                EXPECT_FALSE(p.received.IsNegative()) << p.target << " " << p.sequence;
            }
        }
    }
}

TEST(TakeoverWire, TieredSwitchIsOneBroadcastDomain)
{
    // LAN1 built from access switches of 2 ports (an uplink and one attachment) under a core
    // switch: the same frames cross it, each captured once, and the takeover is the same.
    Observed flat(Seed001({"duration=30"}));
    Observed tiered(Seed001({"duration=30", "lans[0].maxPortsPerSwitch=2"}));
    // Each frame is captured once (hooking the uplinks too would count most of them two or
    // three times); the extra hops shift timings by microseconds, which may change a few
    // ARP exchanges, hence the 0.5 % tolerance.
    for (const char* lan : {"LAN1", "LAN2"})
    {
        double f = flat.frames.at(lan);
        EXPECT_NEAR(tiered.frames.at(lan), f, 0.005 * f) << lan;
    }
    auto garps = tiered.Gratuitous(20, 30);
    EXPECT_EQ(Addresses(garps),
              (std::multiset<std::string>{"192.168.1.1", "10.1.1.1", "10.100.100.1"}));
    EXPECT_EQ(tiered.Devlinks("after portFailure TCPIPA/OSA1"),
              flat.Devlinks("after portFailure TCPIPA/OSA1"));
    const OutageRow& row = tiered.Outage(0, "CLIENT1", "192.168.1.1");
    EXPECT_GE(row.outage.GetSeconds(), 0.1);
    EXPECT_LE(row.outage.GetSeconds(), 0.2 + 0.005);
}

} // namespace
