/*
 * zos-takeover: tests of the scenario loader (helper/scenario.cc): defaults, the seed
 * scenario, --set overrides and the canonical form.
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

// Defaults come from the schema: a scenario that leaves everything out gets exactly the
// schema's "default" values.
TEST(ScenarioDefaults, ComeFromTheSchema)
{
    const ScenarioSchema& schema = ScenarioSchema::Get();
    StackSpec st;
    EXPECT_EQ(ScenarioJson(st.settings.Number("detectionDelay")),
              schema.Default("stack", "detectionDelay"));
    EXPECT_EQ(ScenarioJson(st.settings.String("backupPolicy")),
              schema.Default("stack", "backupPolicy"));
    StationSpec station;
    EXPECT_EQ(ScenarioJson(station.settings.Number("aliveTimeout")),
              schema.Default("station", "aliveTimeout"));
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
    EXPECT_DOUBLE_EQ(a.settings.Number("detectionDelay"), 0.1);
    EXPECT_TRUE(a.settings.Bool("fixes.PQ23444"));
    EXPECT_TRUE(a.settings.Bool("fixes.PQ26689"));
    EXPECT_EQ(a.settings.String("backupPolicy"), "LongestActive");
    EXPECT_EQ(a.settings.String("vipaOwnerPolicy"), "FirstActive");

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
    EXPECT_TRUE(st.settings.Bool("fixes.PQ23444"));
    EXPECT_TRUE(st.settings.Bool("fixes.PQ26689"));
    EXPECT_DOUBLE_EQ(st.settings.Number("detectionDelay"), 0.1);
    EXPECT_DOUBLE_EQ(st.settings.Number("learningTime"), 0.01);
    EXPECT_EQ(st.settings.Unsigned("gratuitousArpCount"), 1u);
    EXPECT_DOUBLE_EQ(st.settings.Number("gratuitousArpInterval"), 1.0);
    EXPECT_DOUBLE_EQ(st.settings.Number("gratuitousArpLoss"), 0.0);
    EXPECT_FALSE(st.settings.Bool("vipaGiveBack"));
    EXPECT_EQ(st.settings.String("backupPolicy"), "LongestActive");
    EXPECT_EQ(st.settings.String("vipaOwnerPolicy"), "FirstActive");

    ASSERT_EQ(s.stations.size(), 2u);
    const StationSpec& c1 = s.stations[0];
    EXPECT_EQ(c1.arp, "rfc826");
    EXPECT_TRUE(c1.routes.empty());
    ASSERT_TRUE(c1.probe.has_value());
    EXPECT_DOUBLE_EQ(c1.probe->interval, 0.1);
    EXPECT_DOUBLE_EQ(c1.probe->start, 1.0);
    EXPECT_DOUBLE_EQ(c1.probe->stop, -1.0);
    EXPECT_EQ(c1.probe->port, 7);
    EXPECT_DOUBLE_EQ(c1.settings.Number("aliveTimeout"), 120.0);
    EXPECT_DOUBLE_EQ(c1.settings.Number("deadTimeout"), 100.0);
    EXPECT_DOUBLE_EQ(c1.settings.Number("waitReplyTimeout"), 1.0);
    EXPECT_EQ(c1.settings.Unsigned("maxRetries"), 3u);
    EXPECT_DOUBLE_EQ(c1.settings.Number("locktime"), 1.0);
    EXPECT_DOUBLE_EQ(c1.settings.Number("baseReachableTime"), 30.0);
    EXPECT_DOUBLE_EQ(c1.settings.Number("delayFirstProbeTime"), 5.0);
    EXPECT_EQ(c1.settings.Unsigned("ucastSolicit"), 3u);
    EXPECT_DOUBLE_EQ(c1.settings.Number("retransTime"), 1.0);
    EXPECT_TRUE(c1.settings.Bool("gratuitousOverridesLocktime"));
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
    EXPECT_FALSE(a.settings.Bool("fixes.PQ23444"));
    EXPECT_FALSE(a.settings.Bool("fixes.PQ26689"));
    EXPECT_EQ(a.routes[0].gateway, "192.168.1.254");
    EXPECT_EQ(a.routes[1].gateway, "");
    EXPECT_EQ(a.routes[1].link, "OSA2");
    EXPECT_EQ(a.settings.Unsigned("gratuitousArpCount"), 3u);
    EXPECT_TRUE(a.settings.Bool("vipaGiveBack"));
    EXPECT_EQ(a.settings.String("backupPolicy"), "LowestName");
    const StationSpec& r = s.stations[0];
    EXPECT_EQ(r.arp, "linux");
    EXPECT_EQ(r.probe->port, 9);
    EXPECT_DOUBLE_EQ(r.probe->stop, 50.0);
    EXPECT_EQ(r.settings.Unsigned("maxRetries"), 5u);
    EXPECT_FALSE(r.settings.Bool("gratuitousOverridesLocktime"));
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
    EXPECT_DOUBLE_EQ(s.stacks[0].settings.Number("detectionDelay"), 0.5);
    EXPECT_TRUE(s.stacks[0].settings.Bool("vipaGiveBack"));
    EXPECT_FALSE(s.stacks[0].settings.Bool("fixes.PQ23444"));
    EXPECT_TRUE(s.stacks[0].settings.Bool("fixes.PQ26689"));
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
