/*
 * zos-takeover: LanGroups learned on the wire, whatever the activation order (issue 7.1).
 *
 * Seeds 000 and 003: the LanGroup "is learned dynamically at link initialization time";
 * seed 001: "Two LanGroups would be created for this environment" (OSA1/OSA2 and OSA3/OSA4).
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "zos-test-utilities.h"

#include <algorithm>
#include <nlohmann/json.hpp>
#include <set>

using namespace zostest;

namespace
{

/** A LanGroup as displayed: its links and which of them is VipaOwner. */
struct DisplayedGroup
{
    std::set<std::string> links;
    std::vector<std::string> vipaOwners;
};

/** Parse a Netstat DEVLINKS display into its groups. */
std::vector<DisplayedGroup>
ParseDevlinks(const std::string& text)
{
    std::vector<DisplayedGroup> groups;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line))
    {
        std::istringstream words(line);
        std::vector<std::string> w;
        for (std::string x; words >> x;)
        {
            w.push_back(x);
        }
        if (w.empty())
        {
            continue;
        }
        if (w[0] == "LanGroup:")
        {
            groups.emplace_back();
            continue;
        }
        if (w[0] == "LnkName" || w[0][0] == '-' || groups.empty())
        {
            continue;
        }
        groups.back().links.insert(w[0]);
        if (w.back() == "yes")
        {
            groups.back().vipaOwners.push_back(w[0]);
        }
    }
    return groups;
}

/** The cases of this file: a ZosTestCase with the file's helpers. */
class LanGroupsCase : public ZosTestCase
{
  public:
    /** \param name the case's name */
    explicit LanGroupsCase(std::string name)
        : ZosTestCase(std::move(name))
    {
    }

  protected:
    /** The seed-001 stack alone (no stations, no events), links started at `times`. */
    Scenario Seed001Links(const std::vector<double>& times)
    {
        Scenario sc = Seed001();
        sc.duration = 2;
        sc.stations.clear();
        sc.events.clear();
        for (uint32_t i = 0; i < times.size(); ++i)
        {
            sc.stacks[0].links[i].activateAt = times[i];
        }
        sc.devlinksAt = {1.5};
        return sc;
    }

    /** The text of the IBM answer (test/data/seed-001-swg21243821.txt) between two markers. */
    std::string SeedTable(const std::string& after, const std::string& before)
    {
        std::string seed = ReadFile(DataFile("seed-001-swg21243821.txt"));
        auto a = seed.find(after);
        auto b = seed.find(before, a);
        return NormaliseWhitespace(seed.substr(a + after.size(), b - a - after.size()));
    }

    /** The seed's displays, with the page's one-dash underline typo corrected (test-devlinks). */
    std::string SeedBefore()
    {
        std::string s = SeedTable("Two LanGroups would be created for this environment:",
                                  "OSA1 and OSA4 will send");
        auto at = s.find("------- --------- ------- ---------");
        return s.replace(at, 35, "------- --------- -------- ---------");
    }

    std::string SeedAfter()
    {
        std::string s = SeedTable("The LanGroups will then look like:", "Note:");
        auto at = s.find("------- --------- ------- ---------");
        return s.replace(at, 35, "------- --------- -------- ---------");
    }

    /** Swap the VipaOwner column of OSA3 and OSA4 in a normalised display. */
    std::string SwapGroup2VipaOwner(std::string s)
    {
        auto swap = [this, &s](const std::string& from, const std::string& to) {
            auto at = s.find(from);
            NS_TEST_EXPECT_MSG_NE(at, std::string::npos, from);
            if (at != std::string::npos)
            {
                s.replace(at, from.size(), to);
            }
        };
        swap("OSA3 Active OSA3 no", "OSA3 Active OSA3 yes");
        swap("OSA4 Active OSA4 yes", "OSA4 Active OSA4 no");
        return s;
    }

    /** One stack, one link on LAN1 with one VIPA, a client on LAN1 probing the HOME address. */
    Scenario LoneLink()
    {
        Scenario sc;
        sc.name = "lone-link";
        sc.duration = 20;
        sc.lans.push_back({"LAN1", "shared", "1Gbps", 1.0, 0, std::nullopt});
        StackSpec stack;
        stack.name = "TCPIPA";
        stack.links.push_back({"OSA1", "MPCIPA", "LAN1", "192.168.1.1/24", 0.0, "", std::nullopt});
        stack.vipas = {"10.1.1.1"};
        sc.stacks.push_back(stack);
        StationSpec client;
        client.name = "CLIENT1";
        client.lan = "LAN1";
        client.address = "192.168.1.101/24";
        client.probe = ProbeSpec();
        client.probe->targets = {"192.168.1.1"};
        sc.stations.push_back(client);
        EventSpec fail;
        fail.at = 5;
        fail.type = "portFailure";
        fail.stack = "TCPIPA";
        fail.link = "OSA1";
        EventSpec add = fail;
        add.at = 6;
        add.type = "vipaAdd";
        add.link = "";
        add.address = "10.2.2.2";
        EventSpec repair = fail;
        repair.at = 8;
        repair.type = "portRepair";
        sc.events = {fail, add, repair};
        return sc;
    }
};

