/*
 * zos-takeover: tests of the scenario loader (helper/scenario.cc).
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Needs only the loader and nlohmann/json, so it also builds on its own:
 *   g++ -std=c++17 -Ihelper helper/scenario.cc test/test-scenario.cc -lgtest -lgtest_main -pthread
 */

#if __has_include("ns3/scenario.h")
#include "ns3/scenario.h"
#else
#include "scenario.h"
#endif

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

namespace
{

/// test/data (ZOS_TEST_DATA_DIR, or found next to this file in a standalone build).
std::string
DataDir()
{
#ifdef ZOS_TEST_DATA_DIR
    return ZOS_TEST_DATA_DIR;
#else
    return (std::filesystem::path(__FILE__).parent_path() / "data").string();
#endif
}

/// The repository root (ZOS_SOURCE_DIR, or the parent of this file's directory).
std::string
SourceDir()
{
#ifdef ZOS_SOURCE_DIR
    return ZOS_SOURCE_DIR;
#else
    return std::filesystem::path(__FILE__).parent_path().parent_path().string();
#endif
}

std::string
SeedFile()
{
    return SourceDir() + "/scenarios/seed-001-osa1-osa4.json";
}

/// The message of the ScenarioError thrown by `f`, or "no error".
template <typename F>
std::string
ErrorOf(F f)
{
    try
    {
        f();
    }
    catch (const ScenarioError& e)
    {
        return e.what();
    }
    return "no error";
}

/// A small valid scenario that relies on the defaults as much as possible.
const char* const kMinimal = R"({
  "name": "minimal",
  "lans": [{"name": "LAN1"}],
  "stacks": [
    {"name": "TCPIPA", "links": [{"name": "OSA1", "lan": "LAN1", "address": "10.0.0.1/8"}]}
  ],
  "stations": [
    {"name": "C1", "lan": "LAN1", "address": "10.0.0.2/8", "probe": {"targets": ["10.0.0.1"]}},
    {"name": "C2", "lan": "LAN1", "address": "10.0.0.3/8"}
  ]
})";

/// A scenario that sets every key to a non-default value.
const char* const kFull = R"({
  "name": "full",
  "description": "every key set",
  "seed": 7,
  "run": 3,
  "duration": 60.5,
  "lans": [
    {"name": "LAN1", "kind": "shared", "dataRate": "100Mbps", "delayUs": 2.5},
    {"name": "LAN2", "kind": "switched", "dataRate": "1.5Gbps", "delayUs": 0}
  ],
  "stacks": [
    {
      "name": "TCPIPA",
      "links": [
        {"name": "OSA1", "kind": "LCS", "lan": "LAN1", "address": "192.168.1.1/24",
         "activateAt": 0.25},
        {"name": "OSA2", "kind": "MPCIPA", "lan": "LAN2", "address": "192.168.2.1/31"}
      ],
      "vipas": ["10.1.1.1"],
      "routes": [
        {"destination": "0.0.0.0/0", "gateway": "192.168.1.254", "link": "OSA1"},
        {"destination": "172.16.0.0/12", "gateway": "", "link": "OSA2"}
      ],
      "fixes": {"PQ26689": false, "PQ23444": false},
      "detectionDelay": 0.2,
      "learningTime": 0.05,
      "gratuitousArpCount": 3,
      "gratuitousArpInterval": 0.5,
      "gratuitousArpLoss": 0.25,
      "vipaGiveBack": true,
      "backupPolicy": "LowestName",
      "vipaOwnerPolicy": "LowestName"
    },
    {
      "name": "TCPIPB",
      "links": [{"name": "OSA1", "lan": "LAN1", "address": "192.168.1.2/32"}]
    }
  ],
  "stations": [
    {
      "name": "ROUTER1",
      "lan": "LAN1",
      "address": "192.168.1.254/24",
      "arp": "linux",
      "routes": [{"destination": "10.1.1.1/32", "gateway": "192.168.1.1", "link": ""}],
      "probe": {"targets": ["10.1.1.1", "10.2.2.2", "192.168.1.2"], "interval": 0.01,
                "start": 0, "stop": 50, "port": 9},
      "aliveTimeout": 60,
      "deadTimeout": 10,
      "waitReplyTimeout": 0.5,
      "maxRetries": 5,
      "locktime": 0,
      "baseReachableTime": 15,
      "delayFirstProbeTime": 2,
      "ucastSolicit": 1,
      "retransTime": 0.3,
      "gratuitousOverridesLocktime": false
    }
  ],
  "events": [
    {"at": 10, "type": "portFailure", "stack": "TCPIPA", "link": "OSA1"},
    {"at": 20, "type": "portRepair", "stack": "TCPIPA", "link": "OSA1"},
    {"at": 30, "type": "linkStop", "stack": "TCPIPA", "link": "OSA2"},
    {"at": 31, "type": "linkStart", "stack": "TCPIPA", "link": "OSA2"},
    {"at": 40, "type": "vipaAdd", "stack": "TCPIPA", "address": "10.2.2.2"},
    {"at": 50, "type": "stackFailure", "stack": "TCPIPB"}
  ]
})";

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
    EXPECT_EQ(s.stations[1].ucastSolicit, 4u);
}

