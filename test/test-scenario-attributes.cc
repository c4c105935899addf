/*
 * zos-takeover: a stack or station setting is its schema property, which names the ns-3
 * attribute it sets ("x-ns3-attribute"); the loader collects the settings, the runner gives
 * each to its attribute through the attribute's checker.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "zos-test-util.h"

#include "ns3/arp-cache.h"
#include "ns3/boolean.h"
#include "ns3/enum.h"
#include "ns3/ipv4-interface.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/linux-station-arp.h"
#include "ns3/scenario-attributes.h"
#include "ns3/uinteger.h"

#include <gtest/gtest.h>

using namespace zostest;

namespace
{

/// The shipped schema's text with `edit` applied.
std::string
EditedSchema(const std::function<void(ScenarioJson&)>& edit)
{
    ScenarioJson document = ScenarioSchema::Get().Document();
    edit(document);
    return document.dump();
}

/// The problems CheckSettingAttributes finds in an edited schema, joined.
std::string
ProblemsOf(const std::function<void(ScenarioJson&)>& edit)
{
    ScenarioSchema schema(EditedSchema(edit));
    std::string out;
    for (const std::string& p : CheckSettingAttributes(schema))
    {
        out += p + "\n";
    }
    return out;
}

ScenarioJson&
StackKey(ScenarioJson& document, const std::string& key)
{
    return document["definitions"]["stack"]["properties"][key];
}

// Every x-ns3-attribute of the schema names an attribute of the right TypeId, whose
// checker accepts the key's default and every value of its enumeration.
TEST(ScenarioAttributes, ShippedSchemaIsConsistent)
{
    std::vector<std::string> problems = CheckSettingAttributes(ScenarioSchema::Get());
    EXPECT_TRUE(problems.empty()) << problems.front();
    // What it walked: the settings the runner applies.
    std::vector<std::string> stack;
    for (const AttributeKey& k : ScenarioSchema::Get().AttributeKeys("stack"))
    {
        stack.push_back(k.key + "=" + k.attribute);
    }
    EXPECT_EQ(stack,
              (std::vector<std::string>{"staticRouting=StaticRouting",
                                        "fixes.PQ23444=Pq23444",
                                        "fixes.PQ25476=Pq25476",
                                        "fixes.PQ26689=Pq26689",
                                        "detectionDelay=DetectionDelay",
                                        "learningTime=LanGroupLearningTime",
                                        "gratuitousArpCount=GratuitousArpCount",
                                        "gratuitousArpInterval=GratuitousArpInterval",
                                        "gratuitousArpLoss=GratuitousArpLossProbability",
                                        "gratuitousArpLossScope=GratuitousArpLossScope",
                                        "vipaGiveBack=VipaGiveBack",
                                        "backupPolicy=BackupPolicy",
                                        "vipaOwnerPolicy=VipaOwnerPolicy"}));
    EXPECT_EQ(ScenarioSchema::Get().AttributeKeys("station").size(), 10u);
}

// The same check fails for each kind of mistake a schema edit can make.
TEST(ScenarioAttributes, CheckFindsWhatTheRunnerCouldNotApply)
{
    EXPECT_EQ(ProblemsOf([](ScenarioJson& d) {
                  StackKey(d, "detectionDelay")["x-ns3-attribute"] = "DetectionDelai";
              }),
              "stack.detectionDelay (DetectionDelai): ns3::zos::ZosStack has no attribute "
              "DetectionDelai\n");
    // A scenario name that is not a name of the attribute's enumeration.
    EXPECT_EQ(ProblemsOf([](ScenarioJson& d) {
                  StackKey(d, "gratuitousArpLossScope")["enum"].push_back("adapter");
              }),
              "stack.gratuitousArpLossScope (GratuitousArpLossScope): "
              "ns3::zos::ZosStack::GratuitousArpLossScope refuses \"adapter\" (its names: "
              "frame|receiver)\n");
    // A default outside the checker's range.
    EXPECT_EQ(ProblemsOf([](ScenarioJson& d) {
                  StackKey(d, "gratuitousArpCount")["default"] = 101;
                  StackKey(d, "gratuitousArpCount")["maximum"] = 1000;
              }),
              "stack.gratuitousArpCount (GratuitousArpCount): "
              "ns3::zos::ZosStack::GratuitousArpCount refuses 101\n"
              "stack.gratuitousArpCount (GratuitousArpCount): "
              "ns3::zos::ZosStack::GratuitousArpCount refuses 1000\n");
    // A range the schema allows beyond what the attribute takes (retransTime was 0.001 s in
    // the schema, the linux model takes 10 ms at least: such a scenario stopped the run).
    EXPECT_EQ(ProblemsOf([](ScenarioJson& d) {
                  d["definitions"]["station"]["properties"]["retransTime"]["minimum"] = 0.001;
              }),
              "station.retransTime (RetransTime): ns3::zos::LinuxStationArp::RetransTime "
              "refuses 0.001\n");
    // A number for an integer attribute (the checker would truncate 2.5).
    EXPECT_NE(ProblemsOf([](ScenarioJson& d) {
                  StackKey(d, "gratuitousArpCount")["type"] = "number";
              }).find("a number for ns3::UintegerValue"),
              std::string::npos);
    // A station model attribute no model has; an ArpCache attribute ArpCache lacks.
    EXPECT_EQ(ProblemsOf([](ScenarioJson& d) {
                  auto& p = d["definitions"]["station"]["properties"];
                  p["locktime"]["x-ns3-attribute"] = "LockTime";
                  p["maxRetries"]["x-ns3-attribute"] = "ns3::ArpCache::Retries";
                  p["deadTimeout"]["x-ns3-attribute"] = "ns3::ArpL3Protocol::DeadTimeout";
              }),
              "station.deadTimeout (ns3::ArpL3Protocol::DeadTimeout): no target "
              "ns3::ArpL3Protocol for station settings\n"
              "station.maxRetries (ns3::ArpCache::Retries): ns3::ArpCache has no attribute "
              "Retries\n"
              "station.locktime (LockTime): no station type has attribute LockTime\n");
    // An annotation where no runner code applies it.
    EXPECT_EQ(ProblemsOf([](ScenarioJson& d) {
                  d["definitions"]["lan"]["properties"]["delayUs"]["x-ns3-attribute"] = "Delay";
              }),
              "/definitions/lan/properties/delayUs: x-ns3-attribute outside the settings of a "
              "stack or a station (nothing applies it)\n");
    // A setting needs a default (the run must not depend on the attribute's own).
    EXPECT_THROW(ScenarioSchema(EditedSchema(
                     [](ScenarioJson& d) { StackKey(d, "detectionDelay").erase("default"); })),
                 std::runtime_error);
}

// Values go through the attribute's checker, without losing precision.
TEST(ScenarioAttributes, ValuesGoThroughTheChecker)
{
    const TypeId stack = ZosStack::GetTypeId();
    std::string error;
    // 0.123456789 s printed with the stream's default precision would be 0.123457 s.
    Ptr<AttributeValue> v =
        MakeSettingValue(stack, "DetectionDelay", ScenarioJson(0.123456789), &error);
    ASSERT_TRUE(v) << error;
    EXPECT_EQ(DynamicCast<TimeValue>(v)->Get(), Seconds(0.123456789));
    EXPECT_EQ(DynamicCast<TimeValue>(v)->Get().GetNanoSeconds(), 123456789);
    v = MakeSettingValue(stack, "DetectionDelay", ScenarioJson(0.1 + 0.2), &error);
    EXPECT_EQ(DynamicCast<TimeValue>(v)->Get(), Seconds(0.1 + 0.2));
    EXPECT_EQ(SettingText(ScenarioJson(0.1 + 0.2)), "0.30000000000000004");
    EXPECT_EQ(SettingText(ScenarioJson(2.0)), "2");
    // Enumerations by the scenario's names, which are the checker's.
    v = MakeSettingValue(stack, "GratuitousArpLossScope", ScenarioJson("receiver"), &error);
    ASSERT_TRUE(v) << error;
    EXPECT_EQ(DynamicCast<EnumValue>(v)->Get(), ZosStack::LOSS_RECEIVER);
    EXPECT_FALSE(
        MakeSettingValue(stack, "GratuitousArpLossScope", ScenarioJson("Receiver"), &error));
    EXPECT_EQ(error,
              "ns3::zos::ZosStack::GratuitousArpLossScope refuses \"Receiver\" (its names: "
              "frame|receiver)");
    v = MakeSettingValue(stack, "BackupPolicy", ScenarioJson("LowestName"), &error);
    EXPECT_EQ(DynamicCast<EnumValue>(v)->Get(),
              static_cast<int>(ArpOwnership::BackupPolicy::LowestName));
    v = MakeSettingValue(stack, "Pq26689", ScenarioJson(false), &error);
    EXPECT_FALSE(DynamicCast<BooleanValue>(v)->Get());
    v = MakeSettingValue(stack, "GratuitousArpCount", ScenarioJson(7u), &error);
    EXPECT_EQ(DynamicCast<UintegerValue>(v)->Get(), 7u);
    EXPECT_FALSE(MakeSettingValue(stack, "GratuitousArpCount", ScenarioJson(2.5), &error));
    EXPECT_FALSE(MakeSettingValue(stack, "GratuitousArpCount", ScenarioJson(101u), &error));
    EXPECT_FALSE(MakeSettingValue(stack, "NoSuchThing", ScenarioJson(1u), &error));
    EXPECT_EQ(error, "ns3::zos::ZosStack has no attribute NoSuchThing");
}

// The loader keeps each setting in its schema type and writes it back where it was.
TEST(ScenarioAttributes, SettingsKeepTheirSchemaType)
{
    ScenarioSettings settings("stack");
    EXPECT_EQ(settings.Get("gratuitousArpInterval"), ScenarioJson(1.0)); // default 1 in the schema
    EXPECT_TRUE(settings.Get("gratuitousArpInterval").is_number_float());
    settings.Set("detectionDelay", 2);
    settings.Set("gratuitousArpCount", 3.0);
    settings.Set("fixes.PQ26689", false);
    ScenarioJson out = ScenarioJson::object();
    settings.Write(out);
    EXPECT_EQ(out.dump(),
              "{\"fixes\":{\"PQ23444\":true,\"PQ26689\":false},\"detectionDelay\":2.0,"
              "\"learningTime\":0.01,\"gratuitousArpCount\":3,\"gratuitousArpInterval\":1.0,"
              "\"gratuitousArpLoss\":0.0,\"gratuitousArpLossScope\":\"frame\","
              "\"vipaGiveBack\":false,\"backupPolicy\":\"LongestActive\","
              "\"vipaOwnerPolicy\":\"FirstActive\"}");
    EXPECT_THROW(settings.Set("detectionDelai", 1.0), std::out_of_range);
    EXPECT_THROW(settings.Number("fixes"), std::out_of_range);
    EXPECT_THROW(settings.Set("backupPolicy", 1.0), nlohmann::json::type_error);
}

// The runner gives every setting to its attribute: the stack's, the linux model's (not the
// other models'), the ArpCache's.
TEST(ScenarioAttributes, RunnerSetsTheAttributes)
{
    Scenario sc = Seed001({"duration=2",
                           "events[0].at=1.5",
                           "stacks[0].detectionDelay=0.123456789",
                           "stacks[0].gratuitousArpLossScope=receiver",
                           "stacks[0].vipaOwnerPolicy=LowestName",
                           "stacks[0].fixes.PQ26689=false",
                           "stacks[0].gratuitousArpCount=4",
                           "stations[0].aliveTimeout=33.5",
                           "stations[0].locktime=7",
                           "stations[2].locktime=2.25",
                           "stations[2].gratuitousOverridesLocktime=false"});
    ASSERT_EQ(sc.stations[0].arp, "rfc826");
    ASSERT_EQ(sc.stations[2].arp, "linux");
    bool observed = false;
    ScenarioRunner runner(sc);
    runner.SetBuildObserver([&](ScenarioRunner& r) {
        observed = true;
        Ptr<ZosStack> stack = r.GetStack("TCPIPA");
        TimeValue t;
        stack->GetAttribute("DetectionDelay", t);
        EXPECT_EQ(t.Get().GetNanoSeconds(), 123456789);
        EnumValue e;
        stack->GetAttribute("GratuitousArpLossScope", e);
        EXPECT_EQ(e.Get(), ZosStack::LOSS_RECEIVER);
        stack->GetAttribute("VipaOwnerPolicy", e);
        EXPECT_EQ(e.Get(), static_cast<int>(ArpOwnership::VipaOwnerPolicy::LowestName));
        BooleanValue b;
        stack->GetAttribute("Pq26689", b);
        EXPECT_FALSE(b.Get());
        stack->GetAttribute("Pq23444", b);
        EXPECT_TRUE(b.Get());
        UintegerValue u;
        stack->GetAttribute("GratuitousArpCount", u);
        EXPECT_EQ(u.Get(), 4u);

        Ptr<Node> client1 = r.GetStation("CLIENT1");
        Ptr<ArpCache> cache = client1->GetObject<Ipv4L3Protocol>()->GetInterface(1)->GetArpCache();
        EXPECT_EQ(cache->GetAliveTimeout(), Seconds(33.5));
        EXPECT_EQ(cache->GetDeadTimeout(), Seconds(100)); // the schema's default
        Ptr<LinuxStationArp> linuxModel = r.GetStation("CLIENT3")->GetObject<LinuxStationArp>();
        ASSERT_TRUE(linuxModel);
        linuxModel->GetAttribute("Locktime", t);
        EXPECT_EQ(t.Get(), Seconds(2.25));
        linuxModel->GetAttribute("GratuitousOverridesLocktime", b);
        EXPECT_FALSE(b.Get());
        linuxModel->GetAttribute("RetransTime", t);
        EXPECT_EQ(t.Get(), Seconds(1)); // the schema's default
        // The rfc826 model has no Locktime: CLIENT1's locktime changes nothing.
        EXPECT_FALSE(client1->GetObject<LinuxStationArp>());
    });
    runner.Run();
    EXPECT_TRUE(observed);
}

} // namespace