std::set<std::set<std::string>>
Membership(const std::vector<DisplayedGroup>& groups)
{
    std::set<std::set<std::string>> out;
    for (const auto& g : groups)
    {
        out.insert(g.links);
    }
    return out;
}

const std::set<std::set<std::string>> kSeedGroups = {{"OSA1", "OSA2"}, {"OSA3", "OSA4"}};

/** LanGroups.IdenticalForEveryPermutationOfActivationTimes */
class LanGroupsIdenticalForEveryPermutationOfActivationTimesTestCase : public LanGroupsCase
{
  public:
    LanGroupsIdenticalForEveryPermutationOfActivationTimesTestCase()
        : LanGroupsCase("LanGroups.IdenticalForEveryPermutationOfActivationTimes")
    {
    }

  private:
    void DoRun() override;
};

void
LanGroupsIdenticalForEveryPermutationOfActivationTimesTestCase::DoRun()
{
    // Spacings: all at once; within the 10 ms learning window; well apart.
    for (double spacing : {0.0, 0.004, 0.1})
    {
        std::vector<int> order = {0, 1, 2, 3};
        do
        {
            std::vector<double> times(4);
            for (int k = 0; k < 4; ++k)
            {
                times[order[k]] = 0.05 + k * spacing;
            }
            Observed o(Seed001Links(times));
            auto groups = ParseDevlinks(o.Devlinks("requested at 1.5 s"));
            std::ostringstream label;
            label << "spacing " << spacing << " s, start order " << order[0] << order[1] << order[2]
                  << order[3];
            NS_TEST_EXPECT_MSG_EQ(Membership(groups), kSeedGroups, label.str());
            for (const auto& g : groups)
            {
                NS_TEST_EXPECT_MSG_EQ(g.vipaOwners.size(), 1u, label.str());
            }
        } while (std::next_permutation(order.begin(), order.end()));
    }
}

/** LanGroups.Seed001WithEveryActivateAtLeftOut */
class LanGroupsSeed001WithEveryActivateAtLeftOutTestCase : public LanGroupsCase
{
  public:
    LanGroupsSeed001WithEveryActivateAtLeftOutTestCase()
        : LanGroupsCase("LanGroups.Seed001WithEveryActivateAtLeftOut")
    {
    }

  private:
    void DoRun() override;
};

void
LanGroupsSeed001WithEveryActivateAtLeftOutTestCase::DoRun()
{
    // The shipped scenario with every "activateAt" key removed (default 0: all four links
    // start together). Two LanGroups as in the seed; OSA1's failure is taken over by OSA2.
    // The one difference from the IBM page: with the default VipaOwner policy (the first
    // link of the group to become active, ties in definition order) OSA3 is VipaOwner of
    // LanGroup 002; the page has OSA4 because OSA4 started first there.
    nlohmann::json j =
        nlohmann::json::parse(ReadFile(ModuleFile("scenarios/seed-001-osa1-osa4.json")));
    for (auto& link : j["stacks"][0]["links"])
    {
        NS_TEST_ASSERT_MSG_EQ(link.erase("activateAt"), 1u, "link.erase(\"activateAt\") == 1u");
    }
    Observed o(ParseScenario(j.dump(), "seed-001-without-activateAt.json", {"duration=30"}));
    NS_TEST_EXPECT_MSG_EQ(NormaliseWhitespace(o.Devlinks("before portFailure TCPIPA/OSA1")),
                          SwapGroup2VipaOwner(SeedBefore()),
                          "NormaliseWhitespace(o.Devlinks(\"before portFailure TCPIPA/OSA1\")) == "
                          "SwapGroup2VipaOwner(SeedBefore())");
    NS_TEST_EXPECT_MSG_EQ(NormaliseWhitespace(o.Devlinks("after portFailure TCPIPA/OSA1")),
                          SwapGroup2VipaOwner(SeedAfter()),
                          "NormaliseWhitespace(o.Devlinks(\"after portFailure TCPIPA/OSA1\")) == "
                          "SwapGroup2VipaOwner(SeedAfter())");
    // And the clients see the takeover: OSA2 announced OSA1's address.
    bool announced = false;
    for (const auto& a : o.Gratuitous(20, 21))
    {
        announced = announced || (Str(a.senderIp) == "192.168.1.1" && a.senderMac == o.mac["OSA2"]);
    }
    NS_TEST_EXPECT_MSG_EQ(bool(announced), true, "announced");
}

