/*
 * zos-takeover: the ownership decision (ArpOwnership) without a simulation.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "zos-test-utilities.h"

#include "ns3/arp-ownership.h"
#include "ns3/ipv4-address.h"

#include <set>
#include <sstream>

using namespace ns3;
using namespace zostest;
using Id = ArpOwnership::LinkId;

/** Prints a Reason (its number) when a comparison fails. */
std::ostream&
operator<<(std::ostream& os, ArpOwnership::Reason r)
{
    return os << "Reason(" << static_cast<int>(r) << ")";
}

namespace
{

Address
A(const char* ip)
{
    return Ipv4Address(ip);
}

/** The seed-001 stack: OSA1/OSA2 on one LAN, OSA3/OSA4 on another, two VIPAs. */
class Seed001Ownership : public ZosTestCase
{
  public:
    /** \param name the case's name */
    explicit Seed001Ownership(std::string name)
        : ZosTestCase(std::move(name))
    {
    }

  protected:
    void DoSetup() override
    {
        Build(ArpOwnership::Config());
    }

    /** (Re)build the stack with this configuration and start its links. */
    void Build(const ArpOwnership::Config& config)
    {
        t = ArpOwnership(config);
        startup.clear();
        osa1 = t.AddLink("OSA1", A("192.168.1.1"));
        osa2 = t.AddLink("OSA2", A("192.168.1.2"));
        osa3 = t.AddLink("OSA3", A("192.168.2.3"));
        osa4 = t.AddLink("OSA4", A("192.168.2.4"));
        NS_TEST_EXPECT_MSG_EQ(
            bool(t.AddVipa(A("10.1.1.1")).empty()),
            true,
            "t.AddVipa(A(\"10.1.1.1\")).empty()"); // nobody active yet: no announcement
        NS_TEST_EXPECT_MSG_EQ(bool(t.AddVipa(A("10.100.100.1")).empty()),
                              true,
                              "t.AddVipa(A(\"10.100.100.1\")).empty()");
        // Activation order of the scenario: OSA1, OSA2, OSA4, OSA3. A starting link is heard
        // by the already-grouped links on its LAN.
        startup.push_back(Start(osa1, {}));
        startup.push_back(Start(osa2, {osa1}));
        startup.push_back(Start(osa4, {}));
        startup.push_back(Start(osa3, {osa4}));
    }

    ArpOwnership::Changes Start(Id link, std::vector<Id> hearers)
    {
        ArpOwnership::Changes all = t.StartLink(link);
        for (Id h : hearers)
        {
            t.NoteHeard(link, h);
        }
        ArpOwnership::Changes done = t.CompleteActivation(link);
        all.insert(all.end(), done.begin(), done.end());
        return all;
    }

    static std::vector<std::string> Announced(const ArpOwnership::Changes& changes)
    {
        std::vector<std::string> out;
        for (const auto& c : changes)
        {
            if (c.announce)
            {
                std::ostringstream os;
                os << Ipv4Address::ConvertFrom(c.address) << "@" << c.to;
                out.push_back(os.str());
            }
        }
        return out;
    }

    ArpOwnership t;
    Id osa1, osa2, osa3, osa4;
    std::vector<ArpOwnership::Changes> startup;
};

/** Seed001Ownership.GroupsAndVipaOwnersAsInTheSeed */
class Seed001OwnershipGroupsAndVipaOwnersAsInTheSeedTestCase : public Seed001Ownership
{
  public:
    Seed001OwnershipGroupsAndVipaOwnersAsInTheSeedTestCase()
        : Seed001Ownership("Seed001Ownership.GroupsAndVipaOwnersAsInTheSeed")
    {
    }

