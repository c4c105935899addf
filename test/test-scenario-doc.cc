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
PagePath()
{
    return SourceDir() + "/doc/scenario-format.rst";
}

std::string
Page()
{
    return ReadFile(PagePath());
}

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

// ------------------------------------------------------------------------------------------
// Code blocks
// ------------------------------------------------------------------------------------------

struct CodeBlock
{
    size_t line;       //!< 1-based line of the directive
    std::string check; //!< the ".. check:" comment before it ("" if none)
    std::string language;
    std::string text; //!< without the indentation
};

std::vector<CodeBlock>
CodeBlocks(const std::string& page)
{
    std::vector<std::string> lines;
    std::istringstream in(page);
    for (std::string l; std::getline(in, l);)
    {
        lines.push_back(l);
    }
    std::vector<CodeBlock> blocks;
    std::string check;
    for (size_t i = 0; i < lines.size(); ++i)
    {
        const std::string& l = lines[i];
        if (l.rfind(".. check: ", 0) == 0)
        {
            check = l.substr(10);
            continue;
        }
        if (l.rfind(".. code-block:: ", 0) != 0)
        {
            if (!l.empty())
            {
                check.clear(); // a check comment applies to the next block only
            }
            continue;
        }
        CodeBlock b{i + 1, check, l.substr(16), ""};
        check.clear();
        size_t j = i + 1;
        while (j < lines.size() && (lines[j].empty() || lines[j].rfind("   :", 0) == 0))
        {
            ++j;
        }
        size_t indent = j < lines.size() ? lines[j].find_first_not_of(' ') : 0;
        for (; j < lines.size() && (lines[j].empty() || lines[j].find_first_not_of(' ') >= indent);
             ++j)
        {
            b.text += (lines[j].empty() ? "" : lines[j].substr(indent)) + "\n";
        }
        while (b.text.size() >= 2 && b.text.substr(b.text.size() - 2) == "\n\n")
        {
            b.text.pop_back();
        }
        i = j - 1;
        blocks.push_back(b);
    }
    return blocks;
}

/// The same scenario with a short duration: up to the last event or display, plus 5 s.
Scenario
Shortened(const std::string& text)
{
    Scenario s = ParseScenario(text, "example.json");
    double end = 5;
    for (const EventSpec& e : s.events)
    {
        end = std::max(end, e.at + 5);
    }
    for (double t : s.devlinksAt)
    {
        end = std::max(end, t);
    }
    if (end >= s.duration)
    {
        return s;
    }
    std::ostringstream d;
    d << "/duration=" << end;
    return ParseScenario(text, "example.json", {d.str()});
}

/// A schema whose root is one definition of the scenario schema.
std::unique_ptr<ScenarioSchema>
DefinitionSchema(const std::string& definition)
{
    Json root = Json::object();
    root["$schema"] = "http://json-schema.org/draft-07/schema#";
    root["$ref"] = "#/definitions/" + definition;
    root["definitions"] = ScenarioSchema::Get().Document()["definitions"];
    if (!root["definitions"].contains(definition))
    {
        return nullptr;
    }
    return std::make_unique<ScenarioSchema>(root.dump());
}

/// "a b 'c d'" -> {"a", "b", "c d"} (single or double quotes, no escapes).
std::vector<std::string>
ShellWords(const std::string& line)
{
    std::vector<std::string> words;
    std::string word;
    bool inWord = false;
    char quote = 0;
    for (char c : line)
    {
        if (quote != 0)
        {
            if (c == quote)
            {
                quote = 0;
            }
            else
            {
                word += c;
            }
        }
        else if (c == '\'' || c == '"')
        {
            quote = c;
            inWord = true;
        }
        else if (c == ' ')
        {
            if (inWord)
            {
                words.push_back(word);
            }
            word.clear();
            inWord = false;
        }
        else
        {
            word += c;
            inWord = true;
        }
    }
    if (inWord)
    {
        words.push_back(word);
    }
    return words;
}

/**
 * What a "$ ./zos-takeover run ARGS" line gives when loaded as the tool loads it (without
 * running): "" if the scenario loads, else the error line with paths relative to the
 * source tree, as the page shows them.
 */
std::string
Outcome(const std::string& command)
{
    std::vector<std::string> words = ShellWords(command);
    if (words.size() < 3 || words[0] != "$" || words[1] != "./zos-takeover" || words[2] != "run")
    {
        return "not a './zos-takeover run' command";
    }
    std::string file = "scenarios/seed-001-osa1-osa4.json";
    std::vector<std::string> sets;
    ScenarioLimits limits;
    for (size_t i = 3; i < words.size(); ++i)
    {
        const std::string& w = words[i];
        if (w == "--set" && i + 1 < words.size())
        {
            sets.push_back(words[++i]);
        }
        else if (w == "--max-work" && i + 1 < words.size())
        {
            limits.maxWork = std::stod(words[++i]);
        }
        else if (!w.empty() && w[0] != '-')
        {
            file = w;
        }
        else
        {
            return "option the test does not know: " + w;
        }
    }
    try
    {
        LoadScenario(SourceDir() + "/" + file, sets, limits);
        return "";
    }
    catch (const ScenarioError& e)
    {
        std::string line = e.what();
        const std::string prefix = SourceDir() + "/";
        if (line.rfind(prefix, 0) == 0)
        {
            line = line.substr(prefix.size());
        }
        return line;
    }
}

