/*
 * zos-takeover: the Linux-like station against the kernel it models (DOMAIN.md section 1,
 * net/core/neighbour.c, net/ipv4/arp.c), observed on the wire and through the outage
 * figures.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "zos-test-utilities.h"

#include "ns3/ipv4.h"
#include "ns3/linux-station-arp.h"
#include "ns3/simulator.h"
#include "ns3/station-arp.h"

#include <algorithm>
#include <cmath>

using namespace zostest;

namespace
{

const Ipv4Address kClient3("192.168.1.103"); // the seed-001 scenario's Linux-like station
const Mac48Address kZeroMac("00:00:00:00:00:00");

/** An ARP frame on the wire, with every field. */
struct Frame
{
    Time time;
    Mac48Address ethSource;
    Mac48Address ethDestination;
    bool request;
    Mac48Address sha;
    Ipv4Address spa;
    Mac48Address tha;
    Ipv4Address tpa;
};

/** A frame to inject: ARP `op` from the device of station `from`, at `at`. */
struct Injection
{
    Time at;
    std::string from;
    bool request;
    Mac48Address sha;
    Ipv4Address spa;
    Mac48Address tha;
    Ipv4Address tpa;
};

/** A CacheUpdated report of one station. */
struct CacheChange
{
    Time time;
    Ipv4Address neighbour;
    Address mac;
};

/** Runs a scenario, keeps every ARP frame of LAN1 and CLIENT3's cache changes. */
class WireRun
{
  public:
    explicit WireRun(const Scenario& scenario, const std::vector<Injection>& injections = {})
    {
        ScenarioRunner runner(scenario);
        runner.SetFrameObserver([this](const std::string& lan, Time t, Ptr<const Packet> frame) {
            if (lan != "LAN1")
            {
                return;
            }
            Ptr<Packet> copy = frame->Copy();
            EthernetHeader eth(false);
            copy->RemoveHeader(eth);
            if (eth.GetLengthType() != 0x0806)
            {
                return;
            }
            ArpHeader arp;
            copy->RemoveHeader(arp);
            frames.push_back({t,
                              eth.GetSource(),
                              eth.GetDestination(),
                              arp.IsRequest(),
                              Mac48Address::ConvertFrom(arp.GetSourceHardwareAddress()),
                              arp.GetSourceIpv4Address(),
                              Mac48Address::ConvertFrom(arp.GetDestinationHardwareAddress()),
                              arp.GetDestinationIpv4Address()});
        });
        runner.SetBuildObserver([this, injections](ScenarioRunner& r) {
            r.GetStation("CLIENT3")->GetObject<StationArp>()->TraceConnectWithoutContext(
                "CacheUpdated",
                MakeBoundCallback(&WireRun::Changed, &changes));
            for (const auto& in : injections)
            {
                Ptr<NetDevice> device = r.GetStation(in.from)->GetObject<Ipv4>()->GetNetDevice(1);
                ArpHeader arp;
                if (in.request)
                {
                    arp.SetRequest(in.sha, in.spa, in.tha, in.tpa);
                }
                else
                {
                    arp.SetReply(in.sha, in.spa, in.tha, in.tpa);
                }
                Ptr<Packet> p = Create<Packet>();
                p->AddHeader(arp);
                Simulator::Schedule(in.at,
                                    &WireRun::Send,
                                    device,
                                    p,
                                    Address(Mac48Address::GetBroadcast()));
            }
        });
        result = runner.Run();
    }

    /** ARP requests CLIENT3 sent for `target` in [from, to). */
    std::vector<Frame> Requests(Ipv4Address target, double from, double to) const
    {
        std::vector<Frame> out;
        for (const auto& f : frames)
        {
            if (f.request && f.spa == kClient3 && f.tpa == target && f.time >= Seconds(from) &&
                f.time < Seconds(to))
            {
                out.push_back(f);
            }
        }
        return out;
    }

    const OutageRow& Outage(uint32_t event, const std::string& client, const std::string& target)
    {
        for (const auto& o : result.outages)
        {
            if (o.eventIndex == event && o.client == client && o.target == target)
            {
                return o;
            }
        }
        throw std::runtime_error("no outage row");
    }

    RunResult result;
    std::vector<Frame> frames;
    std::vector<CacheChange> changes;

