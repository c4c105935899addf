/*
 * zos-takeover: the trace sources carry link indices, addresses and enums (no composed
 * text), and a sink subscribes to them through Config::Connect on the Names path of the
 * stack or station, the trace context naming it.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "zos-test-utilities.h"

#include "ns3/config.h"
#include "ns3/memory-row-sink.h"
#include "ns3/names.h"
#include "ns3/station-arp.h"

#include <tuple>

using namespace zostest;

namespace
{

/** What the typed ZosStack sinks saw. */
struct StackLog
{
    /** (time, context, link, active, cause) */
    std::vector<std::tuple<Time, std::string, uint32_t, bool, ZosStack::LinkCause>> links;
    /** (time, link, up) */
    std::vector<std::tuple<Time, uint32_t, bool>> ports;
    /** (address, vipa, reason, from, to) after the failure */
    std::vector<std::tuple<Ipv4Address, bool, ArpOwnership::Reason, uint32_t, uint32_t>> owners;
    /** (time, link, operation, address, reason) */
    std::vector<
        std::tuple<Time, uint32_t, ZosStack::Operation, Ipv4Address, ZosStack::IgnoredReason>>
        ignored;
    /** (time, ifIndex, neighbour, before, after, cause) of CLIENT1 */
    std::vector<std::tuple<Time, uint32_t, Ipv4Address, Address, Address, StationArp::CacheCause>>
        cache;

    void LinkState(std::string context, uint32_t link, bool active, ZosStack::LinkCause cause)
    {
        links.emplace_back(Simulator::Now(), context, link, active, cause);
    }

    void PortState(uint32_t link, bool up)
    {
        ports.emplace_back(Simulator::Now(), link, up);
    }

    void Ownership(Ipv4Address a, bool vipa, ArpOwnership::Reason r, uint32_t from, uint32_t to)
    {
        if (Simulator::Now() >= Seconds(20))
        {
            owners.emplace_back(a, vipa, r, from, to);
        }
    }

    void Ignored(uint32_t link,
                 ZosStack::Operation operation,
                 Ipv4Address address,
                 ZosStack::IgnoredReason reason)
    {
        ignored.emplace_back(Simulator::Now(), link, operation, address, reason);
    }

    void Cache(uint32_t ifIndex,
               Ipv4Address neighbour,
               const Address& before,
               const Address& after,
               StationArp::CacheCause cause)
    {
        cache.emplace_back(Simulator::Now(), ifIndex, neighbour, before, after, cause);
    }
};

/** StackTraces.TypedPayloadsThroughNamesPaths */
class StackTracesTypedPayloadsThroughNamesPathsTestCase : public ZosTestCase
{
  public:
    StackTracesTypedPayloadsThroughNamesPathsTestCase()
        : ZosTestCase("StackTraces.TypedPayloadsThroughNamesPaths")
    {
    }

  private:
    void DoRun() override;
};

