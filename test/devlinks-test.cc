/*
 * zos-takeover: the Netstat DEVLINKS LanGroup display against the IBM text (seed 001).
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "zos-test-utilities.h"

using namespace zostest;

namespace
{

/** The cases of this file: a ZosTestCase with the file's helpers. */
class DevlinksCase : public ZosTestCase
{
  public:
    /** \param name the case's name */
    explicit DevlinksCase(std::string name)
        : ZosTestCase(std::move(name))
    {
    }

  protected:
    /** The text of the IBM answer (test/data/seed-001-swg21243821.txt) between two markers. */
    std::string SeedTable(const std::string& after, const std::string& before)
    {
        std::string seed = ReadFile(DataFile("seed-001-swg21243821.txt"));
        auto a = seed.find(after);
        auto b = seed.find(before, a);
        NS_TEST_EXPECT_MSG_NE(a, std::string::npos, "a != std::string::npos");
        NS_TEST_EXPECT_MSG_NE(b, std::string::npos, "b != std::string::npos");
        return seed.substr(a + after.size(), b - a - after.size());
    }

    /**
     * The IBM page underlines "ArpOwner" with 7 dashes in LanGroup 001 and with 8 in LanGroup
     * 002 of the same display; Netstat prints one layout for every group, so one of the two is a
     * typo of the page. We print 8 (the width of the heading) and correct exactly that one token.
     */
    std::string CorrectUnderlineTypo(const std::string& normalised)
    {
        const std::string typo = "------- --------- ------- ---------";
        const std::string fixed = "------- --------- -------- ---------";
        std::string out = normalised;
        auto at = out.find(typo);
        NS_TEST_EXPECT_MSG_NE(at, std::string::npos, "the seed no longer has the known typo");
        out.replace(at, typo.size(), fixed);
        NS_TEST_EXPECT_MSG_EQ(out.find(typo), std::string::npos, "the typo occurs more than once");
        return out;
    }
};

const char* kBeforeStart = "Two LanGroups would be created for this environment:";
const char* kBeforeEnd = "OSA1 and OSA4 will send";
const char* kAfterStart = "The LanGroups will then look like:";
const char* kAfterEnd = "Note:";

/** The cases that look at the displays of one seed-001 run (30 s), made once and shared. */
class Devlinks : public DevlinksCase
{
  public:
    /** \param name the case's name */
    explicit Devlinks(std::string name)
        : DevlinksCase(std::move(name))
    {
    }

  protected:
    void DoSetup() override
    {
        static const Observed shared(Seed001({"duration=30"}));
        observed = &shared;
    }

    const Observed* observed{nullptr}; //!< the shared run
};

/** Devlinks.BeforeOsa1FailsEqualsTheSeed */
class DevlinksBeforeOsa1FailsEqualsTheSeedTestCase : public Devlinks
{
  public:
    DevlinksBeforeOsa1FailsEqualsTheSeedTestCase()
        : Devlinks("Devlinks.BeforeOsa1FailsEqualsTheSeed")
    {
    }

  private:
    void DoRun() override;
};

void
DevlinksBeforeOsa1FailsEqualsTheSeedTestCase::DoRun()
{
    std::string expected =
        CorrectUnderlineTypo(NormaliseWhitespace(SeedTable(kBeforeStart, kBeforeEnd)));
    std::string actual = NormaliseWhitespace(observed->Devlinks("before portFailure TCPIPA/OSA1"));
    NS_TEST_EXPECT_MSG_EQ(actual, expected, "actual == expected");
}

/** Devlinks.AfterOsa1FailsEqualsTheSeed */
class DevlinksAfterOsa1FailsEqualsTheSeedTestCase : public Devlinks
{
  public:
    DevlinksAfterOsa1FailsEqualsTheSeedTestCase()
        : Devlinks("Devlinks.AfterOsa1FailsEqualsTheSeed")
    {
    }

  private:
    void DoRun() override;
};

void
DevlinksAfterOsa1FailsEqualsTheSeedTestCase::DoRun()
{
    std::string expected =
        CorrectUnderlineTypo(NormaliseWhitespace(SeedTable(kAfterStart, kAfterEnd)));
    std::string actual = NormaliseWhitespace(observed->Devlinks("after portFailure TCPIPA/OSA1"));
    NS_TEST_EXPECT_MSG_EQ(actual, expected, "actual == expected");
}

/** Devlinks.DisplayIsTakenAtTheRightTimes */
class DevlinksDisplayIsTakenAtTheRightTimesTestCase : public Devlinks
{
  public:
    DevlinksDisplayIsTakenAtTheRightTimesTestCase()
        : Devlinks("Devlinks.DisplayIsTakenAtTheRightTimes")
    {
    }

  private:
    void DoRun() override;
};

void
DevlinksDisplayIsTakenAtTheRightTimesTestCase::DoRun()
{
    // Before: at the failure instant (scheduled ahead of it); after: once the stack noticed
    // (detection delay 0.1 s) and a starting link would have learned its group.
    bool before = false;
    bool after = false;
    for (const auto& d : observed->result.devlinks)
    {
        if (d.label == "before portFailure TCPIPA/OSA1")
        {
            before = true;
            NS_TEST_EXPECT_MSG_EQ(d.time, Seconds(20), "d.time == Seconds(20)");
        }
        if (d.label == "after portFailure TCPIPA/OSA1")
        {
            after = true;
            NS_TEST_EXPECT_MSG_GT(d.time, Seconds(20.1), "d.time > Seconds(20.1)");
            NS_TEST_EXPECT_MSG_LT(d.time, Seconds(20.2), "d.time < Seconds(20.2)");
        }
    }
    NS_TEST_EXPECT_MSG_EQ(bool(before), true, "before");
    NS_TEST_EXPECT_MSG_EQ(bool(after), true, "after");
}

