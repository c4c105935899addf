/*
 * zos-takeover: the ownership decision (ArpOwnership) without a simulation.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ns3/arp-ownership.h"
#include "ns3/ipv4-address.h"

#include <gtest/gtest.h>
#include <set>
#include <sstream>

using namespace ns3;
using Id = ArpOwnership::LinkId;

namespace
{

Address
A(const char* ip)
{
    return Ipv4Address(ip);
}

/** The seed-001 stack: OSA1/OSA2 on one LAN, OSA3/OSA4 on another, two VIPAs. */
class Seed001Ownership : public ::testing::Test
{
  protected:
    void SetUp() override
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
        EXPECT_TRUE(t.AddVipa(A("10.1.1.1")).empty()); // nobody active yet: no announcement
        EXPECT_TRUE(t.AddVipa(A("10.100.100.1")).empty());
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

TEST_F(Seed001Ownership, GroupsAndVipaOwnersAsInTheSeed)
{
    auto groups = t.GetGroups();
    ASSERT_EQ(groups.size(), 2u);
    EXPECT_EQ(t.GetGroupLinks(groups[0]), (std::vector<Id>{osa1, osa2}));
    EXPECT_EQ(t.GetGroupLinks(groups[1]), (std::vector<Id>{osa3, osa4}));
    EXPECT_EQ(t.GetVipaOwner(groups[0]), osa1);
    EXPECT_EQ(t.GetVipaOwner(groups[1]), osa4);
}

TEST_F(Seed001Ownership, StartupAnnouncements)
{
    // Each link announces its HOME address; OSA1 and OSA4 (new VipaOwners) announce both VIPAs.
    EXPECT_EQ(Announced(startup[0]),
              (std::vector<std::string>{"192.168.1.1@0", "10.1.1.1@0", "10.100.100.1@0"}));
    EXPECT_EQ(Announced(startup[1]), (std::vector<std::string>{"192.168.1.2@1"}));
    EXPECT_EQ(Announced(startup[2]),
              (std::vector<std::string>{"192.168.2.4@3", "10.1.1.1@3", "10.100.100.1@3"}));
    EXPECT_EQ(Announced(startup[3]), (std::vector<std::string>{"192.168.2.3@2"}));
}

TEST_F(Seed001Ownership, OnlyTheOwnerAnswers)
{
    EXPECT_TRUE(t.Answers(osa1, A("192.168.1.1")));
    EXPECT_FALSE(t.Answers(osa2, A("192.168.1.1")));
    EXPECT_TRUE(t.Answers(osa1, A("10.1.1.1")));
    EXPECT_FALSE(t.Answers(osa2, A("10.1.1.1")));
    EXPECT_FALSE(t.Answers(osa3, A("10.100.100.1")));
    EXPECT_TRUE(t.Answers(osa4, A("10.100.100.1")));
    EXPECT_FALSE(t.Answers(osa3, A("192.168.1.1"))); // other LanGroup
    EXPECT_FALSE(t.Answers(osa1, A("192.168.9.9")));
}

TEST_F(Seed001Ownership, Osa1FailsOsa2TakesItsAddressAndTheVipas)
{
    auto changes = t.StopLink(osa1);
    EXPECT_EQ(Announced(changes),
              (std::vector<std::string>{"192.168.1.1@1", "10.1.1.1@1", "10.100.100.1@1"}));
    for (const auto& c : changes)
    {
        EXPECT_EQ(c.from, osa1);
        EXPECT_EQ(c.reason,
                  c.vipa ? ArpOwnership::Reason::VipaOwner : ArpOwnership::Reason::Takeover);
    }
    auto groups = t.GetGroups();
    EXPECT_EQ(t.OwnerOf(groups[0], A("192.168.1.1")), osa2);
    EXPECT_EQ(t.GetVipaOwner(groups[0]), osa2);
    EXPECT_TRUE(t.Answers(osa2, A("192.168.1.1")));
    EXPECT_TRUE(t.Answers(osa2, A("10.1.1.1")));
    EXPECT_FALSE(t.Answers(osa1, A("192.168.1.1")));
    EXPECT_EQ(t.GetVipaOwner(groups[1]), osa4); // the other LAN is untouched
}

TEST_F(Seed001Ownership, ReturningLinkReclaimsHomeButNotVipasByDefault)
{
    t.StopLink(osa1);
    auto changes = Start(osa1, {osa2});
    EXPECT_EQ(Announced(changes), (std::vector<std::string>{"192.168.1.1@0"}));
    EXPECT_EQ(changes[0].reason, ArpOwnership::Reason::Reclaim);
    EXPECT_EQ(changes[0].from, osa2);
    EXPECT_EQ(t.GetVipaOwner(t.GetGroups()[0]), osa2);
}

TEST_F(Seed001Ownership, VipaGiveBack)
{
    ArpOwnership::Config config;
    config.vipaGiveBack = true;
    Build(config);
    t.StopLink(osa1);
    auto changes = Start(osa1, {osa2});
    EXPECT_EQ(Announced(changes),
              (std::vector<std::string>{"192.168.1.1@0", "10.1.1.1@0", "10.100.100.1@0"}));
    EXPECT_EQ(t.GetVipaOwner(t.GetGroups()[0]), osa1);
}

TEST_F(Seed001Ownership, WithoutPq23444NothingIsTakenOver)
{
    ArpOwnership::Config config;
    config.fixLevel.SetApplied(FixLevel::Apar::PQ23444, false);
    Build(config);
    EXPECT_TRUE(t.StopLink(osa1).empty());
    EXPECT_FALSE(t.Answers(osa2, A("192.168.1.1")));
    EXPECT_EQ(t.OwnerOf(t.GetGroups()[0], A("192.168.1.1")), osa1);
}

TEST_F(Seed001Ownership, WithoutPq26689InheritedVipasAreNotAnnounced)
{
    ArpOwnership::Config config;
    config.fixLevel.SetApplied(FixLevel::Apar::PQ26689, false);
    Build(config);
    // The first VipaOwners still announce (VIPA added to each LanGroup).
    EXPECT_EQ(Announced(startup[0]).size(), 3u);
    auto changes = t.StopLink(osa1);
    EXPECT_EQ(Announced(changes), (std::vector<std::string>{"192.168.1.1@1"}));
    // ...but the new owner answers when asked (the takeover "triggered by an ARP request").
    EXPECT_TRUE(t.Answers(osa2, A("10.1.1.1")));
}

TEST_F(Seed001Ownership, AddingAVipaAnnouncesItInEachLanGroup)
{
    auto changes = t.AddVipa(A("10.5.5.5"));
    EXPECT_EQ(Announced(changes), (std::vector<std::string>{"10.5.5.5@0", "10.5.5.5@3"}));
    EXPECT_TRUE(t.Answers(osa4, A("10.5.5.5")));
}

TEST_F(Seed001Ownership, AllLinksDownThenOneReturnsAndTakesTheOrphans)
{
    t.StopLink(osa1);
    auto last = t.StopLink(osa2);
    EXPECT_TRUE(last.empty()); // no active link left to take over
    auto changes = Start(osa1, {});
    EXPECT_EQ(Announced(changes),
              (std::vector<std::string>{"192.168.1.1@0",
                                        "192.168.1.2@0",
                                        "10.1.1.1@0",
                                        "10.100.100.1@0"}));
    EXPECT_TRUE(t.Answers(osa1, A("192.168.1.2")));
}

TEST(ArpOwnership, LinksNobodyHearsFoundTheirOwnGroups)
{
    // Same subnet on two LANs: the second link's activation frame is not heard by the first.
    ArpOwnership t;
    Id a = t.AddLink("OSA1", A("192.168.1.1"));
    Id b = t.AddLink("OSA2", A("192.168.1.2"));
    t.StartLink(a);
    t.CompleteActivation(a);
    t.StartLink(b);
    t.CompleteActivation(b);
    ASSERT_EQ(t.GetGroups().size(), 2u);
    EXPECT_NE(t.GetGroup(a), t.GetGroup(b));
    EXPECT_TRUE(t.StopLink(a).empty()); // no backup on that LAN
    EXPECT_FALSE(t.Answers(b, A("192.168.1.1")));
}

TEST(ArpOwnership, LongestActiveDiffersFromLowestName)
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
    EXPECT_EQ(run(ArpOwnership::BackupPolicy::LongestActive), 1u); // Z
    EXPECT_EQ(run(ArpOwnership::BackupPolicy::LowestName), 2u);    // Y
}