  private:
    void DoRun() override;
};

void
Seed001OwnershipGroupsAndVipaOwnersAsInTheSeedTestCase::DoRun()
{
    auto groups = t.GetGroups();
    NS_TEST_ASSERT_MSG_EQ(groups.size(), 2u, "groups.size() == 2u");
    NS_TEST_EXPECT_MSG_EQ(t.GetGroupLinks(groups[0]),
                          (std::vector<Id>{osa1, osa2}),
                          "t.GetGroupLinks(groups[0]) == (std::vector<Id>{osa1, osa2})");
    NS_TEST_EXPECT_MSG_EQ(t.GetGroupLinks(groups[1]),
                          (std::vector<Id>{osa3, osa4}),
                          "t.GetGroupLinks(groups[1]) == (std::vector<Id>{osa3, osa4})");
    NS_TEST_EXPECT_MSG_EQ(t.GetVipaOwner(groups[0]), osa1, "t.GetVipaOwner(groups[0]) == osa1");
    NS_TEST_EXPECT_MSG_EQ(t.GetVipaOwner(groups[1]), osa4, "t.GetVipaOwner(groups[1]) == osa4");
}

/** Seed001Ownership.StartupAnnouncements */
class Seed001OwnershipStartupAnnouncementsTestCase : public Seed001Ownership
{
  public:
    Seed001OwnershipStartupAnnouncementsTestCase()
        : Seed001Ownership("Seed001Ownership.StartupAnnouncements")
    {
    }

  private:
    void DoRun() override;
};

void
Seed001OwnershipStartupAnnouncementsTestCase::DoRun()
{
    // Each link announces its HOME address; OSA1 and OSA4 (new VipaOwners) announce both VIPAs.
    NS_TEST_EXPECT_MSG_EQ(
        Announced(startup[0]),
        (std::vector<std::string>{"192.168.1.1@0", "10.1.1.1@0", "10.100.100.1@0"}),
        "Announced(startup[0]) == (std::vector<std::string>{\"192.168.1.1@0\", \"10.1.1.1@0\", "
        "\"10.100.100.1@0\"})");
    NS_TEST_EXPECT_MSG_EQ(Announced(startup[1]),
                          (std::vector<std::string>{"192.168.1.2@1"}),
                          "Announced(startup[1]) == (std::vector<std::string>{\"192.168.1.2@1\"})");
    NS_TEST_EXPECT_MSG_EQ(
        Announced(startup[2]),
        (std::vector<std::string>{"192.168.2.4@3", "10.1.1.1@3", "10.100.100.1@3"}),
        "Announced(startup[2]) == (std::vector<std::string>{\"192.168.2.4@3\", \"10.1.1.1@3\", "
        "\"10.100.100.1@3\"})");
    NS_TEST_EXPECT_MSG_EQ(Announced(startup[3]),
                          (std::vector<std::string>{"192.168.2.3@2"}),
                          "Announced(startup[3]) == (std::vector<std::string>{\"192.168.2.3@2\"})");
}

/** Seed001Ownership.OnlyTheOwnerAnswers */
class Seed001OwnershipOnlyTheOwnerAnswersTestCase : public Seed001Ownership
{
  public:
    Seed001OwnershipOnlyTheOwnerAnswersTestCase()
        : Seed001Ownership("Seed001Ownership.OnlyTheOwnerAnswers")
    {
    }

  private:
    void DoRun() override;
};

void
Seed001OwnershipOnlyTheOwnerAnswersTestCase::DoRun()
{
    NS_TEST_EXPECT_MSG_EQ(bool(t.Answers(osa1, A("192.168.1.1"))),
                          true,
                          "t.Answers(osa1, A(\"192.168.1.1\"))");
    NS_TEST_EXPECT_MSG_EQ(bool(t.Answers(osa2, A("192.168.1.1"))),
                          false,
                          "t.Answers(osa2, A(\"192.168.1.1\"))");
    NS_TEST_EXPECT_MSG_EQ(bool(t.Answers(osa1, A("10.1.1.1"))),
                          true,
                          "t.Answers(osa1, A(\"10.1.1.1\"))");
    NS_TEST_EXPECT_MSG_EQ(bool(t.Answers(osa2, A("10.1.1.1"))),
                          false,
                          "t.Answers(osa2, A(\"10.1.1.1\"))");
    NS_TEST_EXPECT_MSG_EQ(bool(t.Answers(osa3, A("10.100.100.1"))),
                          false,
                          "t.Answers(osa3, A(\"10.100.100.1\"))");
    NS_TEST_EXPECT_MSG_EQ(bool(t.Answers(osa4, A("10.100.100.1"))),
                          true,
                          "t.Answers(osa4, A(\"10.100.100.1\"))");
    NS_TEST_EXPECT_MSG_EQ(bool(t.Answers(osa3, A("192.168.1.1"))),
                          false,
                          "t.Answers(osa3, A(\"192.168.1.1\"))"); // other LanGroup
    NS_TEST_EXPECT_MSG_EQ(bool(t.Answers(osa1, A("192.168.9.9"))),
                          false,
                          "t.Answers(osa1, A(\"192.168.9.9\"))");
}

/** Seed001Ownership.Osa1FailsOsa2TakesItsAddressAndTheVipas */
class Seed001OwnershipOsa1FailsOsa2TakesItsAddressAndTheVipasTestCase : public Seed001Ownership
{
  public:
    Seed001OwnershipOsa1FailsOsa2TakesItsAddressAndTheVipasTestCase()
        : Seed001Ownership("Seed001Ownership.Osa1FailsOsa2TakesItsAddressAndTheVipas")
    {
    }