  private:
    static void Changed(std::vector<CacheChange>* out,
                        uint32_t,
                        Ipv4Address neighbour,
                        const Address&,
                        const Address& now,
                        StationArp::CacheCause)
    {
        out->push_back({Simulator::Now(), neighbour, now});
    }

    static void Send(Ptr<NetDevice> device, Ptr<Packet> p, Address to)
    {
        device->Send(p, to, 0x0806);
    }
};

/** The cases of this file: a ZosTestCase with the file's helpers. */
class LinuxStationCase : public ZosTestCase
{
  public:
    /** \param name the case's name */
    explicit LinuxStationCase(std::string name)
        : ZosTestCase(std::move(name))
    {
    }

  protected:
    /** Seed 001 with OSA1 alone on LAN1 (OSA2 removed) and CLIENT3 probing only its address. */
    Scenario LoneLink(double repairAt, uint32_t garpCount)
    {
        Scenario sc = Seed001({"duration=" + std::to_string(repairAt + 10),
                               "stacks[0].gratuitousArpCount=" + std::to_string(garpCount)});
        auto& links = sc.stacks[0].links;
        links.erase(std::remove_if(links.begin(),
                                   links.end(),
                                   [](const LinkSpec& l) { return l.name == "OSA2"; }),
                    links.end());
        sc.stations[2].probe->targets = {"192.168.1.1"};
        EventSpec repair;
        repair.at = repairAt;
        repair.type = "portRepair";
        repair.stack = "TCPIPA";
        repair.link = "OSA1";
        sc.events.push_back(repair);
        return sc;
    }
};

/** LinuxStation.RequestsCarryAZeroTargetMac */
class LinuxStationRequestsCarryAZeroTargetMacTestCase : public LinuxStationCase
{
  public:
    LinuxStationRequestsCarryAZeroTargetMacTestCase()
        : LinuxStationCase("LinuxStation.RequestsCarryAZeroTargetMac")
    {
    }

  private:
    void DoRun() override;
};

void
LinuxStationRequestsCarryAZeroTargetMacTestCase::DoRun()
{
    // arp_solicit -> arp_send_dst(..., target_hw NULL): arp_create zeroes the target MAC, for
    // broadcast resolution and unicast probes alike (ns-3's ArpL3Protocol puts ff:ff:...).
    WireRun run(Seed001({"duration=40"}));
    uint32_t broadcast = 0;
    uint32_t unicast = 0;
    for (const auto& f : run.frames)
    {
        if (f.request && f.spa == kClient3)
        {
            NS_TEST_EXPECT_MSG_EQ(f.tha,
                                  kZeroMac,
                                  "request for " << f.tpa << " at " << f.time.GetSeconds());
            (f.ethDestination == Mac48Address::GetBroadcast() ? broadcast : unicast)++;
        }
    }
    NS_TEST_EXPECT_MSG_GT_OR_EQ(broadcast,
                                4u,
                                "broadcast >= 4u"); // first resolution of the four targets
    NS_TEST_EXPECT_MSG_GT_OR_EQ(unicast,
                                3u,
                                "unicast >= 3u"); // the probes after the takeover's gratuitous ARPs
}

/** LinuxStation.FailedNeighbourIsResolvedAgainWhileTrafficLasts */
class LinuxStationFailedNeighbourIsResolvedAgainWhileTrafficLastsTestCase : public LinuxStationCase
{
  public:
    LinuxStationFailedNeighbourIsResolvedAgainWhileTrafficLastsTestCase()
        : LinuxStationCase("LinuxStation.FailedNeighbourIsResolvedAgainWhileTrafficLasts")
    {
    }

  private:
    void DoRun() override;
};

