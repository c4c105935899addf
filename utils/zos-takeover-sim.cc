/*
 * zos-takeover-sim: run one scenario file and write what users measure.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ns3/csv-row-sink.h"
#include "ns3/nstime.h"
#include "ns3/output-writer.h"
#include "ns3/results-directory.h"
#include "ns3/scenario-runner.h"
#include "ns3/scenario.h"

#include <boost/program_options.hpp>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>

namespace po = boost::program_options;
using namespace ns3::zos;

namespace
{

std::string
NewResultsDir(const std::string& scenarioName)
{
    std::time_t now = std::time(nullptr);
    char stamp[32];
    std::strftime(stamp, sizeof(stamp), "%Y%m%d-%H%M%S", std::localtime(&now));
    std::string base = "results/" + scenarioName + "-" + stamp;
    std::string dir = base;
    for (int i = 2; std::filesystem::exists(dir); ++i)
    {
        dir = base + "-" + std::to_string(i);
    }
    return dir;
}

} // namespace

int
main(int argc, char** argv)
{
    // Until the resolution is set or the simulator first runs, ns-3 records every Time
    // object created in a set (so that a later SetResolution can convert it): one tree
    // insertion and erasure per Time built while the scenario's thousands of nodes and
    // devices are. Setting ns-3's default resolution once, first, ends that.
    ns3::Time::SetResolution(ns3::Time::NS);
    po::options_description visible(
        "zos-takeover-sim: simulate z/OS interface takeover for one scenario file\n\n"
        "Usage: zos-takeover-sim [SCENARIO.json] [options]\n\nOptions");
    std::string out;
    std::string statsFile;
    std::vector<std::string> sets;
    ScenarioLimits limits;
    visible.add_options()("help,h", "print this help and exit")(
        "out,o",
        po::value<std::string>(&out),
        "directory for summary.json, timeline.csv, probes.csv, outages.csv, devlinks.txt and "
        "pcaps: new, empty, or an earlier result of this tool, which is replaced once the new "
        "results are complete (default: a new folder under results/)")(
        "set,s",
        po::value<std::vector<std::string>>(&sets)->composing(),
        "override a scenario value before validation, PATH=VALUE, e.g. "
        "--set /stacks/0/detectionDelay=0.5 (a JSON pointer as error messages print it; "
        "repeatable)")(
        "max-work",
        po::value<double>(&limits.maxWork),
        "refuse scenarios whose estimated work (probe requests, start-up broadcasts and "
        "events) exceeds this; "
        "0 = no limit (default 5e7)")("pcap", "write one pcap per LAN into the output directory")(
        "quiet,q",
        "print nothing but errors and the output directory")(
        "validate",
        "check the scenario, print it as canonical JSON, do not run")(
        "stats",
        po::value<std::string>(&statsFile),
        "after the run, write the simulator events executed and the wall-clock seconds of "
        "the simulation to this JSON file (for benchmarks; not part of the results)");
    po::options_description hidden;
    // The seed-001 scenario: relative to the current directory when run from the project
    // root (as the README does), else from the source tree this program was built from.
    std::string scenarioFile = "scenarios/seed-001-osa1-osa4.json";
#ifdef ZOS_SOURCE_DIR
    if (!std::filesystem::exists(scenarioFile))
    {
        scenarioFile = std::string(ZOS_SOURCE_DIR) + "/" + scenarioFile;
    }
#endif
    hidden.add_options()("scenario", po::value<std::string>(&scenarioFile), "scenario file");
    po::options_description all;
    all.add(visible).add(hidden);
    po::positional_options_description positional;
    positional.add("scenario", 1);

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
    if (!(limits.maxWork >= 0) || !std::isfinite(limits.maxWork))
    {
        std::cerr << "zos-takeover: --max-work: got " << limits.maxWork
                  << " (expected 0 for no limit, or a positive number)\n";
        return 2;
    }
    if (vm.count("help"))
    {
        std::cout << visible << "\nWithout SCENARIO, runs " << scenarioFile << ".\n"
                  << "Exit status: 0 done, 2 bad input (one line on stderr naming the file, "
                     "the JSON path and the problem, or --out and what is wrong with it), 3 "
                     "could not write results (a write error or SIGINT/SIGTERM/SIGHUP: one line "
                     "on stderr, earlier results in --out untouched).\n";
        return 0;
    }

    if (vm.count("out"))
    {
        try
        {
            ResultsDirectory::CheckPath(out);
        }
        catch (const OutputDirError& e)
        {
            std::cerr << "zos-takeover: " << e.what() << "\n";
            return 2;
        }
    }

    Scenario scenario;
    try
    {
        scenario = LoadScenario(scenarioFile, sets, limits);
    }
    catch (const ScenarioError& e)
    {
        std::cerr << e.what() << "\n";
        return 2;
    }
    if (vm.count("validate"))
    {
        std::cout << ScenarioToJson(scenario) << "\n";
        return 0;
    }
    bool quiet = vm.count("quiet") != 0;
    if (!vm.count("out"))
    {
        out = NewResultsDir(scenario.name);
    }
    // Checked before the run; the results go to a temporary directory beside `out`, renamed
    // into place when complete.
    ResultsDirectory results;
    try
    {
        results.Open(out);
    }
    catch (const OutputDirError& e)
    {
        std::cerr << "zos-takeover: " << e.what() << "\n";
        return 2;
    }

    RunResult result;
    double wall = 0;
    try
    {
        ScenarioRunner runner(scenario);
        if (vm.count("pcap"))
        {
            for (const auto& lan : scenario.lans)
            {
                results.Register(lan.name + ".pcap");
            }
            runner.EnablePcap(results.GetTempPath());
        }
        // timeline.csv and probes.csv are written while the run goes, nothing of them kept
        // in memory; the probe sorter's temporary files (unlinked at once) go beside them.
        results.Register("timeline.csv");
        results.Register("probes.csv");
        CsvRowSink rows(results.GetTempPath());
        if (!rows.GetError().empty())
        {
            throw results.WriteError(rows.GetError());
        }
        runner.SetRowSink(&rows);
        runner.SetSortSpill(results.GetTempPath());
        auto started = std::chrono::steady_clock::now();
        result = runner.Run();
        wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        if (!runner.GetOutputError().empty())
        {
            throw results.WriteError(runner.GetOutputError());
        }
        for (const auto& file : OutputFiles())
        {
            if (!file.wanted || file.wanted(result))
            {
                results.Write(file.name, file.text(result));
            }
        }
        results.Commit();
    }
    catch (const OutputWriteError& e)
    {
        results.Abandon();
        std::cerr << "zos-takeover: " << e.what() << "\n";
        return 3;
    }

    for (const auto& w : result.warnings)
    {
        std::cerr << "warning: " << w << "\n";
    }
    if (!statsFile.empty())
    {
        std::ofstream stats(statsFile);
        stats << "{\"events\": " << result.events
              << ", \"simulate_wall_s\": " << std::setprecision(6) << wall
              << ", \"simulated_s\": " << scenario.duration << "}\n";
        if (!stats)
        {
            std::cerr << "zos-takeover: --stats: cannot write " << statsFile << "\n";
            return 3;
        }
    }
    if (!quiet)
    {
        std::cout << "Scenario " << scenario.name << " (" << scenario.file << "), seed "
                  << scenario.seed << ", " << scenario.duration << " s simulated in " << std::fixed
                  << std::setprecision(2) << wall << " s\n\n";
        std::cout << DevlinksText(result);
        std::cout << OutageTable(result) << TcpTable(result) << "\n";
    }
    std::cout << "Results in " << out
              << "/ (summary.json, timeline.csv, probes.csv, outages.csv, devlinks.txt"
              << (result.tcp.empty() ? "" : ", tcp.csv") << (vm.count("pcap") ? ", *.pcap" : "")
              << ")\n";
    return 0;
}