// Issue 8: times ns-3 cannot hold, or that would make a run endless, are refused with the
// allowed range; every time key is bounded by the schema.
TEST(ScenarioLimitsTest, TimesAreBounded)
{
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"/stations/0/probe/interval=1e-7", "[0.001, 3600]"},
        {"/stations/0/probe/interval=1e10", "[0.001, 3600]"},
        {"/stations/0/aliveTimeout=1e10", "[0.001, 1000000]"},
        {"/stations/0/retransTime=5e-10", "[0.001, 3600]"},
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

// Defaults come from the schema: a scenario that leaves everything out gets exactly the
// schema's "default" values.
TEST(ScenarioDefaults, ComeFromTheSchema)
{
    const ScenarioSchema& schema = ScenarioSchema::Get();
    StackSpec st;
    EXPECT_EQ(ScenarioJson(st.detectionDelay), schema.Default("stack", "detectionDelay"));
    EXPECT_EQ(ScenarioJson(st.backupPolicy), schema.Default("stack", "backupPolicy"));
    StationSpec station;
    EXPECT_EQ(ScenarioJson(station.aliveTimeout), schema.Default("station", "aliveTimeout"));
    // Edit the schema text: the loader follows it.
    std::string text = ScenarioJson(schema.Document()).dump();
    ScenarioJson edited = ScenarioJson::parse(text);
    edited["definitions"]["stack"]["properties"]["detectionDelay"]["default"] = 0.75;
    ScenarioSchema other(edited.dump());
    EXPECT_EQ(other.Default("stack", "detectionDelay"), ScenarioJson(0.75));
}

// ------------------------------------------------------------------------------------------
// The seed scenario
// ------------------------------------------------------------------------------------------

