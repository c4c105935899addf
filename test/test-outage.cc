/*
 * zos-takeover: the outage is charged to the right failure (issue 7, item 3). The definition
 * is in doc/zos-takeover.rst, "Outage definition"; OutageMonitor implements it.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "zos-test-util.h"

#include "ns3/outage-monitor.h"
#include "ns3/output-writer.h"

#include <filesystem>
#include <functional>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <tuple>

using namespace zostest;
using Reason = OutageMonitor::Reason;

namespace
{

const Ipv4Address kA("192.168.1.1");
const Ipv4Address kB("192.168.2.3");

/**
 * A synthetic probe stream: a request every `interval` in [from, to), each answered `rtt`
 * later unless `lost(sent)`. Requests and replies are fed as the trace sources would feed
 * them (replies in arrival order).
 */
void
Probe(OutageMonitor& m,
      const std::string& client,
      Ipv4Address target,
      Time from,
      Time to,
      const std::function<bool(Time)>& lost,
      Time interval = MilliSeconds(100),
      Time rtt = MilliSeconds(1))
{
    for (Time t = from; t < to; t += interval)
    {
        m.NotifyTx(client, target, t);
    }
    for (Time t = from; t < to; t += interval)
    {
        if (!lost(t))
        {
            m.NotifyReply(client, target, t, t + rtt);
        }
    }
}

/** Requests sent in [from, to) are lost. */
std::function<bool(Time)>
LostBetween(double from, double to)
{
    return [from, to](Time t) { return t >= Seconds(from) && t < Seconds(to); };
}

/** Every record carries figures only when measured, and never a negative outage. */
void
ExpectSane(const std::vector<OutageMonitor::Record>& records)
{
    for (const auto& r : records)
    {
        EXPECT_FALSE(r.outage.IsStrictlyNegative()) << r.client << " " << r.event;
        EXPECT_FALSE(r.longestGap.IsStrictlyNegative()) << r.client << " " << r.event;
        if (r.IsMeasured())
        {
            EXPECT_GT(r.sent, 0u) << r.client << " " << r.event; // no 0/0 measured row
            EXPECT_LE(r.lost, r.sent);
            EXPECT_GT(r.windowEnd, r.eventAt);
            EXPECT_LE(r.outage, r.windowEnd - r.eventAt);
        }
        else
        {
            EXPECT_EQ(r.sent, 0u);
            EXPECT_EQ(r.lost, 0u);
            EXPECT_FALSE(r.recovered);
        }
    }
}

TEST(OutageMonitor, DefinitionsOnOneWindow)
{
    // Requests every 100 ms from 0 to 2 s; those sent in [1.0, 1.3) are lost; replies take
    // 1 ms. One event at 1 s, probing stops at 2 s.
    OutageMonitor m;
    m.AddEvent(Seconds(1), {kA});
    m.AddClient("C", {kA}, Seconds(0), Seconds(2));
    Probe(m, "C", kA, Seconds(0), Seconds(2), LostBetween(1.0, 1.3));
    auto r = m.GetRecord(0, "C", kA);
    ASSERT_TRUE(r.IsMeasured());
    EXPECT_TRUE(r.recovered);
    EXPECT_EQ(r.windowEnd, Seconds(2));
    EXPECT_EQ(r.outage, MilliSeconds(301)); // to the reply of the request sent at 1.3 s
    EXPECT_EQ(r.firstSuccess, MilliSeconds(1301));
    EXPECT_EQ(r.longestGap, MilliSeconds(400)); // 0.901 -> 1.301
    EXPECT_EQ(r.sent, 10u);
    EXPECT_EQ(r.lost, 3u);
    ExpectSane(m.GetRecords());
}

/** What SetRecoveryCallback reports: (event, client, target, at). */
struct Recovery
{
    std::vector<std::tuple<uint32_t, std::string, Ipv4Address, Time>> seen; //!< in order

