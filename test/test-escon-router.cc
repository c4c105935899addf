/*
 * zos-takeover: seed 003 item 5, network-layer fault tolerance (issue 9 item 5):
 * scenarios/seed-003-escon-router.json and its OAT variants. OS390-2 is reached from
 * Network E over an ESCON/CLAW channel to RTR A (ip@ B); the channel fails at 20 s; RIP on
 * OS390-2 and RTR A; CLIENT-B probes B, CLIENT-V OS390-2's VIPA.
 *
 * Seed 003 (II11926): "If this ESCON link fails, and dynamic routing is in use on OS/390-2
 * and on RTR A, then RTR A may reroute traffic for ip@ B over Network A. In order for the
 * OSA-2 to pass this traffic up to OS/390-2, an OAT Entry must be defined for ip@ B (or the
 * OAT Entry for OS/390-2 ip@A.2 needs to be configured as PRIMARY)." -- "VIPA addressing is
 * a more elegant solution".
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "zos-test-util.h"

#include <algorithm>
#include <gtest/gtest.h>

using namespace zostest;

namespace
{

const char* const kB = "10.7.0.1";    //!< OS390-2's HOME address on the CLAW link
const char* const kVipa = "10.9.0.2"; //!< OS390-2's VIPA

Scenario
EsconRouter(const std::vector<std::string>& overrides = {})
{
    return LoadScenario(SourceDir() + "/scenarios/seed-003-escon-router.json", overrides);
}

/** The port's OAT without the entry for B: A.1, A.2 (mode as given) and the VIPA. */
std::string
OatWithoutB(const std::string& a2Mode = "")
{
    return std::string(R"(/ports/0/oat=[{"address": "10.3.0.1", "stack": "OS390-1"},
                     {"address": "10.3.0.2", "stack": "OS390-2")") +
           (a2Mode.empty() ? "" : R"(, "mode": ")" + a2Mode + "\"") + R"(},
                     {"address": "10.9.0.2", "stack": "OS390-2"}])";
}

/** The oat-drop timeline rows for an address, after the failure. */
size_t
OatDrops(const Observed& o, const std::string& address)
{
    size_t n = 0;
    for (const auto& row : o.Timeline("oat-drop"))
    {
        n += row.time >= Seconds(20) && row.address == address && row.node == "OSA2";
    }
    return n;
}

TEST(EsconRouter, RoutersRipAndClawLoadAndOlderScenariosKeepTheirCanonicalForm)
{
    Scenario s = EsconRouter();
    ASSERT_EQ(s.routers.size(), 1u);
    EXPECT_EQ(s.routers[0].name, "RTR-A");
    EXPECT_EQ(s.routers[0].interfaces.size(), 3u);
    EXPECT_TRUE(s.routers[0].rip); // the schema's default
    EXPECT_TRUE(s.stacks[1].rip);
    EXPECT_FALSE(s.stacks[0].rip);
    EXPECT_EQ(s.stacks[1].links[1].kind, "CLAW");
    EXPECT_FALSE(s.rip.has_value());
    const RipSpec defaults;
    EXPECT_EQ(defaults.updateInterval, 30.0);
    EXPECT_EQ(defaults.timeoutDelay, 180.0);
    EXPECT_EQ(defaults.garbageCollectionDelay, 120.0);
    EXPECT_EQ(defaults.startupDelay, 1.0);
    EXPECT_TRUE(defaults.advertiseInactiveHome);
    Scenario t = EsconRouter({R"(/rip={"updateInterval": 10})"});
    ASSERT_TRUE(t.rip.has_value());
    EXPECT_EQ(t.rip->updateInterval, 10.0);
    EXPECT_EQ(t.rip->timeoutDelay, 180.0);
    // Keys added for routers are left out of the canonical form when unused.
    std::string seed = ScenarioToJson(Seed001());
    EXPECT_EQ(seed.find("\"routers\""), std::string::npos);
    EXPECT_EQ(seed.find("\"rip\""), std::string::npos);
    EXPECT_TRUE(ScenarioRunner::Check(s).empty());
}

TEST(EsconRouter, RouterNamesAndInterfacesAreCrossChecked)
{
    try
    {
        EsconRouter({"/routers/0/name=\"OS390-1\""});
        FAIL() << "a router named like a stack was accepted";
    }
    catch (const ScenarioError& e)
    {
        EXPECT_EQ(e.JsonPath(), "/routers/0/name");
    }
    try
    {
        EsconRouter({"/routers/0/interfaces/1/lan=\"NETA\""});
        FAIL() << "two interfaces on one LAN were accepted";
    }
    catch (const ScenarioError& e)
    {
        EXPECT_EQ(e.JsonPath(), "/routers/0/interfaces/1/lan");
    }
    try
    {
        EsconRouter({"/routers/0/interfaces/0/address=\"10.3.0.2/24\""});
        FAIL() << "a router address equal to a HOME address was accepted";
    }
    catch (const ScenarioError& e)
    {
        EXPECT_EQ(e.JsonPath(), "/routers/0/interfaces/0/address");
    }
}

