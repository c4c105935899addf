/*
 * zos-takeover: the client-visible outage for each station ARP model (DOMAIN.md 1 and 5).
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "zos-test-util.h"

#include "ns3/application.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <gtest/gtest.h>

using namespace zostest;

namespace
{

const double kInterval = 0.1; // probe interval of the seed scenario
const double kFewMs = 0.005;

class Rfc826Outage : public ::testing::TestWithParam<double>
{
};

TEST_P(Rfc826Outage, WithinDetectionDelayPlusOneProbeInterval)
{
    double d = GetParam();
    Observed o(Seed001({"duration=40", "stacks[0].detectionDelay=" + std::to_string(d)}));
    for (const char* target : {"192.168.1.1", "10.1.1.1", "10.100.100.1"})
    {
        const OutageRow& row = o.Outage(0, "CLIENT1", target);
        EXPECT_TRUE(row.recovered) << target;
        EXPECT_GE(row.outage.GetSeconds(), d) << target;
        EXPECT_LE(row.outage.GetSeconds(), d + kInterval + kFewMs) << target;
        // about D / interval probes are lost, never more than D / interval + 1
        EXPECT_LE(row.lost, static_cast<uint32_t>(d / kInterval + 1.5)) << target;
    }
    // OSA2's own address is never interrupted.
    EXPECT_LE(o.Outage(0, "CLIENT1", "192.168.1.2").outage.GetSeconds(), kFewMs);
    EXPECT_EQ(o.Outage(0, "CLIENT1", "192.168.1.2").lost, 0u);
}

INSTANTIATE_TEST_SUITE_P(DetectionDelays,
                         Rfc826Outage,
                         ::testing::Values(0.0, 0.05, 0.1, 0.35, 1.0, 2.5));

TEST(StationOutage, LinkStopHasNoDetectionDelay)
{
    Observed o(Seed001({"duration=40", "events[0].type=linkStop", "stacks[0].detectionDelay=2"}));
    const OutageRow& row = o.Outage(0, "CLIENT1", "192.168.1.1");
    EXPECT_TRUE(row.recovered);
    EXPECT_LE(row.outage.GetSeconds(), kInterval + kFewMs);
}

TEST(StationOutage, StockStationKeepsTheDeadMacUntilItsEntryExpires)
{
    // ns-3 refreshes an ARP entry whenever an IP packet arrives from that address, so the
    // entry of 192.168.1.1 expires AliveTimeout after the last reply before the failure.
    for (double alive : {15.0, 30.0})
    {
        Observed o(Seed001({"duration=80", "stations[1].aliveTimeout=" + std::to_string(alive)}));
        for (const char* target : {"192.168.1.1", "10.1.1.1", "10.100.100.1"})
        {
            const OutageRow& row = o.Outage(0, "CLIENT2", target);
            EXPECT_EQ(row.arpModel, "stock");
            EXPECT_TRUE(row.recovered) << target;
            EXPECT_GE(row.outage.GetSeconds(), alive - kInterval) << target;
            EXPECT_LE(row.outage.GetSeconds(), alive + kInterval + 0.02) << target;
        }
        // the gratuitous ARPs reached the stock station and changed nothing
        for (const auto& row : o.Timeline("station-cache-updated"))
        {
            if (row.node == "CLIENT2" && row.time > Seconds(20) &&
                row.time < Seconds(20 + alive - 1))
            {
                ADD_FAILURE() << "stock cache changed at " << row.time.GetSeconds();
            }
        }
    }
}

TEST(StationOutage, LinuxStationFollowsTheGratuitousArp)
{
    Observed o(Seed001({"duration=40"}));
    for (const char* target : {"192.168.1.1", "10.1.1.1", "10.100.100.1"})
    {
        const OutageRow& row = o.Outage(0, "CLIENT3", target);
        EXPECT_EQ(row.arpModel, "linux");
        EXPECT_GE(row.outage.GetSeconds(), 0.1) << target;
        EXPECT_LE(row.outage.GetSeconds(), 0.1 + kInterval + kFewMs) << target;
    }
}

TEST(StationOutage, LinuxStationThatMissesTheGratuitousArpProbesTheDeadMac)
{
    // All announcements lost: the Linux station keeps the dead MAC while REACHABLE (a random
    // 15-45 s), then STALE -> DELAY (5 s) -> 3 unicast probes 1 s apart -> FAILED -> broadcast.
    // Where in that cycle the entry is at the failure decides the outage: at least the last
    // probe's second, at most a whole cycle.
    Observed o(Seed001({"duration=100", "stacks[0].gratuitousArpLoss=1"}));
    const OutageRow& row = o.Outage(0, "CLIENT3", "192.168.1.1");
    EXPECT_TRUE(row.recovered);
    EXPECT_GE(row.outage.GetSeconds(), 1.0);
    EXPECT_LE(row.outage.GetSeconds(), 45 + 5 + 3 + 1 + 1);
    // On the wire: the station's unicast probes to OSA1's (dead) MAC, then a broadcast request.
    Mac48Address osa1 = o.mac.at("OSA1");
    std::vector<Time> probes;
    Time broadcast;
    for (const auto& a : o.arps)
    {
        if (a.request && Str(a.targetIp) == "192.168.1.1" && a.time > Seconds(20) &&
            Str(a.senderIp) == "192.168.1.103")
        {
            if (a.ethDestination == osa1)
            {
                probes.push_back(a.time);
            }
            else if (a.ethDestination == Mac48Address::GetBroadcast() && broadcast.IsZero())
            {
                broadcast = a.time;
            }
        }
    }
    ASSERT_GE(probes.size(), 3u);
    // RetransTime apart, give or take the CSMA access time
    EXPECT_NEAR((probes[1] - probes[0]).GetSeconds(), 1.0, 1e-3);
    EXPECT_NEAR((probes[2] - probes[1]).GetSeconds(), 1.0, 1e-3);
    EXPECT_GT(broadcast, probes[2]);
    EXPECT_LE(broadcast.GetSeconds(), probes[2].GetSeconds() + 1.0 + kInterval + 0.02);
    EXPECT_NEAR(row.firstSuccess.GetSeconds(), broadcast.GetSeconds(), 0.02);
}

TEST(StationOutage, LinuxLocktimeAppliesToGratuitousArpOnOldKernelsOnly)
{
    // With a locktime longer than the time since the entry was last updated (~1 s at first
    // resolution), the pre-2017 behaviour ignores the gratuitous ARP; the current one obeys it.
    auto outage = [](bool overrides) {
        Observed o(Seed001({"duration=100",
                            "stations[2].locktime=60",
                            std::string("stations[2].gratuitousOverridesLocktime=") +
                                (overrides ? "true" : "false")}));
        return o.Outage(0, "CLIENT3", "192.168.1.1").outage.GetSeconds();
    };
    double current = outage(true);
    double old = outage(false);
    EXPECT_LE(current, 0.1 + kInterval + kFewMs);
    EXPECT_GE(old, 1.0); // waits for the reachability cycle to notice the dead MAC
    EXPECT_GT(old, 10 * current);
}

TEST(StationOutage, FirstSuccessTraceMarksTheEndOfTheOutage)
{
    // ProbeClient's FirstSuccess fires once per outage, at the time OutageMonitor reports.
    Scenario sc = Seed001({"duration=40"});
    std::vector<std::pair<Time, Time>> seen; // (when, gap)
    ScenarioRunner runner(sc);
    runner.SetBuildObserver([&seen](ScenarioRunner& r) {
        Ptr<Node> client = r.GetStation("CLIENT1");
        for (uint32_t i = 0; i < client->GetNApplications(); ++i)
        {
            client->GetApplication(i)->TraceConnectWithoutContext(
                "FirstSuccess",
                MakeBoundCallback(
                    +[](std::vector<std::pair<Time, Time>>* out,
                        Ipv4Address target,
                        uint32_t,
                        Time gap) {
                        if (target == Ipv4Address("192.168.1.1"))
                        {
                            out->emplace_back(Simulator::Now(), gap);
                        }
                    },
                    &seen));
        }
    });
    RunResult result = runner.Run();
    const OutageRow* row = nullptr;
    for (const auto& o : result.outages)
    {
        if (o.client == "CLIENT1" && o.target == "192.168.1.1")
        {
            row = &o;
        }
    }
    ASSERT_NE(row, nullptr);
    ASSERT_EQ(seen.size(), 1u);
    EXPECT_EQ(seen[0].first, row->firstSuccess);
    EXPECT_EQ(seen[0].second, row->longestGap);
}

TEST(Rfc826Station, AnnouncementRevivesADeadEntry)
{
    // A lone link (OSA2 removed) fails at 20 s and is repaired at 200 s. While it is down the
    // RFC 826 client's entry for 192.168.1.1 goes DEAD in ns-3 (no reply to its requests);
    // the repaired link's gratuitous ARP is for an address "already in my translation table",
    // so the merge rule updates it, whatever its state: the client is back within the
    // detection delay plus one probe interval, not after ns-3's DeadTimeout.
    Scenario sc = Seed001();
    sc.duration = 210;
    sc.stacks[0].links.erase(sc.stacks[0].links.begin() + 1);
    for (auto& st : sc.stations)
    {
        auto& t = st.probe->targets;
        t.erase(std::remove(t.begin(), t.end(), "192.168.1.2"), t.end());
    }
    sc.events.push_back({200.0, "portRepair", "TCPIPA", "OSA1", ""});
    Observed o(sc);
    const OutageRow& repair = o.Outage(1, "CLIENT1", "192.168.1.1");
    ASSERT_TRUE(repair.measured);
    EXPECT_FALSE(repair.reachableAtEvent);
    EXPECT_TRUE(repair.recovered);
    EXPECT_LE(repair.outage.GetSeconds(), 0.1 + kInterval + kFewMs);
    // The stock station ignores the announcement and waits for ns-3's timers.
    EXPECT_GT(o.Outage(1, "CLIENT2", "192.168.1.1").outage.GetSeconds(), 1.0);
}

} // namespace
