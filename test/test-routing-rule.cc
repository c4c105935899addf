/*
 * zos-takeover: the static-routing rule of seed 000 ("there needs to be a static route ...
 * over each interface onto the LAN"): a warning, and the consequence in the simulation.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "zos-test-util.h"

#include <gtest/gtest.h>

using namespace zostest;

namespace
{

/** A station in another subnet (10.9.0.0/16) on LAN1, reached through a stack route. */
Scenario
RemoteSubnet(bool routeOverBothLinks)
{
    std::string routes =
        R"([{"destination": "10.9.0.0/16", "link": "OSA1"})" +
        std::string(routeOverBothLinks ? R"(, {"destination": "10.9.0.0/16", "link": "OSA2"}])"
                                       : "]");
    std::string text = R"({
      "name": "routing-rule", "duration": 20,
      "lans": [{"name": "LAN1"}],
      "stacks": [{"name": "TCPIPA",
                  "links": [{"name": "OSA1", "lan": "LAN1", "address": "192.168.1.1/24"},
                            {"name": "OSA2", "lan": "LAN1", "address": "192.168.1.2/24",
                             "activateAt": 0.1}],
                  "routes": )" +
                       routes + R"(}],
      "stations": [{"name": "REMOTE", "lan": "LAN1", "address": "10.9.0.5/16",
                    "routes": [{"destination": "192.168.1.0/24"}],
                    "probe": {"targets": ["192.168.1.2"], "interval": 0.1}}],
      "events": [{"at": 5, "type": "portFailure", "stack": "TCPIPA", "link": "OSA1"}]
    })";
    return ParseScenario(text, "routing-rule.json");
}

TEST(RoutingRule, RouteOverOneLinkOnlyIsWarnedAndLosesTrafficAfterTakeover)
{
    Scenario sc = RemoteSubnet(false);
    auto warnings = ScenarioRunner::CheckRoutingRule(sc);
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings[0],
              "stack 'TCPIPA': route to 10.9.0.0/16 is defined over OSA1 but not over OSA2 (same "
              "LAN LAN1); after a takeover of OSA1 outbound traffic to it is lost (seed 000 "
              "static routing rule)");
    Observed o(sc);
    EXPECT_EQ(o.result.warnings, warnings);
    // OSA2's address stays reachable on the wire, but the replies have no route any more.
    const OutageRow& row = o.Outage(0, "REMOTE", "192.168.1.2");
    EXPECT_FALSE(row.recovered);
    EXPECT_EQ(row.lost, row.sent);
}

TEST(RoutingRule, RouteOverEveryLinkKeepsTrafficFlowing)
{
    Scenario sc = RemoteSubnet(true);
    EXPECT_TRUE(ScenarioRunner::CheckRoutingRule(sc).empty());
    Observed o(sc);
    const OutageRow& row = o.Outage(0, "REMOTE", "192.168.1.2");
    EXPECT_TRUE(row.recovered);
    EXPECT_LE(row.outage.GetSeconds(), 0.1 + 0.1 + 0.005);
}

// ------------------------------------------------------------------------------------------
// staticRouting: the stack has only its listed routes (a BEGINROUTES block). Seed 000: "there
// needs to be a static route to the LAN subnet over each interface onto the LAN. There also
// needs to be a default route and routes to destinations not directly attached to the LAN
// over each interface."
// ------------------------------------------------------------------------------------------

/** One stack, OSA1 and OSA2 on LAN1 (192.168.1.0/24), a station probing OSA2's address. */
Scenario
StaticStack(const std::string& routes, bool staticRouting = true)
{
    std::string text = R"({
      "name": "static-routing", "duration": 20,
      "lans": [{"name": "LAN1"}],
      "stacks": [{"name": "TCPIPA", "staticRouting": )" +
                       std::string(staticRouting ? "true" : "false") + R"(,
                  "links": [{"name": "OSA1", "lan": "LAN1", "address": "192.168.1.1/24"},
                            {"name": "OSA2", "lan": "LAN1", "address": "192.168.1.2/24",
                             "activateAt": 0.1}],
                  "routes": )" + routes + R"(}],
      "stations": [{"name": "CLIENT", "lan": "LAN1", "address": "192.168.1.10/24",
                    "probe": {"targets": ["192.168.1.2"], "interval": 0.1}}],
      "events": [{"at": 5, "type": "portFailure", "stack": "TCPIPA", "link": "OSA1"}]
    })";
    return ParseScenario(text, "static-routing.json");
}