TEST(EsconRouter, WithAnOatEntryForBTrafficForBIsReroutedOverNetworkA)
{
    Observed o(EsconRouter());
    // Before the failure traffic for B crosses the channel; after it, Network A.
    EXPECT_GT(o.frames.at("ESCON"), 0u);
    std::vector<std::string> down;
    for (const auto& row : o.Timeline("router-interface-down"))
    {
        down.push_back(row.node + " " + row.address);
        EXPECT_EQ(row.time, Seconds(20.1)); // the stack's detectionDelay
    }
    EXPECT_EQ(down, (std::vector<std::string>{"RTR-A 10.7.0.2"}));
    const OutageRow& b = o.Outage(0, "CLIENT-B", kB);
    EXPECT_TRUE(b.measured);
    EXPECT_TRUE(b.recovered);
    // Detection (0.1 s) plus ns-3 Rip's triggered-update cooldown (1 to 5 s) for the host
    // route of B that OS390-2 adds when CLAW1 becomes inactive.
    EXPECT_GE(b.outage, Seconds(1.1));
    EXPECT_LE(b.outage, Seconds(5.2));
    EXPECT_EQ(OatDrops(o, kB), 0u);
    const OutageRow& v = o.Outage(0, "CLIENT-V", kVipa);
    EXPECT_TRUE(v.measured);
    EXPECT_TRUE(v.recovered);
    EXPECT_LE(v.outage, Seconds(0.2)); // run 1: RTR A reached the VIPA over Network A
    // DEVLINKS: the CLAW link is a LanGroup of its own, not active after the failure.
    std::string after;
    for (const auto& d : o.result.devlinks)
    {
        if (d.stack == "OS390-2" && d.label == "after portFailure OS390-2/CLAW1")
        {
            after = NormaliseWhitespace(d.text);
        }
    }
    EXPECT_NE(after.find("LCS1 Active LCS1 yes"), std::string::npos) << after;
    EXPECT_NE(after.find("CLAW1 Not Active CLAW1"), std::string::npos) << after;
}

TEST(EsconRouter, WithoutAnOatEntryForBThePortDropsBsTrafficAndBNeverRecovers)
{
    Observed o(EsconRouter({OatWithoutB()}));
    const OutageRow& b = o.Outage(0, "CLIENT-B", kB);
    EXPECT_TRUE(b.measured);
    EXPECT_FALSE(b.recovered);
    EXPECT_EQ(b.lost, b.sent);
    // RTR A reroutes (it sends B's datagrams to the OSA-2), the port discards them: about
    // one per probe from the reroute on (10 per second for some 95 s).
    EXPECT_GT(OatDrops(o, kB), 900u);
    EXPECT_LT(OatDrops(o, kB), 1000u);
    // The VIPA is in the OAT: not affected.
    EXPECT_TRUE(o.Outage(0, "CLIENT-V", kVipa).recovered);
    EXPECT_EQ(OatDrops(o, kVipa), 0u);
}

TEST(EsconRouter, WithA2PrimaryTheStackGetsBsTrafficAndBRecovers)
{
    Observed o(EsconRouter({OatWithoutB("PRIMARY"), "/stacks/1/ipForwarding=true"}));
    EXPECT_TRUE(o.result.warnings.empty());
    const OutageRow& b = o.Outage(0, "CLIENT-B", kB);
    EXPECT_TRUE(b.recovered);
    EXPECT_LE(b.outage, Seconds(5.2));
    EXPECT_EQ(OatDrops(o, kB), 0u);
    EXPECT_TRUE(o.Outage(0, "CLIENT-V", kVipa).recovered);
}

TEST(EsconRouter, TheVipasOutageDependsOnWhichPathRipChoseFirst)
{
    // Run 4: RTR A learned the VIPA over the channel first (equal metrics: the first heard
    // stays). It loses that route with its interface and learns the one over Network A only
    // from OS390-2's next unsolicited update: the VIPA's route did not change at the stack, so
    // no triggered update carries it. B's host route is new: a triggered update carries it.
    Observed o(EsconRouter({"run=4"}));
    const OutageRow& v = o.Outage(0, "CLIENT-V", kVipa);
    const OutageRow& b = o.Outage(0, "CLIENT-B", kB);
    EXPECT_TRUE(v.recovered);
    EXPECT_TRUE(b.recovered);
    EXPECT_GT(v.outage, b.outage);
    EXPECT_GT(v.outage, Seconds(5));
    EXPECT_LT(v.outage, Seconds(45.1)); // at most 1.5 update intervals
}

