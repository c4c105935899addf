/*
 * zos-takeover: every code block of the scenario reference page (doc/scenario-format.rst)
 * is checked: whole scenarios load and run, parts are valid against their schema
 * definition, transcripts give exactly the lines shown (see test-scenario-doc.cc).
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

} // namespace