    void Recovered(uint32_t event, const std::string& client, Ipv4Address target, Time at)
    {
        seen.emplace_back(event, client, target, at);
    }
};

TEST(OutageMonitor, TheRecoveryCallbackTellsTheRecordsThatWillBeMeasuredRecovered)
{
    // Two events at 1 s touch kA (one window, on the first's row), one at 3 s touches kB.
    // C recovers from both; LATE starts probing after the first; NEVER has no reply from kA
    // before it; STOPPED stops before the second. The callback tells, when the first success
    // comes, exactly the records GetRecords then gives as measured and recovered.
    OutageMonitor m;
    m.AddEvent(Seconds(1), {kA});
    m.AddEvent(Seconds(1), {kA});
    m.AddEvent(Seconds(3), {kB});
    m.AddClient("C", {kA, kB}, Seconds(0), Seconds(5));
    m.AddClient("LATE", {kA}, MilliSeconds(1500), Seconds(5));
    m.AddClient("NEVER", {kA}, Seconds(0), Seconds(5));
    m.AddClient("STOPPED", {kB}, Seconds(0), MilliSeconds(2500));
    Recovery recovery;
    m.SetRecoveryCallback(MakeCallback(&Recovery::Recovered, &recovery));
    Probe(m, "C", kA, Seconds(0), Seconds(5), LostBetween(1.0, 1.3));
    Probe(m, "C", kB, Seconds(0), Seconds(5), LostBetween(3.0, 3.5));
    Probe(m, "LATE", kA, MilliSeconds(1500), Seconds(5), LostBetween(0, 0));
    Probe(m, "NEVER", kA, Seconds(0), Seconds(5), LostBetween(0, 1.2));
    Probe(m, "STOPPED", kB, Seconds(0), MilliSeconds(2500), LostBetween(0, 0));
    std::vector<std::tuple<uint32_t, std::string, Ipv4Address, Time>> expected;
    for (const auto& r : m.GetRecords())
    {
        if (r.IsMeasured() && r.recovered)
        {
            expected.emplace_back(r.event, r.client, r.target, r.firstSuccess);
        }
    }
    ASSERT_EQ(expected.size(), 2u);
    EXPECT_EQ(std::get<1>(expected[0]), "C");
    EXPECT_EQ(std::get<3>(expected[0]), MilliSeconds(1301));
    EXPECT_EQ(std::get<0>(expected[1]), 2u);
    EXPECT_EQ(std::get<3>(expected[1]), MilliSeconds(3501));
    EXPECT_TRUE(recovery.seen == expected);
}

TEST(OutageMonitor, LateReplyToARequestSentBeforeTheEventDoesNotEndTheOutage)
{
    OutageMonitor m;
    m.AddEvent(Seconds(1), {kA});
    m.AddClient("C", {kA}, Seconds(0), Seconds(2));
    for (int i = 0; i < 20; ++i)
    {
        m.NotifyTx("C", kA, MilliSeconds(100 * i));
    }
    for (int i = 0; i < 20; ++i)
    {
        Time sent = MilliSeconds(100 * i);
        if (i == 9)
        {
            m.NotifyReply("C", kA, sent, MilliSeconds(1050)); // late, after the event
        }
        else if (i < 9 || i >= 13)
        {
            m.NotifyReply("C", kA, sent, sent + MilliSeconds(1));
        }
    }
    auto r = m.GetRecord(0, "C", kA);
    ASSERT_TRUE(r.IsMeasured());
    EXPECT_EQ(r.outage, MilliSeconds(301));
}