/** LanGroups.FormWithoutAnyGratuitousArp */
class LanGroupsFormWithoutAnyGratuitousArpTestCase : public LanGroupsCase
{
  public:
    LanGroupsFormWithoutAnyGratuitousArpTestCase()
        : LanGroupsCase("LanGroups.FormWithoutAnyGratuitousArp")
    {
    }

  private:
    void DoRun() override;
};

void
LanGroupsFormWithoutAnyGratuitousArpTestCase::DoRun()
{
    // gratuitousArpCount 0: no announcement at all, but LanGroups still form (discovery is not
    // an announcement) and OSA2 still takes OSA1's address over.
    Observed o(Seed001({"duration=30", "stacks[0].gratuitousArpCount=0"}));
    NS_TEST_EXPECT_MSG_EQ(
        NormaliseWhitespace(o.Devlinks("before portFailure TCPIPA/OSA1")),
        SeedBefore(),
        "NormaliseWhitespace(o.Devlinks(\"before portFailure TCPIPA/OSA1\")) == SeedBefore()");
    NS_TEST_EXPECT_MSG_EQ(
        NormaliseWhitespace(o.Devlinks("after portFailure TCPIPA/OSA1")),
        SeedAfter(),
        "NormaliseWhitespace(o.Devlinks(\"after portFailure TCPIPA/OSA1\")) == SeedAfter()");
    NS_TEST_EXPECT_MSG_EQ(bool(o.Gratuitous(0, 30).empty()), true, "o.Gratuitous(0, 30).empty()");
}

/** LanGroups.FormWithZeroLearningTimeAndSettleOnOneVipaOwner */
class LanGroupsFormWithZeroLearningTimeAndSettleOnOneVipaOwnerTestCase : public LanGroupsCase
{
  public:
    LanGroupsFormWithZeroLearningTimeAndSettleOnOneVipaOwnerTestCase()
        : LanGroupsCase("LanGroups.FormWithZeroLearningTimeAndSettleOnOneVipaOwner")
    {
    }

  private:
    void DoRun() override;
};

void
LanGroupsFormWithZeroLearningTimeAndSettleOnOneVipaOwnerTestCase::DoRun()
{
    Observed o(Seed001({"duration=30", "stacks[0].learningTime=0"}));
    NS_TEST_EXPECT_MSG_EQ(
        NormaliseWhitespace(o.Devlinks("before portFailure TCPIPA/OSA1")),
        SeedBefore(),
        "NormaliseWhitespace(o.Devlinks(\"before portFailure TCPIPA/OSA1\")) == SeedBefore()");
    NS_TEST_EXPECT_MSG_EQ(
        NormaliseWhitespace(o.Devlinks("after portFailure TCPIPA/OSA1")),
        SeedAfter(),
        "NormaliseWhitespace(o.Devlinks(\"after portFailure TCPIPA/OSA1\")) == SeedAfter()");
    // On the wire: before the failure each VIPA is answered (reply or announcement) on each
    // LAN by one MAC only after start-up settled, and the last announcement before the
    // clients start is the VipaOwner's.
    std::map<std::pair<std::string, std::string>, std::set<Mac48Address>> answeredBy;
    std::map<std::pair<std::string, std::string>, Mac48Address> lastAnnouncement;
    for (const auto& a : o.arps)
    {
        std::string ip = Str(a.senderIp);
        if (ip.rfind("10.", 0) != 0 || a.time >= Seconds(20))
        {
            continue;
        }
        if (a.Gratuitous() && a.time < Seconds(1))
        {
            lastAnnouncement[{a.lan, ip}] = a.senderMac;
        }
        if (!a.request)
        {
            answeredBy[{a.lan, ip}].insert(a.senderMac);
        }
    }
    for (const char* vipa : {"10.1.1.1", "10.100.100.1"})
    {
        std::pair<std::string, std::string> lan1("LAN1", vipa);
        std::pair<std::string, std::string> lan2("LAN2", vipa);
        NS_TEST_EXPECT_MSG_EQ(lastAnnouncement[lan1], o.mac["OSA1"], vipa);
        NS_TEST_EXPECT_MSG_EQ(lastAnnouncement[lan2], o.mac["OSA4"], vipa);
        NS_TEST_EXPECT_MSG_EQ(answeredBy[lan1], (std::set<Mac48Address>{o.mac["OSA1"]}), vipa);
        NS_TEST_EXPECT_MSG_EQ(answeredBy[lan2], (std::set<Mac48Address>{o.mac["OSA4"]}), vipa);
    }
}