  private:
    void DoRun() override;
};

void
Seed001OwnershipOsa1FailsOsa2TakesItsAddressAndTheVipasTestCase::DoRun()
{
    auto changes = t.StopLink(osa1);
    NS_TEST_EXPECT_MSG_EQ(
        Announced(changes),
        (std::vector<std::string>{"192.168.1.1@1", "10.1.1.1@1", "10.100.100.1@1"}),
        "Announced(changes) == (std::vector<std::string>{\"192.168.1.1@1\", \"10.1.1.1@1\", "
        "\"10.100.100.1@1\"})");
    for (const auto& c : changes)
    {
        NS_TEST_EXPECT_MSG_EQ(c.from, osa1, "c.from == osa1");
        NS_TEST_EXPECT_MSG_EQ(
            c.reason,
            (c.vipa ? ArpOwnership::Reason::VipaOwner : ArpOwnership::Reason::Takeover),
            "c.reason == c.vipa ? ArpOwnership::Reason::VipaOwner : "
            "ArpOwnership::Reason::Takeover");
    }
    auto groups = t.GetGroups();
    NS_TEST_EXPECT_MSG_EQ(t.OwnerOf(groups[0], A("192.168.1.1")),
                          osa2,
                          "t.OwnerOf(groups[0], A(\"192.168.1.1\")) == osa2");
    NS_TEST_EXPECT_MSG_EQ(t.GetVipaOwner(groups[0]), osa2, "t.GetVipaOwner(groups[0]) == osa2");
    NS_TEST_EXPECT_MSG_EQ(bool(t.Answers(osa2, A("192.168.1.1"))),
                          true,
                          "t.Answers(osa2, A(\"192.168.1.1\"))");
    NS_TEST_EXPECT_MSG_EQ(bool(t.Answers(osa2, A("10.1.1.1"))),
                          true,
                          "t.Answers(osa2, A(\"10.1.1.1\"))");
    NS_TEST_EXPECT_MSG_EQ(bool(t.Answers(osa1, A("192.168.1.1"))),
                          false,
                          "t.Answers(osa1, A(\"192.168.1.1\"))");
    NS_TEST_EXPECT_MSG_EQ(t.GetVipaOwner(groups[1]),
                          osa4,
                          "t.GetVipaOwner(groups[1]) == osa4"); // the other LAN is untouched
}

/** Seed001Ownership.ReturningLinkReclaimsHomeButNotVipasByDefault */
class Seed001OwnershipReturningLinkReclaimsHomeButNotVipasByDefaultTestCase
    : public Seed001Ownership
{
  public:
    Seed001OwnershipReturningLinkReclaimsHomeButNotVipasByDefaultTestCase()
        : Seed001Ownership("Seed001Ownership.ReturningLinkReclaimsHomeButNotVipasByDefault")
    {
    }

  private:
    void DoRun() override;
};

void
Seed001OwnershipReturningLinkReclaimsHomeButNotVipasByDefaultTestCase::DoRun()
{
    t.StopLink(osa1);
    auto changes = Start(osa1, {osa2});
    NS_TEST_EXPECT_MSG_EQ(Announced(changes),
                          (std::vector<std::string>{"192.168.1.1@0"}),
                          "Announced(changes) == (std::vector<std::string>{\"192.168.1.1@0\"})");
    NS_TEST_EXPECT_MSG_EQ(changes[0].reason,
                          ArpOwnership::Reason::Reclaim,
                          "changes[0].reason == ArpOwnership::Reason::Reclaim");
    NS_TEST_EXPECT_MSG_EQ(changes[0].from, osa2, "changes[0].from == osa2");
    NS_TEST_EXPECT_MSG_EQ(t.GetVipaOwner(t.GetGroups()[0]),
                          osa2,
                          "t.GetVipaOwner(t.GetGroups()[0]) == osa2");
}

/** Seed001Ownership.VipaGiveBack */
class Seed001OwnershipVipaGiveBackTestCase : public Seed001Ownership
{
  public:
    Seed001OwnershipVipaGiveBackTestCase()
        : Seed001Ownership("Seed001Ownership.VipaGiveBack")
    {
    }

