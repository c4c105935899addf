/*
 * zos-takeover: tests that keep the reference page (doc/scenario-format.rst), the schema
 * (scenarios/scenario.schema.json) and the loader (helper/scenario.cc) in step (issue 8.6):
 *  - the page is what the generator makes of its template and the schema (also the ctest
 *    scenario-doc-current, which runs zos-takeover-schema-doc --check);
 *  - every key of every object of the schema is in its table, with a description;
 *  - every code block of the page is checked: whole scenarios load and run, parts are valid
 *    against their definition, transcripts give exactly the lines shown;
 *  - every shipped scenario is valid against the schema and loads;
 *  - a bad case the schema accepts fails the loader only in a cross-check, and a bad case
 *    the schema rejects fails with the schema's own line.
 * Each check is a function returning its findings, so that the tests can show it fails.
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

std::string
Generated(const ScenarioSchema& schema = ScenarioSchema::Get())
{
    return GenerateScenarioDoc(schema, ReadFile(SourceDir() + "/doc/scenario-format.rst.in"));
}

std::string
Join(const std::vector<std::string>& items)
{
    std::string out;
    for (const std::string& s : items)
    {
        out += s + "\n";
    }
    return out;
}

/// The object definitions of a schema with properties: "" (top level), "lan", ...
std::vector<std::string>
ObjectDefinitions(const ScenarioSchema& schema)
{
    std::vector<std::string> names{""};
    for (auto it = schema.Document()["definitions"].begin();
         it != schema.Document()["definitions"].end();
         ++it)
    {
        if (it.value().contains("properties"))
        {
            names.push_back(it.key());
        }
    }
    return names;
}

const Json&
ObjectNode(const ScenarioSchema& schema, const std::string& definition)
{
    return definition.empty() ? schema.Document() : schema.Document()["definitions"][definition];
}

// ------------------------------------------------------------------------------------------
// Keys
// ------------------------------------------------------------------------------------------

/**
 * Keys of the schema missing from their table in `page`: "lan/kind" (definition/key;
 * "/name" for the top level), or "lan/" for a whole table. A table is what follows the
 * comment ".. schema: #/definitions/NAME" up to the next such comment or heading.
 */
std::vector<std::string>
MissingKeys(const ScenarioSchema& schema, const std::string& page)
{
    std::vector<std::string> missing;
    for (const std::string& definition : ObjectDefinitions(schema))
    {
        const std::string comment =
            ".. schema: " + (definition.empty() ? "#" : "#/definitions/" + definition) + "\n";
        size_t begin = page.find(comment);
        if (begin == std::string::npos)
        {
            missing.push_back(definition + "/");
            continue;
        }
        size_t end = page.find(".. schema: ", begin + comment.size());
        size_t heading = page.find("\n~~~", begin);
        end = std::min(end, heading);
        const std::string table = page.substr(begin, end == std::string::npos ? end : end - begin);
        const Json& node = ObjectNode(schema, definition);
        for (auto it = node["properties"].begin(); it != node["properties"].end(); ++it)
        {
            if (table.find("   * - ``" + it.key() + "``\n") == std::string::npos)
            {
                missing.push_back(definition + "/" + it.key());
            }
        }
    }
    return missing;
}

TEST(ScenarioDoc, PageIsGeneratedFromTheSchema)
{
    EXPECT_TRUE(Page() == Generated())
        << PagePath() << " is stale: edit doc/scenario-format.rst.in or "
        << "scenarios/scenario.schema.json, never the page, and run ./zos-takeover doc";
}

TEST(ScenarioDoc, EveryKeyIsInItsTable)
{
    const std::string page = Page();
    EXPECT_EQ(Join(MissingKeys(ScenarioSchema::Get(), page)), "");
    // At least the objects the format has.
    EXPECT_GE(ObjectDefinitions(ScenarioSchema::Get()).size(), 10u);

    // The check fails when a key's row is gone, or a table.
    std::string noDelay = page;
    size_t row = noDelay.find("   * - ``detectionDelay``\n");
    ASSERT_NE(row, std::string::npos);
    noDelay.replace(row, 26, "   * - ``detectionDelays``\n");
    EXPECT_EQ(Join(MissingKeys(ScenarioSchema::Get(), noDelay)), "stack/detectionDelay\n");
    std::string noProbe = page;
    size_t comment = noProbe.find(".. schema: #/definitions/probe\n");
    ASSERT_NE(comment, std::string::npos);
    noProbe.replace(comment, 11, ".. table: ");
    EXPECT_EQ(Join(MissingKeys(ScenarioSchema::Get(), noProbe)), "probe/\n");
}

TEST(ScenarioDoc, EveryKeyHasADescription)
{
    const ScenarioSchema& schema = ScenarioSchema::Get();
    for (const std::string& definition : ObjectDefinitions(schema))
    {
        const Json& node = ObjectNode(schema, definition);
        for (auto it = node["properties"].begin(); it != node["properties"].end(); ++it)
        {
            const Json& resolved = schema.Resolve(it.value());
            EXPECT_TRUE(it.value().contains("description") || resolved.contains("description"))
                << "#/definitions/" << definition << "/properties/" << it.key();
        }
    }
}

// The page follows the schema: a key added to the schema appears in the page, and a
// changed description changes the page (so the staleness check sees every schema edit).
TEST(ScenarioDoc, PageFollowsSchemaEdits)
{
    Json doc = ScenarioSchema::Get().Document();
    doc["definitions"]["lan"]["properties"]["vlan"] = {{"type", "integer"},
                                                       {"minimum", 1},
                                                       {"maximum", 4094},
                                                       {"description", "The VLAN id."}};
    ScenarioSchema edited(doc.dump());
    const std::string page = Generated(edited);
    EXPECT_NE(page, Page());
    EXPECT_EQ(Join(MissingKeys(edited, page)), "");
    EXPECT_EQ(Join(MissingKeys(edited, Page())), "lan/vlan\n");
    EXPECT_NE(page.find("an integer in [1, 4094]"), std::string::npos);
    EXPECT_NE(page.find("The VLAN id."), std::string::npos);
}

// The ctest scenario-doc-current runs the generator with --check: it passes on the page and
// fails, naming the command to run, on a stale copy.
TEST(ScenarioDoc, StaleCheckFailsOnAChangedPage)
{
    const fs::path dir = fs::temp_directory_path() / ("zos-doc-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    const std::string stale = (dir / "scenario-format.rst").string();
    std::string page = Page();
    page.replace(page.find("Scenario files"), 14, "Scenario fyles");
    {
        std::ofstream out(stale);
        out << page;
    }
    const std::string tool = ZOS_SCHEMA_DOC_BINARY;
    const std::string err = (dir / "err").string();
    EXPECT_EQ(std::system((tool + " --check " + PagePath() + " 2>" + err).c_str()), 0)
        << ReadFile(err);
    int status = std::system((tool + " --check " + stale + " 2>" + err).c_str());
    EXPECT_NE(status, 0);
    EXPECT_NE(ReadFile(err).find("run ./zos-takeover doc"), std::string::npos) << ReadFile(err);
    fs::remove_all(dir);
}

} // namespace