TEST(SeedScenario, Loads)
{
    Scenario s = LoadScenario(SeedFile());
    EXPECT_EQ(s.file, SeedFile());
    EXPECT_EQ(s.name, "seed-001-osa1-osa4");
    EXPECT_NE(s.description.find("swg21243821"), std::string::npos);
    EXPECT_EQ(s.seed, 1u);
    EXPECT_EQ(s.run, 1u);
    EXPECT_DOUBLE_EQ(s.duration, 180.0);

    ASSERT_EQ(s.lans.size(), 2u);
    EXPECT_EQ(s.lans[0].name, "LAN1");
    EXPECT_EQ(s.lans[0].kind, "switched");
    EXPECT_EQ(s.lans[1].name, "LAN2");
    EXPECT_EQ(s.lans[1].kind, "shared");
    for (const LanSpec& lan : s.lans)
    {
        EXPECT_EQ(lan.dataRate, "1Gbps");
        EXPECT_DOUBLE_EQ(lan.delayUs, 1.0);
    }

    ASSERT_EQ(s.stacks.size(), 1u);
    const StackSpec& a = s.stacks[0];
    EXPECT_EQ(a.name, "TCPIPA");
    ASSERT_EQ(a.links.size(), 4u);
    const char* names[] = {"OSA1", "OSA2", "OSA3", "OSA4"};
    const char* lans[] = {"LAN1", "LAN1", "LAN2", "LAN2"};
    const char* addresses[] = {"192.168.1.1/24",
                               "192.168.1.2/24",
                               "192.168.2.3/24",
                               "192.168.2.4/24"};
    const double activate[] = {0.0, 0.1, 0.3, 0.2};
    for (size_t i = 0; i < 4; ++i)
    {
        EXPECT_EQ(a.links[i].name, names[i]);
        EXPECT_EQ(a.links[i].kind, "MPCIPA");
        EXPECT_EQ(a.links[i].lan, lans[i]);
        EXPECT_EQ(a.links[i].address, addresses[i]);
        EXPECT_DOUBLE_EQ(a.links[i].activateAt, activate[i]);
    }
    // OSA4 starts before OSA3, so it becomes the VipaOwner on LAN2.
    EXPECT_LT(a.links[3].activateAt, a.links[2].activateAt);
    EXPECT_EQ(a.vipas, (std::vector<std::string>{"10.1.1.1", "10.100.100.1"}));
    EXPECT_TRUE(a.routes.empty());
    EXPECT_DOUBLE_EQ(a.detectionDelay, 0.1);
    EXPECT_TRUE(a.fixes.pq23444);
    EXPECT_TRUE(a.fixes.pq26689);
    EXPECT_EQ(a.backupPolicy, "LongestActive");
    EXPECT_EQ(a.vipaOwnerPolicy, "FirstActive");

    ASSERT_EQ(s.stations.size(), 4u);
    const char* stations[] = {"CLIENT1", "CLIENT2", "CLIENT3", "CLIENT4"};
    const char* stationLans[] = {"LAN1", "LAN1", "LAN1", "LAN2"};
    const char* stationAddresses[] = {"192.168.1.101/24",
                                      "192.168.1.102/24",
                                      "192.168.1.103/24",
                                      "192.168.2.104/24"};
    const char* arps[] = {"rfc826", "stock", "linux", "rfc826"};
    for (size_t i = 0; i < 4; ++i)
    {
        const StationSpec& st = s.stations[i];
        EXPECT_EQ(st.name, stations[i]);
        EXPECT_EQ(st.lan, stationLans[i]);
        EXPECT_EQ(st.address, stationAddresses[i]);
        EXPECT_EQ(st.arp, arps[i]);
        ASSERT_EQ(st.routes.size(), 2u);
        EXPECT_EQ(st.routes[0].destination, "10.1.1.1/32");
        EXPECT_EQ(st.routes[1].destination, "10.100.100.1/32");
        for (const RouteSpec& r : st.routes)
        {
            EXPECT_EQ(r.gateway, "");
            EXPECT_EQ(r.link, "");
        }
        ASSERT_TRUE(st.probe.has_value());
        EXPECT_DOUBLE_EQ(st.probe->interval, 0.1);
        EXPECT_DOUBLE_EQ(st.probe->start, 1.0);
        EXPECT_DOUBLE_EQ(st.probe->stop, -1.0);
        EXPECT_EQ(st.probe->port, 7);
    }
    EXPECT_EQ(s.stations[0].probe->targets,
              (std::vector<std::string>{"192.168.1.1", "192.168.1.2", "10.1.1.1", "10.100.100.1"}));
    EXPECT_EQ(s.stations[3].probe->targets,
              (std::vector<std::string>{"192.168.2.3", "192.168.2.4", "10.1.1.1", "10.100.100.1"}));

    ASSERT_EQ(s.events.size(), 1u);
    EXPECT_DOUBLE_EQ(s.events[0].at, 20.0);
    EXPECT_EQ(s.events[0].type, "portFailure");
    EXPECT_EQ(s.events[0].stack, "TCPIPA");
    EXPECT_EQ(s.events[0].link, "OSA1");
    EXPECT_EQ(s.events[0].address, "");
}

// ------------------------------------------------------------------------------------------
// Defaults
// ------------------------------------------------------------------------------------------

