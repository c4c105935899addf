/*
 * zos-takeover: fix levels PQ23444, PQ25476 and PQ26689 (seed 003), and LanGroups across
 * LANs.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "zos-test-utilities.h"

#include <set>

using namespace zostest;

namespace
{

/** FixLevels.BeforePq23444EveryLinkAnswersAndNothingIsTakenOver */
class FixLevelsBeforePq23444EveryLinkAnswersAndNothingIsTakenOverTestCase : public ZosTestCase
{
  public:
    FixLevelsBeforePq23444EveryLinkAnswersAndNothingIsTakenOverTestCase()
        : ZosTestCase("FixLevels.BeforePq23444EveryLinkAnswersAndNothingIsTakenOver")
    {
    }

  private:
    void DoRun() override;
};

void
FixLevelsBeforePq23444EveryLinkAnswersAndNothingIsTakenOverTestCase::DoRun()
{
    Observed o(Seed001({"duration=40", "stacks[0].fixes.PQ23444=false"}));
    // "a series of ARP responses will be sent, where each maps the target IP address to a
    // different MAC address" (seed 003).
    bool sawRequest = false;
    for (const auto& req : o.arps)
    {
        if (!req.request || req.Gratuitous() || req.Probe() || Str(req.targetIp) != "192.168.1.1" ||
            req.time > Seconds(20))
        {
            continue;
        }
        sawRequest = true;
        std::set<Mac48Address> answering;
        for (const auto& rep : o.arps)
        {
            if (!rep.request && rep.senderIp == req.targetIp &&
                rep.ethDestination == req.senderMac && rep.time >= req.time &&
                rep.time < req.time + MilliSeconds(5))
            {
                answering.insert(rep.senderMac);
            }
        }
        NS_TEST_EXPECT_MSG_EQ(
            answering,
            (std::set<Mac48Address>{o.mac.at("OSA1"), o.mac.at("OSA2")}),
            "answering == (std::set<Mac48Address>{o.mac.at(\"OSA1\"), o.mac.at(\"OSA2\")})");
    }
    NS_TEST_EXPECT_MSG_EQ(bool(sawRequest), true, "sawRequest");
    // VIPA ARP was not supported before PQ23444: nobody answers for a VIPA.
    for (const auto& a : o.arps)
    {
        NS_TEST_EXPECT_MSG_EQ(bool(!a.request && Str(a.senderIp).rfind("10.", 0) == 0),
                              false,
                              "VIPA reply at " << a.time.GetSeconds());
    }
    // No takeover: nothing announced, no ownership change after the failure.
    NS_TEST_EXPECT_MSG_EQ(bool(o.Gratuitous(20, 40).empty()), true, "o.Gratuitous(20, 40).empty()");
    for (const auto& row : o.Timeline("ownership-change"))
    {
        NS_TEST_EXPECT_MSG_LT(row.time, Seconds(20), "row.time < Seconds(20)");
    }
    std::string after = o.Devlinks("after portFailure TCPIPA/OSA1");
    NS_TEST_EXPECT_MSG_NE(after.find("  OSA1      Not Active  OSA1       yes\n"),
                          std::string::npos,
                          after);
}

/** FixLevels.BeforePq26689TheVipaWaitsForAnArpRequest */
class FixLevelsBeforePq26689TheVipaWaitsForAnArpRequestTestCase : public ZosTestCase
{
  public:
    FixLevelsBeforePq26689TheVipaWaitsForAnArpRequestTestCase()
        : ZosTestCase("FixLevels.BeforePq26689TheVipaWaitsForAnArpRequest")
    {
    }

  private:
    void DoRun() override;
};