void
LinuxStationFailedNeighbourIsResolvedAgainWhileTrafficLastsTestCase::DoRun()
{
    // Lone OSA1 fails at 20 s; by 55 s CLIENT3's entry is FAILED. Kernel: every next packet
    // starts a new resolution, mcast_solicit (3) broadcasts 1 s apart, then FAILED again for
    // at most one probe interval. ns-3's DeadTimeout (100 s) must not silence it.
    WireRun run(LoneLink(70, 1));
    std::vector<Frame> requests = run.Requests(Ipv4Address("192.168.1.1"), 55, 70);
    NS_TEST_ASSERT_MSG_GT_OR_EQ(requests.size(), 10u, "requests.size() >= 10u");
    for (size_t i = 0; i < requests.size(); ++i)
    {
        NS_TEST_EXPECT_MSG_EQ(requests[i].ethDestination,
                              Mac48Address::GetBroadcast(),
                              "requests[i].ethDestination == Mac48Address::GetBroadcast()");
        if (i > 0)
        {
            double gap = (requests[i].time - requests[i - 1].time).GetSeconds();
            NS_TEST_EXPECT_MSG_GT_OR_EQ(gap, 1.0 - 1e-6, "at " << requests[i].time.GetSeconds());
            NS_TEST_EXPECT_MSG_LT_OR_EQ(gap,
                                        1.0 + 0.1 + 0.005,
                                        "at " << requests[i].time.GetSeconds());
        }
    }
}

/** LinuxStation.RepairedNeighbourAnsweringAfterFailedEntry */
class LinuxStationRepairedNeighbourAnsweringAfterFailedEntryTestCase : public LinuxStationCase
{
  public:
    LinuxStationRepairedNeighbourAnsweringAfterFailedEntryTestCase()
        : LinuxStationCase("LinuxStation.RepairedNeighbourAnsweringAfterFailedEntry")
    {
    }

  private:
    void DoRun() override;
};

void
LinuxStationRepairedNeighbourAnsweringAfterFailedEntryTestCase::DoRun()
{
    // Linux 6.18, client probing every 100 ms, lone NIC failed 40 s with the entry FAILED,
    // then repaired: first reply 0.04-0.06 s after the repair with the server's gratuitous
    // ARP (any ARP from the address updates the FAILED entry), 0.22-1.09 s without it (the
    // next broadcast of the running resolution).
    // Here the stack notices the repair after its detection delay (0.1 s) and only then
    // announces; the outage counts from the repair.
    WireRun withGarp(LoneLink(70, 1));
    Time garp;
    for (const auto& f : withGarp.frames)
    {
        if (f.request && f.spa == Ipv4Address("192.168.1.1") && f.tpa == f.spa &&
            f.time >= Seconds(70) && garp.IsZero())
        {
            garp = f.time;
        }
    }
    NS_TEST_ASSERT_MSG_EQ(bool(garp.IsZero()), false, "garp.IsZero()");
    const OutageRow& a = withGarp.Outage(1, "CLIENT3", "192.168.1.1");
    NS_TEST_EXPECT_MSG_EQ(a.eventType, "portRepair", "a.eventType == \"portRepair\"");
    NS_TEST_EXPECT_MSG_EQ(bool(a.recovered), true, "a.recovered");
    NS_TEST_EXPECT_MSG_LT_OR_EQ(
        a.outage.GetSeconds(),
        (garp - Seconds(70)).GetSeconds() + 0.1 + 0.005,
        "a.outage.GetSeconds() <= (garp - Seconds(70)).GetSeconds() + 0.1 + 0.005");
    // the gratuitous ARP itself updated CLIENT3's entry
    bool updated = false;
    for (const auto& c : withGarp.changes)
    {
        updated = updated || (c.neighbour == Ipv4Address("192.168.1.1") && c.time >= garp &&
                              c.time < garp + MilliSeconds(10));
    }
    NS_TEST_EXPECT_MSG_EQ(bool(updated), true, "updated");

    // No gratuitous ARP at all (gratuitousArpCount 0): the running resolution's next
    // broadcast finds the link, wherever in its cycle the repair falls.
    for (double at : {70.0, 70.37, 70.74})
    {
        WireRun noGarp(LoneLink(at, 0));
        NS_TEST_EXPECT_MSG_EQ(
            bool(noGarp.Requests(Ipv4Address("192.168.1.1"), at, at + 10).size() > 0),
            true,
            "noGarp.Requests(Ipv4Address(\"192.168.1.1\"), at, at + 10).size() > 0");
        const OutageRow& b = noGarp.Outage(1, "CLIENT3", "192.168.1.1");
        NS_TEST_EXPECT_MSG_EQ(bool(b.recovered), true, at);
        // detection delay, then at most one RetransTime (plus one probe interval when the
        // resolution had just failed) to the next broadcast
        NS_TEST_EXPECT_MSG_LT_OR_EQ(b.outage.GetSeconds(), 0.1 + 1.0 + 0.1 + 0.01, at);
    }
}

