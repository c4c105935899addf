/*
 * zos-takeover: results are never half-written (issue 8.4). The zos-takeover-sim binary is
 * run as a user runs it: --out is checked before the run (exit 2, nothing created), results
 * replace an earlier result only when complete, a write error or a signal exits 3 and leaves
 * the earlier results and no temporary files.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "zos-test-util.h"

#include <algorithm>
#include <chrono>
#include <csignal>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <gtest/gtest.h>
#include <nlohmann/json.hpp>
#include <set>
#include <sys/wait.h>
#include <thread>
#include <unistd.h>

using namespace zostest;
namespace fs = std::filesystem;

namespace
{

struct Outcome
{
    int status; //!< exit status, -1 when killed by a signal
    std::string out;
    std::string err;
};

/** A fresh scratch directory (removed first if a previous run left it). */
fs::path
Scratch(const std::string& name)
{
    fs::path p =
        fs::temp_directory_path() / ("zos-outputs-" + std::to_string(::getpid()) + "-" + name);
    fs::remove_all(p);
    fs::create_directories(p);
    return p;
}

/** Run zos-takeover-sim from the source directory; `prefix` is shell run before it. */
Outcome
Sim(const std::string& args, const std::string& prefix = "")
{
    fs::path io = Scratch("io");
    std::string cmd = "cd '" + SourceDir() + "' && " + prefix + " '" + ZOS_SIM_BINARY + "' " +
                      args + " >'" + (io / "out").string() + "' 2>'" + (io / "err").string() + "'";
    int raw = std::system(cmd.c_str());
    Outcome o{WIFEXITED(raw) ? WEXITSTATUS(raw) : -1,
              ReadFile((io / "out").string()),
              ReadFile((io / "err").string())};
    fs::remove_all(io);
    return o;
}

std::string
Quoted(const fs::path& p)
{
    return "'" + p.string() + "'";
}

/** The names in a directory, hidden ones included. */
std::set<std::string>
Names(const fs::path& dir)
{
    std::set<std::string> names;
    for (const auto& entry : fs::directory_iterator(dir))
    {
        names.insert(entry.path().filename().string());
    }
    return names;
}

/**
 * Every file under `dir` (relative path) with its size and a hash of its content: small
 * enough for gtest to print and diff when they differ (results may be megabytes).
 */
std::map<std::string, std::string>
Contents(const fs::path& dir)
{
    std::map<std::string, std::string> files;
    for (const auto& entry : fs::recursive_directory_iterator(dir))
    {
        if (entry.is_regular_file())
        {
            std::string text = ReadFile(entry.path().string());
            files[fs::relative(entry.path(), dir).string()] =
                std::to_string(text.size()) + " bytes, hash " +
                std::to_string(std::hash<std::string>()(text));
        }
    }
    return files;
}

size_t
Lines(const std::string& text)
{
    return std::count(text.begin(), text.end(), '\n');
}

bool
StartsWith(const std::string& text, const std::string& prefix)
{
    return text.rfind(prefix, 0) == 0;
}

/** An earlier result of the tool in `dir` (a short run). */
void
EarlierResult(const fs::path& dir, const std::string& extra = "")
{
    Outcome o = Sim("--quiet --set duration=25 " + extra + " --out " + Quoted(dir));
    ASSERT_EQ(o.status, 0) << o.err;
    ASSERT_TRUE(fs::exists(dir / ".zos-takeover-results"));
}

/** A PID that no longer runs (a child that exited and was reaped). */
pid_t
DeadPid()
{
    pid_t pid = ::fork();
    if (pid == 0)
    {
        ::_exit(0);
    }
    ::waitpid(pid, nullptr, 0);
    return pid;
}