TEST(ScenarioDefaults, AreFilledIn)
{
    Scenario s = ParseScenario(kMinimal, "minimal.json");
    EXPECT_EQ(s.file, "minimal.json");
    EXPECT_EQ(s.description, "");
    EXPECT_EQ(s.seed, 1u);
    EXPECT_EQ(s.run, 1u);
    EXPECT_DOUBLE_EQ(s.duration, 30.0);
    EXPECT_TRUE(s.events.empty());

    ASSERT_EQ(s.lans.size(), 1u);
    EXPECT_EQ(s.lans[0].kind, "switched");
    EXPECT_EQ(s.lans[0].dataRate, "1Gbps");
    EXPECT_DOUBLE_EQ(s.lans[0].delayUs, 1.0);

    ASSERT_EQ(s.stacks.size(), 1u);
    const StackSpec& st = s.stacks[0];
    EXPECT_EQ(st.links[0].kind, "MPCIPA");
    EXPECT_DOUBLE_EQ(st.links[0].activateAt, 0.0);
    EXPECT_TRUE(st.vipas.empty());
    EXPECT_TRUE(st.routes.empty());
    EXPECT_TRUE(st.fixes.pq23444);
    EXPECT_TRUE(st.fixes.pq26689);
    EXPECT_DOUBLE_EQ(st.detectionDelay, 0.1);
    EXPECT_DOUBLE_EQ(st.learningTime, 0.01);
    EXPECT_EQ(st.gratuitousArpCount, 1u);
    EXPECT_DOUBLE_EQ(st.gratuitousArpInterval, 1.0);
    EXPECT_DOUBLE_EQ(st.gratuitousArpLoss, 0.0);
    EXPECT_FALSE(st.vipaGiveBack);
    EXPECT_EQ(st.backupPolicy, "LongestActive");
    EXPECT_EQ(st.vipaOwnerPolicy, "FirstActive");

    ASSERT_EQ(s.stations.size(), 2u);
    const StationSpec& c1 = s.stations[0];
    EXPECT_EQ(c1.arp, "rfc826");
    EXPECT_TRUE(c1.routes.empty());
    ASSERT_TRUE(c1.probe.has_value());
    EXPECT_DOUBLE_EQ(c1.probe->interval, 0.1);
    EXPECT_DOUBLE_EQ(c1.probe->start, 1.0);
    EXPECT_DOUBLE_EQ(c1.probe->stop, -1.0);
    EXPECT_EQ(c1.probe->port, 7);
    EXPECT_DOUBLE_EQ(c1.aliveTimeout, 120.0);
    EXPECT_DOUBLE_EQ(c1.deadTimeout, 100.0);
    EXPECT_DOUBLE_EQ(c1.waitReplyTimeout, 1.0);
    EXPECT_EQ(c1.maxRetries, 3u);
    EXPECT_DOUBLE_EQ(c1.locktime, 1.0);
    EXPECT_DOUBLE_EQ(c1.baseReachableTime, 30.0);
    EXPECT_DOUBLE_EQ(c1.delayFirstProbeTime, 5.0);
    EXPECT_EQ(c1.ucastSolicit, 3u);
    EXPECT_DOUBLE_EQ(c1.retransTime, 1.0);
    EXPECT_TRUE(c1.gratuitousOverridesLocktime);
    EXPECT_FALSE(s.stations[1].probe.has_value());
}

TEST(ScenarioDefaults, FullScenarioKeepsEveryValue)
{
    Scenario s = ParseScenario(kFull, "full.json");
    EXPECT_EQ(s.seed, 7u);
    EXPECT_EQ(s.run, 3u);
    EXPECT_DOUBLE_EQ(s.duration, 60.5);
    EXPECT_EQ(s.lans[1].dataRate, "1.5Gbps");
    const StackSpec& a = s.stacks[0];
    EXPECT_EQ(a.links[0].kind, "LCS");
    EXPECT_FALSE(a.fixes.pq23444);
    EXPECT_FALSE(a.fixes.pq26689);
    EXPECT_EQ(a.routes[0].gateway, "192.168.1.254");
    EXPECT_EQ(a.routes[1].gateway, "");
    EXPECT_EQ(a.routes[1].link, "OSA2");
    EXPECT_EQ(a.gratuitousArpCount, 3u);
    EXPECT_TRUE(a.vipaGiveBack);
    EXPECT_EQ(a.backupPolicy, "LowestName");
    const StationSpec& r = s.stations[0];
    EXPECT_EQ(r.arp, "linux");
    EXPECT_EQ(r.probe->port, 9);
    EXPECT_DOUBLE_EQ(r.probe->stop, 50.0);
    EXPECT_EQ(r.maxRetries, 5u);
    EXPECT_FALSE(r.gratuitousOverridesLocktime);
    ASSERT_EQ(s.events.size(), 6u);
    EXPECT_EQ(s.events[4].address, "10.2.2.2");
    EXPECT_EQ(s.events[4].link, "");
    EXPECT_EQ(s.events[5].type, "stackFailure");
}

