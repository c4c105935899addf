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

/** ArpOwnership.LinksNobodyHearsFoundTheirOwnGroups */
class ArpOwnershipLinksNobodyHearsFoundTheirOwnGroupsTestCase : public ZosTestCase
{
  public:
    ArpOwnershipLinksNobodyHearsFoundTheirOwnGroupsTestCase()
        : ZosTestCase("ArpOwnership.LinksNobodyHearsFoundTheirOwnGroups")
    {
    }

  private:
    void DoRun() override;
};

void
ArpOwnershipLinksNobodyHearsFoundTheirOwnGroupsTestCase::DoRun()
{
    // Same subnet on two LANs: the second link's activation frame is not heard by the first.
    ArpOwnership t;
    Id a = t.AddLink("OSA1", A("192.168.1.1"));
    Id b = t.AddLink("OSA2", A("192.168.1.2"));
    t.StartLink(a);
    t.CompleteActivation(a);
    t.StartLink(b);
    t.CompleteActivation(b);
    NS_TEST_ASSERT_MSG_EQ(t.GetGroups().size(), 2u, "t.GetGroups().size() == 2u");
    NS_TEST_EXPECT_MSG_NE(t.GetGroup(a), t.GetGroup(b), "t.GetGroup(a) != t.GetGroup(b)");
    NS_TEST_EXPECT_MSG_EQ(bool(t.StopLink(a).empty()),
                          true,
                          "t.StopLink(a).empty()"); // no backup on that LAN
    NS_TEST_EXPECT_MSG_EQ(bool(t.Answers(b, A("192.168.1.1"))),
                          false,
                          "t.Answers(b, A(\"192.168.1.1\"))");
}

/** ArpOwnership.LongestActiveDiffersFromLowestName */
class ArpOwnershipLongestActiveDiffersFromLowestNameTestCase : public ZosTestCase
{
  public:
    ArpOwnershipLongestActiveDiffersFromLowestNameTestCase()
        : ZosTestCase("ArpOwnership.LongestActiveDiffersFromLowestName")
    {
    }

  private:
    void DoRun() override;
};

void
ArpOwnershipLongestActiveDiffersFromLowestNameTestCase::DoRun()
{
    auto run = [](ArpOwnership::BackupPolicy policy) {
        ArpOwnership::Config config;
        config.backupPolicy = policy;
        ArpOwnership t(config);
        Id x = t.AddLink("X", A("10.0.0.9"));
        Id z = t.AddLink("Z", A("10.0.0.3"));
        Id y = t.AddLink("Y", A("10.0.0.2"));
        for (Id l : {x, z, y}) // Z active before Y, but Y < Z by name
        {
            t.StartLink(l);
            if (l != x)
            {
                t.NoteHeard(l, x);
            }
            t.CompleteActivation(l);
        }
        return t.StopLink(x).at(0).to;
    };
    NS_TEST_EXPECT_MSG_EQ(run(ArpOwnership::BackupPolicy::LongestActive),
                          1u,
                          "run(ArpOwnership::BackupPolicy::LongestActive) == 1u"); // Z
    NS_TEST_EXPECT_MSG_EQ(run(ArpOwnership::BackupPolicy::LowestName),
                          2u,
                          "run(ArpOwnership::BackupPolicy::LowestName) == 2u"); // Y
}

/** ArpOwnership.LinksThatStartTogetherHearEachOtherAndFormOneGroup */
class ArpOwnershipLinksThatStartTogetherHearEachOtherAndFormOneGroupTestCase : public ZosTestCase
{
  public:
    ArpOwnershipLinksThatStartTogetherHearEachOtherAndFormOneGroupTestCase()
        : ZosTestCase("ArpOwnership.LinksThatStartTogetherHearEachOtherAndFormOneGroup")
    {
    }

  private:
    void DoRun() override;
};

void
ArpOwnershipLinksThatStartTogetherHearEachOtherAndFormOneGroupTestCase::DoRun()
{
    // Both links are still learning when each hears the other: learning is symmetric.
    ArpOwnership t;
    Id a = t.AddLink("OSA1", A("192.168.1.1"));
    Id b = t.AddLink("OSA2", A("192.168.1.2"));
    t.StartLink(a);
    t.StartLink(b);
    t.NoteHeard(b, a);
    t.NoteHeard(a, b);
    t.CompleteActivation(a);
    t.CompleteActivation(b);
    NS_TEST_ASSERT_MSG_EQ(t.GetGroups().size(), 1u, "t.GetGroups().size() == 1u");
    NS_TEST_EXPECT_MSG_EQ(t.GetVipaOwner(t.GetGroups()[0]),
                          a,
                          "t.GetVipaOwner(t.GetGroups()[0]) == a");
    NS_TEST_EXPECT_MSG_EQ(t.StopLink(a).at(0).to,
                          b,
                          "t.StopLink(a).at(0).to == b"); // and b backs a up
}