TEST(EsconRouter, AfterAnOperatorStopTheRouterKeepsTheVipasRouteOverTheChannelLonger)
{
    // linkStop: the channel stays up, so RTR A's interface does too; only OS390-2's updates
    // over the channel stop. B's host route is more specific than RTR A's connected /30 and
    // wins at once; the VIPA's route over the channel (run 4) is replaced by the equal-metric
    // one over Network A only when it is older than half the timeout (ns-3 Rip, RFC 2453's
    // heuristic), at the next update after that.
    Observed o(EsconRouter({"run=4", "duration=300", "/events/0/type=\"linkStop\""}));
    EXPECT_TRUE(o.Timeline("router-interface-down").empty());
    const OutageRow& b = o.Outage(0, "CLIENT-B", kB);
    EXPECT_TRUE(b.recovered);
    EXPECT_LE(b.outage, Seconds(5.2));
    const OutageRow& v = o.Outage(0, "CLIENT-V", kVipa);
    EXPECT_TRUE(v.recovered);
    EXPECT_GT(v.outage, Seconds(60));
    EXPECT_LT(v.outage, Seconds(90 + 45.1));
}

TEST(EsconRouter, WithoutTheHostRouteBIsNotReroutedByRfcRip)
{
    // advertiseInactiveHome false: OS390-2 stops advertising B with its link. B comes back
    // only through an ns-3 Rip quirk (an equal-metric-16 advertisement from another
    // neighbour replaces the invalid route with a "valid" one of metric 16, rip.cc
    // HandleResponses), never before OS390-2's next unsolicited update.
    Observed o(EsconRouter({R"(/rip={"advertiseInactiveHome": false})"}));
    const OutageRow& b = o.Outage(0, "CLIENT-B", kB);
    EXPECT_GT(b.outage, Seconds(10));
    EXPECT_LE(o.Outage(0, "CLIENT-V", kVipa).outage, Seconds(0.2));
}

/**
 * The router scenario with TCP probe clients on Network E: CLIENT-BT to B, CLIENT-VT to the
 * VIPA. With ripInMetric 2 on OS390-2's LCS1, RIP prefers RTR A's route to Network E over
 * the channel (2 hops against 3), so OS390-2's replies leave over the channel whichever
 * advertisement arrived first; without it the two routes have equal metrics and the first
 * one heard stays (a race decided by the run).
 */
Scenario
EsconRouterTcp(const std::vector<std::string>& overrides, bool channelPreferred = true)
{
    std::vector<std::string> all = {
        R"(/stations/2={"name": "CLIENT-BT", "lan": "NETE", "address": "10.5.0.103/24",
            "routes": [{"destination": "0.0.0.0/0", "gateway": "10.5.0.1"}],
            "probe": {"targets": ["10.7.0.1"], "transport": "tcp"}})",
        R"(/stations/3={"name": "CLIENT-VT", "lan": "NETE", "address": "10.5.0.104/24",
            "routes": [{"destination": "0.0.0.0/0", "gateway": "10.5.0.1"}],
            "probe": {"targets": ["10.9.0.2"], "transport": "tcp"}})",
        "duration=160"};
    if (channelPreferred)
    {
        all.push_back("/stacks/1/links/0/ripInMetric=2");
    }
    all.insert(all.end(), overrides.begin(), overrides.end());
    return EsconRouter(all);
}

TEST(EsconRouterTcp, WithPq25476TheConnectionsRepliesMoveOffTheFailedChannel)
{
    // Seed 003: "PQ25476 corrects this function, such that transport-layer connections are
    // immediately rerouted over a suitable backup route (if one exists)." The replies' route
    // over the channel fails with it; the connections take the default route over LCS1.
    for (const char* run : {"run=1", "run=2", "run=3", "run=4"})
    {
        SCOPED_TRACE(run);
        Observed o(EsconRouterTcp({run}));
        auto failures = o.Timeline("tcp-route-failure");
        ASSERT_EQ(failures.size(), 1u);
        EXPECT_EQ(failures[0].node, "OS390-2/CLAW1");
        EXPECT_EQ(failures[0].detail, "2 connections routed again (PQ25476)");
        for (const char* client : {"CLIENT-BT", "CLIENT-VT"})
        {
            const TcpRow& c = o.Tcp(client, client == std::string("CLIENT-BT") ? kB : kVipa);
            EXPECT_TRUE(c.survived) << client;
            EXPECT_EQ(c.answered, c.sent) << client;
            EXPECT_GE(c.stallStart, Seconds(19.85)) << client;
            EXPECT_LE(c.stallStart, Seconds(20.0)) << client;
            // B: until RTR A has B's host route over Network A (a triggered update) and the
            // next retransmission; the VIPA: the same as its UDP outage, up to the next
            // unsolicited update when RTR A heard the VIPA over the channel first (run 4).
            EXPECT_LT(c.longestStall, Seconds(client == std::string("CLIENT-BT") ? 8 : 47))
                << client;
        }
        EXPECT_LT(o.Tcp("CLIENT-BT", kB).longestStall,
                  o.Outage(0, "CLIENT-B", kB).outage + Seconds(4.1));
    }
}

