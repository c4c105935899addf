/*
 * zos-takeover: random-schedule invariants (issue 7, item 2).
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * RandomSchedules plays ZOS_SCHEDULES (default 1000) random schedules of the series
 * ZOS_SCHEDULE_SEED (default 7) and checks the invariants ZOS_INVARIANTS (default all,
 * "abcdefs"), one EXPECT per invariant. Regression/* checks each file of
 * test/data/schedules/ (minimal schedules that violated an invariant). Longer runs:
 * ./zos-takeover check-schedules --schedules N --seed S.
 */
#include "zos-test-util.h"

#include "ns3/boolean.h"
#include "ns3/schedule-checker.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <gtest/gtest.h>
#include <set>

using namespace zostest;

namespace
{

std::string
Env(const char* name, const std::string& fallback)
{
    const char* v = std::getenv(name);
    return v != nullptr && *v != '\0' ? v : fallback;
}

TEST(ScheduleGenerator, IsDeterministicPerSeedAndIndex)
{
    ScheduleGenerator a(42);
    ScheduleGenerator b(42);
    ScheduleGenerator c(43);
    for (uint64_t i = 0; i < 20; ++i)
    {
        EXPECT_EQ(ScenarioToJson(a.Generate(i)), ScenarioToJson(b.Generate(i)));
        EXPECT_NE(ScenarioToJson(a.Generate(i)), ScenarioToJson(c.Generate(i)));
        EXPECT_NE(ScenarioToJson(a.Generate(i)), ScenarioToJson(a.Generate(i + 1)));
    }
    // The engine seed of a schedule is fixed (splitmix64), whatever the platform.
    EXPECT_EQ(ScheduleGenerator::ScheduleSeed(1, 0), ScheduleGenerator::ScheduleSeed(1, 0));
    EXPECT_NE(ScheduleGenerator::ScheduleSeed(1, 0), ScheduleGenerator::ScheduleSeed(1, 1));
}

TEST(ScheduleGenerator, SchedulesAreValidScenariosThatRoundTrip)
{
    ScheduleGenerator g(7);
    for (uint64_t i = 0; i < 300; ++i)
    {
        Scenario s = g.Generate(i);
        std::string json = ScenarioToJson(s);
        Scenario back;
        ASSERT_NO_THROW(back = ParseScenario(json, s.name)) << json;
        EXPECT_EQ(ScenarioToJson(back), json);
    }
}

TEST(ScheduleGenerator, CoversWhatTheIssueAsksFor)
{
    ScheduleGenerator g(7);
    std::set<size_t> lans, stacks, links, stations;
    std::set<std::string> kinds, types;
    uint32_t allZero = 0, sameInstantSameLan = 0, sameSubnetTwoLans = 0, learningZero = 0,
             garpZero = 0, blip = 0, sameInstantEvents = 0, noPq23444 = 0;
    for (uint64_t i = 0; i < 300; ++i)
    {
        Scenario s = g.Generate(i);
        lans.insert(s.lans.size());
        stacks.insert(s.stacks.size());
        stations.insert(s.stations.size());
        for (const auto& l : s.lans)
        {
            kinds.insert(l.kind);
        }
        std::set<std::string> subnets;
        for (const auto& st : s.stacks)
        {
            links.insert(st.links.size());
            bool zero = true;
            std::set<std::pair<std::string, double>> starts;
            bool same = false;
            for (const auto& l : st.links)
            {
                zero = zero && l.activateAt == 0;
                same = same || !starts.insert({l.lan, l.activateAt}).second;
                subnets.insert(l.lan + " " + l.address.substr(0, l.address.rfind('.')));
            }
            allZero += zero && st.links.size() > 1;
            sameInstantSameLan += same;
            learningZero += st.settings.Number("learningTime") == 0;
            garpZero += st.settings.Unsigned("gratuitousArpCount") == 0;
            noPq23444 += !st.settings.Bool("fixes.PQ23444");
        }
        std::set<std::string> seen;
        for (const auto& sub : subnets)
        {
            seen.insert(sub.substr(sub.find(' ') + 1));
        }
        sameSubnetTwoLans += seen.size() < subnets.size();
        for (size_t e = 0; e < s.events.size(); ++e)
        {
            types.insert(s.events[e].type);
            sameInstantEvents += e > 0 && s.events[e].at == s.events[e - 1].at;
            if (s.events[e].type == "portRepair")
            {
                for (size_t f = 0; f < e; ++f)
                {
                    for (const auto& st : s.stacks)
                    {
                        blip +=
                            s.events[f].type == "portFailure" &&
                            s.events[f].link == s.events[e].link && st.name == s.events[e].stack &&
                            st.name == s.events[f].stack &&
                            s.events[e].at - s.events[f].at < st.settings.Number("detectionDelay");
                    }
                }
            }
        }
    }
    EXPECT_EQ(lans, (std::set<size_t>{1, 2, 3}));
    EXPECT_EQ(stacks, (std::set<size_t>{1, 2, 3}));
    EXPECT_EQ(links, (std::set<size_t>{1, 2, 3, 4, 5, 6}));
    EXPECT_EQ(stations, (std::set<size_t>{1, 2, 3, 4}));
    EXPECT_EQ(kinds, (std::set<std::string>{"shared", "switched", "fast"}));
    EXPECT_EQ(types,
              (std::set<std::string>{"portFailure",
                                     "portRepair",
                                     "linkStop",
                                     "linkStart",
                                     "stackFailure",
                                     "vipaAdd"}));
    EXPECT_GT(allZero, 10u);
    EXPECT_GT(sameInstantSameLan, 30u);
    EXPECT_GT(sameSubnetTwoLans, 10u);
    EXPECT_GT(learningZero, 10u);
    EXPECT_GT(garpZero, 10u);
    EXPECT_GT(blip, 5u);
    EXPECT_GT(sameInstantEvents, 30u);
    EXPECT_GT(noPq23444, 10u);
}

TEST(ScheduleChecker, SeedScenariosAreClean)
{
    // The shipped seed-001 scenarios follow the rules: the checker must not cry wolf there.
    ScheduleChecker checker;
    for (const char* file : {"seed-001-osa1-osa4.json",
                             "seed-001-before-pq23444.json",
                             "seed-001-before-pq26689.json",
                             "seed-001-announcements-lost.json"})
    {
        Scenario s = LoadScenario(SourceDir() + "/scenarios/" + file, {"duration=30"});
        s.events.push_back({22.0, "portRepair", "TCPIPA", "OSA1", ""});
        s.events.push_back({24.0, "vipaAdd", "TCPIPA", "", "10.7.7.7"});
        s.events.push_back({26.0, "linkStop", "TCPIPA", "OSA4", ""});
        ScheduleCheckResult r = checker.Check(s);
        EXPECT_TRUE(r.violations.empty()) << FormatViolations(file, r);
        EXPECT_GE(r.checkpoints, 7u) << file;
        EXPECT_GT(r.arpFrames, 20u) << file;
    }
}

TEST(ScheduleChecker, FindsASplitLanGroup)
{
    // Two LANs' worth of links all activated at 0: a LanGroup per link today (issue 7, item
    // 1). Whatever the model does, the checker must see the state it leaves: if any two
    // active links of one LAN are in different groups, (f) is reported.
    Scenario s = Seed001({"duration=5",
                          "stacks[0].links[1].activateAt=0",
                          "stacks[0].links[2].activateAt=0",
                          "stacks[0].links[3].activateAt=0",
                          "events[0].at=3"});
    ScheduleCheckResult r = ScheduleChecker().Check(s);
    Observed o(s);
    bool split = false;
    std::string devlinks = o.Devlinks("after portFailure");
    split = devlinks.find("LanGroup: 003") != std::string::npos;
    EXPECT_EQ(!r.Of('f').empty(), split) << devlinks << FormatViolations("seed-001", r);
}

/**
 * The checker is not vacuous: change the model behind its back (a stack attribute against
 * the scenario, an event it was not told about) and the invariant concerned is reported.
 */
ScheduleCheckResult
Tampered(const std::string& attribute, const AttributeValue& value, const std::string& stop = "")
{
    ScheduleChecker checker;
    Ptr<AttributeValue> copy = value.Copy();
    checker.SetBuildHook([attribute, copy, stop](ScenarioRunner& r) {
        Ptr<ZosStack> stack = r.GetStack("TCPIPA");
        if (!attribute.empty())
        {
            stack->SetAttribute(attribute, *copy);
        }
        if (!stop.empty())
        {
            Simulator::Schedule(Seconds(25), &ZosStack::StopLink, stack, stop);
        }
    });
    return checker.Check(Seed001({"duration=30"}));
}

TEST(ScheduleChecker, NoticesWhatItIsNotTold)
{
    // No gratuitous ARP at all, though the scenario says one: the VIPAs and OSA1's address
    // taken over by OSA2 are never announced (d).
    // (Today the links also fail to find each other without it: b and f, issue 7 item 1.)
    ScheduleCheckResult silent = Tampered("GratuitousArpCount", UintegerValue(0));
    EXPECT_NE(silent.Violated().find('d'), std::string::npos) << FormatViolations("0", silent);
    // Without PQ23444 behind the checker's back: every link answers every HOME address on
    // the wire (b), OSA1's address and the VIPAs are not taken over (a, c).
    // (and, not supporting VIPA ARP, it does not announce the VIPAs: d).
    ScheduleCheckResult before = Tampered("Pq23444", BooleanValue(false));
    EXPECT_EQ(before.Violated(), "abcd") << FormatViolations("before-pq23444", before);
    // An unlisted STOP of OSA2 at 25 s changes the state while the checker thinks the
    // stack settled (s), and OSA1's address, taken over by OSA2, is orphaned (a, c).
    ScheduleCheckResult stop = Tampered("", UintegerValue(0), "OSA2");
    EXPECT_NE(stop.Violated().find('s'), std::string::npos) << FormatViolations("stop", stop);
}

TEST(ScheduleInvariants, RandomSchedules)
{
    const uint64_t n = std::stoull(Env("ZOS_SCHEDULES", "1000"));
    const uint64_t seed = std::stoull(Env("ZOS_SCHEDULE_SEED", "7"));
    const std::string invariants = Env("ZOS_INVARIANTS", ScheduleChecker::AllInvariants());
    const std::string out = std::filesystem::temp_directory_path().string() +
                            "/zos-schedule-invariants-" + std::to_string(seed);
    ScheduleGenerator generator(seed);
    ScheduleChecker checker;
    checker.SetInvariants(invariants);
    std::map<char, uint64_t> failing;
    std::map<char, std::string> example;
    auto started = std::chrono::steady_clock::now();
    for (uint64_t i = 0; i < n; ++i)
    {
        Scenario s = generator.Generate(i);
        ScheduleCheckResult r = checker.Check(s);
        for (char c : r.Violated())
        {
            if (failing[c]++ == 0)
            {
                std::filesystem::create_directories(out);
                std::string path = out + "/" + s.name + ".json";
                std::ofstream(path) << ScenarioToJson(s) << "\n";
                std::istringstream lines(FormatViolations(path, r));
                for (std::string line; std::getline(lines, line);)
                {
                    if (line.find(std::string(": (") + c + ")") != std::string::npos)
                    {
                        example[c] = line;
                    }
                }
            }
        }
    }
    double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cout << n << " schedules (seed " << seed << ") in " << wall << " s\n";
    for (char c : invariants)
    {
        EXPECT_EQ(failing[c], 0u) << "(" << c << ") " << ScheduleChecker::Describe(c)
                                  << ": violated in " << failing[c] << " of " << n
                                  << " schedules; first:\n"
                                  << example[c];
    }
}

/** Every file of test/data/schedules/: a schedule that once violated an invariant. */
class Regression : public testing::TestWithParam<std::string>
{
};

TEST_P(Regression, NoViolation)
{
    const std::string file = DataDir() + "/schedules/" + GetParam();
    ScheduleCheckResult r = ScheduleChecker().Check(LoadScenario(file));
    EXPECT_TRUE(r.violations.empty()) << FormatViolations(file, r);
}

std::vector<std::string>
RegressionFiles()
{
    std::vector<std::string> out;
    for (const auto& e : std::filesystem::directory_iterator(DataDir() + "/schedules"))
    {
        if (e.path().extension() == ".json")
        {
            out.push_back(e.path().filename().string());
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::string
TestName(const testing::TestParamInfo<std::string>& info)
{
    std::string name;
    for (char c : info.param.substr(0, info.param.size() - 5))
    {
        name += std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
    }
    return name;
}

INSTANTIATE_TEST_SUITE_P(Schedules, Regression, testing::ValuesIn(RegressionFiles()), TestName);

} // namespace
