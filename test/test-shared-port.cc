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

/** Probes of a target answered in a run. */
size_t
Answered(const Observed& o, const std::string& target)
{
    return std::count_if(o.probes.begin(), o.probes.end(), [&target](const ProbeRow& p) {
        return p.target == target && !p.received.IsNegative();
    });
}

TEST(SharedPort, APrimaryStackRoutesWhatTheOatDoesNotListOnlyWithIpForwarding)
{
    // Seed 003 OAT tip (3): "When a packet with an unrecognized (not configured) destination
    // IP address is received, OSA-2 will present the packet to the TCP/IP stack configured as
    // PRIMARY [...] the TCP/IP stack acting as PRIMARY must enable IP FORWARDING (IPCONFIG
    // DATAGRAMFWD in the TCP/IP Profile)." test/data/primary-router.json: CLIENT1 reaches
    // OS390-3 (10.2.0.3, on LANB) through OS390-2, whose OAT entry is PRIMARY.
    const std::string primaryRouter = DataDir() + "/primary-router.json";
    Observed routed(LoadScenario(primaryRouter, {}));
    EXPECT_TRUE(routed.Timeline("oat-drop").empty());
    EXPECT_GT(Answered(routed, "10.2.0.3"), 80u); // 10 s of probes every 100 ms, from 1 s
    EXPECT_EQ(Answered(routed, "10.2.0.3"), Answered(routed, "10.1.0.3"));
    // NODATAGRAMFWD: the port still presents the datagrams to OS390-2 (nothing discarded by
    // the adapter), and the stack drops them; its own address is still answered.
    Observed dropped(LoadScenario(primaryRouter, {"/stacks/1/ipForwarding=false"}));
    EXPECT_TRUE(dropped.Timeline("oat-drop").empty());
    EXPECT_EQ(Answered(dropped, "10.2.0.3"), 0u);
    EXPECT_EQ(Answered(dropped, "10.1.0.3"), Answered(routed, "10.1.0.3"));
    EXPECT_EQ(CountWarnings(dropped.result.warnings,
                            "port 'PORT1': stack 'OS390-2' is PRIMARY but has no IP forwarding"),
              1u);
    // Not PRIMARY: the adapter discards them.
    Observed discarded(
        LoadScenario(primaryRouter,
                     {R"(/ports/0/oat/1={"address": "10.1.0.3", "stack": "OS390-2"})"}));
    EXPECT_FALSE(discarded.Timeline("oat-drop").empty());
    EXPECT_EQ(Answered(discarded, "10.2.0.3"), 0u);
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

// ------------------------------------------------------------------------------------------
// Seed 003's flat network (scenarios/seed-003-flat-network.json, A = 10.3.0.0/24).
// "Assume now that traffic is flowing on Network A for IP address A.1, and OSA Port 1 fails.
// The TCP/IP Stack in partition 1 will detect the Port-1 failure, so a gratuitous ARP request
// will be broadcast out the second link (via Port 2), informing all LAN stations that IP
// address A.1 is now reachable via the Port-2 MAC address. Likewise, the TCP/IP Stack in
// partition 2 will detect the Port-1 failure, and will broadcast a gratuitous ARP out its
// Port-2 link, informing stations that IP address A.3 is now reachable via the Port-2 MAC
// address."
// ------------------------------------------------------------------------------------------

namespace
{

Scenario
FlatNetwork(const std::vector<std::string>& overrides = {})
{
    return LoadScenario(SourceDir() + "/scenarios/seed-003-flat-network.json", overrides);
}

/** The OATs without the seed's entries 3 and 4 (the HOME addresses each port may take over). */
const std::vector<std::string> kWithoutEntries3And4 = {
    R"(/ports/0/oat=[{"address": "10.3.0.1", "stack": "OS390-1"},
                     {"address": "10.3.0.3", "stack": "OS390-2"},
                     {"address": "10.3.0.5", "stack": "OS390-1"},
                     {"address": "10.3.0.6", "stack": "OS390-2"}])",
    R"(/ports/1/oat=[{"address": "10.3.0.2", "stack": "OS390-1"},
                     {"address": "10.3.0.4", "stack": "OS390-2"},
                     {"address": "10.3.0.5", "stack": "OS390-1"},
                     {"address": "10.3.0.6", "stack": "OS390-2"}])",
};