/** Default routes over both links to a router (which does not exist: off-LAN traffic is lost). */
const char* kDefaults =
    R"({"destination": "0.0.0.0/0", "gateway": "192.168.1.254", "link": "OSA1"},
       {"destination": "0.0.0.0/0", "gateway": "192.168.1.254", "link": "OSA2"})";

TEST(RoutingRule, StaticSubnetRouteOverOneLinkOnlyIsWarnedAndRepliesAreLostAfterTakeover)
{
    Scenario sc = StaticStack(std::string("[") + kDefaults +
                              R"(, {"destination": "192.168.1.0/24", "link": "OSA1"}])");
    auto warnings = ScenarioRunner::CheckRoutingRule(sc);
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings[0],
              "stack 'TCPIPA': no route to the LAN subnet 192.168.1.0/24 over OSA2 "
              "(staticRouting); traffic to stations on LAN1 cannot leave over it, and is lost "
              "once no link with such a route is active (seed 000 static routing rule)");
    Observed o(sc);
    // Before the failure OSA2's replies leave over OSA1's route (and MAC): answered.
    const OutageRow& row = o.Outage(0, "CLIENT", "192.168.1.2");
    EXPECT_TRUE(row.reachableAtEvent);
    // After it OSA2 still receives the probes, but the stack has no route back.
    EXPECT_FALSE(row.recovered);
    EXPECT_EQ(row.lost, row.sent);
}

TEST(RoutingRule, StaticSubnetRouteOverEveryLinkKeepsTrafficFlowing)
{
    Scenario sc = StaticStack(std::string("[") + kDefaults +
                              R"(, {"destination": "192.168.1.0/24", "link": "OSA1"},
                                   {"destination": "192.168.1.0/24", "link": "OSA2"}])");
    EXPECT_TRUE(ScenarioRunner::CheckRoutingRule(sc).empty());
    Observed o(sc);
    const OutageRow& row = o.Outage(0, "CLIENT", "192.168.1.2");
    EXPECT_TRUE(row.recovered);
    EXPECT_LE(row.outage.GetSeconds(), 0.1 + 0.1 + 0.005);
}

TEST(RoutingRule, StaticRoutingWithoutSubnetRoutesReachesNoStation)
{
    // The same stack without staticRouting has ns-3's route to each link's subnet.
    Scenario sc = StaticStack(std::string("[") + kDefaults + "]");
    EXPECT_EQ(ScenarioRunner::CheckRoutingRule(sc).size(), 2u); // no subnet route over either
    Observed o(sc);
    const OutageRow& row = o.Outage(0, "CLIENT", "192.168.1.2");
    EXPECT_FALSE(row.reachableAtEvent);
    EXPECT_FALSE(row.recovered);
    EXPECT_EQ(row.lost, row.sent);
    Scenario connected = StaticStack(std::string("[") + kDefaults + "]", false);
    EXPECT_TRUE(ScenarioRunner::CheckRoutingRule(connected).empty());
    Observed c(connected);
    EXPECT_TRUE(c.Outage(0, "CLIENT", "192.168.1.2").recovered);
}

TEST(RoutingRule, ASubnetRouteOverOneLinkIsNoProblemWithoutStaticRouting)
{
    // ns-3 gives every active link its route to its own subnet: nothing to warn about, and
    // nothing is lost after OSA1 is taken over.
    Scenario sc = StaticStack(std::string("[") + kDefaults +
                                  R"(, {"destination": "192.168.1.0/24", "link": "OSA1"}])",
                              false);
    EXPECT_TRUE(ScenarioRunner::CheckRoutingRule(sc).empty());
    Observed o(sc);
    EXPECT_TRUE(o.Outage(0, "CLIENT", "192.168.1.2").recovered);
}

TEST(RoutingRule, StaticRoutingAsksForADefaultRouteOverEachLink)
{
    Scenario sc = StaticStack(R"([{"destination": "192.168.1.0/24", "link": "OSA1"},
                                  {"destination": "192.168.1.0/24", "link": "OSA2"},
                                  {"destination": "0.0.0.0/0", "link": "OSA1"}])");
    auto warnings = ScenarioRunner::CheckRoutingRule(sc);
    ASSERT_EQ(warnings.size(), 1u);
    EXPECT_EQ(warnings[0],
              "stack 'TCPIPA': no default route over OSA2 (staticRouting); traffic to "
              "destinations off LAN1 without a route of their own cannot leave over it (seed 000 "
              "static routing rule)");
}

} // namespace