/** LinuxStation.OnlyAGratuitousReplyOverridesWithinLocktime */
class LinuxStationOnlyAGratuitousReplyOverridesWithinLocktimeTestCase : public LinuxStationCase
{
  public:
    LinuxStationOnlyAGratuitousReplyOverridesWithinLocktimeTestCase()
        : LinuxStationCase("LinuxStation.OnlyAGratuitousReplyOverridesWithinLocktime")
    {
    }

  private:
    void DoRun() override;
};

void
LinuxStationOnlyAGratuitousReplyOverridesWithinLocktimeTestCase::DoRun()
{
    // arp_is_garp: a reply is gratuitous only when sender IP == target IP *and* target MAC ==
    // sender MAC. CLIENT3 resolved 192.168.1.1 at about 1.0 s; within locktime (1 s) of
    // that, a broadcast reply "192.168.1.1 is at X" with target MAC zero is ignored, the same
    // reply with target MAC X overrides. A broadcast reply leaves the entry STALE: the next
    // packet starts DELAY, and 5 s later CLIENT3 probes X by unicast.
    Mac48Address other("02:00:00:00:00:99");
    Ipv4Address osa1("192.168.1.1");
    WireRun run(Seed001({"duration=30"}),
                {{Seconds(1.5), "CLIENT1", false, other, osa1, kZeroMac, osa1},
                 {Seconds(1.6), "CLIENT1", false, other, osa1, other, osa1}});
    Time changed;
    for (const auto& c : run.changes)
    {
        if (c.neighbour == osa1 && c.mac == Address(other) && changed.IsZero())
        {
            changed = c.time;
        }
    }
    NS_TEST_EXPECT_MSG_GT_OR_EQ(changed, Seconds(1.6), "changed >= Seconds(1.6)");
    NS_TEST_EXPECT_MSG_LT(changed, Seconds(1.61), "changed < Seconds(1.61)");
    std::vector<Frame> probes = run.Requests(osa1, 1.6, 12);
    NS_TEST_ASSERT_MSG_EQ(bool(probes.empty()), false, "probes.empty()");
    NS_TEST_EXPECT_MSG_EQ(probes[0].ethDestination, other, "probes[0].ethDestination == other");
    NS_TEST_EXPECT_MSG_EQ_TOL(probes[0].time.GetSeconds(),
                              1.6 + 5,
                              0.1 + 0.01,
                              "probes[0].time.GetSeconds() near 1.6 + 5");
}

/** LinuxStation.ReachableTimeIsPerInterfaceAndRedrawnEvery300s */
class LinuxStationReachableTimeIsPerInterfaceAndRedrawnEvery300sTestCase : public LinuxStationCase
{
  public:
    LinuxStationReachableTimeIsPerInterfaceAndRedrawnEvery300sTestCase()
        : LinuxStationCase("LinuxStation.ReachableTimeIsPerInterfaceAndRedrawnEvery300s")
    {
    }

  private:
    void DoRun() override;
};

void
LinuxStationReachableTimeIsPerInterfaceAndRedrawnEvery300sTestCase::DoRun()
{
    // neigh_parms holds one reachable_time per interface, a random 0.5-1.5 x
    // base_reachable_time that neigh_periodic_work redraws every 300 s. CLIENT3 probes four
    // neighbours every 100 ms, so each cycle is: confirmation (unicast reply), REACHABLE for
    // reachable_time (+10 ms timer granularity), STALE until the next packet (< 100 ms),
    // DELAY 5 s, unicast probe. Cycles inside one 300 s period all have the same length.
    WireRun run(Seed001({"duration=1250"}));
    std::map<int64_t, std::vector<double>> byPeriod;
    std::map<Ipv4Address, Time> confirmed;
    for (const auto& f : run.frames)
    {
        if (!f.request && f.tpa == kClient3 && f.ethDestination != Mac48Address::GetBroadcast())
        {
            confirmed[f.spa] = f.time; // unicast reply to CLIENT3
        }
        else if (f.request && f.spa == kClient3 &&
                 f.ethDestination != Mac48Address::GetBroadcast() && confirmed.count(f.tpa))
        {
            Time from = confirmed[f.tpa];
            Time expired = f.time - Seconds(5);
            int64_t period = static_cast<int64_t>(from.GetSeconds() / 300);
            if (from > Seconds(30) && static_cast<int64_t>(expired.GetSeconds() / 300) == period)
            {
                byPeriod[period].push_back((expired - from).GetSeconds());
            }
        }
    }
    NS_TEST_ASSERT_MSG_GT_OR_EQ(byPeriod.size(), 3u, "byPeriod.size() >= 3u");
    std::vector<double> typical;
    for (const auto& [period, cycles] : byPeriod)
    {
        NS_TEST_ASSERT_MSG_GT_OR_EQ(cycles.size(), 2u, "period " << period);
        auto [lo, hi] = std::minmax_element(cycles.begin(), cycles.end());
        NS_TEST_EXPECT_MSG_LT_OR_EQ(*hi - *lo, 0.1 + 0.01, "period " << period);
        NS_TEST_EXPECT_MSG_GT_OR_EQ(*lo, 15.0, "*lo >= 15.0");
        NS_TEST_EXPECT_MSG_LT_OR_EQ(*hi, 45.0 + 0.1 + 0.02, "*hi <= 45.0 + 0.1 + 0.02");
        typical.push_back(*lo);
    }
    auto [lo, hi] = std::minmax_element(typical.begin(), typical.end());
    NS_TEST_EXPECT_MSG_GT(*hi - *lo, 0.5, "never redrawn");
}