/** ArpOwnership.GroupsThatMeetLateKeepOneVipaOwnerWhichAnnouncesAgain */
class ArpOwnershipGroupsThatMeetLateKeepOneVipaOwnerWhichAnnouncesAgainTestCase : public ZosTestCase
{
  public:
    ArpOwnershipGroupsThatMeetLateKeepOneVipaOwnerWhichAnnouncesAgainTestCase()
        : ZosTestCase("ArpOwnership.GroupsThatMeetLateKeepOneVipaOwnerWhichAnnouncesAgain")
    {
    }

  private:
    void DoRun() override;
};

void
ArpOwnershipGroupsThatMeetLateKeepOneVipaOwnerWhichAnnouncesAgainTestCase::DoRun()
{
    // Learning windows over before either link heard the other (learning time 0): each
    // became VipaOwner of its own group and announced the VIPA. When one hears the other the
    // groups merge; the first to become active keeps the role and announces the VIPA again,
    // so stations that heard the other end up with its MAC.
    ArpOwnership t;
    Id a = t.AddLink("OSA1", A("192.168.1.1"));
    Id b = t.AddLink("OSA2", A("192.168.1.2"));
    t.AddVipa(A("10.1.1.1"));
    t.StartLink(a);
    t.CompleteActivation(a);
    t.StartLink(b);
    t.CompleteActivation(b);
    NS_TEST_ASSERT_MSG_EQ(t.GetGroups().size(), 2u, "t.GetGroups().size() == 2u");
    auto changes = t.NoteHeard(a, b); // b hears a
    NS_TEST_ASSERT_MSG_EQ(t.GetGroups().size(), 1u, "t.GetGroups().size() == 1u");
    NS_TEST_EXPECT_MSG_EQ(t.GetVipaOwner(t.GetGroups()[0]),
                          a,
                          "t.GetVipaOwner(t.GetGroups()[0]) == a");
    NS_TEST_ASSERT_MSG_EQ(changes.size(), 1u, "changes.size() == 1u");
    NS_TEST_EXPECT_MSG_EQ(changes[0].from, b, "changes[0].from == b");
    NS_TEST_EXPECT_MSG_EQ(changes[0].to, a, "changes[0].to == a");
    NS_TEST_EXPECT_MSG_EQ(bool(changes[0].announce), true, "changes[0].announce");
    NS_TEST_EXPECT_MSG_EQ(bool(t.Answers(a, A("10.1.1.1"))), true, "t.Answers(a, A(\"10.1.1.1\"))");
    NS_TEST_EXPECT_MSG_EQ(bool(t.Answers(b, A("10.1.1.1"))),
                          false,
                          "t.Answers(b, A(\"10.1.1.1\"))");
}

/** ArpOwnership.AnInactiveLinkHearsNothing */
class ArpOwnershipAnInactiveLinkHearsNothingTestCase : public ZosTestCase
{
  public:
    ArpOwnershipAnInactiveLinkHearsNothingTestCase()
        : ZosTestCase("ArpOwnership.AnInactiveLinkHearsNothing")
    {
    }

  private:
    void DoRun() override;
};

void
ArpOwnershipAnInactiveLinkHearsNothingTestCase::DoRun()
{
    ArpOwnership t;
    Id a = t.AddLink("OSA1", A("192.168.1.1"));
    Id b = t.AddLink("OSA2", A("192.168.1.2"));
    t.StartLink(a);
    t.CompleteActivation(a);
    t.StopLink(a);
    t.StartLink(b);
    t.NoteHeard(b, a);
    t.CompleteActivation(b);
    NS_TEST_EXPECT_MSG_EQ(t.GetGroups().size(), 2u, "t.GetGroups().size() == 2u");
}