  private:
    void DoRun() override;
};

void
Seed001OwnershipVipaGiveBackTestCase::DoRun()
{
    ArpOwnership::Config config;
    config.vipaGiveBack = true;
    Build(config);
    t.StopLink(osa1);
    auto changes = Start(osa1, {osa2});
    NS_TEST_EXPECT_MSG_EQ(
        Announced(changes),
        (std::vector<std::string>{"192.168.1.1@0", "10.1.1.1@0", "10.100.100.1@0"}),
        "Announced(changes) == (std::vector<std::string>{\"192.168.1.1@0\", \"10.1.1.1@0\", "
        "\"10.100.100.1@0\"})");
    NS_TEST_EXPECT_MSG_EQ(t.GetVipaOwner(t.GetGroups()[0]),
                          osa1,
                          "t.GetVipaOwner(t.GetGroups()[0]) == osa1");
}

/** Seed001Ownership.WithoutPq23444NothingIsTakenOver */
class Seed001OwnershipWithoutPq23444NothingIsTakenOverTestCase : public Seed001Ownership
{
  public:
    Seed001OwnershipWithoutPq23444NothingIsTakenOverTestCase()
        : Seed001Ownership("Seed001Ownership.WithoutPq23444NothingIsTakenOver")
    {
    }

  private:
    void DoRun() override;
};

void
Seed001OwnershipWithoutPq23444NothingIsTakenOverTestCase::DoRun()
{
    ArpOwnership::Config config;
    config.fixLevel.SetApplied(FixLevel::Apar::PQ23444, false);
    Build(config);
    NS_TEST_EXPECT_MSG_EQ(bool(t.StopLink(osa1).empty()), true, "t.StopLink(osa1).empty()");
    NS_TEST_EXPECT_MSG_EQ(bool(t.Answers(osa2, A("192.168.1.1"))),
                          false,
                          "t.Answers(osa2, A(\"192.168.1.1\"))");
    NS_TEST_EXPECT_MSG_EQ(t.OwnerOf(t.GetGroups()[0], A("192.168.1.1")),
                          osa1,
                          "t.OwnerOf(t.GetGroups()[0], A(\"192.168.1.1\")) == osa1");
}

/** Seed001Ownership.WithoutPq26689InheritedVipasAreNotAnnounced */
class Seed001OwnershipWithoutPq26689InheritedVipasAreNotAnnouncedTestCase : public Seed001Ownership
{
  public:
    Seed001OwnershipWithoutPq26689InheritedVipasAreNotAnnouncedTestCase()
        : Seed001Ownership("Seed001Ownership.WithoutPq26689InheritedVipasAreNotAnnounced")
    {
    }

  private:
    void DoRun() override;
};

void
Seed001OwnershipWithoutPq26689InheritedVipasAreNotAnnouncedTestCase::DoRun()
{
    ArpOwnership::Config config;
    config.fixLevel.SetApplied(FixLevel::Apar::PQ26689, false);
    Build(config);
    // The first VipaOwners still announce (VIPA added to each LanGroup).
    NS_TEST_EXPECT_MSG_EQ(Announced(startup[0]).size(), 3u, "Announced(startup[0]).size() == 3u");
    auto changes = t.StopLink(osa1);
    NS_TEST_EXPECT_MSG_EQ(Announced(changes),
                          (std::vector<std::string>{"192.168.1.1@1"}),
                          "Announced(changes) == (std::vector<std::string>{\"192.168.1.1@1\"})");
    // ...but the new owner answers when asked (the takeover "triggered by an ARP request").
    NS_TEST_EXPECT_MSG_EQ(bool(t.Answers(osa2, A("10.1.1.1"))),
                          true,
                          "t.Answers(osa2, A(\"10.1.1.1\"))");
}

/** Seed001Ownership.AddingAVipaAnnouncesItInEachLanGroup */
class Seed001OwnershipAddingAVipaAnnouncesItInEachLanGroupTestCase : public Seed001Ownership
{
  public:
    Seed001OwnershipAddingAVipaAnnouncesItInEachLanGroupTestCase()
        : Seed001Ownership("Seed001Ownership.AddingAVipaAnnouncesItInEachLanGroup")
    {
    }