/** LinuxStation.NoProbeForAnEntryNobodyUses */
class LinuxStationNoProbeForAnEntryNobodyUsesTestCase : public LinuxStationCase
{
  public:
    LinuxStationNoProbeForAnEntryNobodyUsesTestCase()
        : LinuxStationCase("LinuxStation.NoProbeForAnEntryNobodyUses")
    {
    }

  private:
    void DoRun() override;
};

void
LinuxStationNoProbeForAnEntryNobodyUsesTestCase::DoRun()
{
    // The kernel's neighbour entries are per IP address; a packet uses the entry of its next
    // hop only. CLIENT3 does not probe OSA2's own HOME 192.168.1.2, so its entry (created
    // STALE by OSA2's request for CLIENT3) is never used and never probed, even after
    // CLIENT3, having missed the gratuitous ARPs, re-resolves 192.168.1.1 to OSA2's MAC.
    Scenario sc = Seed001({"duration=100", "stacks[0].gratuitousArpLoss=1"});
    sc.stations[2].probe->targets = {"192.168.1.1", "10.1.1.1", "10.100.100.1"};
    WireRun run(sc);
    NS_TEST_EXPECT_MSG_EQ(bool(run.Outage(0, "CLIENT3", "192.168.1.1").recovered),
                          true,
                          "run.Outage(0, \"CLIENT3\", \"192.168.1.1\").recovered");
    for (const auto& f : run.Requests(Ipv4Address("192.168.1.2"), 20, 100))
    {
        // (GoogleTest: ADD_FAILURE) any such request is a failure
        NS_TEST_EXPECT_MSG_EQ(true,
                              false,
                              "request for 192.168.1.2 to " << f.ethDestination << " at "
                                                            << f.time.GetSeconds());
    }
}

} // namespace

