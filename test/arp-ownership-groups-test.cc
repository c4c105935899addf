/*
 * zos-takeover: LanGroups and roles in the ownership decision (ArpOwnership) without a
 * simulation: links that hear each other or not, backup and VipaOwner policies, returning
 * links.
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

namespace
{

Address
A(const char* ip)
{
    return Ipv4Address(ip);
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
zostest::AddArpOwnershipGroupsCases(CaseList& cases)
{
    cases.Add<ArpOwnershipLinksNobodyHearsFoundTheirOwnGroupsTestCase>();
    cases.Add<ArpOwnershipLongestActiveDiffersFromLowestNameTestCase>();
    cases.Add<ArpOwnershipLinksThatStartTogetherHearEachOtherAndFormOneGroupTestCase>();
    cases.Add<ArpOwnershipGroupsThatMeetLateKeepOneVipaOwnerWhichAnnouncesAgainTestCase>();
    cases.Add<ArpOwnershipAnInactiveLinkHearsNothingTestCase>();
    cases.Add<ArpOwnershipALoneVipaOwnerReturningAnnouncesEveryVipaTestCase>();
    cases.Add<ArpOwnershipAReturningBackupAnnouncesTheAddressItHeldForASiblingTestCase>();
}
