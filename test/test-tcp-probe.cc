/*
 * zos-takeover: TCP probes and PQ25476 (issue 9 item 3), on seed 003's flat network with
 * TCP probes (scenarios/seed-003-flat-network-tcp.json: Port 1 fails at 20 s; each stack
 * routes to network A over its Port 1 link LCS1, activated last).
 *
 * Seed 003 (II11926): "Without PQ25476, TCP-layer connections in existence at the time of
 * the route failure will timeout, rather than being immediately recovered over the backup
 * route. PQ25476 corrects this function, such that transport-layer connections are
 * immediately rerouted over a suitable backup route (if one exists)."
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "zos-test-util.h"

#include "ns3/output-writer.h"

#include <gtest/gtest.h>

using namespace zostest;

namespace
{

const std::vector<std::string> kClients = {"CLIENT1", "CLIENT2"};   // rfc826, linux: TCP
const std::vector<std::string> kTargets = {"10.3.0.1", "10.3.0.3"}; // A.1 (OS390-1), A.3

Scenario
FlatTcp(const std::vector<std::string>& overrides = {})
{
    return LoadScenario(SourceDir() + "/scenarios/seed-003-flat-network-tcp.json", overrides);
}

const std::vector<std::string> kBeforeFix = {"/stacks/0/fixes/PQ25476=false",
                                             "/stacks/1/fixes/PQ25476=false"};

TEST(TcpProbe, WithPq25476TheConnectionsMoveToTheBackupRouteAtOnce)
{
    Observed o(FlatTcp());
    ASSERT_EQ(o.result.tcp.size(), 4u);
    for (const auto& client : kClients)
    {
        for (const auto& target : kTargets)
        {
            SCOPED_TRACE(client + " -> " + target);
            const TcpRow& c = o.Tcp(client, target);
            EXPECT_TRUE(c.survived);
            EXPECT_TRUE(c.closed.IsNegative());
            EXPECT_EQ(c.closeReason, "");
            EXPECT_GT(c.opened, Seconds(1));
            EXPECT_LT(c.opened, Seconds(1.1));
            // The failure's stall: the last answer before 20 s to the first after it. The
            // detection delay (0.1 s) with the gratuitous ARP, then 3 duplicate ACKs (one
            // request each, 0.1 s apart) for the fast retransmission of the lost requests.
            EXPECT_GE(c.stallStart, Seconds(19.85));
            EXPECT_LE(c.stallStart, Seconds(20.0));
            EXPECT_GT(c.longestStall, Seconds(0.2));
            EXPECT_LT(c.longestStall, Seconds(1.0));
            EXPECT_GE(c.retransmissions, 1u);
            EXPECT_LE(c.retransmissions, 3u);
            EXPECT_EQ(c.answered, c.sent);
            // The outage figures of the same probes agree.
            const OutageRow& outage = o.Outage(0, client, target);
            EXPECT_TRUE(outage.recovered);
            EXPECT_LT(outage.outage, Seconds(1.0));
        }
    }
    auto failures = o.Timeline("tcp-route-failure");
    ASSERT_EQ(failures.size(), 2u);
    for (const auto& row : failures)
    {
        EXPECT_EQ(row.time, Seconds(20.1)); // the detection delay after the failure
        EXPECT_EQ(row.detail, "2 connections routed again (PQ25476)");
    }
    EXPECT_TRUE(o.Timeline("tcp-close").empty());
    EXPECT_EQ(o.Timeline("tcp-open").size(), 4u);
}

TEST(TcpProbe, BeforePq25476TheConnectionsKeepTheFailedRouteAndTimeOut)
{
    Observed o(FlatTcp(kBeforeFix));
    for (const auto& client : kClients)
    {
        for (const auto& target : kTargets)
        {
            SCOPED_TRACE(client + " -> " + target);
            const TcpRow& c = o.Tcp(client, target);
            EXPECT_FALSE(c.survived);
            EXPECT_EQ(c.closeReason, "timeout");
            // ns-3's defaults: RTO from MinRto 1 s, doubled, at most 60 s; the connection
            // closes at the 7th timeout (DataRetries 6): 1+2+4+8+16+32+60 = 123 s.
            EXPECT_GT(c.closed, Seconds(20 + 100));
            EXPECT_LT(c.closed, Seconds(20 + 130));
            EXPECT_GE(c.stallStart, Seconds(19.85));
            EXPECT_LE(c.stallStart, Seconds(20.0));
            EXPECT_EQ(c.longestStall, c.closed - c.stallStart);
            EXPECT_GE(c.retransmissions, 6u);
            EXPECT_LT(c.answered, c.sent);
            EXPECT_FALSE(o.Outage(0, client, target).recovered);
        }
    }
    auto failures = o.Timeline("tcp-route-failure");
    ASSERT_EQ(failures.size(), 2u);
    for (const auto& row : failures)
    {
        EXPECT_EQ(row.detail, "2 connections keep the failed route (no PQ25476)");
    }
    auto closes = o.Timeline("tcp-close");
    ASSERT_EQ(closes.size(), 4u);
    for (const auto& row : closes)
    {
        EXPECT_EQ(row.detail, "timeout");
    }
    // UDP probes to the same addresses do not depend on PQ25476.
    for (const auto& target : kTargets)
    {
        const OutageRow& udp = o.Outage(0, "CLIENT3", target);
        EXPECT_TRUE(udp.recovered);
        EXPECT_LT(udp.outage, Seconds(0.5));
    }
}

TEST(TcpProbe, EachStacksFixLevelDecidesForItsOwnConnections)
{
    // Only OS390-1 (A.1) lacks the fix: its connections time out, OS390-2's (A.3) move.
    Observed o(FlatTcp({"/stacks/0/fixes/PQ25476=false"}));
    for (const auto& client : kClients)
    {
        EXPECT_FALSE(o.Tcp(client, "10.3.0.1").survived) << client;
        EXPECT_TRUE(o.Tcp(client, "10.3.0.3").survived) << client;
    }
}

TEST(TcpProbe, WithoutTheFixOnlyConnectionsOnTheFailedRouteTimeOut)
{
    // LCS2 activated last: the stacks route to network A over LCS2 (Port 2). Port 1's
    // failure moves the inbound traffic (gratuitous ARP) but fails no connection's route,
    // so even without PQ25476 the connections survive. PQ25476 is about routes, not about
    // the event.
    Observed o(FlatTcp({"/stacks/0/fixes/PQ25476=false",
                        "/stacks/1/fixes/PQ25476=false",
                        "/stacks/0/links/0/activateAt=0",
                        "/stacks/0/links/1/activateAt=0.1",
                        "/stacks/1/links/0/activateAt=0",
                        "/stacks/1/links/1/activateAt=0.1"}));
    for (const auto& client : kClients)
    {
        for (const auto& target : kTargets)
        {
            const TcpRow& c = o.Tcp(client, target);
            EXPECT_TRUE(c.survived) << client << " -> " << target;
            EXPECT_LT(c.longestStall, Seconds(1.0)) << client << " -> " << target;
        }
    }
    EXPECT_TRUE(o.Timeline("tcp-route-failure").empty());
}

TEST(TcpProbe, TcpCsvHasOneRowPerConnection)
{
    Observed o(FlatTcp(kBeforeFix));
    std::string csv = TcpCsv(o.result);
    EXPECT_EQ(csv.rfind("client,arp,target,opened_s,closed_s,close_reason,survived,sent,answered,"
                        "retransmissions,stall_s,stall_start_s\n",
                        0),
              0u);
    EXPECT_EQ(std::count(csv.begin(), csv.end(), '\n'), 5);
    EXPECT_NE(csv.find("\nCLIENT1,rfc826,10.3.0.1,1.0"), std::string::npos);
    EXPECT_NE(csv.find(",timeout,false,"), std::string::npos);
    EXPECT_NE(TcpTable(o.result).find("no: timeout at "), std::string::npos);
}

TEST(TcpProbe, UdpScenariosKeepTheirCanonicalFormAndWriteNoTcpFile)
{
    // The keys added for TCP are left out of the canonical form at their defaults, so the
    // summary.json of every earlier scenario stays byte-identical.
    Scenario flat =
        LoadScenario(SourceDir() + "/scenarios/seed-003-flat-network.json", {"duration=25"});
    std::string canonical = ScenarioToJson(flat);
    EXPECT_EQ(canonical.find("transport"), std::string::npos);
    EXPECT_EQ(canonical.find("PQ25476"), std::string::npos);
    EXPECT_NE(canonical.find("PQ26689"), std::string::npos);
    std::string tcp = ScenarioToJson(FlatTcp(kBeforeFix));
    EXPECT_NE(tcp.find("\"transport\": \"tcp\""), std::string::npos);
    EXPECT_NE(tcp.find("\"PQ25476\": false"), std::string::npos);
    // No TCP probe: no connection, no tcp.csv.
    Observed o(flat);
    EXPECT_TRUE(o.result.tcp.empty());
    EXPECT_EQ(TcpTable(o.result), "");
    for (const auto& file : OutputFiles())
    {
        if (file.name == "tcp.csv")
        {
            ASSERT_NE(file.wanted, nullptr);
            EXPECT_FALSE(file.wanted(o.result));
        }
    }
    EXPECT_EQ(SummaryJson(o.result).find("tcpConnections"), std::string::npos);
}

} // namespace
