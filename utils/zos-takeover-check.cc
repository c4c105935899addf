/*
 * zos-takeover-check: play random schedules (or given scenario files) and check the
 * takeover invariants on each (./zos-takeover check-schedules).
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ns3/scenario.h"
#include "ns3/schedule-checker.h"

#include <boost/program_options.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <map>

namespace po = boost::program_options;
using namespace ns3::zos;

int
main(int argc, char** argv)
{
    po::options_description visible(
        "zos-takeover-check: play random schedules of link activations, port failures and "
        "repairs, link stops and starts, stack failures and VIPA adds, and check the takeover "
        "invariants after every event\n\n"
        "Usage: zos-takeover-check [options] [SCENARIO.json ...]\n\nOptions");
    uint64_t schedules = 1000;
    uint64_t seed = 1;
    uint64_t first = 0;
    std::string out = "results/schedules";
    std::string invariants = ScheduleChecker::AllInvariants();
    std::vector<std::string> files;
    visible.add_options()("help,h", "print this help and exit")(
        "schedules,n",
        po::value<uint64_t>(&schedules)->default_value(schedules),
        "number of random schedules")(
        "seed",
        po::value<uint64_t>(&seed)->default_value(seed),
        "seed of the series (the same seed gives the same schedules on any machine)")(
        "first",
        po::value<uint64_t>(&first)->default_value(first),
        "index of the first schedule (to replay one: --first I --schedules 1)")(
        "out,o",
        po::value<std::string>(&out)->default_value(out),
        "directory for the scenario file of each failing schedule")(
        "invariants",
        po::value<std::string>(&invariants)->default_value(invariants),
        "the invariants to check, as letters (a-f, s; see below)")(
        "all",
        "print every violation, not only the first of each invariant")(
        "quiet,q",
        "print only the violations and the final count");
    po::options_description hidden;
    hidden.add_options()("scenario", po::value<std::vector<std::string>>(&files), "files");
    po::options_description all;
    all.add(visible).add(hidden);
    po::positional_options_description positional;
    positional.add("scenario", -1);
    po::variables_map vm;
    try
    {
        po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(),
                  vm);
        po::notify(vm);
    }
    catch (const po::error& e)
    {
        std::cerr << "zos-takeover: " << e.what() << " (see --help)\n";
        return 2;
    }
    if (vm.count("help"))
    {
        std::cout << visible << "\nInvariants:\n";
        for (char c : ScheduleChecker::AllInvariants())
        {
            std::cout << "  " << c << "  " << ScheduleChecker::Describe(c) << "\n";
        }
        std::cout << "\nWith SCENARIO files, checks those instead of random schedules.\n"
                     "A failing random schedule is written to DIR/<name>.json (rerun it with "
                     "./zos-takeover run FILE, or check it again with ./zos-takeover "
                     "check-schedules FILE); one line per violated invariant names the file.\n"
                     "Exit status: 0 no violation, 1 violations, 2 bad input.\n";
        return 0;
    }
    for (char c : invariants)
    {
        if (ScheduleChecker::AllInvariants().find(c) == std::string::npos)
        {
            std::cerr << "zos-takeover: --invariants: unknown invariant '" << c
                      << "' (expected letters of " << ScheduleChecker::AllInvariants() << ")\n";
            return 2;
        }
    }
    const bool quiet = vm.count("quiet") != 0;

    ScheduleChecker checker;
    checker.SetInvariants(invariants);
    ScheduleGenerator generator(seed);
    std::map<char, uint64_t> failing;   // invariant -> schedules violating it
    std::map<char, uint64_t> evaluated; // invariant -> conditions evaluated
    uint64_t failed = 0;
    uint64_t checked = 0;
    auto started = std::chrono::steady_clock::now();

    auto check = [&](const Scenario& scenario, const std::string& file, bool write) {
        ScheduleCheckResult result = checker.Check(scenario);
        ++checked;
        for (const auto& [c, count] : result.evaluated)
        {
            evaluated[c] += count;
        }
        if (result.violations.empty())
        {
            return;
        }
        ++failed;
        for (char c : result.Violated())
        {
            ++failing[c];
        }
        std::string path = file;
        if (write)
        {
            std::filesystem::create_directories(out);
            path = out + "/" + scenario.name + ".json";
            std::ofstream(path) << ScenarioToJson(scenario) << "\n";
        }
        if (vm.count("all"))
        {
            for (const InvariantViolation& v : result.violations)
            {
                std::cout << path << ": (" << v.invariant << ") at " << v.time << " s, " << v.stack
                          << ": " << v.text << "\n";
            }
        }
        else
        {
            std::cout << FormatViolations(path, result) << std::flush;
        }
    };

    try
    {
        if (!files.empty())
        {
            for (const std::string& file : files)
            {
                check(LoadScenario(file), file, false);
            }
        }
        else
        {
            for (uint64_t i = first; i < first + schedules; ++i)
            {
                Scenario scenario = generator.Generate(i);
                // What is written must load back: check the round trip before running.
                ParseScenario(ScenarioToJson(scenario), scenario.name);
                check(scenario, scenario.name, true);
                if (!quiet && (i - first + 1) % 100 == 0)
                {
                    std::cerr << "zos-takeover: " << (i - first + 1) << " of " << schedules
                              << " schedules checked, " << failed << " failing\n";
                }
            }
        }
    }
    catch (const ScenarioError& e)
    {
        std::cerr << e.what() << "\n";
        return 2;
    }
    catch (const std::exception& e)
    {
        std::cerr << "zos-takeover: " << e.what() << "\n";
        return 2;
    }

    double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
    std::cout << "Checked " << checked << (files.empty() ? " random schedules (seed " : " files (")
              << (files.empty() ? std::to_string(seed) : "given") << ") in " << std::fixed
              << std::setprecision(1) << wall << " s: " << failed << " failing";
    for (char c : invariants)
    {
        std::cout << (c == invariants.front() ? "; failing by invariant: " : ", ") << c << " "
                  << failing[c];
    }
    std::cout << "\n";
    if (!quiet)
    {
        std::cout << "Conditions evaluated:";
        for (char c : invariants)
        {
            std::cout << " " << c << " " << evaluated[c];
        }
        std::cout << "\n";
    }
    if (failed > 0 && files.empty())
    {
        std::cout << "Failing schedules written to " << out << "/\n";
    }
    return failed > 0 ? 1 : 0;
}