void
StackTracesTypedPayloadsThroughNamesPathsTestCase::DoRun()
{
    // Seed 001: OSA1 (link 0) fails at 20 s, noticed 0.1 s later; OSA2 (link 1) takes over
    // its HOME address 192.168.1.1 and, OSA1 being LanGroup 001's VipaOwner, the VIPAs.
    // Two operations that change nothing: the repair of healthy OSA3 and a VIPA added twice.
    Scenario sc = Seed001({"duration=30"});
    sc.events.push_back({25.0, "portRepair", "TCPIPA", "OSA3", ""});
    sc.events.push_back({26.0, "vipaAdd", "TCPIPA", "", "10.1.1.1"});
    StackLog log;
    uint32_t osa1 = 0;
    uint32_t osa2 = 0;
    uint32_t osa3 = 0;
    Address osa1Mac;
    Address osa2Mac;
    ScenarioRunner runner(sc);
    runner.SetBuildObserver([&](ScenarioRunner& r) {
        Ptr<ZosStack> stack = r.GetStack("TCPIPA");
        osa1 = stack->FindLink("OSA1");
        osa2 = stack->FindLink("OSA2");
        osa3 = stack->FindLink("OSA3");
        osa1Mac = stack->GetLinkDevice(osa1)->GetAddress();
        osa2Mac = stack->GetLinkDevice(osa2)->GetAddress();
        const std::string path = "/Names/TCPIPA/$ns3::zos::ZosStack/";
        Config::Connect(path + "LinkState", MakeCallback(&StackLog::LinkState, &log));
        Config::ConnectWithoutContext(path + "PortState", MakeCallback(&StackLog::PortState, &log));
        Config::ConnectWithoutContext(path + "OwnershipChange",
                                      MakeCallback(&StackLog::Ownership, &log));
        Config::ConnectWithoutContext(path + "EventIgnored",
                                      MakeCallback(&StackLog::Ignored, &log));
        Config::ConnectWithoutContext("/Names/CLIENT1/$ns3::zos::StationArp/CacheUpdated",
                                      MakeCallback(&StackLog::Cache, &log));
    });
    runner.Run();

    // PortState at the failure, LinkState at its detection, with the cause as an enum.
    NS_TEST_ASSERT_MSG_EQ(log.ports.size(), 1u, "one port state change (OSA3 was healthy)");
    NS_TEST_EXPECT_MSG_EQ(std::get<0>(log.ports[0]), Seconds(20), "port fails at 20 s");
    NS_TEST_EXPECT_MSG_EQ(std::get<1>(log.ports[0]), osa1, "OSA1's port");
    NS_TEST_EXPECT_MSG_EQ(std::get<2>(log.ports[0]), false, "failed");
    auto down = std::find_if(log.links.begin(), log.links.end(), [](const auto& l) {
        return !std::get<3>(l);
    });
    NS_TEST_ASSERT_MSG_EQ(bool(down != log.links.end()), true, "a link became inactive");
    NS_TEST_EXPECT_MSG_EQ(std::get<0>(*down), Seconds(20.1), "after the detection delay");
    NS_TEST_EXPECT_MSG_EQ(std::get<1>(*down),
                          "/Names/TCPIPA/$ns3::zos::ZosStack/LinkState",
                          "the context names the stack");
    NS_TEST_EXPECT_MSG_EQ(std::get<2>(*down), osa1, "OSA1");
    NS_TEST_EXPECT_MSG_EQ(bool(std::get<4>(*down) == ZosStack::LinkCause::PortFailureDetected),
                          true,
                          "cause PortFailureDetected");
    NS_TEST_EXPECT_MSG_EQ(std::string(ZosStack::GetCauseText(std::get<4>(*down))),
                          "port failure detected",
                          "its text");
    for (const auto& l : log.links)
    {
        if (std::get<3>(l))
        {
            NS_TEST_EXPECT_MSG_EQ(bool(std::get<4>(l) == ZosStack::LinkCause::LinkStart),
                                  true,
                                  "links become active only by their start here");
        }
    }

    // OwnershipChange: OSA2 takes over OSA1's HOME address; the VIPAs move as VipaOwner.
    using Owner = std::tuple<Ipv4Address, bool, ArpOwnership::Reason, uint32_t, uint32_t>;
    auto has = [&log](const Owner& o) {
        return std::find(log.owners.begin(), log.owners.end(), o) != log.owners.end();
    };
    NS_TEST_EXPECT_MSG_EQ(
        has(Owner{"192.168.1.1", false, ArpOwnership::Reason::Takeover, osa1, osa2}),
        true,
        "HOME 192.168.1.1 taken over from OSA1 to OSA2: " << log.owners.size() << " changes");
    NS_TEST_EXPECT_MSG_EQ(has(Owner{"10.1.1.1", true, ArpOwnership::Reason::VipaOwner, osa1, osa2}),
                          true,
                          "VIPA 10.1.1.1 follows the VipaOwner role");

    // EventIgnored: the link index and the VIPA as values, operation and reason as enums.
    NS_TEST_ASSERT_MSG_EQ(log.ignored.size(), 2u, "two operations changed nothing");
    NS_TEST_EXPECT_MSG_EQ(std::get<1>(log.ignored[0]), osa3, "portRepair on OSA3");
    NS_TEST_EXPECT_MSG_EQ(bool(std::get<2>(log.ignored[0]) == ZosStack::Operation::PortRepair),
                          true,
                          "operation PortRepair");
    NS_TEST_EXPECT_MSG_EQ(
        bool(std::get<4>(log.ignored[0]) == ZosStack::IgnoredReason::PortNotFailed),
        true,
        "reason PortNotFailed");
    NS_TEST_EXPECT_MSG_EQ(std::get<1>(log.ignored[1]), ZosStack::NO_LINK, "vipaAdd: no link");
    NS_TEST_EXPECT_MSG_EQ(bool(std::get<2>(log.ignored[1]) == ZosStack::Operation::VipaAdd),
                          true,
                          "operation VipaAdd");
    NS_TEST_EXPECT_MSG_EQ(std::get<3>(log.ignored[1]), Ipv4Address("10.1.1.1"), "the VIPA");
    NS_TEST_EXPECT_MSG_EQ(
        bool(std::get<4>(log.ignored[1]) == ZosStack::IgnoredReason::VipaAlreadyDefined),
        true,
        "reason VipaAlreadyDefined");

    // CacheUpdated of CLIENT1: OSA2's gratuitous ARP moves 192.168.1.1 to OSA2's MAC, on the
    // station's LAN interface, caused by an ARP frame.
    auto moved = std::find_if(log.cache.begin(), log.cache.end(), [&](const auto& c) {
        return std::get<2>(c) == Ipv4Address("192.168.1.1") && std::get<4>(c) == osa2Mac;
    });
    NS_TEST_ASSERT_MSG_EQ(bool(moved != log.cache.end()), true, "CLIENT1 learns OSA2's MAC");
    NS_TEST_EXPECT_MSG_EQ(std::get<1>(*moved), 1u, "on its LAN interface (device 1)");
    NS_TEST_EXPECT_MSG_EQ(std::get<3>(*moved), osa1Mac, "from OSA1's MAC");
    StationArp::CacheCause cause = std::get<5>(*moved);
    NS_TEST_EXPECT_MSG_EQ(bool(cause == StationArp::CacheCause::ArpRequest ||
                               cause == StationArp::CacheCause::ArpReply),
                          true,
                          "caused by an ARP frame");
}

