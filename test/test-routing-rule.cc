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

} // namespace