TEST(Outputs, EmptyOutIsAnErrorAndCreatesNothing)
{
    // Run where a default results/ folder would appear.
    fs::path work = Scratch("empty-cwd");
    std::string scenario = SourceDir() + "/scenarios/seed-001-osa1-osa4.json";
    for (std::string options : {"--quiet --set duration=25", "--validate"})
    {
        fs::path io = Scratch("empty-io");
        std::string cmd = "cd " + Quoted(work) + " && '" + ZOS_SIM_BINARY + "' '" + scenario +
                          "' " + options + " --out '' >" + Quoted(io / "out") + " 2>" +
                          Quoted(io / "err");
        int raw = std::system(cmd.c_str());
        std::string err = ReadFile((io / "err").string());
        EXPECT_TRUE(WIFEXITED(raw) && WEXITSTATUS(raw) == 2) << options << ": " << raw;
        EXPECT_EQ(Lines(err), 1u) << err;
        EXPECT_TRUE(StartsWith(err, "zos-takeover: --out \"\": the path is empty (")) << err;
        EXPECT_TRUE(ReadFile((io / "out").string()).empty());
        EXPECT_TRUE(Names(work).empty()) << options;
        fs::remove_all(io);
    }
    fs::remove_all(work);
}

TEST(Outputs, RegularFileIsRefusedUntouched)
{
    fs::path parent = Scratch("file");
    fs::path file = parent / "notes.txt";
    std::ofstream(file) << "mine\n";
    Outcome o = Sim("--quiet --set duration=25 --out " + Quoted(file));
    EXPECT_EQ(o.status, 2);
    EXPECT_EQ(Lines(o.err), 1u) << o.err;
    EXPECT_TRUE(StartsWith(o.err, "zos-takeover: --out " + file.string() + ": is a file")) << o.err;
    EXPECT_TRUE(o.out.empty());
    EXPECT_EQ(ReadFile(file.string()), "mine\n");
    EXPECT_EQ(Names(parent), std::set<std::string>{"notes.txt"});
    // ... and as a parent
    o = Sim("--quiet --set duration=25 --out " + Quoted(file / "res"));
    EXPECT_EQ(o.status, 2);
    EXPECT_EQ(Lines(o.err), 1u) << o.err;
    EXPECT_TRUE(StartsWith(o.err, "zos-takeover: --out " + (file / "res").string() + ": "))
        << o.err;
    EXPECT_EQ(ReadFile(file.string()), "mine\n");
    EXPECT_EQ(Names(parent), std::set<std::string>{"notes.txt"});
    fs::remove_all(parent);
}

TEST(Outputs, ForeignDirectoryIsRefusedUntouched)
{
    // Not empty, and not written by the tool (no marker): e.g. someone's data, or results
    // files copied by hand.
    fs::path parent = Scratch("foreign");
    fs::path dir = parent / "data";
    fs::create_directories(dir);
    std::ofstream(dir / "summary.json") << "{}\n";
    std::ofstream(dir / "notes.txt") << "mine\n";
    auto before = Contents(dir);
    Outcome o = Sim("--quiet --set duration=25 --out " + Quoted(dir));
    EXPECT_EQ(o.status, 2);
    EXPECT_EQ(Lines(o.err), 1u) << o.err;
    EXPECT_TRUE(StartsWith(o.err, "zos-takeover: --out " + dir.string() + ": is not empty"))
        << o.err;
    EXPECT_NE(o.err.find(".zos-takeover-results"), std::string::npos) << o.err;
    EXPECT_EQ(Contents(dir), before);
    EXPECT_EQ(Names(parent), std::set<std::string>{"data"});
    fs::remove_all(parent);
}

TEST(Outputs, UnwritableParentIsRefusedBeforeTheRun)
{
    // Tests run as root, who may write anywhere permissions allow: /sys and /proc refuse new
    // directories whatever the permissions say.
    for (std::string dir : {"/sys/zos-takeover-test", "/proc/zos-takeover-test/res"})
    {
        auto started = std::chrono::steady_clock::now();
        Outcome o = Sim("--quiet --set duration=300 --out " + dir);
        double seconds =
            std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
        EXPECT_EQ(o.status, 2) << dir;
        EXPECT_EQ(Lines(o.err), 1u) << o.err;
        EXPECT_TRUE(StartsWith(o.err, "zos-takeover: --out " + dir + ": cannot create")) << o.err;
        EXPECT_TRUE(o.out.empty());
        EXPECT_LT(seconds, 2.0) << dir << ": refused after the run, not before";
    }
}

