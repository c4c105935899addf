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
#include <filesystem>
#include <gtest/gtest.h>
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
// Malformed files: test/data/bad/<file> -> "<json path>: <reason>" (what() = file + ": " + that)
// ------------------------------------------------------------------------------------------

struct BadCase
{
    const char* file;
    const char* message;
};

const BadCase kBadCases[] = {
    {"address-without-length.json",
     "$.stacks[0].links[0].address: not an IPv4 address with prefix: \"10.1.1\""},
    {"arp-count-string.json", "$.stacks[0].gratuitousArpCount: expected an integer, got string"},
    {"arp-loss-range.json", "$.stacks[0].gratuitousArpLoss: must be in [0, 1], got 1.5"},
    {"arp-loss-scope.json",
     "$.stacks[0].gratuitousArpLossScope: expected one of \"frame\", \"receiver\", got "
     "\"station\""},
    {"broadcast-address.json",
     "$.stacks[0].links[1].address: \"192.168.2.255/24\" is the broadcast address of its prefix"},
    {"data-rate-space.json", "$.lans[0].dataRate: not a data rate: \"1 Gbps\""},
    {"duplicate-address.json",
     "$.stacks[0].links[1].address: duplicate address 192.168.1.1 "
     "(also at $.stacks[0].links[0].address)"},
    {"duplicate-key.json", "$.lans[0].name: duplicate key 'name'"},
    {"duplicate-lan-name.json", "$.lans[1].name: duplicate LAN name 'LAN1'"},
    {"duplicate-link-name.json",
     "$.stacks[0].links[1].name: duplicate link name 'OSA1' in stack 'TCPIPA'"},
    {"duration-string.json", "$.duration: expected a number, got string"},
    {"empty-lans.json", "$.lans: must not be empty"},
    {"devlinks-after-end.json", "$.devlinksAt[1]: must be <= duration (30.0), got 31.0"},
    {"devlinks-not-number.json", "$.devlinksAt[1]: expected a number, got string"},
    {"event-after-end.json", "$.events[0].at: must be < duration (30.0), got 40.0"},
    {"lan-one-port-switch.json",
     "$.lans[0].maxPortsPerSwitch: must be 0 (one switch) or >= 2 (an uplink and a station), "
     "got 1"},
    {"event-unknown-link.json", "$.events[0].link: unknown link 'OSA9' in stack 'TCPIPA'"},
    {"event-unknown-stack.json", "$.events[0].stack: unknown stack 'TCPIPB'"},
    {"first-error-wins.json", "$.lans[0].delayUs: must be >= 0, got -1"},
    {"fixes-unknown-apar.json", "$.stacks[0].fixes.PQ99999: unknown key 'PQ99999'"},
    {"gateway-not-ipv4.json",
     "$.stations[0].routes[0].gateway: not an IPv4 address: \"192.168.1.256\""},
    {"invalid-json.json",
     "$: invalid JSON: parse error at line 6, column 1: syntax error while parsing object key - "
     "unexpected '}'; expected string literal"},
    {"lan-kind-ring.json",
     "$.lans[1].kind: expected one of \"shared\", \"switched\", got \"ring\""},
    {"leading-zero-octet.json",
     "$.stacks[0].links[0].address: not an IPv4 address with prefix: \"192.168.01.1/24\""},
    {"missing-address.json", "$.stacks[0].links[0]: missing required key 'address'"},
    {"missing-name.json", "$: missing required key 'name'"},
    {"name-with-space.json",
     "$.lans[0].name: not a valid name (letters, digits and _ . - @ # $ only): \"LAN 1\""},
    {"network-address.json",
     "$.stations[0].address: \"192.168.1.0/24\" is the network address of its prefix"},
    {"port-failure-missing-link.json",
     "$.events[0]: missing required key 'link' (required for type \"portFailure\")"},
    {"probe-duplicate-target.json",
     "$.stations[0].probe.targets[2]: duplicate target 10.1.1.1 "
     "(also at $.stations[0].probe.targets[0])"},
    {"probe-port-range.json", "$.stations[0].probe.port: must be in [1, 65535], got 70000"},
    {"probe-stop-before-start.json",
     "$.stations[0].probe.stop: must be > start (1.0) or negative, got 0.5"},
    {"probe-target-unowned.json", "$.stations[0].probe.targets[1]: no stack owns address 10.9.9.9"},
    {"root-array.json", "$: expected an object, got array"},
    {"route-host-bits.json",
     "$.stations[0].routes[0].destination: \"10.1.1.1/24\" has host bits set "
     "(the network is 10.1.1.0/24)"},
    {"seed-not-integer.json", "$.seed: expected an integer, got 1.5"},
    {"stack-failure-with-link.json",
     "$.events[0].link: key 'link' not allowed for type \"stackFailure\""},
    {"stack-route-unknown-link.json",
     "$.stacks[0].routes[0].link: unknown link 'OSA9' in stack 'TCPIPA'"},
    {"station-duplicate-name.json", "$.stations[1].name: duplicate station name 'CLIENT1'"},
    {"station-named-like-stack.json",
     "$.stations[0].name: station name 'TCPIPA' is also a stack name"},
    {"station-route-link.json",
     "$.stations[0].routes[0].link: must be absent or empty in a station route, got \"OSA1\""},
    {"unknown-key.json", "$.lans[1].colour: unknown key 'colour'"},
    {"unknown-lan.json", "$.stacks[0].links[1].lan: unknown LAN 'LAN9'"},
    {"vipa-add-duplicate-address.json",
     "$.events[0].address: duplicate address 10.1.1.1 (also at $.stacks[0].vipas[0])"},
    {"vipa-add-missing-address.json",
     "$.events[0]: missing required key 'address' (required for type \"vipaAdd\")"},
    {"vipa-bool.json", "$.stacks[0].vipaGiveBack: expected a boolean, got string"},
};