// ------------------------------------------------------------------------------------------
// --set overrides
// ------------------------------------------------------------------------------------------

TEST(ScenarioOverrides, SetValues)
{
    Scenario s = LoadScenario(SeedFile(),
                              {"duration=60",                        // number
                               "stacks[0].detectionDelay=0.5",       // number in an array
                               "stacks[0].vipaGiveBack=true",        // bool
                               "stacks[0].fixes.PQ23444=false",      // creates "fixes"
                               "stations[1].arp=linux",              // bare string
                               "stations[2].arp=\"rfc826\"",         // JSON string
                               "stations[3].probe.interval=0.25",    // nested object
                               "stacks[0].links[3].activateAt=0.05", // nested array index
                               "stations[0].probe.targets[1]=10.100.100.1",
                               "stations[0].probe.targets[3]=192.168.1.2",
                               "events[0].at=10",
                               "/events/0/link=OSA2", // JSON pointer
                               "name=seed-001-set"});
    EXPECT_DOUBLE_EQ(s.duration, 60.0);
    EXPECT_DOUBLE_EQ(s.stacks[0].detectionDelay, 0.5);
    EXPECT_TRUE(s.stacks[0].vipaGiveBack);
    EXPECT_FALSE(s.stacks[0].fixes.pq23444);
    EXPECT_TRUE(s.stacks[0].fixes.pq26689);
    EXPECT_EQ(s.stations[1].arp, "linux");
    EXPECT_EQ(s.stations[2].arp, "rfc826");
    EXPECT_DOUBLE_EQ(s.stations[3].probe->interval, 0.25);
    EXPECT_DOUBLE_EQ(s.stacks[0].links[3].activateAt, 0.05);
    EXPECT_EQ(s.stations[0].probe->targets,
              (std::vector<std::string>{"192.168.1.1", "10.100.100.1", "10.1.1.1", "192.168.1.2"}));
    EXPECT_DOUBLE_EQ(s.events[0].at, 10.0);
    EXPECT_EQ(s.events[0].link, "OSA2");
    EXPECT_EQ(s.name, "seed-001-set");
}

TEST(ScenarioOverrides, AppliedInOrderAndWholeValues)
{
    Scenario s = LoadScenario(
        SeedFile(),
        {"duration=100",
         "duration=120",
         "stacks[0].vipas=[\"10.1.1.1\",\"10.100.100.1\",\"10.3.3.3\"]",
         "events=[{\"at\":5,\"type\":\"vipaAdd\",\"stack\":\"TCPIPA\",\"address\":\"10.4.4.4\"}]",
         "stations[0].probe={\"targets\":[\"10.4.4.4\"],\"port\":8}",
         "description="});
    EXPECT_DOUBLE_EQ(s.duration, 120.0);
    EXPECT_EQ(s.stacks[0].vipas.size(), 3u);
    ASSERT_EQ(s.events.size(), 1u);
    EXPECT_EQ(s.events[0].type, "vipaAdd");
    EXPECT_EQ(s.stations[0].probe->targets, (std::vector<std::string>{"10.4.4.4"}));
    EXPECT_EQ(s.stations[0].probe->port, 8);
    EXPECT_EQ(s.description, "");
}