TEST(OutageMonitor, WindowEndsAtTheNextEventTouchingTheTarget)
{
    // A fails at 10 s, B (another stack) at 11 s, A is repaired at 12 s. A's requests sent in
    // [10, 12.5) are lost: A does not recover before the repair.
    OutageMonitor m;
    m.AddEvent(Seconds(10), {kA});
    m.AddEvent(Seconds(11), {kB});
    m.AddEvent(Seconds(12), {kA});
    m.AddClient("C", {kA, kB}, Seconds(1), Seconds(20));
    Probe(m, "C", kA, Seconds(1), Seconds(20), LostBetween(10, 12.5));
    Probe(m, "C", kB, Seconds(1), Seconds(20), LostBetween(11, 11.2));

    auto failure = m.GetRecord(0, "C", kA);
    ASSERT_TRUE(failure.IsMeasured());
    EXPECT_EQ(failure.windowEnd, Seconds(12)); // not 11 s: that event does not touch A
    EXPECT_FALSE(failure.recovered);           // the reply at 12.5 s is after the repair
    EXPECT_EQ(failure.outage, Seconds(2));     // the window's length
    EXPECT_TRUE(failure.firstSuccess.IsStrictlyNegative());
    EXPECT_EQ(failure.sent, 20u);
    EXPECT_EQ(failure.lost, 20u);
    EXPECT_EQ(failure.longestGap, Seconds(2) + MilliSeconds(99)); // 9.901 -> 12

    // The event on the other stack does not touch A, and A's failure does not touch B.
    EXPECT_EQ(m.GetRecord(1, "C", kA).reason, Reason::TARGET_NOT_TOUCHED);
    EXPECT_EQ(m.GetRecord(0, "C", kB).reason, Reason::TARGET_NOT_TOUCHED);
    auto other = m.GetRecord(1, "C", kB);
    ASSERT_TRUE(other.IsMeasured());
    EXPECT_EQ(other.windowEnd, Seconds(20)); // the end of probing
    EXPECT_EQ(other.outage, MilliSeconds(201));

    // At the repair A had not answered since its failure: the repair's row is measured, says
    // so, and its outage is the time from the repair to the first reply (12.5 s + 1 ms).
    auto repair = m.GetRecord(2, "C", kA);
    ASSERT_TRUE(repair.IsMeasured());
    EXPECT_FALSE(repair.reachableAtEvent);
    EXPECT_TRUE(repair.recovered);
    EXPECT_EQ(repair.outage, MilliSeconds(501));
    EXPECT_TRUE(failure.reachableAtEvent);
    // Per model, the repair's row is a piece of the failure's outage: counted apart, not as a
    // recovered outage of its own.
    auto summary = OutageMonitor::Summarize({failure, repair});
    EXPECT_EQ(summary.measured, 2u);
    EXPECT_EQ(summary.downAtEvent, 1u);
    EXPECT_EQ(summary.recovered, 0u);
    EXPECT_EQ(summary.notRecovered, 1u);
    ExpectSane(m.GetRecords());
}

TEST(OutageMonitor, RecoveredBeforeTheNextEventStartsAMeasuredWindow)
{
    OutageMonitor m;
    m.AddEvent(Seconds(10), {kA});
    m.AddEvent(Seconds(12), {kA});
    m.AddClient("C", {kA}, Seconds(1), Seconds(20));
    Probe(m, "C", kA, Seconds(1), Seconds(20), [](Time t) {
        return (t >= Seconds(10) && t < Seconds(10.3)) || (t >= Seconds(12) && t < Seconds(12.5));
    });
    auto failure = m.GetRecord(0, "C", kA);
    ASSERT_TRUE(failure.IsMeasured());
    EXPECT_TRUE(failure.recovered);
    EXPECT_EQ(failure.outage, MilliSeconds(301));
    EXPECT_EQ(failure.sent, 20u); // [10, 12)
    EXPECT_EQ(failure.lost, 3u);
    auto second = m.GetRecord(1, "C", kA);
    ASSERT_TRUE(second.IsMeasured());
    EXPECT_EQ(second.outage, MilliSeconds(501));
    EXPECT_EQ(second.sent, 80u); // [12, 20)
    EXPECT_EQ(second.lost, 5u);
}