class BadScenarioTest : public testing::TestWithParam<BadCase>
{
};

TEST_P(BadScenarioTest, ReportsExactMessage)
{
    const BadCase& c = GetParam();
    const std::string file = DataDir() + "/bad/" + c.file;
    ASSERT_TRUE(std::filesystem::exists(file)) << file;
    try
    {
        LoadScenario(file);
        FAIL() << file << " loaded without error";
    }
    catch (const ScenarioError& e)
    {
        EXPECT_EQ(std::string(e.what()), file + ": " + c.message);
        EXPECT_EQ(e.File(), file);
        EXPECT_EQ(e.JsonPath() + ": " + e.Reason(), c.message);
    }
}

INSTANTIATE_TEST_SUITE_P(BadFiles,
                         BadScenarioTest,
                         testing::ValuesIn(kBadCases),
                         [](const testing::TestParamInfo<BadCase>& info) {
                             std::string name = info.param.file;
                             name = name.substr(0, name.size() - 5); // ".json"
                             std::replace(name.begin(), name.end(), '-', '_');
                             return name;
                         });

TEST(BadScenarioTable, CoversEveryFile)
{
    std::set<std::string> listed;
    for (const BadCase& c : kBadCases)
    {
        EXPECT_TRUE(listed.insert(c.file).second) << "listed twice: " << c.file;
    }
    size_t files = 0;
    for (const auto& entry : std::filesystem::directory_iterator(DataDir() + "/bad"))
    {
        if (entry.path().extension() == ".json")
        {
            ++files;
            EXPECT_EQ(listed.count(entry.path().filename().string()), 1u)
                << "no expected message for " << entry.path();
        }
    }
    EXPECT_EQ(files, listed.size());
    EXPECT_GE(files, 12u);
}

TEST(ScenarioErrors, UnreadableFile)
{
    const std::string missing = DataDir() + "/bad/does-not-exist.json";
    EXPECT_EQ(ErrorOf([&] { LoadScenario(missing); }),
              missing + ": $: cannot read file (No such file or directory)");
    const std::string dir = DataDir() + "/bad";
    EXPECT_EQ(ErrorOf([&] { LoadScenario(dir); }), dir + ": $: cannot read file (Is a directory)");
}

TEST(ScenarioErrors, ParseScenarioUsesFileNameInMessages)
{
    EXPECT_EQ(ErrorOf([] { ParseScenario("", "inline"); }),
              "inline: $: invalid JSON: parse error at line 1, column 1: syntax error while "
              "parsing value - unexpected end of input; expected '[', '{', or a literal");
    EXPECT_EQ(ErrorOf([] { ParseScenario("{\"duration\": 1e400}", "inline"); }),
              "inline: $: invalid JSON: number overflow parsing '1e400'");
    EXPECT_EQ(ErrorOf([] { ParseScenario("{\"name\": \"x\", \"lans\": 3}", "inline"); }),
              "inline: $.lans: expected an array, got number");
}

TEST(ScenarioErrors, OddKeysAreQuotedInPaths)
{
    std::string text = kMinimal;
    text.insert(text.find("\"name\": \"minimal\""), "\"a b\": 1, ");
    EXPECT_EQ(ErrorOf([&] { ParseScenario(text, "x.json"); }),
              "x.json: $['a b']: unknown key 'a b'");
}

