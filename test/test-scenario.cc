/*
 * zos-takeover: tests of the scenario loader (helper/scenario.cc): malformed files,
 * error messages and limits.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Needs only the loader (no ns-3).
 */

#if __has_include("ns3/scenario.h")
#include "ns3/scenario.h"
#else
#include "scenario.h"
#endif

#include "scenario-test-data.h"

#include <algorithm>
#include <cctype>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <map>
#include <set>
#include <string>
#include <vector>

using namespace ns3::zos;
using namespace zostest::loader;

namespace
{

// ------------------------------------------------------------------------------------------
// Malformed files: test/data/bad/NAME.json fails with the line in NAME.err
// (what() = file + ": " + that line: "POINTER: REASON")
// ------------------------------------------------------------------------------------------

std::vector<std::string>
BadCases()
{
    std::vector<std::string> names;
    for (const auto& entry : std::filesystem::directory_iterator(DataDir() + "/bad"))
    {
        if (entry.path().extension() == ".json")
        {
            names.push_back(entry.path().stem().string());
        }
    }
    std::sort(names.begin(), names.end());
    return names;
}

std::string
ReadLine(const std::string& file)
{
    std::ifstream in(file);
    std::string line;
    std::getline(in, line);
    return line;
}

class BadScenarioTest : public testing::TestWithParam<std::string>
{
};

TEST_P(BadScenarioTest, ReportsItsLine)
{
    const std::string file = DataDir() + "/bad/" + GetParam() + ".json";
    const std::string expected = ReadLine(DataDir() + "/bad/" + GetParam() + ".err");
    ASSERT_FALSE(expected.empty()) << "no expected line in " << GetParam() << ".err";
    try
    {
        LoadScenario(file);
        FAIL() << file << " loaded without error";
    }
    catch (const ScenarioError& e)
    {
        EXPECT_EQ(std::string(e.what()), file + ": " + expected);
        EXPECT_EQ(e.File(), file);
        EXPECT_EQ(e.JsonPath() + ": " + e.Reason(), expected);
        // Never the fallback: every schema constraint has its own explanation.
        EXPECT_EQ(expected.find("does not match the schema"), std::string::npos);
    }
}

INSTANTIATE_TEST_SUITE_P(BadFiles,
                         BadScenarioTest,
                         testing::ValuesIn(BadCases()),
                         [](const testing::TestParamInfo<std::string>& info) {
                             std::string name = info.param;
                             for (char& c : name)
                             {
                                 c = std::isalnum(static_cast<unsigned char>(c)) ? c : '_';
                             }
                             return name;
                         });

TEST(BadScenarioTable, EveryCaseHasItsLine)
{
    size_t cases = 0;
    for (const auto& entry : std::filesystem::directory_iterator(DataDir() + "/bad"))
    {
        std::string ext = entry.path().extension().string();
        std::filesystem::path twin = entry.path();
        if (ext == ".json")
        {
            ++cases;
            EXPECT_TRUE(std::filesystem::exists(twin.replace_extension(".err"))) << entry.path();
        }
        else if (ext == ".err")
        {
            EXPECT_TRUE(std::filesystem::exists(twin.replace_extension(".json"))) << entry.path();
        }
    }
    EXPECT_GE(cases, 40u);
}

TEST(ScenarioErrors, UnreadableFile)
{
    const std::string missing = DataDir() + "/bad/does-not-exist.json";
    EXPECT_EQ(ErrorOf([&] { LoadScenario(missing); }),
              missing + ": /: cannot read file (No such file or directory)");
    const std::string dir = DataDir() + "/bad";
    EXPECT_EQ(ErrorOf([&] { LoadScenario(dir); }), dir + ": /: cannot read file (Is a directory)");
}

TEST(ScenarioErrors, ParseScenarioUsesFileNameInMessages)
{
    EXPECT_EQ(ErrorOf([] { ParseScenario("", "inline"); }),
              "inline: /: invalid JSON: parse error at line 1, column 1: syntax error while "
              "parsing value - unexpected end of input; expected '[', '{', or a literal");
    EXPECT_EQ(ErrorOf([] { ParseScenario("{\"duration\": 1e400}", "inline"); }),
              "inline: /duration: invalid JSON: number overflow parsing '1e400'");
    EXPECT_EQ(ErrorOf([] { ParseScenario("{\"name\": \"x\", \"lans\": 3}", "inline"); }),
              "inline: /lans: got 3 (expected an array of 1 to 1000 elements, each a LAN)");
}

TEST(ScenarioErrors, OddKeysArePointers)
{
    std::string text = kMinimal;
    text.insert(text.find("\"name\": \"minimal\""), "\"a b/c~d\": 1, ");
    std::string e = ErrorOf([&] { ParseScenario(text, "x.json"); });
    EXPECT_EQ(e.substr(0, e.find(" (")), "x.json: /a b~1c~0d: unknown key \"a b/c~d\"");
    // The pointer is accepted back by --set (here: setting it again is still unknown).
    EXPECT_EQ(ErrorOf([&] { ParseScenario(kMinimal, "x.json", {"/a b~1c~0d=1"}); }).substr(0, 33),
              "--set: /a b~1c~0d: unknown key \"a");
}

// "Every rejected input gives exactly one line": keys, values and file names with control
// characters, odd Unicode or ill-formed UTF-8 are escaped.
TEST(ScenarioErrors, AlwaysOnePrintableLine)
{
    auto printable = [](const std::string& m) {
        for (unsigned char c : m)
        {
            if (c < 0x20 || c >= 0x7f)
            {
                return false;
            }
        }
        return true;
    };
    std::vector<std::string> texts = {
        std::string("{\"na\nme\": 1}"),
        std::string("{\"name\": \"a\\nb\\u0000c\", \"lans\": [], \"stacks\": []}"),
        std::string("{\"name\": \"\xe2\x80\xae"
                    "evil\", \"lans\": [], \"stacks\": []}"),
        std::string("{\"name\": \"\xc0\xaf\"}"),
        std::string("{\"k\\u001b[31m\": 1}"),
        std::string("{\"name\": \"ok\", \"lans\": [{\"name\": \"\xf0\x9f\x98\x80\"}]}"),
        std::string("\x01"),
        std::string("{\"a\": \"\t\"}"),
    };
    for (const std::string& t : texts)
    {
        std::string m = ErrorOf([&] { ParseScenario(t, "f\nile.json"); });
        EXPECT_TRUE(printable(m)) << m;
        EXPECT_EQ(m.rfind("\"f\\nile.json\": /", 0), 0u) << m;
    }
    std::string m = ErrorOf([&] { ParseScenario(kMinimal, "x.json", {"/name=a\nb"}); });
    EXPECT_EQ(m,
              "--set: /name: got \"a\\nb\" (expected a name of 1 to 64 letters, digits and _ . "
              "- @ # $)");
}

TEST(ScenarioErrors, IntegersMustBeIntegers)
{
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"seed=0", "--set: /seed: got 0 (expected an integer in [1, 4294967295])"},
        {"run=-1", "--set: /run: got -1 (expected an integer in [0, 4294967295])"},
        {"run=4294967296", "--set: /run: got 4294967296 (expected an integer in [0, 4294967295])"},
        {"stations[1].maxRetries=2.5",
         "--set: /stations/1/maxRetries: got 2.5 (expected an integer in [0, 100])"},
        {"stacks[0].gratuitousArpCount=101",
         "--set: /stacks/0/gratuitousArpCount: got 101 (expected an integer in [0, 100])"},
        {"duration=1e400", "--set: /duration: got \"1e400\" (expected a number in (0, 1000000])"},
        {"duration=0", "--set: /duration: got 0 (expected a number in (0, 1000000])"},
        {"lans[0].dataRate=0Mbps",
         "--set: /lans/0/dataRate: got \"0Mbps\" (expected a data rate in [1bps, 1000Gbps])"},
        {"stacks[0].links[0].address=10.0.0.1/0",
         "--set: /stacks/0/links/0/address: got \"10.0.0.1/0\" (expected an interface address "
         "a.b.c.d/len, len in [1, 32])"},
        {"stations[0].probe.interval=0",
         "--set: /stations/0/probe/interval: got 0 (expected a number in [0.001, 3600])"},
    };
    for (const auto& c : cases)
    {
        EXPECT_EQ(ErrorOf([&] { ParseScenario(kMinimal, "x.json", {c.first}); }), c.second)
            << c.first;
    }
    // Integers beyond int64 are not wrapped around by the validator (2^64 - 1 is not -1).
    EXPECT_EQ(
        ErrorOf([&] {
            ParseScenario(kMinimal, "x.json", {"/stations/0/probe/stop=18446744073709551615"});
        }),
        "--set: /stations/0/probe/stop: got 1.8446744073709552e+19 (expected a number in "
        "[-1, 1000000])");
    EXPECT_EQ(ErrorOf([&] { ParseScenario(kMinimal, "x.json", {"/seed=18446744073709551615"}); }),
              "--set: /seed: got 1.8446744073709552e+19 (expected an integer in [1, 4294967295])");
    // An integral float is accepted for an integer.
    Scenario s = ParseScenario(kMinimal, "x.json", {"seed=3.0", "stations[1].ucastSolicit=4.0"});
    EXPECT_EQ(s.seed, 3u);
    EXPECT_EQ(s.stations[1].settings.Unsigned("ucastSolicit"), 4u);
}