void
FixLevelsBeforePq26689TheVipaWaitsForAnArpRequestTestCase::DoRun()
{
    Observed o(
        Seed001({"duration=80", "stacks[0].fixes.PQ26689=false", "stations[0].aliveTimeout=30"}));
    // Only OSA1's HOME address is announced by the backup.
    auto garps = o.Gratuitous(20, 80);
    NS_TEST_ASSERT_MSG_EQ(garps.size(), 1u, "garps.size() == 1u");
    NS_TEST_EXPECT_MSG_EQ(Str(garps[0].senderIp),
                          "192.168.1.1",
                          "Str(garps[0].senderIp) == \"192.168.1.1\"");
    NS_TEST_EXPECT_MSG_EQ(garps[0].senderMac,
                          o.mac.at("OSA2"),
                          "garps[0].senderMac == o.mac.at(\"OSA2\")");
    // The RFC 826 client follows the HOME address at once...
    NS_TEST_EXPECT_MSG_LT_OR_EQ(
        o.Outage(0, "CLIENT1", "192.168.1.1").outage.GetSeconds(),
        0.1 + 0.1 + 0.005,
        "o.Outage(0, \"CLIENT1\", \"192.168.1.1\").outage.GetSeconds() <= 0.1 + 0.1 + 0.005");
    // ...but keeps the VIPA at the dead MAC until its entry expires and it asks again.
    for (const char* vipa : {"10.1.1.1", "10.100.100.1"})
    {
        const OutageRow& row = o.Outage(0, "CLIENT1", vipa);
        NS_TEST_EXPECT_MSG_EQ(bool(row.recovered), true, "row.recovered");
        NS_TEST_EXPECT_MSG_GT_OR_EQ(row.outage.GetSeconds(), 30 - 0.1, vipa);
        NS_TEST_EXPECT_MSG_LT_OR_EQ(row.outage.GetSeconds(), 30 + 0.1 + 0.02, vipa);
        // the answer to that request comes from the new VipaOwner
        bool answered = false;
        for (const auto& a : o.arps)
        {
            if (!a.request && Str(a.senderIp) == vipa && a.time > Seconds(40) &&
                a.time <= row.firstSuccess)
            {
                NS_TEST_EXPECT_MSG_EQ(a.senderMac,
                                      o.mac.at("OSA2"),
                                      "a.senderMac == o.mac.at(\"OSA2\")");
                answered = true;
            }
        }
        NS_TEST_EXPECT_MSG_EQ(bool(answered), true, vipa);
    }
}

/** One stack, two links in the same subnet; LANs chosen by the caller. */
Scenario
SameSubnet(const std::string& lanOfOsa2)
{
    std::string text = R"({
      "name": "same-subnet", "duration": 20,
      "lans": [{"name": "LAN1"}, {"name": "LAN2", "kind": "shared"}],
      "stacks": [{"name": "TCPIPA",
                  "links": [{"name": "OSA1", "lan": "LAN1", "address": "192.168.1.1/24"},
                            {"name": "OSA2", "lan": ")" +
                       lanOfOsa2 + R"(", "address": "192.168.1.2/24",
                             "activateAt": 0.1}]}],
      "stations": [{"name": "C1", "lan": "LAN1", "address": "192.168.1.101/24",
                    "probe": {"targets": ["192.168.1.1"], "interval": 0.1}},
                   {"name": "C2", "lan": "LAN2", "address": "192.168.1.102/24"}],
      "events": [{"at": 5, "type": "portFailure", "stack": "TCPIPA", "link": "OSA1"}]
    })";
    return ParseScenario(text, "same-subnet.json");
}

/** LanGroups.SameSubnetOnTwoLansMakesTwoGroupsAndNoTakeover */
class LanGroupsSameSubnetOnTwoLansMakesTwoGroupsAndNoTakeoverTestCase : public ZosTestCase
{
  public:
    LanGroupsSameSubnetOnTwoLansMakesTwoGroupsAndNoTakeoverTestCase()
        : ZosTestCase("LanGroups.SameSubnetOnTwoLansMakesTwoGroupsAndNoTakeover")
    {
    }

  private:
    void DoRun() override;
};

