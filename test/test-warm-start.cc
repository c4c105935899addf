/*
 * zos-takeover: warm start (issue 11 item 2): the scenario key warmStart fills the neighbour
 * caches when the first client starts (WarmStartHelper), so stations send no ARP request
 * at start-up; takeovers still go through ARP, and the entries age as usual.
 *
 * scenarios/seed-001-osa1-osa4.json: four clients (rfc826, stock, linux on LAN1; rfc826 on
 * LAN2) probe from 1 s every HOME address and both VIPAs; OSA1 fails at 20 s.
 * test/data/busy-lan.json: 50 stations probe one stack from 1 s.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "zos-test-util.h"

#include "ns3/linux-station-arp.h"
#include "ns3/warm-start-helper.h"

#include <algorithm>
#include <gtest/gtest.h>
#include <sstream>

using namespace zostest;

namespace
{

const std::vector<std::string> kWarm{"/warmStart=true"};

/** \return a MAC as the timeline writes it */
std::string
MacText(Mac48Address mac)
{
    std::ostringstream os;
    os << mac;
    return os.str();
}

Scenario
BusyLan(const std::vector<std::string>& overrides = {})
{
    return LoadScenario(DataDir() + "/busy-lan.json", overrides);
}

/** The ARP requests in [from, to) that ask for an address (no announcement, no probe). */
std::vector<WireArp>
Requests(const Observed& o, double from, double to)
{
    std::vector<WireArp> found;
    for (const auto& a : o.arps)
    {
        if (a.request && !a.Gratuitous() && !a.Probe() && a.time >= Seconds(from) &&
            a.time < Seconds(to))
        {
            found.push_back(a);
        }
    }
    return found;
}

/** The station cache rows with this cause ("warm start", "arp request", ...). */
std::vector<TimelineRow>
CacheRows(const Observed& o, const std::string& cause)
{
    std::vector<TimelineRow> found;
    for (const auto& row : o.Timeline("station-cache-updated"))
    {
        if (row.detail.find("(" + cause + ")") != std::string::npos)
        {
            found.push_back(row);
        }
    }
    return found;
}

TEST(WarmStart, NoStationAsksForAnAddressBeforeTheFirstEvent)
{
    // Cold: every client resolves each target (and the stack some clients) at 1 s.
    Observed cold(Seed001());
    EXPECT_GE(Requests(cold, 0, 20).size(), 4u);
    Observed warm(Seed001(kWarm));
    for (const auto& a : Requests(warm, 0, 20))
    {
        ADD_FAILURE() << "request at " << a.time.As(Time::S) << " from " << a.senderIp << " for "
                      << a.targetIp;
    }
    // The links still announce themselves (LanGroup probes, gratuitous ARPs) at start-up.
    EXPECT_EQ(Addresses(warm.Gratuitous(0, 1)), Addresses(cold.Gratuitous(0, 1)));
    // The entries were set when the first client started, for every client and the four
    // addresses each reaches directly (its subnet's HOME addresses and both VIPAs).
    auto rows = CacheRows(warm, "warm start");
    EXPECT_EQ(rows.size(), 16u);
    for (const auto& row : rows)
    {
        EXPECT_EQ(row.time, Seconds(1)) << row.node << " " << row.address;
    }
    EXPECT_TRUE(CacheRows(cold, "warm start").empty());
    // Nothing was lost at start-up either way.
    for (const auto* o : {&cold, &warm})
    {
        for (const auto& p : o->probes)
        {
            if (p.sent < Seconds(20))
            {
                EXPECT_FALSE(p.received.IsNegative()) << p.client << " " << p.target;
            }
        }
    }
}