/** LanGroups.ReturningLoneLinkAnnouncesEveryVipaIncludingOnesAddedWhileDown */
class LanGroupsReturningLoneLinkAnnouncesEveryVipaIncludingOnesAddedWhileDownTestCase
    : public LanGroupsCase
{
  public:
    LanGroupsReturningLoneLinkAnnouncesEveryVipaIncludingOnesAddedWhileDownTestCase()
        : LanGroupsCase("LanGroups.ReturningLoneLinkAnnouncesEveryVipaIncludingOnesAddedWhileDown")
    {
    }

  private:
    void DoRun() override;
};

void
LanGroupsReturningLoneLinkAnnouncesEveryVipaIncludingOnesAddedWhileDownTestCase::DoRun()
{
    Observed o(LoneLink());
    std::multiset<std::string> announced;
    for (const auto& a : o.Gratuitous(8, 20))
    {
        NS_TEST_EXPECT_MSG_EQ(a.senderMac, o.mac["OSA1"], "a.senderMac == o.mac[\"OSA1\"]");
        announced.insert(Str(a.senderIp));
    }
    NS_TEST_EXPECT_MSG_EQ(
        announced,
        (std::multiset<std::string>{"192.168.1.1", "10.1.1.1", "10.2.2.2"}),
        "announced == (std::multiset<std::string>{\"192.168.1.1\", \"10.1.1.1\", \"10.2.2.2\"})");
    // While its only link was down, nobody could announce the new VIPA.
    NS_TEST_EXPECT_MSG_EQ(bool(o.Gratuitous(5, 8).empty()), true, "o.Gratuitous(5, 8).empty()");
    NS_TEST_EXPECT_MSG_NE(
        o.Devlinks("after portRepair TCPIPA/OSA1").find("OSA1      Active      OSA1       yes"),
        std::string::npos,
        "o.Devlinks(\"after portRepair TCPIPA/OSA1\").find(\"OSA1 Active OSA1 yes\") != "
        "std::string::npos");
}

/** LanGroups.SameSubnetOnTwoLansStaysApart */
class LanGroupsSameSubnetOnTwoLansStaysApartTestCase : public LanGroupsCase
{
  public:
    LanGroupsSameSubnetOnTwoLansStaysApartTestCase()
        : LanGroupsCase("LanGroups.SameSubnetOnTwoLansStaysApart")
    {
    }

  private:
    void DoRun() override;
};

void
LanGroupsSameSubnetOnTwoLansStaysApartTestCase::DoRun()
{
    // Two links in 192.168.1.0/24, one per LAN: they never hear each other, so they are two
    // LanGroups and neither backs the other up.
    Scenario sc = LoneLink();
    sc.lans.push_back({"LAN2", "switched", "1Gbps", 1.0, 0, std::nullopt});
    sc.stacks[0].links.push_back({"OSA2", "MPCIPA", "LAN2", "192.168.1.2/24", 0.0, "", std::nullopt});
    sc.events.resize(1); // OSA1 fails at 5 s, never repaired
    sc.devlinksAt = {1.0};
    Observed o(sc);
    auto groups = ParseDevlinks(o.Devlinks("requested at 1 s"));
    NS_TEST_EXPECT_MSG_EQ(
        Membership(groups),
        (std::set<std::set<std::string>>{{"OSA1"}, {"OSA2"}}),
        "Membership(groups) == (std::set<std::set<std::string>>{{\"OSA1\"}, {\"OSA2\"}})");
    for (const auto& a : o.Gratuitous(5, 20))
    {
        NS_TEST_EXPECT_MSG_NE(Str(a.senderIp), "192.168.1.1", "taken over across LANs");
    }
}

} // namespace

void
zostest::AddLanGroupsCases(CaseList& cases)
{
    cases.Add<LanGroupsIdenticalForEveryPermutationOfActivationTimesTestCase>();
    cases.Add<LanGroupsSeed001WithEveryActivateAtLeftOutTestCase>();
    cases.Add<LanGroupsFormWithoutAnyGratuitousArpTestCase>();
    cases.Add<LanGroupsFormWithZeroLearningTimeAndSettleOnOneVipaOwnerTestCase>();
    cases.Add<LanGroupsReturningLoneLinkAnnouncesEveryVipaIncludingOnesAddedWhileDownTestCase>();
    cases.Add<LanGroupsSameSubnetOnTwoLansStaysApartTestCase>();
}
