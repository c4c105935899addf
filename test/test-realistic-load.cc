/*
 * zos-takeover: realistic load (issue 11 item 3): the LAN's transmit queue size
 * (lans[].queueSize, Lan attribute QueueSize), the probe start jitter (probe.startJitter)
 * and the warning when probes are lost before the first event.
 *
 * test/data/busy-lan.json: 50 stations (one station group) on a switched LAN probe one
 * stack once a second, all from 1 s, 10 s long, no events. The 50 requests of each second reach the
 * stack's switch port together; its replies queue in the stack's transmit queue.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "zos-test-util.h"

#include <gtest/gtest.h>

using namespace zostest;

namespace
{

Scenario
BusyLan(const std::vector<std::string>& overrides = {})
{
    return LoadScenario(DataDir() + "/busy-lan.json", overrides);
}

/** The group's probe.startJitter set to the value (each station draws its own offset). */
std::vector<std::string>
Jitter(const std::string& seconds)
{
    return {"/stationGroups/0/probe/startJitter=" + seconds};
}

std::vector<std::string>
Concat(std::vector<std::string> a, const std::vector<std::string>& b)
{
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

/** The first request of each client. */
std::map<std::string, Time>
FirstRequests(const Observed& o)
{
    std::map<std::string, Time> first;
    for (const auto& p : o.probes)
    {
        if (first.count(p.client) == 0 || p.sent < first[p.client])
        {
            first[p.client] = p.sent;
        }
    }
    return first;
}

size_t
Lost(const Observed& o)
{
    return std::count_if(o.probes.begin(), o.probes.end(), [](const ProbeRow& p) {
        return p.received.IsNegative();
    });
}

std::vector<std::string>
CongestionWarnings(const Observed& o)
{
    std::vector<std::string> found;
    for (const auto& w : o.result.warnings)
    {
        if (w.find("lost during the run (no events) although their target had answered") !=
            std::string::npos)
        {
            found.push_back(w);
        }
    }
    return found;
}

TEST(RealisticLoad, TheLansQueueSizeDecidesWhetherABurstOfRepliesFits)
{
    // ns-3's default queue (100 packets) holds the 50 replies of each burst.
    Observed roomy(BusyLan());
    EXPECT_EQ(Lost(roomy), 0u);
    EXPECT_TRUE(CongestionWarnings(roomy).empty());
    // Five packets do not: most replies of each burst are dropped at the stack's queue.
    Observed small(BusyLan({"/lans/0/queueSize=5"}));
    EXPECT_GT(Lost(small), small.probes.size() / 2);
    auto warnings = CongestionWarnings(small);
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_NE(warnings[0].find("so the outage figures may measure that, not the takeover"),
              std::string::npos);
    // The key stays out of the canonical form when absent.
    EXPECT_EQ(ScenarioToJson(BusyLan()).find("queueSize"), std::string::npos);
    EXPECT_NE(ScenarioToJson(BusyLan({"/lans/0/queueSize=5"})).find("\"queueSize\": 5"),
              std::string::npos);
}

TEST(RealisticLoad, AStartJitterSpreadsTheBurstAndNothingIsLost)
{
    Observed spread(BusyLan(Concat(Jitter("1"), {"/lans/0/queueSize=5"})));
    EXPECT_EQ(Lost(spread), 0u);
    EXPECT_TRUE(CongestionWarnings(spread).empty());
    // Each client's first request is at its own offset in [1, 2) s: no two at once.
    auto first = FirstRequests(spread);
    ASSERT_EQ(first.size(), 50u);
    std::set<Time> distinct;
    for (const auto& [client, t] : first)
    {
        EXPECT_GE(t, Seconds(1)) << client;
        EXPECT_LT(t, Seconds(2)) << client;
        distinct.insert(t);
    }
    EXPECT_EQ(distinct.size(), 50u);
    // Drawn from the scenario's run: the same run gives the same offsets, another run others.
    Observed again(BusyLan(Jitter("1")));
    Observed otherRun(BusyLan(Concat(Jitter("1"), {"run=2"})));
    EXPECT_EQ(FirstRequests(again), first);
    EXPECT_NE(FirstRequests(otherRun), first);
}

TEST(RealisticLoad, WithoutAJitterEveryClientStartsAtItsStart)
{
    auto first = FirstRequests(Observed(BusyLan()));
    ASSERT_EQ(first.size(), 50u);
    for (const auto& [client, t] : first)
    {
        EXPECT_EQ(t, Seconds(1)) << client;
    }
}

} // namespace