/** ArpOwnership.ALoneVipaOwnerReturningAnnouncesEveryVipa */
class ArpOwnershipALoneVipaOwnerReturningAnnouncesEveryVipaTestCase : public ZosTestCase
{
  public:
    ArpOwnershipALoneVipaOwnerReturningAnnouncesEveryVipaTestCase()
        : ZosTestCase("ArpOwnership.ALoneVipaOwnerReturningAnnouncesEveryVipa")
    {
    }

  private:
    void DoRun() override;
};

void
ArpOwnershipALoneVipaOwnerReturningAnnouncesEveryVipaTestCase::DoRun()
{
    ArpOwnership t;
    Id a = t.AddLink("OSA1", A("192.168.1.1"));
    t.AddVipa(A("10.1.1.1"));
    t.StartLink(a);
    t.CompleteActivation(a);
    t.StopLink(a);
    NS_TEST_EXPECT_MSG_EQ(bool(t.AddVipa(A("10.2.2.2")).empty()),
                          true,
                          "t.AddVipa(A(\"10.2.2.2\")).empty()"); // nobody active to announce it
    t.StartLink(a);
    auto changes = t.CompleteActivation(a);
    std::multiset<std::string> announced;
    for (const auto& c : changes)
    {
        NS_TEST_EXPECT_MSG_EQ(bool(c.announce), true, "c.announce");
        NS_TEST_EXPECT_MSG_EQ(c.to, a, "c.to == a");
        announced.insert(c.vipa ? "vipa" : "home");
    }
    NS_TEST_EXPECT_MSG_EQ(announced,
                          (std::multiset<std::string>{"vipa", "vipa"}),
                          "announced == (std::multiset<std::string>{\"vipa\", \"vipa\"})");
    NS_TEST_EXPECT_MSG_EQ(bool(t.Answers(a, A("10.2.2.2"))), true, "t.Answers(a, A(\"10.2.2.2\"))");
}

/** ArpOwnership.AReturningBackupAnnouncesTheAddressItHeldForASibling */
class ArpOwnershipAReturningBackupAnnouncesTheAddressItHeldForASiblingTestCase : public ZosTestCase
{
  public:
    ArpOwnershipAReturningBackupAnnouncesTheAddressItHeldForASiblingTestCase()
        : ZosTestCase("ArpOwnership.AReturningBackupAnnouncesTheAddressItHeldForASibling")
    {
    }

  private:
    void DoRun() override;
};

void
ArpOwnershipAReturningBackupAnnouncesTheAddressItHeldForASiblingTestCase::DoRun()
{
    // OSA1 stops, OSA2 takes 192.168.1.1; OSA2 stops too (nobody answers any more); when OSA2
    // comes back it answers for 192.168.1.1 again, and must say so on the wire.
    ArpOwnership t;
    Id a = t.AddLink("OSA1", A("192.168.1.1"));
    Id b = t.AddLink("OSA2", A("192.168.1.2"));
    t.StartLink(a);
    t.StartLink(b);
    t.NoteHeard(b, a);
    t.CompleteActivation(a);
    t.CompleteActivation(b);
    t.StopLink(a);
    NS_TEST_EXPECT_MSG_EQ(bool(t.StopLink(b).empty()), true, "t.StopLink(b).empty()");
    t.StartLink(b);
    auto changes = t.CompleteActivation(b);
    bool announced = false;
    for (const auto& c : changes)
    {
        announced = announced || (c.address == A("192.168.1.1") && c.to == b && c.announce);
    }
    NS_TEST_EXPECT_MSG_EQ(bool(announced), true, "announced");
    NS_TEST_EXPECT_MSG_EQ(bool(t.Answers(b, A("192.168.1.1"))),
                          true,
                          "t.Answers(b, A(\"192.168.1.1\"))");
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
    cases.Add<ArpOwnershipLinksNobodyHearsFoundTheirOwnGroupsTestCase>();
    cases.Add<ArpOwnershipLongestActiveDiffersFromLowestNameTestCase>();
    cases.Add<ArpOwnershipLinksThatStartTogetherHearEachOtherAndFormOneGroupTestCase>();
    cases.Add<ArpOwnershipGroupsThatMeetLateKeepOneVipaOwnerWhichAnnouncesAgainTestCase>();
    cases.Add<ArpOwnershipAnInactiveLinkHearsNothingTestCase>();
    cases.Add<ArpOwnershipALoneVipaOwnerReturningAnnouncesEveryVipaTestCase>();
    cases.Add<ArpOwnershipAReturningBackupAnnouncesTheAddressItHeldForASiblingTestCase>();
}
