/*
 * zos-takeover: libFuzzer target for the scenario loader (issue 8, item 5).
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * The input is scenario text, optionally preceded by up to four lines "--set PATH=VALUE"
 * that are passed as overrides (JSON text never starts with '-', so the shipped scenarios
 * are seeds as they are). ParseScenario must either accept it or throw ScenarioError with a
 * one-line message (fuzz/scenario-message-check.h); what it accepts must have a canonical
 * form (ScenarioToJson) that is accepted and is its own canonical form. Anything else aborts,
 * which libFuzzer records as a crash: another exception type, a bad message, and (through
 * the sanitizers and libFuzzer's -timeout / -rss_limit_mb) memory errors, undefined
 * behaviour, hangs and memory blow-ups.
 *
 * Reproduce a finding: build-fuzz/scenario-fuzzer CRASH_FILE
 */

#include "scenario-message-check.h"
#include "scenario.h"

#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <exception>
#include <string>
#include <typeinfo>
#include <vector>

namespace
{

/// The file name given to ParseScenario (messages must start with it).
const char* const kFile = "fuzz-input.json";

/// Splits the leading "--set PATH=VALUE" lines off `text`.
std::vector<std::string>
TakeOverrides(std::string& text)
{
    static const std::string kSet = "--set ";
    std::vector<std::string> overrides;
    while (overrides.size() < 4 && text.compare(0, kSet.size(), kSet) == 0)
    {
        size_t end = text.find('\n');
        if (end == std::string::npos)
        {
            end = text.size();
        }
        overrides.push_back(text.substr(kSet.size(), end - kSet.size()));
        text.erase(0, end == text.size() ? end : end + 1);
    }
    return overrides;
}

[[noreturn]] void
Fail(const std::string& what)
{
    std::fprintf(stderr, "scenario-fuzzer: %s\n", what.c_str());
    std::fflush(stderr);
    std::abort();
}

} // namespace

extern "C" int
LLVMFuzzerTestOneInput(const uint8_t* data, size_t size)
{
    std::string text(reinterpret_cast<const char*>(data), size);
    const std::vector<std::string> overrides = TakeOverrides(text);
    try
    {
        const ns3::zos::Scenario accepted = ns3::zos::ParseScenario(text, kFile, overrides);
        // What is accepted has a canonical form that is accepted too, and is its own
        // canonical form (summary.json holds it: a user may run it again).
        const std::string canonical = ns3::zos::ScenarioToJson(accepted);
        std::string again;
        try
        {
            again = ns3::zos::ScenarioToJson(ns3::zos::ParseScenario(canonical, "canonical.json"));
        }
        catch (const ns3::zos::ScenarioError& e)
        {
            Fail("accepted, but its canonical form (ScenarioToJson) is refused: " +
                 zosfuzz::Printable(e.what()));
        }
        if (again != canonical)
        {
            Fail("accepted, but its canonical form is not stable: " +
                 zosfuzz::Printable(canonical, 2000) + " became " +
                 zosfuzz::Printable(again, 2000));
        }
    }
    catch (const ns3::zos::ScenarioError& e)
    {
        const std::string what = e.what();
        // A bad override is reported against "--set" (or whatever the loader names it).
        std::string problem = zosfuzz::MessageProblem(what, kFile);
        if (!problem.empty() && !overrides.empty() && !e.File().empty() && e.File() != kFile)
        {
            problem = zosfuzz::MessageProblem(what, e.File());
        }
        if (!problem.empty())
        {
            Fail("ScenarioError message " + problem + ": " + zosfuzz::Printable(what));
        }
    }
    catch (const std::exception& e)
    {
        Fail(std::string("exception other than ScenarioError: ") + typeid(e).name() + ": " +
             zosfuzz::Printable(e.what()));
    }
    catch (...)
    {
        Fail("non-standard exception thrown");
    }
    return 0;
}