TEST(SeedThreeFlatNetwork, Port1FailsBothStacksAnnounceTheirAddressViaPort2AndClientsRecover)
{
    Observed o(FlatNetwork());
    // Both partitions share each port's MAC: the link names are the same in both stacks.
    const Mac48Address port1 = o.mac.at("LCS1");
    const Mac48Address port2 = o.mac.at("LCS2");
    ASSERT_NE(port1, port2);
    std::vector<std::string> inactive;
    for (const auto& row : o.Timeline("link-inactive"))
    {
        inactive.push_back(row.node);
    }
    std::sort(inactive.begin(), inactive.end());
    EXPECT_EQ(inactive, (std::vector<std::string>{"OS390-1/LCS1", "OS390-2/LCS1"}));
    std::multiset<std::string> homes;
    for (const auto& a : o.Gratuitous(20, 40))
    {
        EXPECT_EQ(a.senderMac, port2);
        EXPECT_EQ(a.ethSource, port2);
        EXPECT_EQ(a.ethDestination, Mac48Address::GetBroadcast());
        homes.insert(Str(a.senderIp));
    }
    EXPECT_EQ(homes.count("10.3.0.1"), 1u);           // OS390-1 announces A.1 via Port 2
    EXPECT_EQ(homes.count("10.3.0.3"), 1u);           // OS390-2 announces A.3 via Port 2
    for (const char* client : {"CLIENT2", "CLIENT3"}) // rfc826, linux
    {
        for (const char* target : {"10.3.0.1", "10.3.0.3", "10.3.0.5", "10.3.0.6"})
        {
            const OutageRow& row = o.Outage(0, client, target);
            EXPECT_TRUE(row.measured) << client << " " << target;
            EXPECT_TRUE(row.recovered) << client << " " << target;
            EXPECT_LT(row.outage, Seconds(1)) << client << " " << target;
        }
    }
    // The ports discard only frames for other addresses (ARP among the clients), never one
    // for a stack's address.
    for (const auto& row : o.Timeline("oat-drop"))
    {
        EXPECT_EQ(row.address.rfind("10.3.0.1", 0) == 0 && row.address.size() == 10, true)
            << row.address; // 10.3.0.1xx: a client
    }
}

TEST(SeedThreeFlatNetwork, WithoutOatEntries3And4Port2DropsA1AndA3AndTheFailureIsNotSurvived)
{
    Observed o(FlatNetwork(kWithoutEntries3And4));
    // The scenario says so before the run.
    size_t takeoverWarnings = 0;
    for (const auto& w : o.result.warnings)
    {
        takeoverWarnings += w.find("its OAT has no entry for") != std::string::npos;
        EXPECT_TRUE(w.rfind("port 'PORT2': its OAT has no entry for 10.3.0.1 (the HOME address "
                            "of LCS1) for stack 'OS390-1'",
                            0) == 0 ||
                    w.rfind("port 'PORT2': its OAT has no entry for 10.3.0.3 (the HOME address "
                            "of LCS1) for stack 'OS390-2'",
                            0) == 0 ||
                    w.rfind("port 'PORT1': its OAT has no entry for 10.3.0.2", 0) == 0 ||
                    w.rfind("port 'PORT1': its OAT has no entry for 10.3.0.4", 0) == 0)
            << w;
    }
    EXPECT_EQ(takeoverWarnings, 4u);
    // The stacks still take over and announce (nothing in the stack knows the OAT) ...
    std::multiset<std::string> homes = Addresses(o.Gratuitous(20, 40));
    EXPECT_EQ(homes.count("10.3.0.1"), 1u);
    EXPECT_EQ(homes.count("10.3.0.3"), 1u);
    // ... but Port 2 discards the datagrams and ARP for A.1 and A.3.
    std::set<std::string> dropped;
    for (const auto& row : o.Timeline("oat-drop"))
    {
        if (row.time >= Seconds(20))
        {
            EXPECT_EQ(row.node, "PORT2");
            dropped.insert(row.address);
        }
    }
    EXPECT_EQ(dropped, (std::set<std::string>{"10.3.0.1", "10.3.0.3"}));
    for (const char* client : {"CLIENT2", "CLIENT3"})
    {
        for (const char* target : {"10.3.0.1", "10.3.0.3"})
        {
            const OutageRow& row = o.Outage(0, client, target);
            EXPECT_TRUE(row.measured) << client << " " << target;
            EXPECT_FALSE(row.recovered) << client << " " << target;
        }
        for (const char* target : {"10.3.0.5", "10.3.0.6"}) // the VIPAs are in both OATs
        {
            EXPECT_TRUE(o.Outage(0, client, target).recovered) << client << " " << target;
        }
    }
}

} // namespace

