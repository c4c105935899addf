/*
 * zos-takeover: takeover as seen on the wire (ARP frames captured on each LAN).
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "zos-test-utilities.h"

#include "ns3/boolean.h"
#include "ns3/config.h"

#include <set>

using namespace zostest;

namespace
{

/** TakeoverWire.AtStartupOsa1AndOsa4AnnounceBothVipas */
class TakeoverWireAtStartupOsa1AndOsa4AnnounceBothVipasTestCase : public ZosTestCase
{
  public:
    TakeoverWireAtStartupOsa1AndOsa4AnnounceBothVipasTestCase()
        : ZosTestCase("TakeoverWire.AtStartupOsa1AndOsa4AnnounceBothVipas")
    {
    }

  private:
    void DoRun() override;
};

void
TakeoverWireAtStartupOsa1AndOsa4AnnounceBothVipasTestCase::DoRun()
{
    Observed o(Seed001({"duration=30"}));
    auto garps = o.Gratuitous(0, 20);
    std::multiset<std::string> lan1, lan2;
    for (const auto& a : garps)
    {
        NS_TEST_EXPECT_MSG_EQ(a.ethDestination,
                              Mac48Address::GetBroadcast(),
                              "a.ethDestination == Mac48Address::GetBroadcast()");
        NS_TEST_EXPECT_MSG_EQ(a.ethSource, a.senderMac, "a.ethSource == a.senderMac");
        bool vipa = Str(a.senderIp).rfind("10.", 0) == 0;
        if (vipa)
        {
            // Only the VipaOwners (OSA1 on LAN1, OSA4 on LAN2) announce VIPAs.
            NS_TEST_EXPECT_MSG_EQ(
                a.senderMac,
                o.mac.at(a.lan == "LAN1" ? "OSA1" : "OSA4"),
                "a.senderMac == o.mac.at(a.lan == \"LAN1\" ? \"OSA1\" : \"OSA4\")");
        }
        (a.lan == "LAN1" ? lan1 : lan2).insert(Str(a.senderIp));
    }
    // Each link announces its own HOME address when it starts.
    NS_TEST_EXPECT_MSG_EQ(
        lan1,
        (std::multiset<std::string>{"192.168.1.1", "192.168.1.2", "10.1.1.1", "10.100.100.1"}),
        "lan1 == (std::multiset<std::string>{\"192.168.1.1\", \"192.168.1.2\", \"10.1.1.1\", "
        "\"10.100.100.1\"})");
    NS_TEST_EXPECT_MSG_EQ(
        lan2,
        (std::multiset<std::string>{"192.168.2.3", "192.168.2.4", "10.1.1.1", "10.100.100.1"}),
        "lan2 == (std::multiset<std::string>{\"192.168.2.3\", \"192.168.2.4\", \"10.1.1.1\", "
        "\"10.100.100.1\"})");
}

/** TakeoverWire.AfterOsa1FailsOsa2AnnouncesExactlyOsa1AndTheVipas */
class TakeoverWireAfterOsa1FailsOsa2AnnouncesExactlyOsa1AndTheVipasTestCase : public ZosTestCase
{
  public:
    TakeoverWireAfterOsa1FailsOsa2AnnouncesExactlyOsa1AndTheVipasTestCase()
        : ZosTestCase("TakeoverWire.AfterOsa1FailsOsa2AnnouncesExactlyOsa1AndTheVipas")
    {
    }

  private:
    void DoRun() override;
};

void
TakeoverWireAfterOsa1FailsOsa2AnnouncesExactlyOsa1AndTheVipasTestCase::DoRun()
{
    Observed o(Seed001({"duration=40"}));
    auto garps = o.Gratuitous(20, 40);
    NS_TEST_EXPECT_MSG_EQ(Addresses(garps),
                          (std::multiset<std::string>{"192.168.1.1", "10.1.1.1", "10.100.100.1"}),
                          "Addresses(garps) == (std::multiset<std::string>{\"192.168.1.1\", "
                          "\"10.1.1.1\", \"10.100.100.1\"})");
    for (const auto& a : garps)
    {
        NS_TEST_EXPECT_MSG_EQ(a.lan, "LAN1", "a.lan == \"LAN1\"");
        NS_TEST_EXPECT_MSG_EQ(a.senderMac, o.mac.at("OSA2"), "a.senderMac == o.mac.at(\"OSA2\")");
        NS_TEST_EXPECT_MSG_EQ(a.ethSource, o.mac.at("OSA2"), "a.ethSource == o.mac.at(\"OSA2\")");
        NS_TEST_EXPECT_MSG_EQ(a.ethDestination,
                              Mac48Address::GetBroadcast(),
                              "a.ethDestination == Mac48Address::GetBroadcast()");
        // Sent when the stack notices the failure: detection delay 100 ms.
        NS_TEST_EXPECT_MSG_GT_OR_EQ(a.time, Seconds(20.1), "a.time >= Seconds(20.1)");
        NS_TEST_EXPECT_MSG_LT(a.time, Seconds(20.1001), "a.time < Seconds(20.1001)");
    }
}