// Issue 8: times ns-3 cannot hold, or that would make a run endless, are refused with the
// allowed range; every time key is bounded by the schema.
TEST(ScenarioLimitsTest, TimesAreBounded)
{
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"/stations/0/probe/interval=1e-7", "[0.001, 3600]"},
        {"/stations/0/probe/interval=1e10", "[0.001, 3600]"},
        {"/stations/0/aliveTimeout=1e10", "[0.001, 1000000]"},
        {"/stations/0/retransTime=5e-10", "[0.01, 3600]"},
        {"/lans/0/delayUs=1e300", "[0, 1000000]"},
        {"/duration=1e9", "(0, 1000000]"},
        {"/duration=9.3e9", "(0, 1000000]"},
        {"/stacks/0/detectionDelay=1e10", "[0, 3600]"},
        {"/stacks/0/links/0/activateAt=-1e-9", "[0, 1000000]"},
        {"/events=[{\"at\":1e300,\"type\":\"stackFailure\",\"stack\":\"TCPIPA\"}]", "[0, 1000000]"},
    };
    for (const auto& c : cases)
    {
        std::string m = ErrorOf([&] { ParseScenario(kMinimal, "x.json", {c.first}); });
        EXPECT_EQ(m.rfind("--set: /", 0), 0u) << c.first << " -> " << m;
        EXPECT_NE(m.find(c.second), std::string::npos) << c.first << " -> " << m;
    }
    // Every number in the schema has both bounds (or is an enumeration).
    std::function<void(const ScenarioJson&, const std::string&)> walk =
        [&](const ScenarioJson& node, const std::string& where) {
            if (node.is_object())
            {
                std::string type = node.contains("type") && node["type"].is_string()
                                       ? node["type"].get<std::string>()
                                       : "";
                if (type == "number" || type == "integer")
                {
                    EXPECT_TRUE(node.contains("minimum") || node.contains("exclusiveMinimum"))
                        << where;
                    EXPECT_TRUE(node.contains("maximum")) << where;
                }
                if (type == "array")
                {
                    EXPECT_TRUE(node.contains("maxItems")) << where;
                }
                for (auto it = node.begin(); it != node.end(); ++it)
                {
                    walk(it.value(), where + "/" + it.key());
                }
            }
        };
    walk(ScenarioSchema::Get().Document(), "");
}