void
LanGroupsSameSubnetOnTwoLansMakesTwoGroupsAndNoTakeoverTestCase::DoRun()
{
    Observed o(SameSubnet("LAN2"));
    std::string before = o.Devlinks("before portFailure TCPIPA/OSA1");
    NS_TEST_EXPECT_MSG_NE(before.find("LanGroup: 001"),
                          std::string::npos,
                          "before.find(\"LanGroup: 001\") != std::string::npos");
    NS_TEST_EXPECT_MSG_NE(before.find("LanGroup: 002"), std::string::npos, before);
    NS_TEST_EXPECT_MSG_EQ(
        NormaliseWhitespace(before),
        NormaliseWhitespace("LanGroup: 001 LnkName LnkStatus ArpOwner VipaOwner "
                            "------- --------- -------- --------- OSA1 Active OSA1 yes "
                            "LanGroup: 002 LnkName LnkStatus ArpOwner VipaOwner "
                            "------- --------- -------- --------- OSA2 Active OSA2 yes"),
        "NormaliseWhitespace(before) == NormaliseWhitespace(\"LanGroup: 001 LnkName LnkStatus "
        "ArpOwner VipaOwner \" \"------- --------- -------- --------- OSA1 Active OSA1 yes \" "
        "\"LanGroup: 002 LnkName LnkStatus ArpOwner VipaOwner \" \"------- --------- -------- "
        "--------- OSA2 Active OSA2 yes\")");
    // OSA2 cannot reach LAN1's stations: it must not take over OSA1's address.
    NS_TEST_EXPECT_MSG_EQ(bool(o.Gratuitous(5, 20).empty()), true, "o.Gratuitous(5, 20).empty()");
    std::string after = o.Devlinks("after portFailure TCPIPA/OSA1");
    NS_TEST_EXPECT_MSG_NE(after.find("  OSA1      Not Active  OSA1       yes\n"),
                          std::string::npos,
                          after);
    NS_TEST_EXPECT_MSG_EQ(bool(o.Outage(0, "C1", "192.168.1.1").recovered),
                          false,
                          "o.Outage(0, \"C1\", \"192.168.1.1\").recovered");
}

/** LanGroups.SameSubnetOnOneLanMakesOneGroupAndTakesOver */
class LanGroupsSameSubnetOnOneLanMakesOneGroupAndTakesOverTestCase : public ZosTestCase
{
  public:
    LanGroupsSameSubnetOnOneLanMakesOneGroupAndTakesOverTestCase()
        : ZosTestCase("LanGroups.SameSubnetOnOneLanMakesOneGroupAndTakesOver")
    {
    }

  private:
    void DoRun() override;
};

void
LanGroupsSameSubnetOnOneLanMakesOneGroupAndTakesOverTestCase::DoRun()
{
    Observed o(SameSubnet("LAN1"));
    std::string before = o.Devlinks("before portFailure TCPIPA/OSA1");
    NS_TEST_EXPECT_MSG_EQ(before.find("LanGroup: 002"), std::string::npos, before);
    auto garps = o.Gratuitous(5, 20);
    NS_TEST_ASSERT_MSG_EQ(garps.size(), 1u, "garps.size() == 1u");
    NS_TEST_EXPECT_MSG_EQ(garps[0].senderMac,
                          o.mac.at("OSA2"),
                          "garps[0].senderMac == o.mac.at(\"OSA2\")");
    NS_TEST_EXPECT_MSG_EQ(bool(o.Outage(0, "C1", "192.168.1.1").recovered),
                          true,
                          "o.Outage(0, \"C1\", \"192.168.1.1\").recovered");
}

/** LanGroups.LearnedOnTheWireNotFromConfiguration */
class LanGroupsLearnedOnTheWireNotFromConfigurationTestCase : public ZosTestCase
{
  public:
    LanGroupsLearnedOnTheWireNotFromConfigurationTestCase()
        : ZosTestCase("LanGroups.LearnedOnTheWireNotFromConfiguration")
    {
    }

  private:
    void DoRun() override;
};