TEST(WarmStart, TheTakeoverStillGoesThroughArp)
{
    Observed cold(Seed001());
    Observed warm(Seed001(kWarm));
    // OSA2 announces OSA1's HOME address as before, and the merging stations take it from
    // that gratuitous ARP (the warm entries are not static).
    EXPECT_EQ(Addresses(warm.Gratuitous(20, 21)), Addresses(cold.Gratuitous(20, 21)));
    ASSERT_FALSE(warm.Gratuitous(20, 21).empty());
    bool client1Moved = false;
    for (const auto& row : CacheRows(warm, "arp request"))
    {
        if (row.node == "CLIENT1" && row.address == "192.168.1.1" && row.time >= Seconds(20))
        {
            client1Moved = true;
            EXPECT_NE(row.detail.find(MacText(warm.mac.at("OSA2"))), std::string::npos)
                << row.detail;
        }
    }
    EXPECT_TRUE(client1Moved);
    // The outage figures are those of the cold start: the warm entries hold the MACs the
    // clients learned by ARP at 1 s, and they age from the same instant.
    ASSERT_EQ(warm.result.outages.size(), cold.result.outages.size());
    for (size_t i = 0; i < cold.result.outages.size(); ++i)
    {
        const OutageRow& c = cold.result.outages[i];
        const OutageRow& w = warm.result.outages[i];
        EXPECT_EQ(w.client + " " + w.target, c.client + " " + c.target);
        EXPECT_EQ(w.measured, c.measured) << c.client << " " << c.target;
        EXPECT_EQ(w.recovered, c.recovered) << c.client << " " << c.target;
        // The same within ns-3's ARP request jitter (RequestJitter, 0-10 ms): where the
        // recovery waits for a request (the stock client's expired entries), its jitter is
        // another draw, the warm run having sent fewer requests from the same stream.
        EXPECT_NEAR(w.outage.GetSeconds(), c.outage.GetSeconds(), 0.010)
            << c.client << " " << c.target;
    }
}

TEST(WarmStart, TheEntriesAgeAndAreRefreshedByArp)
{
    // ns-3's AliveTimeout (120 s) expires the stock client's entries: it asks again for the
    // addresses OSA1 had (whose gratuitous ARP stock ARP ignored) at about 140 s, cold or
    // warm; a STATIC_AUTOGENERATED entry would never expire, and the stock client would
    // keep OSA1's MAC to the end.
    Observed warm(Seed001(kWarm));
    Observed cold(Seed001());
    auto fromStock = [](const Observed& o) {
        std::multiset<std::string> targets;
        for (const auto& a : Requests(o, 100, 180))
        {
            if (a.senderIp == Ipv4Address("192.168.1.102"))
            {
                targets.insert(Str(a.targetIp));
            }
        }
        return targets;
    };
    EXPECT_FALSE(fromStock(warm).empty());
    EXPECT_EQ(fromStock(warm), fromStock(cold));
}

/** Records a Linux-like station's state changes up to 1 s ("ADDRESS FROM->TO"). */
void
RecordEarlyState(std::vector<std::string>* states,
                 uint32_t,
                 Ipv4Address ip,
                 LinuxStationArp::State from,
                 LinuxStationArp::State to)
{
    if (Simulator::Now() <= Seconds(1))
    {
        states->push_back(Str(ip) + " " + LinuxStationArp::StateName(from) + "->" +
                          LinuxStationArp::StateName(to));
    }
}

TEST(WarmStart, ALinuxStationsWarmEntryIsReachable)
{
    // A unicast reply to its own request leaves a Linux entry REACHABLE; the warm entry is
    // the same, so it goes STALE after the interface's reachable time, as it would cold.
    std::vector<std::string> states;
    ScenarioRunner runner(Seed001(kWarm));
    runner.SetBuildObserver([&states](ScenarioRunner& r) {
        Ptr<LinuxStationArp> model = r.GetStation("CLIENT3")->GetObject<LinuxStationArp>();
        ASSERT_TRUE(model);
        model->TraceConnectWithoutContext("StateChanged",
                                          MakeBoundCallback(&RecordEarlyState, &states));
    });
    runner.Run();
    std::sort(states.begin(), states.end());
    EXPECT_EQ(states,
              (std::vector<std::string>{"10.1.1.1 NONE->REACHABLE",
                                        "10.100.100.1 NONE->REACHABLE",
                                        "192.168.1.1 NONE->REACHABLE",
                                        "192.168.1.2 NONE->REACHABLE"}));
}