TEST(ArpOwnership, LinksThatStartTogetherHearEachOtherAndFormOneGroup)
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
    ASSERT_EQ(t.GetGroups().size(), 1u);
    EXPECT_EQ(t.GetVipaOwner(t.GetGroups()[0]), a);
    EXPECT_EQ(t.StopLink(a).at(0).to, b); // and b backs a up
}

TEST(ArpOwnership, GroupsThatMeetLateKeepOneVipaOwnerWhichAnnouncesAgain)
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
    ASSERT_EQ(t.GetGroups().size(), 2u);
    auto changes = t.NoteHeard(a, b); // b hears a
    ASSERT_EQ(t.GetGroups().size(), 1u);
    EXPECT_EQ(t.GetVipaOwner(t.GetGroups()[0]), a);
    ASSERT_EQ(changes.size(), 1u);
    EXPECT_EQ(changes[0].from, b);
    EXPECT_EQ(changes[0].to, a);
    EXPECT_TRUE(changes[0].announce);
    EXPECT_TRUE(t.Answers(a, A("10.1.1.1")));
    EXPECT_FALSE(t.Answers(b, A("10.1.1.1")));
}

TEST(ArpOwnership, AnInactiveLinkHearsNothing)
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
    EXPECT_EQ(t.GetGroups().size(), 2u);
}

TEST(ArpOwnership, ALoneVipaOwnerReturningAnnouncesEveryVipa)
{
    ArpOwnership t;
    Id a = t.AddLink("OSA1", A("192.168.1.1"));
    t.AddVipa(A("10.1.1.1"));
    t.StartLink(a);
    t.CompleteActivation(a);
    t.StopLink(a);
    EXPECT_TRUE(t.AddVipa(A("10.2.2.2")).empty()); // nobody active to announce it
    t.StartLink(a);
    auto changes = t.CompleteActivation(a);
    std::multiset<std::string> announced;
    for (const auto& c : changes)
    {
        EXPECT_TRUE(c.announce);
        EXPECT_EQ(c.to, a);
        announced.insert(c.vipa ? "vipa" : "home");
    }
    EXPECT_EQ(announced, (std::multiset<std::string>{"vipa", "vipa"}));
    EXPECT_TRUE(t.Answers(a, A("10.2.2.2")));
}

TEST(ArpOwnership, AReturningBackupAnnouncesTheAddressItHeldForASibling)
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
    EXPECT_TRUE(t.StopLink(b).empty());
    t.StartLink(b);
    auto changes = t.CompleteActivation(b);
    bool announced = false;
    for (const auto& c : changes)
    {
        announced = announced || (c.address == A("192.168.1.1") && c.to == b && c.announce);
    }
    EXPECT_TRUE(announced);
    EXPECT_TRUE(t.Answers(b, A("192.168.1.1")));
}

} // namespace