namespace
{

/** (time, neighbour, old state, new state) reported by LinuxStationArp's StateChanged. */
struct Transition
{
    Time time;
    Ipv4Address neighbour;
    std::string from;
    std::string to;
};

void
RecordTransition(std::vector<Transition>* out,
                 uint32_t,
                 Ipv4Address neighbour,
                 LinuxStationArp::State from,
                 LinuxStationArp::State to)
{
    out->push_back({Simulator::Now(),
                    neighbour,
                    LinuxStationArp::StateName(from),
                    LinuxStationArp::StateName(to)});
}

/** LinuxStation.FailedEntryCyclesThroughIncompleteUntilTheRepairsAnnouncement */
class LinuxStationFailedEntryCyclesThroughIncompleteUntilTheRepairsAnnouncementTestCase
    : public LinuxStationCase
{
  public:
    LinuxStationFailedEntryCyclesThroughIncompleteUntilTheRepairsAnnouncementTestCase()
        : LinuxStationCase(
              "LinuxStation.FailedEntryCyclesThroughIncompleteUntilTheRepairsAnnouncement")
    {
    }

  private:
    void DoRun() override;
};

void
LinuxStationFailedEntryCyclesThroughIncompleteUntilTheRepairsAnnouncementTestCase::DoRun()
{
    // The NUD states behind FailedNeighbourIsResolvedAgainWhileTrafficLasts: after PROBE,
    // FAILED; each next packet INCOMPLETE, McastSolicit requests later FAILED again; the
    // repaired link's gratuitous ARP (a request: STALE) resolves the entry whatever state it
    // is in, its queued packets go out through it, so DELAY at once (neigh_resolve_output).
    std::vector<Transition> seen;
    ScenarioRunner runner(LoneLink(70, 1));
    runner.SetBuildObserver([&seen](ScenarioRunner& r) {
        r.GetStation("CLIENT3")->GetObject<StationArp>()->TraceConnectWithoutContext(
            "StateChanged",
            MakeBoundCallback(&RecordTransition, &seen));
    });
    runner.Run();
    std::vector<Transition> osa1;
    for (const auto& t : seen)
    {
        if (t.neighbour == Ipv4Address("192.168.1.1") && t.time > Seconds(20))
        {
            osa1.push_back(t);
        }
    }
    NS_TEST_ASSERT_MSG_EQ(bool(osa1.empty()), false, "osa1.empty()");
    uint32_t failed = 0;
    uint32_t restarted = 0;
    Time lastRestart;
    for (size_t i = 0; i < osa1.size(); ++i)
    {
        const Transition& t = osa1[i];
        if (t.to == "FAILED")
        {
            ++failed;
            NS_TEST_EXPECT_MSG_EQ(bool(t.from == "PROBE" || t.from == "INCOMPLETE"), true, t.from);
            if (t.from == "INCOMPLETE")
            {
                // McastSolicit (3) requests RetransTime (1 s) apart, failed 1 s after the last
                NS_TEST_EXPECT_MSG_EQ_TOL((t.time - lastRestart).GetSeconds(),
                                          3.0,
                                          1e-6,
                                          "(t.time - lastRestart).GetSeconds() near 3.0");
            }
        }
        if (t.to == "INCOMPLETE")
        {
            ++restarted;
            NS_TEST_EXPECT_MSG_EQ(t.from, "FAILED", "t.from == \"FAILED\"");
            lastRestart = t.time;
        }
    }
    NS_TEST_EXPECT_MSG_GT_OR_EQ(failed, 5u, "failed >= 5u");
    NS_TEST_EXPECT_MSG_GT_OR_EQ(restarted, 5u, "restarted >= 5u");
    // the announcement after the repair ends it: INCOMPLETE/FAILED -> STALE -> DELAY
    auto stale = std::find_if(osa1.begin(), osa1.end(), [](const Transition& t) {
        return t.to == "STALE" && t.time >= Seconds(70);
    });
    NS_TEST_ASSERT_MSG_EQ(bool(stale != osa1.end()), true, "stale != osa1.end()");
    NS_TEST_EXPECT_MSG_LT(
        stale->time,
        Seconds(70.2),
        "stale->time < Seconds(70.2)"); // detection delay 0.1 s, then the announcement
    NS_TEST_EXPECT_MSG_EQ(bool(stale->from == "INCOMPLETE" || stale->from == "FAILED"),
                          true,
                          stale->from);
    NS_TEST_ASSERT_MSG_EQ(bool(stale + 1 != osa1.end()), true, "stale + 1 != osa1.end()");
    NS_TEST_EXPECT_MSG_EQ((stale + 1)->to, "DELAY", "(stale + 1)->to == \"DELAY\"");
}

} // namespace

void
zostest::AddLinuxStationCases(CaseList& cases)
{
    cases.Add<LinuxStationRequestsCarryAZeroTargetMacTestCase>();
    cases.Add<LinuxStationFailedNeighbourIsResolvedAgainWhileTrafficLastsTestCase>();
    cases.Add<LinuxStationRepairedNeighbourAnsweringAfterFailedEntryTestCase>();
    cases.Add<LinuxStationOnlyAGratuitousReplyOverridesWithinLocktimeTestCase>();
    cases.Add<LinuxStationReachableTimeIsPerInterfaceAndRedrawnEvery300sTestCase>();
    cases.Add<LinuxStationNoProbeForAnEntryNobodyUsesTestCase>();
    cases.Add<LinuxStationFailedEntryCyclesThroughIncompleteUntilTheRepairsAnnouncementTestCase>();
}