TEST(OutageMonitor, SimultaneousEventsShareOneWindow)
{
    OutageMonitor m;
    m.AddEvent(Seconds(10), {kA, kB});
    m.AddEvent(Seconds(10), {kA, kB});
    m.AddEvent(Seconds(15), {kA, kB});
    m.AddClient("C", {kA}, Seconds(1), Seconds(20));
    Probe(m, "C", kA, Seconds(1), Seconds(20), LostBetween(10, 10.3));
    auto first = m.GetRecord(0, "C", kA);
    ASSERT_TRUE(first.IsMeasured());
    EXPECT_EQ(first.windowEnd, Seconds(15)); // not an empty window [10, 10)
    EXPECT_TRUE(first.recovered);
    EXPECT_EQ(first.outage, MilliSeconds(301));
    EXPECT_EQ(first.sent, 50u);
    EXPECT_EQ(first.lost, 3u);
    auto second = m.GetRecord(1, "C", kA);
    EXPECT_FALSE(second.IsMeasured());
    EXPECT_EQ(second.reason, Reason::SHARED_WINDOW);
    EXPECT_EQ(second.windowEnd, Seconds(15));
    // The next window starts where the shared one ends, measured as usual.
    auto third = m.GetRecord(2, "C", kA);
    ASSERT_TRUE(third.IsMeasured());
    EXPECT_EQ(third.outage, MilliSeconds(1));
    ExpectSane(m.GetRecords());
}

TEST(OutageMonitor, ClientNotYetProbingIsNotMeasured)
{
    OutageMonitor m;
    m.AddEvent(Seconds(10), {kA});
    m.AddEvent(Seconds(30), {kA});
    m.AddClient("EARLY", {kA}, Seconds(1), Seconds(40));
    m.AddClient("LATE", {kA}, Seconds(15), Seconds(40));
    Probe(m, "EARLY", kA, Seconds(1), Seconds(40), LostBetween(10, 10.2));
    Probe(m, "LATE", kA, Seconds(15), Seconds(40), LostBetween(30, 30.4));
    auto late = m.GetRecord(0, "LATE", kA);
    EXPECT_FALSE(late.IsMeasured());
    EXPECT_EQ(late.reason, Reason::CLIENT_NOT_PROBING);
    EXPECT_EQ(OutageMonitor::GetReasonName(late.reason), "client-not-probing");
    // Probing (and answered) at the second event: measured then.
    auto later = m.GetRecord(1, "LATE", kA);
    ASSERT_TRUE(later.IsMeasured());
    EXPECT_EQ(later.outage, MilliSeconds(401));
    EXPECT_EQ(m.GetRecord(0, "EARLY", kA).outage, MilliSeconds(201));
    // The late client does not make its model's worst outage 5 s (10 s -> its first reply).
    auto s = OutageMonitor::Summarize(m.GetRecords());
    EXPECT_EQ(s.rows, 4u);
    EXPECT_EQ(s.measured, 3u);
    EXPECT_EQ(s.maxOutage, MilliSeconds(401));
    ExpectSane(m.GetRecords());
}

TEST(OutageMonitor, TargetNeverReachableIsNotMeasured)
{
    OutageMonitor m;
    m.AddEvent(Seconds(10), {kA, kB});
    m.AddEvent(Seconds(20), {kA, kB});
    m.AddClient("C", {kA, kB}, Seconds(1), Seconds(30));
    // A never answers; B answers only from 12 s (an address added after the first event).
    Probe(m, "C", kA, Seconds(1), Seconds(30), [](Time) { return true; });
    Probe(m, "C", kB, Seconds(1), Seconds(30), [](Time t) { return t < Seconds(12); });
    for (uint32_t e : {0u, 1u})
    {
        auto a = m.GetRecord(e, "C", kA);
        EXPECT_FALSE(a.IsMeasured()) << e;
        EXPECT_EQ(a.reason, Reason::NO_REPLY_BEFORE_EVENT) << e;
    }
    EXPECT_EQ(m.GetRecord(0, "C", kB).reason, Reason::NO_REPLY_BEFORE_EVENT);
    EXPECT_EQ(OutageMonitor::GetReasonName(Reason::NO_REPLY_BEFORE_EVENT), "no-reply-before-event");
    auto b = m.GetRecord(1, "C", kB);
    ASSERT_TRUE(b.IsMeasured());
    EXPECT_EQ(b.outage, MilliSeconds(1));
    ExpectSane(m.GetRecords());
}