TEST(Outputs, EarlierResultIsReplacedAsAWhole)
{
    fs::path parent = Scratch("earlier");
    fs::path dir = parent / "res";
    EarlierResult(dir, "--pcap");
    ASSERT_TRUE(fs::exists(dir / "LAN1.pcap"));
    // Without --pcap, with a trailing slash: the whole earlier result goes.
    Outcome o = Sim("--quiet --set duration=30 --out " + Quoted(dir.string() + "/"));
    ASSERT_EQ(o.status, 0) << o.err;
    EXPECT_TRUE(o.err.empty()) << o.err;
    EXPECT_TRUE(StartsWith(o.out, "Results in " + dir.string())) << o.out;
    EXPECT_EQ(Lines(o.out), 1u) << o.out;
    EXPECT_EQ(Names(parent), std::set<std::string>{"res"});
    EXPECT_EQ(Names(dir),
              (std::set<std::string>{".zos-takeover-results",
                                     "summary.json",
                                     "timeline.csv",
                                     "probes.csv",
                                     "outages.csv",
                                     "devlinks.txt"}));
    auto j = nlohmann::json::parse(ReadFile((dir / "summary.json").string()));
    EXPECT_EQ(j["scenario"]["duration"], 30.0);
    EXPECT_EQ(ReadFile((dir / ".zos-takeover-results").string()),
              "zos-takeover-sim results, format 1\n");
    // An empty directory is taken too.
    fs::path empty = parent / "empty";
    fs::create_directories(empty);
    o = Sim("--quiet --set duration=25 --out " + Quoted(empty));
    EXPECT_EQ(o.status, 0) << o.err;
    EXPECT_TRUE(fs::exists(empty / "summary.json"));
    EXPECT_EQ(Names(parent), (std::set<std::string>{"res", "empty"}));
    fs::remove_all(parent);
}

TEST(Outputs, WriteErrorExitsThreeAndLeavesTheEarlierResult)
{
    // A file size limit makes a write fail (EFBIG) whoever runs the test: probes.csv
    // (hundreds of kB) and the pcaps go beyond it, summary.json (16 kB) does not.
    fs::path parent = Scratch("write-error");
    fs::path dir = parent / "res";
    EarlierResult(dir);
    auto before = Contents(dir);
    for (std::string pcap : {"", "--pcap "})
    {
        Outcome o =
            Sim(pcap + "--quiet --set duration=40 --out " + Quoted(dir), "ulimit -f 100 &&");
        EXPECT_EQ(o.status, 3) << pcap << o.err;
        EXPECT_EQ(Lines(o.err), 1u) << o.err;
        std::string prefix = "zos-takeover: cannot write results to " + dir.string() + ": ";
        EXPECT_TRUE(StartsWith(o.err, prefix)) << o.err;
        EXPECT_NE(o.err.find(pcap.empty() ? "probes.csv: File too large" : ".pcap: File too large"),
                  std::string::npos)
            << o.err;
        EXPECT_TRUE(o.out.empty()) << o.out;
        EXPECT_EQ(Contents(dir), before) << pcap;
        EXPECT_EQ(Names(parent), std::set<std::string>{"res"}) << pcap;
    }
    // Into a new directory: nothing is left at all.
    fs::path fresh = parent / "new" / "res";
    Outcome o = Sim("--quiet --set duration=40 --out " + Quoted(fresh), "ulimit -f 100 &&");
    EXPECT_EQ(o.status, 3) << o.err;
    EXPECT_EQ(Names(parent), std::set<std::string>{"res"});
    fs::remove_all(parent);
}