/** StackTraces.NamesStartingWithNamesAreRecorded */
class StackTracesNamesStartingWithNamesAreRecordedTestCase : public ZosTestCase
{
  public:
    StackTracesNamesStartingWithNamesAreRecordedTestCase()
        : ZosTestCase("StackTraces.NamesStartingWithNamesAreRecorded")
    {
    }

  private:
    void DoRun() override;
};

void
StackTracesNamesStartingWithNamesAreRecordedTestCase::DoRun()
{
    // The schema allows any name of letters, digits and _ . - @ # $. ns-3.37's Config
    // resolver takes a path element starting with "Names" for the "/Names" prefix, so
    // Config::Connect("/Names/NamesA/...") reaches nothing (and aborts): the runner must not
    // depend on it. Seed 001 with the stack and a client renamed.
    Scenario sc = Seed001({"duration=30",
                           "stacks[0].name=NamesA",
                           "events[0].stack=NamesA",
                           "stations[0].name=Names1"});
    ScenarioRunner runner(sc);
    MemoryRowSink rows;
    runner.SetRowSink(&rows);
    RunResult result = runner.Run();
    bool inactive = false;
    for (const auto& row : rows.GetTimeline())
    {
        inactive = inactive || (row.node == "NamesA/OSA1" && row.event == "link-inactive" &&
                                row.detail == "port failure detected");
    }
    NS_TEST_EXPECT_MSG_EQ(inactive, true, "the timeline has NamesA/OSA1's failure");
    bool measured = false;
    for (const auto& row : result.outages)
    {
        measured = measured || row.client == "Names1";
    }
    NS_TEST_EXPECT_MSG_EQ(measured, true, "Names1's probes are measured");
    bool recorded = false;
    for (const auto& row : rows.GetProbes())
    {
        recorded = recorded || row.client == "Names1";
    }
    NS_TEST_EXPECT_MSG_EQ(recorded, true, "Names1's probes are in probes.csv");
}

} // namespace

void
zostest::AddStackTracesCases(CaseList& cases)
{
    cases.Add<StackTracesTypedPayloadsThroughNamesPathsTestCase>();
    cases.Add<StackTracesNamesStartingWithNamesAreRecordedTestCase>();
}