TEST(OutageMonitor, ProbeStoppedBeforeTheEventIsNotMeasuredNeverNegative)
{
    OutageMonitor m;
    m.AddEvent(Seconds(10), {kA});
    m.AddClient("GONE", {kA}, Seconds(1), Seconds(8));
    m.AddClient("STAYS", {kA}, Seconds(1), Seconds(11));
    Probe(m, "GONE", kA, Seconds(1), Seconds(8), [](Time) { return false; });
    Probe(m, "STAYS", kA, Seconds(1), Seconds(11), LostBetween(10, 20));
    auto gone = m.GetRecord(0, "GONE", kA);
    EXPECT_FALSE(gone.IsMeasured());
    EXPECT_EQ(gone.reason, Reason::CLIENT_NOT_PROBING);
    EXPECT_FALSE(gone.outage.IsStrictlyNegative());
    // The window also ends when the client stops probing.
    auto stays = m.GetRecord(0, "STAYS", kA);
    ASSERT_TRUE(stays.IsMeasured());
    EXPECT_EQ(stays.windowEnd, Seconds(11));
    EXPECT_FALSE(stays.recovered);
    EXPECT_EQ(stays.outage, Seconds(1));
    ExpectSane(m.GetRecords());
}

TEST(OutageMonitor, NoZeroOfZeroRows)
{
    // Requests at x.x2 s; events at 10 s and 10.01 s (twice) touch A: no request in the first
    // window, and no reply between the two instants.
    OutageMonitor m;
    m.AddEvent(Seconds(10), {kA});
    m.AddEvent(Seconds(10.01), {kA});
    m.AddEvent(Seconds(10.01), {kA});
    m.AddEvent(Seconds(15), {kA});
    m.AddClient("C", {kA}, Seconds(1.02), Seconds(20));
    Probe(m, "C", kA, Seconds(1.02), Seconds(20), [](Time) { return false; });
    auto empty = m.GetRecord(0, "C", kA);
    EXPECT_FALSE(empty.IsMeasured());
    EXPECT_EQ(empty.reason, Reason::NO_REQUEST_IN_WINDOW);
    // The second instant is measured (the target answered before it), with a request in its
    // window; no request of the first window was answered by then: not reachable at the event.
    auto second = m.GetRecord(1, "C", kA);
    ASSERT_TRUE(second.IsMeasured());
    EXPECT_FALSE(second.reachableAtEvent);
    EXPECT_GT(second.sent, 0u);
    EXPECT_EQ(second.outage, MilliSeconds(11)); // the request sent at 10.02 s
    EXPECT_EQ(m.GetRecord(2, "C", kA).reason, Reason::SHARED_WINDOW);
    auto last = m.GetRecord(3, "C", kA);
    ASSERT_TRUE(last.IsMeasured());
    EXPECT_EQ(last.outage, MilliSeconds(21)); // the request sent at 15.02 s
    ExpectSane(m.GetRecords());
}