/// Findings of one checked block ("" if it is what it claims).
std::string
CheckBlock(const CodeBlock& b, bool run)
{
    std::ostringstream problems;
    const std::string where = "line " + std::to_string(b.line) + ": ";
    if (b.check == "scenario")
    {
        try
        {
            Scenario s = Shortened(b.text);
            if (run)
            {
                RunResult r = ScenarioRunner(s).Run();
                if (!r.warnings.empty())
                {
                    problems << where << "warning: " << r.warnings.front() << "\n";
                }
                if (!s.events.empty() && r.outages.empty())
                {
                    problems << where << "no outage rows\n";
                }
            }
        }
        catch (const std::exception& e)
        {
            problems << where << e.what() << "\n";
        }
    }
    else if (b.check.rfind("definition ", 0) == 0)
    {
        auto schema = DefinitionSchema(b.check.substr(11));
        if (!schema)
        {
            problems << where << "no definition " << b.check.substr(11) << "\n";
        }
        else
        {
            try
            {
                Json parts = Json::parse(b.text);
                if (!parts.is_array())
                {
                    parts = Json::array({parts});
                }
                for (size_t i = 0; i < parts.size(); ++i)
                {
                    if (auto p = schema->Validate(parts[i]))
                    {
                        problems << where << "part " << i << ": " << FormatPointer(p->pointer)
                                 << ": " << p->reason << "\n";
                    }
                }
            }
            catch (const std::exception& e)
            {
                problems << where << e.what() << "\n";
            }
        }
    }
    else if (b.check == "transcript")
    {
        std::vector<std::string> lines;
        std::istringstream in(b.text);
        for (std::string l; std::getline(in, l);)
        {
            lines.push_back(l);
        }
        for (size_t i = 0; i < lines.size(); ++i)
        {
            if (lines[i].rfind("$ ", 0) != 0)
            {
                problems << where << "output without a command: " << lines[i] << "\n";
                continue;
            }
            bool hasOutput = i + 1 < lines.size() && lines[i + 1].rfind("$ ", 0) != 0;
            const std::string expected = hasOutput ? lines[i + 1] : "";
            const std::string got = Outcome(lines[i]);
            if (got != expected)
            {
                problems << where << lines[i] << "\n  page: " << expected << "\n  got:  " << got
                         << "\n";
            }
            i += hasOutput ? 1 : 0;
        }
    }
    else
    {
        problems << where << "a " << b.language << " block without a known '.. check:' comment ("
                 << (b.check.empty() ? "none" : b.check) << ")\n";
    }
    return problems.str();
}

TEST(ScenarioDoc, EveryCodeBlockIsChecked)
{
    std::vector<CodeBlock> blocks = CodeBlocks(Page());
    std::map<std::string, int> kinds;
    for (const CodeBlock& b : blocks)
    {
        ++kinds[b.check.substr(0, b.check.find(' '))];
        if (b.check.empty())
        {
            ADD_FAILURE() << "line " << b.line << ": code block without a '.. check:' comment";
        }
    }
    EXPECT_GE(kinds["scenario"], 1);
    EXPECT_GE(kinds["definition"], 1);
    EXPECT_GE(kinds["transcript"], 3);
}

TEST(ScenarioDoc, ExamplesLoadAndRun)
{
    for (const CodeBlock& b : CodeBlocks(Page()))
    {
        EXPECT_EQ(CheckBlock(b, true), "");
    }
}

// The checks fail on a broken example of each kind.
TEST(ScenarioDoc, BrokenExamplesAreCaught)
{
    std::vector<CodeBlock> blocks = CodeBlocks(Page());
    auto first = [&](const std::string& kind) {
        for (const CodeBlock& b : blocks)
        {
            if (b.check.rfind(kind, 0) == 0)
            {
                return b;
            }
        }
        ADD_FAILURE() << "no " << kind << " block";
        return CodeBlock{};
    };
    CodeBlock scenario = first("scenario");
    scenario.text.replace(scenario.text.find("\"LAN2\""), 6, "\"LAN9\"");
    EXPECT_NE(CheckBlock(scenario, false).find("unknown LAN \"LAN2\""), std::string::npos)
        << CheckBlock(scenario, false);
    CodeBlock part = first("definition");
    part.text.replace(part.text.find('{'), 1, "{\"colour\": \"red\", ");
    EXPECT_NE(CheckBlock(part, false).find("unknown key \"colour\""), std::string::npos)
        << CheckBlock(part, false);
    CodeBlock transcript = first("transcript");
    transcript.text.replace(transcript.text.find("expected"), 8, "allowed");
    EXPECT_NE(CheckBlock(transcript, false).find("page:"), std::string::npos);
    CodeBlock unchecked = part;
    unchecked.check = "";
    EXPECT_NE(CheckBlock(unchecked, false), "");
}

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
    R"(^duplicate (LAN|stack|link|station) name ".*" \(expected unique \1 names; also at /.*\)$)",
    R"(^unknown (LAN|stack|link) ".*" \(expected one of .*\)$)",
    R"(^duplicate address [0-9.]+ \(expected each address once; also at /.*\)$)",
    R"(^got ".*", the (network|broadcast) address of its prefix \(expected a host address\)$)",
    R"(^got ".*", which has host bits set \(expected a network: [0-9./]+\)$)",
    R"(^got ".*" \(expected a data rate in \[1bps, 1000Gbps\]\)$)",
    R"(^got \S+ \(expected a time <=? duration, \S+\)$)",
    R"(^station name ".*" is also a stack name \(expected names distinct from stack names\)$)",
    R"(^no stack owns address [0-9.]+ \(expected a HOME address, VIPA or vipaAdd address\)$)",
    R"(^duplicate target [0-9.]+ \(expected each target once; also at /.*\)$)",
    R"(^got \S+ \(expected -1 or a time > start, \S+\)$)",
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