TEST(ScenarioErrors, IntegersMustBeIntegers)
{
    const std::vector<std::pair<std::string, std::string>> cases = {
        {"seed=0", "x.json: $.seed: must be in [1, 4294967295], got 0"},
        {"run=-1", "x.json: $.run: must be in [0, 4294967295], got -1"},
        {"run=4294967296", "x.json: $.run: must be in [0, 4294967295], got 4294967296"},
        {"stations[1].maxRetries=2.5",
         "x.json: $.stations[1].maxRetries: expected an integer, got 2.5"},
        {"stacks[0].gratuitousArpCount=101",
         "x.json: $.stacks[0].gratuitousArpCount: must be in [0, 100], got 101"},
        {"duration=1e400", "x.json: $.duration: expected a number, got string"},
        {"duration=0", "x.json: $.duration: must be > 0, got 0"},
        {"lans[0].dataRate=0Mbps",
         "x.json: $.lans[0].dataRate: must be in [1bps, 1000Gbps], got \"0Mbps\""},
        {"stacks[0].links[0].address=10.0.0.1/0",
         "x.json: $.stacks[0].links[0].address: prefix length must be in [1, 32], got 0"},
        {"stations[0].probe.interval=0",
         "x.json: $.stations[0].probe.interval: must be > 0, got 0"},
    };
    for (const auto& c : cases)
    {
        EXPECT_EQ(ErrorOf([&] { ParseScenario(kMinimal, "x.json", {c.first}); }), c.second)
            << c.first;
    }
    // An integral float is accepted for an integer.
    Scenario s = ParseScenario(kMinimal, "x.json", {"seed=3.0", "stations[1].ucastSolicit=4.0"});
    EXPECT_EQ(s.seed, 3u);
    EXPECT_EQ(s.stations[1].ucastSolicit, 4u);
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
                               "$.events[0].link=OSA2", // "$." prefix accepted
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
         "--set: $.stacks[5].detectionDelay: index 5 out of range ($.stacks has 1 element)"},
        {"stations[0].probe.targets[4]=10.1.1.1",
         "--set: $.stations[0].probe.targets[4]: index 4 out of range "
         "($.stations[0].probe.targets has 4 elements)"},
        {"duration.unit=1", "--set: $.duration.unit: $.duration is a number, not an object"},
        {"name[0]=x", "--set: $.name[0]: $.name is a string, not an array"},
        {"stacks[0].links[0].name.x=1",
         "--set: $.stacks[0].links[0].name.x: $.stacks[0].links[0].name is a string, "
         "not an object"},
        {"stacks[0].routes[0].link=OSA1",
         "--set: $.stacks[0].routes[0].link: $.stacks[0].routes does not exist"},
        {"duration", "--set: $: expected PATH=VALUE, got \"duration\""},
        {"=5", "--set: $.: malformed path (expected KEY or KEY[INDEX] parts separated by '.')"},
        {"stacks[x].name=A",
         "--set: $.stacks[x].name: malformed path (expected KEY or KEY[INDEX] parts "
         "separated by '.')"},
        {"stacks..name=A",
         "--set: $.stacks..name: malformed path (expected KEY or KEY[INDEX] parts separated "
         "by '.')"},
        {"lans[0]={\"name\":\"A\",\"name\":\"B\"}", "--set: $.lans[0].name: duplicate key 'name'"},
    };
    for (const auto& c : cases)
    {
        EXPECT_EQ(ErrorOf([&] { LoadScenario(SeedFile(), {c.first}); }), c.second) << c.first;
    }
}

TEST(ScenarioOverrides, ResultIsValidated)
{
    const std::string f = SeedFile();
    // A new key may be set; validation then rejects it.
    EXPECT_EQ(ErrorOf([&] { LoadScenario(f, {"stacks[0].colour=red"}); }),
              f + ": $.stacks[0].colour: unknown key 'colour'");
    EXPECT_EQ(ErrorOf([&] { LoadScenario(f, {"duration=-1"}); }),
              f + ": $.duration: must be > 0, got -1");
    EXPECT_EQ(ErrorOf([&] { LoadScenario(f, {"duration=abc"}); }),
              f + ": $.duration: expected a number, got string");
    EXPECT_EQ(ErrorOf([&] { LoadScenario(f, {"duration=10"}); }),
              f + ": $.events[0].at: must be < duration (10.0), got 20.0");
    EXPECT_EQ(ErrorOf([&] { LoadScenario(f, {"stations[1].probe.bogus.x=1"}); }),
              f + ": $.stations[1].probe.bogus: unknown key 'bogus'");
    EXPECT_EQ(ErrorOf([&] { LoadScenario(f, {"stacks[0].vipas[1]=10.100.100.2"}); }),
              f + ": $.stations[0].probe.targets[3]: no stack owns address 10.100.100.1");
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
