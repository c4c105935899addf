/*
 * zos-takeover: every shipped scenario is valid against the schema and loads; a bad case
 * the schema accepts fails the loader only in a cross-check (kCrossCheckReasons lists
 * their reasons), and a bad case the schema rejects fails with the schema's own line (see
 * test-scenario-doc.cc).
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */

#include "scenario-doc-test-util.h"
#include "scenario-doc.h"
#include "zos-test-util.h"

#include "ns3/scenario-json.h"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <gtest/gtest.h>
#include <iterator>
#include <regex>
#include <set>
#include <sstream>
#include <unistd.h>

using namespace zostest;
namespace fs = std::filesystem;

namespace
{

using Json = ScenarioJson;

// ------------------------------------------------------------------------------------------
// Shipped scenarios and bad cases
// ------------------------------------------------------------------------------------------

TEST(ScenarioDoc, ShippedScenariosAreValid)
{
    size_t n = 0;
    for (const auto& entry : fs::directory_iterator(SourceDir() + "/scenarios"))
    {
        const std::string name = entry.path().filename().string();
        if (entry.path().extension() != ".json" || name == "scenario.schema.json")
        {
            continue;
        }
        ++n;
        Json doc = Json::parse(ReadFile(entry.path().string()));
        MakeIntegralNumbersIntegers(doc); // as the loader does before validation
        auto problem = ScenarioSchema::Get().Validate(doc);
        EXPECT_FALSE(problem) << name << ": " << FormatPointer(problem->pointer) << ": "
                              << problem->reason;
        EXPECT_NO_THROW(LoadScenario(entry.path().string())) << name;
    }
    EXPECT_GE(n, 4u);
}

/// Reasons of the loader's cross-checks (helper/scenario.cc, CrossChecker; the doc's
/// "Cross-checks" section lists them).
const char* const kCrossCheckReasons[] = {
    R"(^duplicate (LAN|stack|link|station|router) name ".*" \(expected unique \1 names; also at /.*\)$)",
    R"(^unknown (LAN|stack|link) ".*" \(expected one of .*\)$)",
    R"(^duplicate address [0-9.]+ \(expected each address once; also at /.*\)$)",
    R"(^got ".*", the (network|broadcast) address of its prefix \(expected a host address\)$)",
    R"(^got ".*", which has host bits set \(expected a network: [0-9./]+\)$)",
    R"(^got ".*" \(expected a data rate in \[1bps, 1000Gbps\]\)$)",
    R"(^got \S+ \(expected a time <=? duration, \S+\)$)",
    R"(^station name ".*" is also a stack name \(expected names distinct from stack names\)$)",
    R"(^got true on a stack with rip true \(expected false: RIP adds the route to each link's subnet\)$)",
    R"(^set on a link of stack ".*", which does not run RIP \(expected rip true on the stack, or no ripInMetric\)$)",
    R"(^set on an interface of router ".*", which does not run RIP \(expected rip true on the router, or no ripInMetric\)$)",
    R"(^got \d+, but from \S+ only \d+ host addresses are left in its prefix \(expected at most that many stations\)$)",
    R"(^every share is 0 \(expected at least one share above 0\)$)",
    R"(^got \d+, which makes \d+ stations with the ones before \(expected at most \d+ stations in all, groups included\)$)",
    R"(^got ".*", which with the station numbers makes names of \d+ characters \(expected names of at most \d+ characters\)$)",
    R"(^router name ".*" is also a stack or station name \(expected names distinct from stack and station names\)$)",
    R"(^router ".*" has two interfaces on LAN ".*" \(expected one interface per LAN\)$)",
    R"(^LAN ".*" of CLAW link ".*" has \d+ other link\(s\) or station\(s\) and \d+ router interface\(s\) \(expected a LAN of its own, the channel: this link and at most one router interface\)$)",
    R"(^no stack owns address [0-9.]+ \(expected a HOME address, VIPA or vipaAdd address\)$)",
    R"(^duplicate target [0-9.]+ \(expected each target once; also at /.*\)$)",
    R"(^got \S+ \(expected -1 or a time > start, \S+\)$)",
    R"(^duplicate port name ".*" \(expected unique port names; also at /.*\)$)",
    R"(^unknown port ".*" \(expected one of .*\)$)",
    R"(^got ".*" for a link on shared port ".*" \(expected "LCS"\)$)",
    R"(^got ".*" \(expected ".*", the LAN of port ".*"\)$)",
    R"(^stack ".*" already uses port ".*" \(expected one link per stack on a port; also at /.*\)$)",
    R"(^unknown partition ".*" of port ".*": it has no link on the port \(expected one of .*\)$)",
    R"(^duplicate OAT address [0-9.]+ \(expected each address once per port; also at /.*\)$)",
    R"(^stack ".*" is already (PRIMARY|SECONDARY) on port ".*" \(expected one \1 stack per port; at /.*\)$)",
    R"(^estimated work \S+ probe requests, start-up broadcasts and events \(expected at most .*--max-work\)$)",
};

/// Reasons of reading (before the schema): syntax, duplicate keys, nesting, long strings.
const char* const kReadReasons[] = {
    R"(^invalid JSON: )",
    R"(^duplicate key ".*" \(expected each key once per object\)$)",
    R"(^JSON nested deeper than \d+ levels)",
    R"(^(string|key) of \d+ bytes \(expected at most \d+ bytes\)$)",
};

bool
Matches(const std::string& reason, const char* const* patterns, size_t n)
{
    for (size_t i = 0; i < n; ++i)
    {
        if (std::regex_search(reason, std::regex(patterns[i])))
        {
            return true;
        }
    }
    return false;
}

/**
 * Whether JSON text breaks a limit of reading (helper/scenario-json.cc): a key repeated in
 * an object (nlohmann would keep the last), nesting deeper than ScenarioLimits::kMaxDepth,
 * a string or key longer than ScenarioLimits::kMaxStringBytes.
 */
bool
BreaksReadingLimits(const std::string& text)
{
    struct Broken
    {
    };

    std::vector<std::set<std::string>> objects;
    size_t depth = 0;
    auto tooLong = [](const Json& s) {
        return s.is_string() &&
               s.get_ref<const std::string&>().size() > ScenarioLimits::kMaxStringBytes;
    };
    try
    {
        const Json document = Json::parse(text, [&](int, Json::parse_event_t event, Json& parsed) {
            switch (event)
            {
            case Json::parse_event_t::object_start:
            case Json::parse_event_t::array_start:
                if (++depth > ScenarioLimits::kMaxDepth)
                {
                    throw Broken{};
                }
                objects.emplace_back();
                break;
            case Json::parse_event_t::object_end:
            case Json::parse_event_t::array_end:
                --depth;
                objects.pop_back();
                break;
            case Json::parse_event_t::key:
                if (tooLong(parsed) || !objects.back().insert(parsed.get<std::string>()).second)
                {
                    throw Broken{};
                }
                break;
            case Json::parse_event_t::value:
                if (tooLong(parsed))
                {
                    throw Broken{};
                }
                break;
            }
            return true;
        });
        (void)document;
    }
    catch (const Broken&)
    {
        return true;
    }
    return false;
}

enum class Kind
{
    Read,
    Schema,
    CrossCheck
};

/**
 * Classify a rejected document and say what is wrong with the loader's line for it:
 * text that cannot be read must fail while reading; a document the schema rejects must
 * fail with the schema's problem; one the schema accepts may only fail a cross-check.
 * \param line the loader's line without "FILE: "
 * \return findings ("" if none)
 */
std::string
Classify(const std::string& text, const std::string& line, Kind& kind)
{
    const size_t colon = line.find(": ");
    const std::string reason = colon == std::string::npos ? line : line.substr(colon + 2);
    if (!Json::accept(text) || BreaksReadingLimits(text))
    {
        kind = Kind::Read;
        return Matches(reason, kReadReasons, std::size(kReadReasons))
                   ? ""
                   : "unreadable text, but not a reading error: " + line;
    }
    Json doc = Json::parse(text);
    MakeIntegralNumbersIntegers(doc); // as the loader does before validation
    if (auto problem = ScenarioSchema::Get().Validate(doc))
    {
        kind = Kind::Schema;
        const std::string schemaLine = FormatPointer(problem->pointer) + ": " + problem->reason;
        return line == schemaLine ? ""
                                  : "rejected by the schema as '" + schemaLine +
                                        "' but the loader says '" + line + "'";
    }
    kind = Kind::CrossCheck;
    return Matches(reason, kCrossCheckReasons, std::size(kCrossCheckReasons))
               ? ""
               : "accepted by the schema, rejected by the loader not in a cross-check: " + line +
                     " (a new cross-check? add it to kCrossCheckReasons and to the "
                     "Cross-checks section of doc/scenario-format.rst.in)";
}

TEST(ScenarioDoc, SchemaAcceptedBadCasesFailOnlyInCrossChecks)
{
    std::map<Kind, int> count;
    for (const auto& entry : fs::directory_iterator(DataDir() + "/bad"))
    {
        if (entry.path().extension() != ".json")
        {
            continue;
        }
        const std::string file = entry.path().string();
        std::string line;
        try
        {
            LoadScenario(file);
            ADD_FAILURE() << file << " loads";
            continue;
        }
        catch (const ScenarioError& e)
        {
            line = e.JsonPath() + ": " + e.Reason();
        }
        Kind kind = Kind::Read;
        EXPECT_EQ(Classify(ReadFile(file), line, kind), "") << entry.path().filename();
        ++count[kind];
    }
    std::cout << "bad cases: " << count[Kind::Read] << " fail while reading, "
              << count[Kind::Schema] << " in the schema, " << count[Kind::CrossCheck]
              << " in a cross-check\n";
    // Each kind has cases, so that the rule is not checked on nothing.
    EXPECT_GE(count[Kind::Read], 2);
    EXPECT_GE(count[Kind::Schema], 15);
    EXPECT_GE(count[Kind::CrossCheck], 15);
}

// The classification fails when the loader's line does not fit the kind.
TEST(ScenarioDoc, ClassificationCatchesMisplacedChecks)
{
    const std::string valid = ReadFile(SourceDir() + "/scenarios/seed-001-osa1-osa4.json");
    Kind kind = Kind::Read;
    // accepted by the schema: a range problem would be the schema's job
    EXPECT_NE(Classify(valid, "/duration: got 180.0 (expected a number in (0, 100])", kind), "");
    EXPECT_EQ(kind, Kind::CrossCheck);
    EXPECT_EQ(Classify(valid, "/events/0/at: got 180.0 (expected a time < duration, 180.0)", kind),
              "");
    // rejected by the schema: the loader's line must be the schema's
    std::string invalid = valid;
    invalid.replace(invalid.find("\"duration\": 180.0"), 17, "\"duration\": -1");
    EXPECT_NE(Classify(invalid, "/duration: must be positive", kind), "");
    EXPECT_EQ(kind, Kind::Schema);
    EXPECT_EQ(Classify(invalid, "/duration: got -1 (expected a number in (0, 1000000])", kind), "");
    // unreadable: only a reading error
    EXPECT_NE(Classify("{\"name\": 1, \"name\": 2}", "/name: got 2 (expected a name)", kind), "");
    EXPECT_EQ(kind, Kind::Read);
    EXPECT_NE(Classify(std::string(40, '[') + std::string(40, ']'), "/: got an array", kind), "");
    EXPECT_EQ(kind, Kind::Read);
}

} // namespace