/** Start the simulator (signals at their defaults), stdout/stderr into `io`. */
pid_t
Spawn(const std::vector<std::string>& args, const fs::path& io)
{
    pid_t pid = ::fork();
    if (pid == 0)
    {
        for (int sig : {SIGINT, SIGTERM, SIGHUP})
        {
            ::signal(sig, SIG_DFL);
        }
        sigset_t none;
        sigemptyset(&none);
        ::sigprocmask(SIG_SETMASK, &none, nullptr);
        int out = ::open((io / "out").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        int err = ::open((io / "err").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
        if (out < 0 || err < 0 || ::chdir(SourceDir().c_str()) != 0)
        {
            ::_exit(127);
        }
        ::dup2(out, 1);
        ::dup2(err, 2);
        std::vector<char*> argv;
        static std::string binary = ZOS_SIM_BINARY;
        argv.push_back(&binary[0]);
        std::vector<std::string> copy = args;
        for (auto& a : copy)
        {
            argv.push_back(&a[0]);
        }
        argv.push_back(nullptr);
        ::execv(binary.c_str(), argv.data());
        ::_exit(127);
    }
    return pid;
}

TEST(Outputs, SignalDuringTheRunExitsThreeAndLeavesTheEarlierResult)
{
    fs::path parent = Scratch("signal");
    fs::path dir = parent / "res";
    EarlierResult(dir);
    auto before = Contents(dir);
    for (int sig : {SIGTERM, SIGINT, SIGHUP})
    {
        fs::path io = Scratch("signal-io");
        // A long run, with pcaps: files created during the simulation.
        pid_t pid =
            Spawn({"--quiet", "--pcap", "--set", "duration=3000", "--out", dir.string()}, io);
        ASSERT_GT(pid, 0);
        fs::path pcap = parent / (".res.tmp-" + std::to_string(pid)) / "LAN1.pcap";
        int raw = 0;
        bool exited = false;
        auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
        while (!fs::exists(pcap) && std::chrono::steady_clock::now() < deadline && !exited)
        {
            exited = ::waitpid(pid, &raw, WNOHANG) == pid;
            std::this_thread::sleep_for(std::chrono::milliseconds(20));
        }
        EXPECT_TRUE(fs::exists(pcap)) << "no pcap in a temporary directory beside " << dir;
        std::this_thread::sleep_for(std::chrono::milliseconds(200)); // in the simulation
        if (!exited)
        {
            ::kill(pid, sig);
            ::waitpid(pid, &raw, 0);
        }
        std::string err = ReadFile((io / "err").string());
        EXPECT_TRUE(WIFEXITED(raw) && WEXITSTATUS(raw) == 3)
            << strsignal(sig) << ": raw status " << raw << " " << err;
        EXPECT_EQ(Lines(err), 1u) << err;
        EXPECT_EQ(err,
                  "zos-takeover: cannot write results to " + dir.string() + ": interrupted by " +
                      (sig == SIGTERM  ? "SIGTERM"
                       : sig == SIGINT ? "SIGINT"
                                       : "SIGHUP") +
                      "\n");
        EXPECT_TRUE(ReadFile((io / "out").string()).empty());
        EXPECT_EQ(Contents(dir), before) << strsignal(sig);
        EXPECT_EQ(Names(parent), std::set<std::string>{"res"}) << strsignal(sig);
        fs::remove_all(io);
    }
    fs::remove_all(parent);
}

TEST(Outputs, TemporariesOfDeadRunsAreRemovedByTheNextRun)
{
    fs::path parent = Scratch("stale");
    fs::path dir = parent / "res";
    // Left by a run killed with SIGKILL, and by one still running (this test's PID).
    std::string dead = ".res.tmp-" + std::to_string(DeadPid());
    std::string alive = ".res.tmp-" + std::to_string(::getpid());
    std::string other = ".other.tmp-" + std::to_string(DeadPid());
    for (const auto& name : {dead, alive, other})
    {
        fs::create_directories(parent / name);
        std::ofstream(parent / name / "probes.csv") << "partial\n";
    }
    Outcome o = Sim("--quiet --set duration=25 --out " + Quoted(dir));
    EXPECT_EQ(o.status, 0) << o.err;
    EXPECT_EQ(Names(parent), (std::set<std::string>{"res", alive, other}));

    // An earlier result set aside by a run killed while replacing it (where the file system
    // cannot exchange two directories) goes back into place: here the new run then fails.
    fs::remove_all(dir);
    std::string aside = ".res.old-" + std::to_string(DeadPid());
    fs::create_directories(parent / aside);
    std::ofstream(parent / aside / ".zos-takeover-results")
        << "zos-takeover-sim results, format 1\n";
    std::ofstream(parent / aside / "summary.json") << "{\"earlier\": true}\n";
    o = Sim("--quiet --set duration=40 --out " + Quoted(dir), "ulimit -f 100 &&");
    EXPECT_EQ(o.status, 3) << o.err;
    EXPECT_TRUE(ReadFile((dir / "summary.json").string()) == "{\"earlier\": true}\n");
    EXPECT_EQ(Names(parent), (std::set<std::string>{"res", alive, other}));
    fs::remove_all(parent);
}

} // namespace