TEST(ScenarioOverrides, BadPaths)
{
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"stacks[5].detectionDelay=1",
         "--set: /stacks/5: no such element (expected an index below 1, or 1 to append)"},
        {"/stations/0/probe/targets/5=10.1.1.1",
         "--set: /stations/0/probe/targets/5: no such element (expected an index below 4, or 4 "
         "to append)"},
        {"duration.unit=1",
         "--set: /duration: got 180.0 (expected an object or an array to set \"unit\" in)"},
        {"name[0]=x",
         "--set: /name: got \"seed-001-osa1-osa4\" (expected an object or an array to set "
         "\"0\" in)"},
        {"stacks[0].routes[0].link=OSA1", // creates "routes": {"0": {"link": "OSA1"}}
         "--set: /stacks/0/routes: got an object (expected an array of 0 to 1024 elements, each "
         "a stack route)"},
        {"duration",
         "--set: /: got \"duration\" (expected PATH=VALUE, e.g. "
         "/stacks/0/detectionDelay=0.5)"},
        {"=5",
         "--set: \"\": malformed path (expected a JSON pointer such as /stacks/0/detectionDelay, "
         "or stacks[0].detectionDelay)"},
        {"stacks[x].name=A",
         "--set: \"stacks[x].name\": malformed path (expected a JSON pointer such as "
         "/stacks/0/detectionDelay, or stacks[0].detectionDelay)"},
        {"/stacks/~2=A",
         "--set: \"/stacks/~2\": malformed path (expected a JSON pointer such as "
         "/stacks/0/detectionDelay, or stacks[0].detectionDelay)"},
        {"lans[0]={\"name\":\"A\",\"name\":\"B\"}",
         "--set: /lans/0/name: duplicate key \"name\" (expected each key once per object)"},
        {"/stacks/01/name=A",
         "--set: /stacks/01: no such element (expected an index below 1, or 1 to append)"},
    };
    for (const auto& c : cases)
    {
        EXPECT_EQ(ErrorOf([&] { LoadScenario(SeedFile(), {c.first}); }), c.second) << c.first;
    }
}

TEST(ScenarioOverrides, ResultIsValidated)
{
    const std::string f = SeedFile();
    // A new key may be set; validation then rejects it, against --set.
    EXPECT_EQ(ErrorOf([&] { LoadScenario(f, {"stacks[0].colour=red"}); }).substr(0, 50),
              "--set: /stacks/0/colour: unknown key \"colour\" (key");
    EXPECT_EQ(ErrorOf([&] { LoadScenario(f, {"/duration=-1"}); }),
              "--set: /duration: got -1 (expected a number in (0, 1000000])");
    EXPECT_EQ(ErrorOf([&] { LoadScenario(f, {"duration=abc"}); }),
              "--set: /duration: got \"abc\" (expected a number in (0, 1000000])");
    // A problem the override causes elsewhere is in the file.
    EXPECT_EQ(ErrorOf([&] { LoadScenario(f, {"duration=10"}); }),
              f + ": /events/0/at: got 20.0 (expected a time < duration, 10.0)");
    EXPECT_EQ(ErrorOf([&] { LoadScenario(f, {"stations[1].probe.bogus.x=1"}); }).substr(0, 56),
              "--set: /stations/1/probe/bogus: unknown key \"bogus\" (key");
    EXPECT_EQ(ErrorOf([&] { LoadScenario(f, {"stacks[0].vipas[1]=10.100.100.2"}); }),
              f + ": /stations/0/probe/targets/3: no stack owns address 10.100.100.1 (expected a "
                  "HOME address, VIPA or vipaAdd address)");
}

// "paths printed in errors are accepted back by --set": every bad case's pointer, given to
// --set with a valid value from the seed scenario, is a path --set understands.
TEST(ScenarioOverrides, PrintedPathsAreAcceptedBack)
{
    const std::string f = SeedFile();
    for (const std::string& p : {std::string("/stacks/0/links/1/activateAt"),
                                 std::string("/stations/2/probe/interval"),
                                 std::string("/events/0/at")})
    {
        std::string m = ErrorOf([&] { LoadScenario(f, {p + "=-5"}); });
        EXPECT_EQ(m.rfind("--set: " + p + ": got -5", 0), 0u) << m;
        EXPECT_NO_THROW(LoadScenario(f, {p + "=5"})) << p;
    }
}

// ------------------------------------------------------------------------------------------
// Canonical JSON
// ------------------------------------------------------------------------------------------