TEST(WarmStart, ABusyLanStartsWithoutItsArpStorm)
{
    Observed cold(BusyLan());
    Observed warm(BusyLan(kWarm));
    // Cold: each of the 50 stations broadcasts a request for the stack (and the stack
    // learns each requester); warm: no request at all, and every probe is answered.
    EXPECT_EQ(Requests(cold, 0, 10).size(), 50u);
    EXPECT_EQ(Requests(warm, 0, 10).size(), 0u);
    EXPECT_LT(warm.frames.at("LAN1"), cold.frames.at("LAN1"));
    EXPECT_LT(warm.result.events, cold.result.events);
    EXPECT_EQ(warm.probes.size(), cold.probes.size());
    for (const auto& p : warm.probes)
    {
        EXPECT_FALSE(p.received.IsNegative()) << p.client;
    }
    // The work estimate no longer counts the stations' start-up broadcasts.
    EXPECT_LT(EstimateWork(BusyLan(kWarm)), EstimateWork(BusyLan()));
}

TEST(WarmStart, SameRunSameResultsAndAbsentIsFalse)
{
    Observed a(BusyLan(kWarm));
    Observed b(BusyLan(kWarm));
    EXPECT_EQ(a.result.events, b.result.events);
    ASSERT_EQ(a.probes.size(), b.probes.size());
    for (size_t i = 0; i < a.probes.size(); ++i)
    {
        EXPECT_EQ(a.probes[i].received, b.probes[i].received);
    }
    Observed absent(BusyLan());
    Observed off(BusyLan({"/warmStart=false"}));
    EXPECT_EQ(absent.result.events, off.result.events);
    EXPECT_EQ(absent.arps.size(), off.arps.size());
    // The key stays out of the canonical form when absent.
    EXPECT_EQ(ScenarioToJson(BusyLan()).find("warmStart"), std::string::npos);
    EXPECT_NE(ScenarioToJson(BusyLan(kWarm)).find("\"warmStart\": true"), std::string::npos);
}

TEST(WarmStart, AnAddressNobodyOwnsYetStaysCold)
{
    // The links start at 2 s, after the clients (1 s): at the warm start nobody owns any
    // address, so no entry is set and the clients resolve by ARP once the links answer.
    std::vector<std::string> late = kWarm;
    for (int i = 0; i < 4; ++i)
    {
        late.push_back("/stacks/0/links/" + std::to_string(i) + "/activateAt=2");
    }
    Observed warm(Seed001(late));
    EXPECT_TRUE(CacheRows(warm, "warm start").empty());
    EXPECT_FALSE(Requests(warm, 1, 20).empty());
}

TEST(WarmStart, AnAddressSeveralLinksAnswerForStaysCold)
{
    // Before PQ23444 both links of LAN1 reply for both HOME addresses; the stock client keeps
    // the first reply, OSA1's, for 192.168.1.2 too, and loses it for 120 s when OSA1 fails.
    // The warm start cannot tell which reply a station keeps: those addresses stay cold, and
    // the seed's outage is there as before.
    auto load = [](const std::vector<std::string>& overrides) {
        return LoadScenario(SourceDir() + "/scenarios/seed-001-before-pq23444.json", overrides);
    };
    Observed cold(load({}));
    Observed warm(load(kWarm));
    for (const auto& row : CacheRows(warm, "warm start"))
    {
        EXPECT_NE(row.address.rfind("192.168.", 0), 0u) << row.node << " " << row.address;
    }
    EXPECT_GT(warm.Outage(0, "CLIENT2", "192.168.1.2").outage, Seconds(100));
    ASSERT_EQ(warm.result.outages.size(), cold.result.outages.size());
    for (size_t i = 0; i < cold.result.outages.size(); ++i)
    {
        const OutageRow& c = cold.result.outages[i];
        const OutageRow& w = warm.result.outages[i];
        EXPECT_EQ(w.measured, c.measured) << c.client << " " << c.target;
        EXPECT_EQ(w.recovered, c.recovered) << c.client << " " << c.target;
        EXPECT_NEAR(w.outage.GetSeconds(), c.outage.GetSeconds(), 0.010)
            << c.client << " " << c.target;
    }
}

} // namespace