TEST(OutageMonitor, UnrecoveredInsideTheWindowIsRecoveredFalse)
{
    // The only reply after the event arrives after the window closed (next event at 12 s).
    OutageMonitor m;
    m.AddEvent(Seconds(10), {kA});
    m.AddEvent(Seconds(12), {kA});
    m.AddClient("C", {kA}, Seconds(1), Seconds(20));
    for (Time t = Seconds(1); t < Seconds(20); t += MilliSeconds(100))
    {
        m.NotifyTx("C", kA, t);
    }
    for (Time t = Seconds(1); t < Seconds(10); t += MilliSeconds(100))
    {
        m.NotifyReply("C", kA, t, t + MilliSeconds(1));
    }
    m.NotifyReply("C", kA, Seconds(11.9), Seconds(12.5)); // sent inside, arrives after
    auto r = m.GetRecord(0, "C", kA);
    ASSERT_TRUE(r.IsMeasured());
    EXPECT_FALSE(r.recovered);
    EXPECT_EQ(r.outage, Seconds(2));
    EXPECT_EQ(r.lost, 19u); // the request answered late is not lost
    auto s = OutageMonitor::Summarize({r});
    EXPECT_EQ(s.notRecovered, 1u);
    EXPECT_TRUE(s.maxOutage.IsStrictlyNegative()); // a window's length is not an outage
    EXPECT_EQ(s.notRecoveredAfter, Seconds(2));
}

// ---- end to end, through the scenario runner

/**
 * seed-001 with OSA1 repaired at 40 s, CLIENT4 stopping at 15 s (before the failure) and a
 * fifth client (RFC 826, on LAN1) that starts probing at 25 s, after the failure.
 */
Scenario
RepairAndLateClient()
{
    Scenario sc = Seed001({"duration=60", "stations[3].probe.stop=15"});
    sc.events.push_back({40.0, "portRepair", "TCPIPA", "OSA1", ""});
    StationSpec late = sc.stations[0];
    late.name = "CLIENT5";
    late.address = "192.168.1.105/24";
    late.probe->start = 25.0;
    sc.stations.push_back(late);
    return sc;
}

TEST(OutageEndToEnd, ChargedToTheRightFailure)
{
    Observed o(RepairAndLateClient());
    ASSERT_EQ(o.result.outages.size(), 2u * 5u * 4u);

    // RFC 826 client: recovers from the failure inside its window, which ends at the repair.
    const OutageRow& c1 = o.Outage(0, "CLIENT1", "192.168.1.1");
    ASSERT_TRUE(c1.measured);
    EXPECT_EQ(c1.windowEnd, Seconds(40));
    EXPECT_TRUE(c1.recovered);
    EXPECT_GE(c1.outage.GetSeconds(), 0.1);
    EXPECT_LE(c1.outage.GetSeconds(), 0.205);
    EXPECT_EQ(c1.sent, 200u);

    // Stock client: the dead MAC outlives the failure's window (it recovers only after the
    // repair): not recovered, the outage is the window.
    for (const char* target : {"192.168.1.1", "10.1.1.1", "10.100.100.1"})
    {
        const OutageRow& failure = o.Outage(0, "CLIENT2", target);
        ASSERT_TRUE(failure.measured) << target;
        EXPECT_FALSE(failure.recovered) << target;
        EXPECT_EQ(failure.outage, Seconds(20)) << target;
        EXPECT_EQ(failure.lost, failure.sent) << target;
        // The repair's row: the target was still unreachable at the repair; its outage is the
        // time from the repair to the first reply (OSA1, whose MAC the station kept, is back
        // after the detection delay and accepts packets for its HOME address and the VIPAs).
        const OutageRow& repair = o.Outage(1, "CLIENT2", target);
        ASSERT_TRUE(repair.measured) << target;
        EXPECT_FALSE(repair.reachableAtEvent) << target;
        EXPECT_TRUE(repair.recovered) << target;
        EXPECT_GE(repair.outage.GetSeconds(), 0.1) << target;
        EXPECT_LE(repair.outage.GetSeconds(), 0.205) << target;
    }
    // ...while OSA2's own address never failed, at either event.
    EXPECT_TRUE(o.Outage(0, "CLIENT2", "192.168.1.2").recovered);
    EXPECT_TRUE(o.Outage(1, "CLIENT2", "192.168.1.2").recovered);

    // The late client is not charged with the failure; it is measured at the repair.
    for (const char* target : {"192.168.1.1", "192.168.1.2", "10.1.1.1", "10.100.100.1"})
    {
        const OutageRow& failure = o.Outage(0, "CLIENT5", target);
        EXPECT_FALSE(failure.measured) << target;
        EXPECT_EQ(failure.reason, "client-not-probing") << target;
        EXPECT_TRUE(o.Outage(1, "CLIENT5", target).measured) << target;
    }
    // CLIENT4 is on LAN2: OSA1's failure and repair (LAN1) do not touch what it reaches.
    for (uint32_t e : {0u, 1u})
    {
        EXPECT_EQ(o.Outage(e, "CLIENT4", "10.1.1.1").reason, "target-not-touched");
    }

    for (const auto& row : o.result.outages)
    {
        EXPECT_FALSE(row.outage.IsStrictlyNegative()) << row.client << " " << row.target;
        if (row.measured)
        {
            EXPECT_GT(row.sent, 0u) << row.client << " " << row.target;
            EXPECT_LE(row.firstSuccess, row.windowEnd) << row.client << " " << row.target;
        }
    }

    // Timeline: a first success after the failure only for a measured, recovered row, and
    // never after the repair.
    for (const auto& t : o.Timeline("first-success"))
    {
        if (t.detail == "after portFailure TCPIPA/OSA1")
        {
            EXPECT_LE(t.time, Seconds(40)) << t.node << " " << t.address;
            EXPECT_NE(t.node, "CLIENT5");
            EXPECT_TRUE(o.Outage(0, t.node, t.address).measured);
        }
    }

    // Worst per model: measured rows only; the stock pairs that did not recover are counted,
    // not folded into the maximum.
    const auto& stock = o.result.outageByModel.at("stock");
    EXPECT_EQ(stock.notRecovered, 3u);
    EXPECT_LT(stock.maxOutage, Seconds(1));
    EXPECT_EQ(stock.notRecoveredAfter, Seconds(20));
    const auto& rfc826 = o.result.outageByModel.at("rfc826");
    EXPECT_LE(rfc826.maxOutage.GetSeconds(), 0.205);
    EXPECT_EQ(rfc826.notRecovered, 0u);
}