TEST(ScenarioLimitsTest, NamesAreShortAndPrintable)
{
    std::string name64(64, 'a');
    EXPECT_NO_THROW(ParseScenario(kMinimal, "x.json", {"/name=" + name64}));
    EXPECT_EQ(ErrorOf([&] { ParseScenario(kMinimal, "x.json", {"/name=" + name64 + "a"}); }),
              "--set: /name: got \"" + name64 +
                  "a\" (expected a name of 1 to 64 letters, digits and _ . - @ # $)");
    std::string huge = "{\"name\": \"" + std::string(100000, 'x') + "\"}";
    EXPECT_EQ(ErrorOf([&] { ParseScenario(huge, "x.json"); }),
              "x.json: /name: string of 100000 bytes (expected at most 8192 bytes)");
}

// Nesting is refused while parsing, before the tree is built: linear time, no deep
// recursion (depth 10,000 overflowed the stack under ASan before).
TEST(ScenarioLimitsTest, DeepNestingIsRefusedFast)
{
    for (size_t depth : {33u, 10000u, 1000000u})
    {
        std::string text = "{\"name\": " + std::string(depth, '[') + std::string(depth, ']') + "}";
        auto t0 = std::chrono::steady_clock::now();
        std::string m = ErrorOf([&] { ParseScenario(text, "x.json"); });
        double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
        std::string pointer = "/name";
        for (int i = 0; i < 31; ++i)
        {
            pointer += "/0";
        }
        EXPECT_EQ(m,
                  "x.json: " + pointer +
                      ": JSON nested deeper than 32 levels (expected at most 32)")
            << depth;
        EXPECT_LT(seconds, 1.0) << depth; // not a timing test: a hang guard
    }
    // The format's own depth is far below the limit.
    std::string ok = "{\"name\": \"x\", \"lans\": [{\"name\": \"L\"}], \"description\": \"\"}";
    EXPECT_NE(ErrorOf([&] { ParseScenario(ok, "x.json"); }).find("missing required key \"stacks\""),
              std::string::npos);
}