// ------------------------------------------------------------------------------------------
// Seed 003, VIPA note: "Note that the ARP Takeover function may not complete as quickly for a
// VIPA address as it would for a real IP address, as the takeover function for a VIPA address
// is triggered only upon reception of an ARP request looking for that VIPA address. The
// performance of the ARP Takeover function for VIPA addresses will be improved in V2R7, with
// APAR PQ26689."
// ------------------------------------------------------------------------------------------

namespace
{

/**
 * Both stacks before PQ26689, run for 60 s: the linux station's entry for a VIPA, confirmed
 * at 1 s, goes stale, is probed by unicast (to Port 1's dead MAC) and fails at 43.2 s; the
 * shipped 40 s would end before that.
 */
const std::vector<std::string> kBeforePq26689 = {"/stacks/0/fixes/PQ26689=false",
                                                 "/stacks/1/fixes/PQ26689=false",
                                                 "/duration=60"};

/** The first ARP frame after 20 s matching the predicate, or nullptr. */
template <typename Pred>
const WireArp*
FirstAfterFailure(const Observed& o, Pred pred)
{
    for (const auto& a : o.arps)
    {
        if (a.time >= Seconds(20) && pred(a))
        {
            return &a;
        }
    }
    return nullptr;
}

TEST(SeedThreeFlatNetwork, VipasAreAnnouncedAtOnceWithPq26689)
{
    Observed o(FlatNetwork());
    std::multiset<std::string> announced = Addresses(o.Gratuitous(20, 40));
    EXPECT_EQ(announced.count("10.3.0.5"), 1u);
    EXPECT_EQ(announced.count("10.3.0.6"), 1u);
    // The stations that take unsolicited ARP follow the announcement at once.
    for (const char* client : {"CLIENT2", "CLIENT3"}) // rfc826, linux
    {
        for (const char* vipa : {"10.3.0.5", "10.3.0.6"})
        {
            const OutageRow& row = o.Outage(0, client, vipa);
            EXPECT_TRUE(row.recovered) << client << " " << vipa;
            EXPECT_LT(row.outage, Seconds(1)) << client << " " << vipa;
        }
    }
}

TEST(SeedThreeFlatNetwork, BeforePq26689VipasMoveOnlyWhenAClientAsksForThem)
{
    Observed o(FlatNetwork(kBeforePq26689));
    // The HOME addresses are still announced at once; the VIPAs are not announced at all.
    std::multiset<std::string> announced = Addresses(o.Gratuitous(20, 40));
    EXPECT_EQ(announced.count("10.3.0.1"), 1u);
    EXPECT_EQ(announced.count("10.3.0.3"), 1u);
    EXPECT_EQ(announced.count("10.3.0.5"), 0u);
    EXPECT_EQ(announced.count("10.3.0.6"), 0u);
    const Mac48Address port2 = o.mac.at("LCS2");
    for (const char* vipa : {"10.3.0.5", "10.3.0.6"})
    {
        const Ipv4Address v(vipa);
        // Port 2's first answer for the VIPA follows the first request a client sent for it.
        const WireArp* request = FirstAfterFailure(o, [&v](const WireArp& a) {
            return a.request && a.targetIp == v && a.senderIp != v;
        });
        const WireArp* reply = FirstAfterFailure(o, [&v, &port2](const WireArp& a) {
            return !a.request && a.senderIp == v && a.senderMac == port2;
        });
        ASSERT_NE(request, nullptr) << vipa;
        ASSERT_NE(reply, nullptr) << vipa;
        EXPECT_LT(request->time, reply->time) << vipa;
        // The linux station's entry goes stale, it probes and broadcasts, and recovers then:
        // later than the HOME address that was announced.
        const OutageRow& linuxRow = o.Outage(0, "CLIENT3", vipa);
        EXPECT_TRUE(linuxRow.recovered) << vipa;
        EXPECT_GT(linuxRow.outage, o.Outage(0, "CLIENT3", "10.3.0.1").outage + Seconds(1)) << vipa;
        EXPECT_GE(Seconds(20) + linuxRow.outage, request->time) << vipa;
        // Stock ns-3 keeps the dead MAC for its 120 s AliveTimeout and an RFC 826 station
        // until it is told otherwise: neither asks, so neither recovers.
        EXPECT_FALSE(o.Outage(0, "CLIENT1", vipa).recovered) << vipa;
        EXPECT_FALSE(o.Outage(0, "CLIENT2", vipa).recovered) << vipa;
    }
}

} // namespace