/** DevlinksLayout.RowsAreColumnAligned */
class DevlinksLayoutRowsAreColumnAlignedTestCase : public DevlinksCase
{
  public:
    DevlinksLayoutRowsAreColumnAlignedTestCase()
        : DevlinksCase("DevlinksLayout.RowsAreColumnAligned")
    {
    }

  private:
    void DoRun() override;
};

void
DevlinksLayoutRowsAreColumnAlignedTestCase::DoRun()
{
    Observed o(Seed001({"duration=30"}));
    std::string text = o.Devlinks("after portFailure TCPIPA/OSA1");
    NS_TEST_EXPECT_MSG_NE(text.find("LanGroup: 001\n"),
                          std::string::npos,
                          "text.find(\"LanGroup: 001\\n\") != std::string::npos");
    NS_TEST_EXPECT_MSG_NE(text.find("  OSA1      Not Active  OSA2       no\n"),
                          std::string::npos,
                          "text.find(\" OSA1 Not Active OSA2 no\\n\") != std::string::npos");
    NS_TEST_EXPECT_MSG_NE(text.find("  OSA2      Active      OSA2       yes\n"),
                          std::string::npos,
                          "text.find(\" OSA2 Active OSA2 yes\\n\") != std::string::npos");
}

/** DevlinksLayout.VipaOwnerFollowsActivationOrderNotNames */
class DevlinksLayoutVipaOwnerFollowsActivationOrderNotNamesTestCase : public DevlinksCase
{
  public:
    DevlinksLayoutVipaOwnerFollowsActivationOrderNotNamesTestCase()
        : DevlinksCase("DevlinksLayout.VipaOwnerFollowsActivationOrderNotNames")
    {
    }

  private:
    void DoRun() override;
};

void
DevlinksLayoutVipaOwnerFollowsActivationOrderNotNamesTestCase::DoRun()
{
    // Start OSA3 before OSA4: then OSA3 is VipaOwner of LanGroup 002 (the default policy is
    // "first link of the group to become active"; the seed has OSA4 because it started first).
    Observed o(Seed001({"duration=30", "stacks[0].links[2].activateAt=0.15"}));
    std::string text = o.Devlinks("before portFailure TCPIPA/OSA1");
    NS_TEST_EXPECT_MSG_NE(text.find("  OSA3      Active      OSA3       yes\n"),
                          std::string::npos,
                          text);
    NS_TEST_EXPECT_MSG_NE(text.find("  OSA4      Active      OSA4       no\n"),
                          std::string::npos,
                          text);
}

/** DevlinksLayout.AtAnyRequestedTime */
class DevlinksLayoutAtAnyRequestedTimeTestCase : public DevlinksCase
{
  public:
    DevlinksLayoutAtAnyRequestedTimeTestCase()
        : DevlinksCase("DevlinksLayout.AtAnyRequestedTime")
    {
    }

  private:
    void DoRun() override;
};

void
DevlinksLayoutAtAnyRequestedTimeTestCase::DoRun()
{
    // During OSA2's learning window (it starts at 0.1 s, listens 10 ms) OSA1 has already
    // heard it, so it is in LanGroup 001, without a role yet; at 0.5 s both LanGroups are
    // complete; at 20.05 s OSA1's port has failed but the stack
    // has not noticed yet (detection delay 0.1 s).
    Scenario sc = Seed001({"duration=30"});
    sc.devlinksAt = {0.105, 0.5, 20.05};
    Observed o(sc);
    std::string early = o.Devlinks("requested at 0.105 s");
    NS_TEST_EXPECT_MSG_EQ(
        NormaliseWhitespace(early),
        "LanGroup: 001 LnkName LnkStatus ArpOwner VipaOwner ------- --------- -------- "
        "--------- OSA1 Active OSA1 yes OSA2 Active OSA2 no",
        "NormaliseWhitespace(early) == \"LanGroup: 001 LnkName LnkStatus ArpOwner VipaOwner "
        "------- --------- -------- \" \"--------- OSA1 Active OSA1 yes OSA2 Active OSA2 no\"");
    NS_TEST_EXPECT_MSG_EQ(NormaliseWhitespace(o.Devlinks("requested at 0.5 s")),
                          NormaliseWhitespace(o.Devlinks("before portFailure TCPIPA/OSA1")),
                          "NormaliseWhitespace(o.Devlinks(\"requested at 0.5 s\")) == "
                          "NormaliseWhitespace(o.Devlinks(\"before portFailure TCPIPA/OSA1\"))");
    NS_TEST_EXPECT_MSG_NE(
        o.Devlinks("requested at 20.05 s").find("  OSA1      Active      OSA1       yes\n"),
        std::string::npos,
        "o.Devlinks(\"requested at 20.05 s\").find(\" OSA1 Active OSA1 yes\\n\") != "
        "std::string::npos");
}

} // namespace

void
zostest::AddDevlinksCases(CaseList& cases)
{
    cases.Add<DevlinksBeforeOsa1FailsEqualsTheSeedTestCase>();
    cases.Add<DevlinksAfterOsa1FailsEqualsTheSeedTestCase>();
    cases.Add<DevlinksDisplayIsTakenAtTheRightTimesTestCase>();
    cases.Add<DevlinksLayoutRowsAreColumnAlignedTestCase>();
    cases.Add<DevlinksLayoutVipaOwnerFollowsActivationOrderNotNamesTestCase>();
    cases.Add<DevlinksLayoutAtAnyRequestedTimeTestCase>();
}
