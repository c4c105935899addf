/*
 * zos-takeover: scenarios with an OSA-2 (LCS) port shared by several stacks (issue 9 item 1):
 * the keys `ports` and a link's `port`, the warning for a PRIMARY stack without IP
 * forwarding, the adapter's discards on the timeline, a shared port's failure seen by every
 * partition.
 *
 * Seed 003 (II11926): "Datagrams (and ARP packets) that do not match these configured IP
 * addresses will either be discarded by the adapter, or, if a PRIMARY or SECONDARY entry is
 * defined in the OAT, these unrecognized packets will be presented to the PRIMARY or
 * SECONDARY TCP/IP Stacks." -- "the TCP/IP stack acting as PRIMARY must enable IP
 * FORWARDING (IPCONFIG DATAGRAMFWD in the TCP/IP Profile)."
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "zos-test-util.h"

#include <algorithm>
#include <gtest/gtest.h>

using namespace zostest;

namespace
{

/** test/data/shared-port.json: OS390-1 and OS390-2 share PORT1; 10.1.0.7 is not in the OAT */
Scenario
SharedPort(const std::vector<std::string>& overrides = {})
{
    return LoadScenario(DataDir() + "/shared-port.json", overrides);
}

size_t
CountWarnings(const std::vector<std::string>& warnings, const std::string& start)
{
    return std::count_if(warnings.begin(), warnings.end(), [&start](const std::string& w) {
        return w.rfind(start, 0) == 0;
    });
}

size_t
RepliesFor(const Observed& o, const std::string& address)
{
    return std::count_if(o.arps.begin(), o.arps.end(), [&address](const WireArp& a) {
        return !a.request && Str(a.senderIp) == address;
    });
}

TEST(SharedPort, PortsAndLinksLoadAndOlderScenariosKeepTheirCanonicalForm)
{
    Scenario s = SharedPort();
    ASSERT_EQ(s.ports.size(), 1u);
    EXPECT_EQ(s.ports[0].kind, "LCS");
    EXPECT_EQ(s.ports[0].oat.size(), 2u);
    EXPECT_EQ(s.stacks[1].links[0].port, "PORT1");
    EXPECT_NE(ScenarioToJson(s).find("\"ports\""), std::string::npos);
    // Keys added for shared ports are left out of the canonical form when unused, so the
    // summary.json of every earlier scenario stays byte-identical.
    std::string seed = ScenarioToJson(Seed001());
    EXPECT_EQ(seed.find("\"ports\""), std::string::npos);
    EXPECT_EQ(seed.find("\"port\": \""), std::string::npos); // a link's port
    EXPECT_EQ(seed.find("ipForwarding"), std::string::npos);
}

TEST(SharedPort, PrimaryStackWithoutIpForwardingIsWarned)
{
    const std::string start = "port 'PORT1': stack 'OS390-1' is PRIMARY but has no IP forwarding";
    EXPECT_EQ(CountWarnings(ScenarioRunner::Check(SharedPort()), start), 0u);
    EXPECT_EQ(CountWarnings(ScenarioRunner::Check(SharedPort({"/ports/0/oat/0/mode=\"PRIMARY\""})),
                            start),
              1u);
    EXPECT_EQ(CountWarnings(ScenarioRunner::Check(SharedPort({"/ports/0/oat/0/mode=\"PRIMARY\"",
                                                              "/stacks/0/ipForwarding=true"})),
                            start),
              0u);
}

TEST(SharedPort, AnAddressNotInTheOatIsDiscardedOnTheTimelineAndNeverAnswered)
{
    Observed o(SharedPort());
    auto drops = o.Timeline("oat-drop");
    ASSERT_FALSE(drops.empty());
    for (const auto& row : drops)
    {
        EXPECT_EQ(row.node, "PORT1");
        EXPECT_EQ(row.address, "10.1.0.7");
    }
    EXPECT_EQ(RepliesFor(o, "10.1.0.7"), 0u); // OS390-2 owns it but never hears the ARP
    EXPECT_GT(RepliesFor(o, "10.1.0.3"), 0u);
    // Listed in the OAT, the same VIPA is answered and nothing is discarded.
    Observed listed(
        SharedPort({"/ports/0/oat/2={\"address\": \"10.1.0.7\", \"stack\": \"OS390-2\"}"}));
    EXPECT_TRUE(listed.Timeline("oat-drop").empty());
    EXPECT_GT(RepliesFor(listed, "10.1.0.7"), 0u);
    // Given to a PRIMARY stack instead, it is not discarded either (OS390-1 does not own it).
    Observed primary(SharedPort({"/ports/0/oat/0/mode=\"PRIMARY\""}));
    EXPECT_TRUE(primary.Timeline("oat-drop").empty());
    EXPECT_EQ(RepliesFor(primary, "10.1.0.7"), 0u);
}

TEST(SharedPort, TheSharedPortsFailureIsSeenByEveryPartition)
{
    Observed o(SharedPort());
    std::vector<std::string> inactive;
    for (const auto& row : o.Timeline("link-inactive"))
    {
        EXPECT_EQ(row.time, Seconds(20.1)); // each stack's detection delay after 20 s
        inactive.push_back(row.node);
    }
    std::sort(inactive.begin(), inactive.end());
    EXPECT_EQ(inactive, (std::vector<std::string>{"OS390-1/LCS1", "OS390-2/LCS1"}));
}

} // namespace