void
LanGroupsLearnedOnTheWireNotFromConfigurationTestCase::DoRun()
{
    // OSA2 starts while OSA1's port is down: OSA1 cannot hear it, so OSA2 founds its own
    // group even though both are on LAN1 in the scenario. Once OSA1's port is back, the first
    // frame of OSA2 that OSA1 hears (here OSA2's ARP request for the client, at 1 s: the stack
    // answers the client's probe over OSA2) joins the two groups.
    Scenario sc = SameSubnet("LAN1");
    sc.events.clear();
    sc.events.push_back({0.05, "portFailure", "TCPIPA", "OSA1", ""});
    sc.events.push_back({0.5, "portRepair", "TCPIPA", "OSA1", ""});
    sc.stacks[0].settings.Set("detectionDelay", 1.0); // the stack has not noticed the failure yet
    sc.devlinksAt = {0.4, 3.0};
    Observed o(sc);
    std::string early = o.Devlinks("requested at 0.4 s");
    NS_TEST_EXPECT_MSG_NE(early.find("LanGroup: 002"), std::string::npos, early);
    std::string later = o.Devlinks("requested at 3 s");
    NS_TEST_EXPECT_MSG_EQ(later.find("LanGroup: 002"), std::string::npos, later);
    bool heard = false;
    for (const auto& a : o.arps)
    {
        heard = heard || (a.senderMac == o.mac.at("OSA2") && a.time > Seconds(0.5) &&
                          a.time < Seconds(3) && a.ethDestination == Mac48Address::GetBroadcast());
    }
    NS_TEST_EXPECT_MSG_EQ(bool(heard), true, "heard");
}

} // namespace

namespace
{

/** FixLevels.BeforePq25476TcpConnectionsKeepTheFailedRouteAndTimeOut */
class FixLevelsBeforePq25476TcpConnectionsKeepTheFailedRouteTestCase : public ZosTestCase
{
  public:
    FixLevelsBeforePq25476TcpConnectionsKeepTheFailedRouteTestCase()
        : ZosTestCase("FixLevels.BeforePq25476TcpConnectionsKeepTheFailedRouteAndTimeOut")
    {
    }

  private:
    void DoRun() override;
};

void
FixLevelsBeforePq25476TcpConnectionsKeepTheFailedRouteTestCase::DoRun()
{
    // "Without PQ25476, TCP-layer connections in existence at the time of the route failure
    // will timeout, rather than being immediately recovered over the backup route" (seed
    // 003). CLIENT1's connection to A.1; Port 1 (OS390-1's route to network A) fails at 20 s.
    const std::string file = ModuleFile("scenarios/seed-003-flat-network-tcp.json");
    for (bool fix : {true, false})
    {
        std::string value = fix ? "true" : "false";
        Observed o(LoadScenario(file, {"/stacks/0/fixes/PQ25476=" + value}));
        bool found = false;
        for (const auto& c : o.result.tcp)
        {
            if (c.client != "CLIENT1" || c.target != "10.3.0.1")
            {
                continue;
            }
            found = true;
            NS_TEST_EXPECT_MSG_EQ(c.survived, fix, "survived with PQ25476=" << value);
            NS_TEST_EXPECT_MSG_EQ(c.closeReason,
                                  std::string(fix ? "" : "timeout"),
                                  "close reason with PQ25476=" << value);
            NS_TEST_EXPECT_MSG_EQ((c.longestStall < Seconds(1)),
                                  fix,
                                  "stall " << c.longestStall.As(Time::S)
                                           << " with PQ25476=" << value);
        }
        NS_TEST_EXPECT_MSG_EQ(found, true, "a connection CLIENT1 -> 10.3.0.1");
    }
}

} // namespace

void
zostest::AddFixLevelsCases(CaseList& cases)
{
    cases.Add<FixLevelsBeforePq23444EveryLinkAnswersAndNothingIsTakenOverTestCase>();
    cases.Add<FixLevelsBeforePq26689TheVipaWaitsForAnArpRequestTestCase>();
    cases.Add<FixLevelsBeforePq25476TcpConnectionsKeepTheFailedRouteTestCase>();
    cases.Add<LanGroupsSameSubnetOnTwoLansMakesTwoGroupsAndNoTakeoverTestCase>();
    cases.Add<LanGroupsSameSubnetOnOneLanMakesOneGroupAndTakesOverTestCase>();
    cases.Add<LanGroupsLearnedOnTheWireNotFromConfigurationTestCase>();
}