TEST(OutageEndToEnd, OutagesCsvAndSummaryFollowTheDefinition)
{
    RunResult result = ScenarioRunner(RepairAndLateClient()).Run();
    std::filesystem::path dir =
        std::filesystem::temp_directory_path() / ("zos-outage-" + std::to_string(::getpid()));
    WriteOutputs(result, dir.string());
    std::string csv = ReadFile((dir / "outages.csv").string());
    std::istringstream lines(csv);
    std::string line;
    std::getline(lines, line);
    EXPECT_EQ(line,
              "event,event_type,subject,event_s,window_end_s,client,arp,target,status,reason,"
              "reachable_at_event,recovered,outage_s,first_success_s,longest_gap_s,sent,lost");
    uint32_t rows = 0;
    bool lateClientNotMeasured = false;
    while (std::getline(lines, line))
    {
        ++rows;
        if (line.find(",not-measured,") != std::string::npos)
        {
            // no figures at all, in particular no 0/0
            EXPECT_EQ(line.substr(line.size() - 6), ",,,,,,") << line;
        }
        if (line.rfind("0,portFailure,TCPIPA/OSA1,20.000000000,,CLIENT5,rfc826,192.168.1.1,"
                       "not-measured,client-not-probing,",
                       0) == 0)
        {
            lateClientNotMeasured = true;
        }
    }
    EXPECT_EQ(rows, 40u);
    EXPECT_TRUE(lateClientNotMeasured) << csv;
    EXPECT_NE(csv.find("0,portFailure,TCPIPA/OSA1,20.000000000,40.000000000,CLIENT2,stock,"
                       "192.168.1.1,measured,,true,false,20.000000000,,"),
              std::string::npos)
        << csv;

    auto j = nlohmann::json::parse(ReadFile((dir / "summary.json").string()));
    for (const auto& row : j["outages"])
    {
        if (row["status"] == "not-measured")
        {
            EXPECT_TRUE(row["outage_s"].is_null());
            EXPECT_TRUE(row["probesSent"].is_null());
            EXPECT_FALSE(row["reason"].get<std::string>().empty());
        }
        else
        {
            EXPECT_GE(row["outage_s"].get<double>(), 0.0);
        }
    }
    EXPECT_EQ(j["byStationModel"]["stock"]["notRecovered"], 3);
    EXPECT_EQ(j["byStationModel"]["stock"]["notRecoveredAfter_s"], 20.0);
    EXPECT_LT(j["byStationModel"]["stock"]["maxOutage_s"].get<double>(), 1.0);
    std::string table = OutageTable(result);
    EXPECT_NE(table.find("CLIENT5   rfc826  192.168.1.1     not measured: client-not-probing"),
              std::string::npos)
        << table;
    std::filesystem::remove_all(dir);
}