  private:
    void DoRun() override;
};

void
Seed001OwnershipAddingAVipaAnnouncesItInEachLanGroupTestCase::DoRun()
{
    auto changes = t.AddVipa(A("10.5.5.5"));
    NS_TEST_EXPECT_MSG_EQ(
        Announced(changes),
        (std::vector<std::string>{"10.5.5.5@0", "10.5.5.5@3"}),
        "Announced(changes) == (std::vector<std::string>{\"10.5.5.5@0\", \"10.5.5.5@3\"})");
    NS_TEST_EXPECT_MSG_EQ(bool(t.Answers(osa4, A("10.5.5.5"))),
                          true,
                          "t.Answers(osa4, A(\"10.5.5.5\"))");
}

/** Seed001Ownership.AllLinksDownThenOneReturnsAndTakesTheOrphans */
class Seed001OwnershipAllLinksDownThenOneReturnsAndTakesTheOrphansTestCase : public Seed001Ownership
{
  public:
    Seed001OwnershipAllLinksDownThenOneReturnsAndTakesTheOrphansTestCase()
        : Seed001Ownership("Seed001Ownership.AllLinksDownThenOneReturnsAndTakesTheOrphans")
    {
    }

  private:
    void DoRun() override;
};

void
Seed001OwnershipAllLinksDownThenOneReturnsAndTakesTheOrphansTestCase::DoRun()
{
    t.StopLink(osa1);
    auto last = t.StopLink(osa2);
    NS_TEST_EXPECT_MSG_EQ(bool(last.empty()),
                          true,
                          "last.empty()"); // no active link left to take over
    auto changes = Start(osa1, {});
    NS_TEST_EXPECT_MSG_EQ(Announced(changes),
                          (std::vector<std::string>{"192.168.1.1@0",
                                                    "192.168.1.2@0",
                                                    "10.1.1.1@0",
                                                    "10.100.100.1@0"}),
                          "Announced(changes) == (std::vector<std::string>{\"192.168.1.1@0\", "
                          "\"192.168.1.2@0\", \"10.1.1.1@0\", \"10.100.100.1@0\"})");
    NS_TEST_EXPECT_MSG_EQ(bool(t.Answers(osa1, A("192.168.1.2"))),
                          true,
                          "t.Answers(osa1, A(\"192.168.1.2\"))");
}

} // namespace

void
zostest::AddArpOwnershipCases(CaseList& cases)
{
    cases.Add<Seed001OwnershipGroupsAndVipaOwnersAsInTheSeedTestCase>();
    cases.Add<Seed001OwnershipStartupAnnouncementsTestCase>();
    cases.Add<Seed001OwnershipOnlyTheOwnerAnswersTestCase>();
    cases.Add<Seed001OwnershipOsa1FailsOsa2TakesItsAddressAndTheVipasTestCase>();
    cases.Add<Seed001OwnershipReturningLinkReclaimsHomeButNotVipasByDefaultTestCase>();
    cases.Add<Seed001OwnershipVipaGiveBackTestCase>();
    cases.Add<Seed001OwnershipWithoutPq23444NothingIsTakenOverTestCase>();
    cases.Add<Seed001OwnershipWithoutPq26689InheritedVipasAreNotAnnouncedTestCase>();
    cases.Add<Seed001OwnershipAddingAVipaAnnouncesItInEachLanGroupTestCase>();
    cases.Add<Seed001OwnershipAllLinksDownThenOneReturnsAndTakesTheOrphansTestCase>();
}
