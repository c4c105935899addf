/*
 * zos-takeover: the kind table (helper/kind-table.h) and the scenario schema name the same
 * kinds, and every kind is a class chosen by TypeId through its helper.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "zos-test-utilities.h"

#include "ns3/internet-stack-helper.h"
#include "ns3/kind-table.h"
#include "ns3/lan-helper.h"
#include "ns3/lan.h"
#include "ns3/node-container.h"
#include "ns3/osa-net-device.h"
#include "ns3/scenario-schema.h"
#include "ns3/simulator.h"
#include "ns3/station-arp-helper.h"
#include "ns3/station-arp.h"
#include "ns3/string.h"

#include <set>

using namespace zostest;

namespace
{

/** The names a schema property allows ("enum"), e.g. #/definitions/link/properties/kind. */
std::set<std::string>
SchemaNames(const std::string& definition, const std::string& key)
{
    const auto& schema = ns3::zos::ScenarioSchema::Get();
    const auto& node =
        schema.Resolve(schema.Document()["definitions"][definition]["properties"][key]);
    std::set<std::string> names;
    for (const auto& v : node.at("enum"))
    {
        names.insert(v.get<std::string>());
    }
    return names;
}

/** The kind names of one table. */
std::set<std::string>
TableNames(const std::vector<KindTable::Entry>& entries)
{
    std::set<std::string> names;
    for (const auto& e : entries)
    {
        names.insert(e.name);
    }
    return names;
}

/**
 * KindTable.SchemaAndTableNameTheSameKinds: a scenario can name exactly the kinds the table
 * maps to classes (a kind added to one and not the other fails here), and every entry's
 * TypeId exists and derives from the kind's base class.
 */
class KindTableSchemaAndTableNameTheSameKindsTestCase : public ZosTestCase
{
  public:
    KindTableSchemaAndTableNameTheSameKindsTestCase()
        : ZosTestCase("KindTable.SchemaAndTableNameTheSameKinds")
    {
    }

  private:
    void DoRun() override
    {
        struct Row
        {
            const char* definition;
            const char* key;
            const std::vector<KindTable::Entry>& entries;
            TypeId base;
        };

        const Row rows[] = {
            {"link", "kind", KindTable::GetDeviceKinds(), OsaNetDevice::GetTypeId()},
            {"station", "arp", KindTable::GetStationModels(), StationArp::GetTypeId()},
            {"lan", "kind", KindTable::GetLanKinds(), Lan::GetTypeId()},
        };
        for (const auto& row : rows)
        {
            NS_TEST_EXPECT_MSG_EQ((SchemaNames(row.definition, row.key) == TableNames(row.entries)),
                                  true,
                                  "schema #/definitions/" << row.definition << "/properties/"
                                                          << row.key << " and KindTable disagree");
            for (const auto& e : row.entries)
            {
                TypeId tid;
                NS_TEST_EXPECT_MSG_EQ(TypeId::LookupByNameFailSafe(e.typeId, &tid),
                                      true,
                                      e.typeId << " is not a registered TypeId");
                NS_TEST_EXPECT_MSG_EQ(tid.IsChildOf(row.base),
                                      true,
                                      e.typeId << " does not derive from " << row.base.GetName());
            }
        }
        NS_TEST_EXPECT_MSG_EQ(KindTable::LookupDevice("LCS").GetName(),
                              "ns3::zos::LcsNetDevice",
                              "LCS");
        NS_TEST_EXPECT_MSG_EQ(KindTable::LookupStationModel("ns3::zos::LinuxStationArp").GetName(),
                              "ns3::zos::LinuxStationArp",
                              "a TypeId name stands for itself");
        NS_TEST_EXPECT_MSG_EQ(KindTable::LookupLan("switched").GetName(),
                              "ns3::zos::SwitchedLan",
                              "switched");
    }
};

/**
 * KindTable.HelpersBuildTheKindTheyAreGiven: SetModel and SetLanType take a kind name or a TypeId
 * name with the kind's own attributes; the object installed is of that class.
 */
class KindTableHelpersBuildTheKindTheyAreGivenTestCase : public ZosTestCase
{
  public:
    KindTableHelpersBuildTheKindTheyAreGivenTestCase()
        : ZosTestCase("KindTable.HelpersBuildTheKindTheyAreGiven")
    {
    }

  private:
    void DoRun() override
    {
        for (const auto& e : KindTable::GetStationModels())
        {
            for (const std::string& name : {e.name, e.typeId})
            {
                NodeContainer nodes;
                nodes.Create(1);
                InternetStackHelper().Install(nodes);
                StationArpHelper helper;
                helper.SetModel(name);
                Ptr<StationArp> model = helper.Install(nodes.Get(0));
                NS_TEST_EXPECT_MSG_EQ(model->GetInstanceTypeId().GetName(),
                                      e.typeId,
                                      "SetModel(\"" << name << "\")");
            }
        }
        StationArpHelper linuxArp;
        linuxArp.SetModel("linux", "Locktime", TimeValue(Seconds(3)));
        NS_TEST_EXPECT_MSG_EQ(linuxArp.HasAttribute("Locktime"), true, "linux has Locktime");
        NodeContainer nodes;
        nodes.Create(1);
        InternetStackHelper().Install(nodes);
        Ptr<StationArp> model = linuxArp.Install(nodes.Get(0));
        TimeValue locktime;
        model->GetAttribute("Locktime", locktime);
        NS_TEST_EXPECT_MSG_EQ(locktime.Get(), Seconds(3), "the kind's own attribute is set");
        for (const auto& e : KindTable::GetLanKinds())
        {
            for (const std::string& name : {e.name, e.typeId})
            {
                LanHelper lans;
                lans.SetLanType(name);
                NS_TEST_EXPECT_MSG_EQ(lans.Create("LAN1")->GetInstanceTypeId().GetName(),
                                      e.typeId,
                                      "SetLanType(\"" << name << "\")");
            }
        }
        StationArpHelper stock;
        stock.SetModel("stock");
        NS_TEST_EXPECT_MSG_EQ(stock.HasAttribute("Locktime"), false, "stock has no Locktime");
        Simulator::Destroy();
    }
};

} // namespace

void
zostest::AddKindTableCases(CaseList& cases)
{
    cases.Add<KindTableSchemaAndTableNameTheSameKindsTestCase>();
    cases.Add<KindTableHelpersBuildTheKindTheyAreGivenTestCase>();
}