/** TakeoverWire.OnlyTheOwnerAnswersArpRequests */
class TakeoverWireOnlyTheOwnerAnswersArpRequestsTestCase : public ZosTestCase
{
  public:
    TakeoverWireOnlyTheOwnerAnswersArpRequestsTestCase()
        : ZosTestCase("TakeoverWire.OnlyTheOwnerAnswersArpRequests")
    {
    }

  private:
    void DoRun() override;
};

void
TakeoverWireOnlyTheOwnerAnswersArpRequestsTestCase::DoRun()
{
    Observed o(Seed001({"duration=40"}));
    // Every request for 192.168.1.1 gets exactly one reply: from OSA1 before the failure,
    // from OSA2 after the takeover.
    uint32_t requests = 0;
    for (const auto& req : o.arps)
    {
        if (!req.request || req.Gratuitous() || req.Probe() || Str(req.targetIp) != "192.168.1.1" ||
            req.lan != "LAN1")
        {
            continue;
        }
        ++requests;
        std::vector<WireArp> replies;
        for (const auto& rep : o.arps)
        {
            if (!rep.request && rep.senderIp == req.targetIp &&
                rep.ethDestination == req.senderMac && rep.time >= req.time &&
                rep.time < req.time + MilliSeconds(5))
            {
                replies.push_back(rep);
            }
        }
        if (req.time > Seconds(20) && req.time < Seconds(20.1))
        {
            NS_TEST_EXPECT_MSG_EQ(
                bool(replies.empty()),
                true,
                "replies.empty()"); // OSA1's port is down, OSA2 does not own it yet
            continue;
        }
        NS_TEST_ASSERT_MSG_EQ(replies.size(), 1u, "request at " << req.time.GetSeconds());
        NS_TEST_EXPECT_MSG_EQ(
            replies[0].senderMac,
            o.mac.at(req.time < Seconds(20) ? "OSA1" : "OSA2"),
            "replies[0].senderMac == o.mac.at(req.time < Seconds(20) ? \"OSA1\" : \"OSA2\")");
    }
    NS_TEST_EXPECT_MSG_GT_OR_EQ(requests, 3u, "requests >= 3u"); // one per client on LAN1 at least
}

/** TakeoverWire.GratuitousArpCountAndSpacing */
class TakeoverWireGratuitousArpCountAndSpacingTestCase : public ZosTestCase
{
  public:
    TakeoverWireGratuitousArpCountAndSpacingTestCase()
        : ZosTestCase("TakeoverWire.GratuitousArpCountAndSpacing")
    {
    }

  private:
    void DoRun() override;
};

void
TakeoverWireGratuitousArpCountAndSpacingTestCase::DoRun()
{
    Observed o(Seed001(
        {"duration=40", "stacks[0].gratuitousArpCount=3", "stacks[0].gratuitousArpInterval=0.5"}));
    auto garps = o.Gratuitous(20, 40);
    NS_TEST_ASSERT_MSG_EQ(garps.size(), 9u, "garps.size() == 9u");
    std::map<std::string, std::vector<double>> times;
    for (const auto& a : garps)
    {
        times[Str(a.senderIp)].push_back(a.time.GetSeconds());
    }
    for (const auto& [address, t] : times)
    {
        NS_TEST_ASSERT_MSG_EQ(t.size(), 3u, address);
        NS_TEST_EXPECT_MSG_EQ_TOL(t[0], 20.1, 1e-3, "t[0] near 20.1");
        NS_TEST_EXPECT_MSG_EQ_TOL(t[1], 20.6, 1e-3, "t[1] near 20.6");
        NS_TEST_EXPECT_MSG_EQ_TOL(t[2], 21.1, 1e-3, "t[2] near 21.1");
    }
}

/** TakeoverWire.LostGratuitousArpsNeverReachTheWire */
class TakeoverWireLostGratuitousArpsNeverReachTheWireTestCase : public ZosTestCase
{
  public:
    TakeoverWireLostGratuitousArpsNeverReachTheWireTestCase()
        : ZosTestCase("TakeoverWire.LostGratuitousArpsNeverReachTheWire")
    {
    }

  private:
    void DoRun() override;
};