TEST(ScenarioLimitsTest, FileSizeIsBounded)
{
    std::string text(ScenarioLimits::kMaxFileBytes + 1, ' ');
    EXPECT_EQ(ErrorOf([&] { ParseScenario(text, "x.json"); }),
              "x.json: /: text of 16777217 bytes (expected at most 16 MiB)");
}

TEST(ScenarioLimitsTest, WorkEstimateIsBoundedAndOverridable)
{
    Scenario s = ParseScenario(kMinimal, "x.json");
    // Start-up broadcasts: per LAN, (links + probing stations) x (links + stations).
    std::map<std::string, std::pair<double, double>> lans;
    for (const StackSpec& st : s.stacks)
    {
        for (const LinkSpec& l : st.links)
        {
            lans[l.lan].first += 1;
            lans[l.lan].second += 1;
        }
    }
    for (const StationSpec& st : s.stations)
    {
        lans[st.lan].first += st.probe ? 1 : 0;
        lans[st.lan].second += 1;
    }
    double expected = static_cast<double>(s.events.size());
    for (const auto& l : lans)
    {
        expected += l.second.first * l.second.second;
    }
    EXPECT_GT(expected, static_cast<double>(s.events.size()));
    // Each probing station: its targets x (end - start) / interval.
    for (const StationSpec& st : s.stations)
    {
        if (st.probe)
        {
            double stop = st.probe->stop < 0 ? s.duration : st.probe->stop;
            expected +=
                st.probe->targets.size() * std::ceil((stop - st.probe->start) / st.probe->interval);
        }
    }
    EXPECT_DOUBLE_EQ(EstimateWork(s), expected);
    const std::vector<std::string> big = {"/duration=1000000", "/stations/0/probe/interval=0.001"};
    std::string m = ErrorOf([&] { ParseScenario(kMinimal, "x.json", big); });
    EXPECT_EQ(m.rfind("x.json: /: estimated work ", 0), 0u) << m;
    EXPECT_NE(m.find("--max-work"), std::string::npos) << m;
    ScenarioLimits none;
    none.maxWork = 0;
    EXPECT_NO_THROW(ParseScenario(kMinimal, "x.json", big, none));
    ScenarioLimits tight;
    tight.maxWork = expected - 1;
    EXPECT_NE(ErrorOf([&] { ParseScenario(kMinimal, "x.json", {}, tight); }), "");
    // 20,000 silent stations on one LAN cost nothing at start-up; 20,000 probing ones do.
    Scenario crowd = s;
    crowd.stations.resize(1);
    crowd.stations[0].probe.reset();
    crowd.stations.resize(20000, crowd.stations[0]);
    double quiet = EstimateWork(crowd);
    for (StationSpec& st : crowd.stations)
    {
        st.probe = ProbeSpec{{s.stacks[0].vipas.empty() ? "10.0.0.1" : s.stacks[0].vipas[0]}};
        st.probe->start = s.duration - 1;
    }
    EXPECT_GT(EstimateWork(crowd), quiet + 20000.0 * 20000.0 - 1);
}

} // namespace