TEST(EsconRouterTcp, WithoutPq25476TheConnectionsKeepTheFailedChannelAndTimeOut)
{
    // Seed 003: "Without PQ25476, TCP-layer connections in existence at the time of the
    // route failure will timeout, rather than being immediately recovered over the backup
    // route." UDP replies, routed per datagram, take the backup route meanwhile.
    for (const char* run : {"run=1", "run=2", "run=3", "run=4"})
    {
        SCOPED_TRACE(run);
        Observed o(EsconRouterTcp({run, "/stacks/1/fixes/PQ25476=false"}));
        auto failures = o.Timeline("tcp-route-failure");
        ASSERT_EQ(failures.size(), 1u);
        EXPECT_EQ(failures[0].detail, "2 connections keep the failed route (no PQ25476)");
        for (const char* client : {"CLIENT-BT", "CLIENT-VT"})
        {
            const TcpRow& c = o.Tcp(client, client == std::string("CLIENT-BT") ? kB : kVipa);
            EXPECT_FALSE(c.survived) << client;
            EXPECT_EQ(c.closeReason, "timeout") << client;
            // ns-3's 6 data retries with the RTO doubling from 1 s to its 60 s cap:
            // 1+2+4+8+16+32+60 = 123 s after the last answer at 19.9 s.
            EXPECT_GT(c.closed, Seconds(142)) << client;
            EXPECT_LT(c.closed, Seconds(144)) << client;
        }
        EXPECT_TRUE(o.Outage(0, "CLIENT-B", kB).recovered);
        EXPECT_TRUE(o.Outage(0, "CLIENT-V", kVipa).recovered);
    }
}

TEST(EsconRouterTcp, WithEqualRipMetricsTheRepliesMayLeaveOverNetworkAAndPq25476DoesNotMatter)
{
    // Run 1 without ripInMetric: OS390-2 heard RTR A's route to Network E over Network A
    // first and kept it (equal metrics), so no connection's route fails with the channel and
    // the connections survive without PQ25476 too. The metric is what makes the other tests
    // run-independent.
    Observed o(EsconRouterTcp({"run=1", "/stacks/1/fixes/PQ25476=false"}, false));
    EXPECT_TRUE(o.Timeline("tcp-route-failure").empty()); // no connection used the channel
    EXPECT_TRUE(o.Tcp("CLIENT-BT", kB).survived);
    EXPECT_TRUE(o.Tcp("CLIENT-VT", kVipa).survived);
}

TEST(EsconRouter, ARoutersRipInMetricMakesItPreferTheChannelForTheVipa)
{
    // ripInMetric 3 on RTR A's Network A interface: the VIPA over Network A is 4 hops, over
    // the channel 2, so RTR A routes the VIPA over the channel in every run and, when the
    // channel fails, learns the route over Network A only from OS390-2's next unsolicited
    // update (nothing about the VIPA changed at the stack: no triggered update).
    Scenario s = EsconRouter({"/routers/0/interfaces/0/ripInMetric=3"});
    ASSERT_TRUE(s.routers[0].interfaces[0].ripInMetric.has_value());
    EXPECT_EQ(*s.routers[0].interfaces[0].ripInMetric, 3u);
    EXPECT_FALSE(s.routers[0].interfaces[1].ripInMetric.has_value());
    // Absent, the key stays out of the canonical form (older results stay byte-identical).
    EXPECT_EQ(ScenarioToJson(EsconRouter()).find("ripInMetric"), std::string::npos);
    EXPECT_NE(ScenarioToJson(s).find("\"ripInMetric\": 3"), std::string::npos);
    for (const char* run : {"run=1", "run=2", "run=3"})
    {
        SCOPED_TRACE(run);
        // Without the metric these runs heard the VIPA over Network A first: a short outage.
        EXPECT_LE(Observed(EsconRouter({run})).Outage(0, "CLIENT-V", kVipa).outage,
                  Seconds(0.2));
        Observed o(EsconRouter({run, "/routers/0/interfaces/0/ripInMetric=3"}));
        const OutageRow& v = o.Outage(0, "CLIENT-V", kVipa);
        EXPECT_TRUE(v.recovered);
        EXPECT_GT(v.outage, Seconds(1));
        EXPECT_LT(v.outage, Seconds(45.1));
    }
}

} // namespace