void
TakeoverWireLostGratuitousArpsNeverReachTheWireTestCase::DoRun()
{
    Observed o(Seed001({"duration=40", "stacks[0].gratuitousArpLoss=1"}));
    // Every announcement is subject to the loss model, the links' own HOME addresses at
    // start-up too (LanGroup discovery uses ARP probes, which are not announcements).
    NS_TEST_EXPECT_MSG_EQ(bool(o.Gratuitous(0, 40).empty()), true, "o.Gratuitous(0, 40).empty()");
    NS_TEST_EXPECT_MSG_EQ(o.Timeline("gratuitous-arp").size(),
                          0u,
                          "o.Timeline(\"gratuitous-arp\").size() == 0u");
    // 4 HOME addresses + 2 VIPAs x 2 LanGroups at startup + OSA1's address and 2 VIPAs at the
    // takeover.
    NS_TEST_EXPECT_MSG_EQ(o.Timeline("gratuitous-arp-lost").size(),
                          4u + 4u + 3u,
                          "o.Timeline(\"gratuitous-arp-lost\").size() == 4u + 4u + 3u");
    // LanGroups formed anyway.
    NS_TEST_EXPECT_MSG_NE(o.Devlinks("after portFailure TCPIPA/OSA1")
                              .find("  OSA2      Active      OSA2       yes\n"),
                          std::string::npos,
                          "o.Devlinks(\"after portFailure TCPIPA/OSA1\") .find(\" OSA2 Active OSA2 "
                          "yes\\n\") != std::string::npos");
}

/** TakeoverWire.PartialLossIsSeededAndReproducible */
class TakeoverWirePartialLossIsSeededAndReproducibleTestCase : public ZosTestCase
{
  public:
    TakeoverWirePartialLossIsSeededAndReproducibleTestCase()
        : ZosTestCase("TakeoverWire.PartialLossIsSeededAndReproducible")
    {
    }

  private:
    void DoRun() override;
};

void
TakeoverWirePartialLossIsSeededAndReproducibleTestCase::DoRun()
{
    auto lost = [this](uint32_t seed) {
        Observed o(Seed001({"duration=40",
                            "seed=" + std::to_string(seed),
                            "stacks[0].gratuitousArpCount=20",
                            "stacks[0].gratuitousArpInterval=0.01",
                            "stacks[0].gratuitousArpLoss=0.5"}));
        std::vector<double> t;
        for (const auto& row : o.Timeline("gratuitous-arp-lost"))
        {
            t.push_back(row.time.GetSeconds());
        }
        return t;
    };
    auto a = lost(7);
    NS_TEST_EXPECT_MSG_EQ(a, lost(7), "a == lost(7)");
    NS_TEST_EXPECT_MSG_GT(a.size(), 40u, "a.size() > 40u"); // about half of 11 x 20
    NS_TEST_EXPECT_MSG_LT(a.size(), 180u, "a.size() < 180u");
}

/** TakeoverWire.LcsLinksBehaveLikeMpcipa */
class TakeoverWireLcsLinksBehaveLikeMpcipaTestCase : public ZosTestCase
{
  public:
    TakeoverWireLcsLinksBehaveLikeMpcipaTestCase()
        : ZosTestCase("TakeoverWire.LcsLinksBehaveLikeMpcipa")
    {
    }

  private:
    void DoRun() override;
};

void
TakeoverWireLcsLinksBehaveLikeMpcipaTestCase::DoRun()
{
    Observed o(
        Seed001({"duration=40", "stacks[0].links[0].kind=LCS", "stacks[0].links[1].kind=LCS"}));
    auto garps = o.Gratuitous(20, 40);
    NS_TEST_EXPECT_MSG_EQ(Addresses(garps),
                          (std::multiset<std::string>{"192.168.1.1", "10.1.1.1", "10.100.100.1"}),
                          "Addresses(garps) == (std::multiset<std::string>{\"192.168.1.1\", "
                          "\"10.1.1.1\", \"10.100.100.1\"})");
    for (const auto& a : garps)
    {
        NS_TEST_EXPECT_MSG_EQ(a.senderMac, o.mac.at("OSA2"), "a.senderMac == o.mac.at(\"OSA2\")");
    }
}

} // namespace

void
zostest::AddTakeoverWireCases(CaseList& cases)
{
    cases.Add<TakeoverWireAtStartupOsa1AndOsa4AnnounceBothVipasTestCase>();
    cases.Add<TakeoverWireAfterOsa1FailsOsa2AnnouncesExactlyOsa1AndTheVipasTestCase>();
    cases.Add<TakeoverWireOnlyTheOwnerAnswersArpRequestsTestCase>();
    cases.Add<TakeoverWireGratuitousArpCountAndSpacingTestCase>();
    cases.Add<TakeoverWireLostGratuitousArpsNeverReachTheWireTestCase>();
    cases.Add<TakeoverWirePartialLossIsSeededAndReproducibleTestCase>();
    cases.Add<TakeoverWireLcsLinksBehaveLikeMpcipaTestCase>();
}