TEST(OutageEndToEnd, EventsElsewhereOrChangingNothingDoNotCloseTheWindow)
{
    // OSA1 fails at 20 s; a stock client keeps its dead MAC for about 120 s. Then: OSA3 (on
    // LAN2) is stopped at 25 s, a healthy port (OSA2) is "repaired" at 30 s. Neither touches
    // what the LAN1 clients reach, so the failure's window on LAN1 runs to the end and the
    // whole outage is charged to the failure; the two other events are not charged with it.
    Scenario sc = Seed001({"duration=180"});
    sc.events.push_back({25.0, "linkStop", "TCPIPA", "OSA3", ""});
    sc.events.push_back({30.0, "portRepair", "TCPIPA", "OSA2", ""});
    Observed o(sc);
    const OutageRow& failure = o.Outage(0, "CLIENT2", "192.168.1.1");
    ASSERT_TRUE(failure.measured);
    EXPECT_EQ(failure.windowEnd, Seconds(180));
    EXPECT_TRUE(failure.recovered);
    EXPECT_GT(failure.outage.GetSeconds(), 100.0);
    EXPECT_EQ(o.Outage(1, "CLIENT2", "192.168.1.1").reason, "target-not-touched");
    EXPECT_EQ(o.Outage(2, "CLIENT2", "192.168.1.1").reason, "event-changed-nothing");
    // The stop of OSA3 does touch LAN2's clients: CLIENT4 to OSA3's address (taken over by
    // OSA4) and to the VIPAs.
    EXPECT_TRUE(o.Outage(1, "CLIENT4", "192.168.2.3").measured);
    EXPECT_EQ(o.Outage(0, "CLIENT4", "192.168.2.3").reason, "target-not-touched");
    // The worst stock figure is the failure's, not a piece of it.
    EXPECT_GT(o.result.outageByModel.at("stock").maxOutage.GetSeconds(), 100.0);
}

TEST(OutageEndToEnd, AnEventThatChangesNothingAtTheSameInstantDoesNotTakeTheWindow)
{
    // A no-op listed first at the failure's instant: the failure keeps its figures.
    Scenario sc = Seed001({"duration=60"});
    sc.events.insert(sc.events.begin(), {20.0, "portRepair", "TCPIPA", "OSA3", ""});
    Observed o(sc);
    uint32_t failure = 0;
    for (const auto& row : o.result.outages)
    {
        if (row.eventType == "portFailure")
        {
            failure = row.eventIndex;
        }
    }
    const OutageRow& row = o.Outage(failure, "CLIENT1", "192.168.1.1");
    ASSERT_TRUE(row.measured) << row.reason;
    EXPECT_TRUE(row.recovered);
    EXPECT_EQ(o.Outage(1 - failure, "CLIENT1", "192.168.1.1").reason, "event-changed-nothing");
}

} // namespace
