/*
 * zos-takeover: say what was ignored (issue 7.8): events that change nothing, stations that
 * probe a target they cannot reach, one stack with the same subnet on two LANs.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "zos-test-util.h"

#include <gtest/gtest.h>

using namespace zostest;

namespace
{

bool
HasWarning(const RunResult& r, const std::string& text)
{
    for (const auto& w : r.warnings)
    {
        if (w == text)
        {
            return true;
        }
    }
    return false;
}

EventSpec
Event(double at, const std::string& type, const std::string& link)
{
    EventSpec e;
    e.at = at;
    e.type = type;
    e.stack = "TCPIPA";
    e.link = link;
    return e;
}

TEST(Warnings, EventsThatChangeNothingAreWarnedAndOnTheTimeline)
{
    Scenario sc = Seed001({"duration=40"});
    sc.events.push_back(Event(10, "portRepair", "OSA2")); // a healthy port
    sc.events.push_back(Event(12, "linkStart", "OSA3"));  // already started
    sc.events.push_back(Event(25, "stackFailure", ""));
    sc.events.push_back(Event(30, "linkStart", "OSA1")); // on a failed stack
    Observed o(sc);
    EXPECT_TRUE(
        HasWarning(o.result,
                   "at 10.000 s: portRepair TCPIPA/OSA2 changed nothing: the port has not failed"));
    EXPECT_TRUE(HasWarning(
        o.result,
        "at 12.000 s: linkStart TCPIPA/OSA3 changed nothing: the link is already started"));
    EXPECT_TRUE(
        HasWarning(o.result,
                   "at 30.000 s: linkStart TCPIPA/OSA1 changed nothing: the stack has failed"));
    auto rows = o.Timeline("event-ignored");
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(rows[0].time, Seconds(10));
    EXPECT_EQ(rows[0].node, "TCPIPA/OSA2");
    EXPECT_EQ(rows[2].time, Seconds(30));
    // And they indeed changed nothing: OSA2's repair produced no port-repair row, no
    // announcement; the start on the failed stack activated nothing.
    for (const auto& row : o.Timeline("port-repair"))
    {
        EXPECT_NE(row.time, Seconds(10));
    }
    for (const auto& row : o.Timeline("link-active"))
    {
        EXPECT_LT(row.time, Seconds(25));
    }
    EXPECT_TRUE(o.Gratuitous(10, 13).empty());
}

TEST(Warnings, OperationsThatChangeSomethingAreNotWarned)
{
    Scenario sc = Seed001({"duration=40"});
    sc.events.push_back(Event(30, "portRepair", "OSA1"));
    sc.events.push_back(Event(32, "linkStop", "OSA3"));
    sc.events.push_back(Event(34, "linkStart", "OSA3"));
    Observed o(sc);
    EXPECT_TRUE(o.result.warnings.empty());
    EXPECT_TRUE(o.Timeline("event-ignored").empty());
}

TEST(Warnings, StationWithoutARouteToAProbedTarget)
{
    // CLIENT1 without its VIPA routes: 10.1.1.1 and 10.100.100.1 are not on its subnet.
    Scenario sc = Seed001({"duration=30", "stations[0].routes=[]"});
    auto warnings = ScenarioRunner::CheckStationRoutes(sc);
    ASSERT_EQ(warnings.size(), 2u);
    EXPECT_EQ(warnings[0],
              "station 'CLIENT1' probes 10.1.1.1 but has no route to it (not in its subnet "
              "192.168.1.0/24, no route covers it): every probe to it is dropped by the "
              "station and its outage rows are not measured");
    Observed o(sc);
    EXPECT_TRUE(HasWarning(o.result, warnings[0]));
    EXPECT_TRUE(HasWarning(o.result, warnings[1]));
    const OutageRow& row = o.Outage(0, "CLIENT1", "10.1.1.1");
    EXPECT_FALSE(row.measured);
    // The other stations' routes are fine.
    EXPECT_TRUE(ScenarioRunner::CheckStationRoutes(Seed001()).empty());
}

Scenario
SameSubnetTwoLans()
{
    return ParseScenario(R"({
      "name": "same-subnet", "duration": 10,
      "lans": [{"name": "LAN1"}, {"name": "LAN2", "kind": "shared"}],
      "stacks": [{"name": "TCPIPA",
                  "links": [{"name": "OSA1", "lan": "LAN1", "address": "192.168.1.1/24"},
                            {"name": "OSA2", "lan": "LAN2", "address": "192.168.1.2/24",
                             "activateAt": 0.1}]}],
      "stations": [{"name": "C1", "lan": "LAN1", "address": "192.168.1.101/24",
                    "probe": {"targets": ["192.168.1.1"], "interval": 0.1}},
                   {"name": "C2", "lan": "LAN2", "address": "192.168.1.102/24",
                    "probe": {"targets": ["192.168.1.2"], "interval": 0.1}}],
      "events": [{"at": 5, "type": "portFailure", "stack": "TCPIPA", "link": "OSA1"}]
    })",
                         "same-subnet.json");
}

TEST(Warnings, SameSubnetOnTwoLansOfOneStack)
{
    Scenario sc = SameSubnetTwoLans();
    auto warnings = ScenarioRunner::CheckSubnetsAcrossLans(sc);
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings[0].rfind("stack 'TCPIPA': links OSA1 (LAN1) and OSA2 (LAN2) are in the "
                                "same subnet 192.168.1.0/24 on different LANs",
                                0),
              0u)
        << warnings[0];
    Observed o(sc);
    EXPECT_TRUE(HasWarning(o.result, warnings[0]));
    // What the stack then does, as the warning says: two LanGroups; replies for the subnet
    // leave over OSA2 (active last), so C1 on LAN1 never gets an answer from OSA1's address
    // although OSA1 answers its ARP, while C2 on LAN2 does.
    std::string text = o.Devlinks("before portFailure TCPIPA/OSA1");
    EXPECT_NE(text.find("LanGroup: 002"), std::string::npos) << text;
    uint32_t c1Replies = 0;
    uint32_t c2Replies = 0;
    for (const auto& p : o.probes)
    {
        if (p.sent < Seconds(5) && !p.received.IsStrictlyNegative())
        {
            (p.client == "C1" ? c1Replies : c2Replies) += 1;
        }
    }
    EXPECT_EQ(c1Replies, 0u);
    EXPECT_GT(c2Replies, 30u);
    bool osa1Answered = false;
    for (const auto& a : o.arps)
    {
        osa1Answered = osa1Answered || (!a.request && a.senderMac == o.mac.at("OSA1"));
    }
    EXPECT_TRUE(osa1Answered);
    // A subnet on one LAN only is not warned about.
    EXPECT_TRUE(ScenarioRunner::CheckSubnetsAcrossLans(Seed001()).empty());
}

} // namespace