void
ExpectRoundTrip(const Scenario& s)
{
    for (int indent : {2, 0, -1, 4})
    {
        const std::string json = ScenarioToJson(s, indent);
        Scenario back;
        ASSERT_NO_THROW(back = ParseScenario(json, "canonical.json")) << json;
        EXPECT_EQ(ScenarioToJson(back, indent), json);
        EXPECT_EQ(ScenarioToJson(back), ScenarioToJson(s));
    }
}

TEST(ScenarioToJson, RoundTripsSeed)
{
    ExpectRoundTrip(LoadScenario(SeedFile()));
}

TEST(ScenarioToJson, RoundTripsMinimalAndFull)
{
    ExpectRoundTrip(ParseScenario(kMinimal, "minimal.json"));
    ExpectRoundTrip(ParseScenario(kFull, "full.json"));
}

TEST(ScenarioToJson, IsCanonical)
{
    Scenario s = ParseScenario(kMinimal, "minimal.json");
    const std::string expected =
        R"({"name":"minimal","description":"","seed":1,"run":1,)"
        R"("duration":30.0,"lans":[{"name":"LAN1","kind":"switched",)"
        R"("dataRate":"1Gbps","delayUs":1.0,"maxPortsPerSwitch":0}],)"
        R"("stacks":[{"name":"TCPIPA",)"
        R"("links":[{"name":"OSA1","kind":"MPCIPA","lan":"LAN1",)"
        R"("address":"10.0.0.1/8","activateAt":0.0}],"vipas":[],)"
        R"("routes":[],"fixes":{"PQ23444":true,"PQ26689":true},)"
        R"("detectionDelay":0.1,"learningTime":0.01,)"
        R"("gratuitousArpCount":1,"gratuitousArpInterval":1.0,)"
        R"("gratuitousArpLoss":0.0,"gratuitousArpLossScope":"frame","vipaGiveBack":false,)"
        R"("backupPolicy":"LongestActive","vipaOwnerPolicy":"FirstActive"}],)"
        R"("stations":[{"name":"C1","lan":"LAN1","address":"10.0.0.2/8",)"
        R"("arp":"rfc826","routes":[],"probe":{"targets":["10.0.0.1"],)"
        R"("interval":0.1,"start":1.0,"stop":-1.0,"port":7},)"
        R"("aliveTimeout":120.0,"deadTimeout":100.0,)"
        R"("waitReplyTimeout":1.0,"maxRetries":3,"locktime":1.0,)"
        R"("baseReachableTime":30.0,"delayFirstProbeTime":5.0,)"
        R"("ucastSolicit":3,"retransTime":1.0,)"
        R"("gratuitousOverridesLocktime":true},{"name":"C2",)"
        R"("lan":"LAN1","address":"10.0.0.3/8","arp":"rfc826",)"
        R"("routes":[],"aliveTimeout":120.0,"deadTimeout":100.0,)"
        R"("waitReplyTimeout":1.0,"maxRetries":3,"locktime":1.0,)"
        R"("baseReachableTime":30.0,"delayFirstProbeTime":5.0,)"
        R"("ucastSolicit":3,"retransTime":1.0,)"
        R"("gratuitousOverridesLocktime":true}],"events":[],"devlinksAt":[]})";
    EXPECT_EQ(ScenarioToJson(s, -1), expected);
}

TEST(ScenarioToJson, OmitsEmptyOptionalKeys)
{
    const std::string json = ScenarioToJson(ParseScenario(kFull, "full.json"), -1);
    // Station route: link "" omitted; stack route: gateway "" omitted.
    EXPECT_NE(json.find(R"({"destination":"10.1.1.1/32","gateway":"192.168.1.1"})"),
              std::string::npos);
    EXPECT_NE(json.find(R"({"destination":"172.16.0.0/12","link":"OSA2"})"), std::string::npos);
    EXPECT_NE(json.find(R"({"at":40.0,"type":"vipaAdd","stack":"TCPIPA","address":"10.2.2.2"})"),
              std::string::npos);
    EXPECT_NE(json.find(R"({"at":50.0,"type":"stackFailure","stack":"TCPIPB"})"),
              std::string::npos);
    EXPECT_NE(json.find(R"("fixes":{"PQ23444":false,"PQ26689":false})"), std::string::npos);
}

} // namespace
