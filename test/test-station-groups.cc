/*
 * zos-takeover: station groups (issue 11 item 4): one scenario entry for many stations.
 *
 * test/data/station-group.json: TCPIPA with OSA1 and OSA2 on LAN1, ADMIN and a group "PC" of
 * 30 stations (10.1.0.101-130, stock, rfc826 and linux in equal shares) probing both HOME
 * addresses; OSA1 fails at 5 s.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "zos-test-util.h"

#include <gtest/gtest.h>

using namespace zostest;

namespace
{

Scenario
Group(const std::vector<std::string>& overrides = {})
{
    return LoadScenario(DataDir() + "/station-group.json", overrides);
}

TEST(StationGroups, AGroupExpandsToNumberedStationsWithConsecutiveAddressesAndInterleavedModels)
{
    Scenario s = Group();
    ASSERT_EQ(s.stationGroups.size(), 1u);
    std::vector<StationSpec> members = ExpandStationGroup(s.stationGroups[0]);
    ASSERT_EQ(members.size(), 30u);
    EXPECT_EQ(members[0].name, "PC01");
    EXPECT_EQ(members[29].name, "PC30");
    EXPECT_EQ(members[0].address, "10.1.0.101/24");
    EXPECT_EQ(members[29].address, "10.1.0.130/24");
    std::map<std::string, int> count;
    for (size_t i = 0; i < members.size(); ++i)
    {
        ++count[members[i].arp];
        EXPECT_EQ(members[i].probe->targets.size(), 2u);
    }
    EXPECT_EQ(count["stock"], 10);
    EXPECT_EQ(count["rfc826"], 10);
    EXPECT_EQ(count["linux"], 10);
    // Interleaved: every three consecutive stations have the three models.
    for (size_t i = 0; i + 2 < members.size(); i += 3)
    {
        std::set<std::string> three = {members[i].arp, members[i + 1].arp, members[i + 2].arp};
        EXPECT_EQ(three.size(), 3u) << i;
    }
    // Shares 3:1: a quarter stock, spread out.
    std::vector<StationSpec> mixed = ExpandStationGroup(
        Group({R"(/stationGroups/0/models={"rfc826": 3, "stock": 1})"}).stationGroups[0]);
    EXPECT_EQ(std::count_if(mixed.begin(),
                            mixed.end(),
                            [](const StationSpec& st) { return st.arp == "stock"; }),
              7); // 30 / 4 = 7.5: one stock in each run of four, 7 runs and two rfc826
    // Without models every station is rfc826; the group stays one entry in the canonical form.
    Scenario plain = Group({"/stationGroups/0/models={\"rfc826\": 1}"});
    for (const auto& st : ExpandStationGroup(plain.stationGroups[0]))
    {
        EXPECT_EQ(st.arp, "rfc826");
    }
    EXPECT_NE(ScenarioToJson(s).find("\"stationGroups\""), std::string::npos);
    EXPECT_EQ(ScenarioToJson(s).find("PC01"), std::string::npos);
    EXPECT_EQ(ScenarioToJson(LoadScenario(SourceDir() + "/scenarios/seed-001-osa1-osa4.json"))
                  .find("stationGroups"),
              std::string::npos);
    EXPECT_EQ(AllStations(s).size(), 31u);
    EXPECT_EQ(AllStations(s)[0].name, "ADMIN");
}

TEST(StationGroups, AGroupRunsExactlyAsItsStationsWrittenOneByOne)
{
    Scenario grouped = Group();
    Scenario written = grouped;
    written.stations = AllStations(grouped);
    written.stationGroups.clear();
    Observed a(grouped);
    Observed b(written);
    ASSERT_EQ(a.result.outages.size(), 31u * 2 - 1); // ADMIN probes one target
    ASSERT_EQ(a.result.outages.size(), b.result.outages.size());
    for (size_t i = 0; i < a.result.outages.size(); ++i)
    {
        const OutageRow& x = a.result.outages[i];
        const OutageRow& y = b.result.outages[i];
        EXPECT_EQ(x.client, y.client);
        EXPECT_EQ(x.target, y.target);
        EXPECT_EQ(x.outage, y.outage) << x.client << " " << x.target;
        EXPECT_EQ(x.recovered, y.recovered) << x.client << " " << x.target;
    }
    // And the takeover shows per model: stock stations keep OSA1's dead MAC, the others
    // follow the gratuitous ARP.
    for (const auto& st : ExpandStationGroup(grouped.stationGroups[0]))
    {
        const OutageRow& row = a.Outage(0, st.name, "10.1.0.1");
        EXPECT_EQ(row.recovered, st.arp != "stock") << st.name << " " << st.arp;
    }
}

TEST(StationGroups, TheCanonicalFormLoadsAgain)
{
    // With and without models: what --validate and summary.json write is a valid scenario.
    for (const Scenario& s : {Group(), LoadScenario(DataDir() + "/busy-lan.json")})
    {
        const std::string text = ScenarioToJson(s);
        Scenario again = ParseScenario(text, "canonical");
        EXPECT_EQ(ScenarioToJson(again), text);
    }
}

TEST(StationGroups, TheGroupsStationsCountForTheWorkLimit)
{
    Scenario s = Group();
    Scenario written = s;
    written.stations = AllStations(s);
    written.stationGroups.clear();
    EXPECT_EQ(EstimateWork(s), EstimateWork(written));
    EXPECT_GT(EstimateWork(s), EstimateWork(Group({"/stationGroups/0/count=1"})));
}

} // namespace
