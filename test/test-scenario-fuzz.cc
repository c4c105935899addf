/*
 * zos-takeover: structure-aware fuzzing of the scenario loader (issue 8, item 5).
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Every shipped scenario (the .json files in scenarios/ but the schema), as it is and in
 * canonical form (ScenarioToJson: every key present), is mutated ONE place at a time:
 * for every node of its JSON (each leaf, object and array, the root included) the value is
 * replaced by a wild number, an odd string (lengths, control characters, bidi overrides,
 * combining marks, emoji, lone surrogates, overlong UTF-8), a value of another type, or
 * nesting 100 and 100,000 deep; the key or element is removed; an object gets an unknown
 * (oddly named) key or a duplicate key; an array gets a duplicate element. For each mutant,
 * ParseScenario must either accept it or throw ScenarioError whose what() is one line
 * (fuzz/scenario-message-check.h: "FILE: ", no raw control character) and whose path part
 * names a place of the mutated document or the parent of one (a removed key). It must not
 * take more than 1 s of CPU. Accepted mutants are not simulated, but they must survive
 * ScenarioToJson and parse again; they are counted and the wild values accepted are listed.
 *
 * The mutants are enumerated deterministically and sampled: first one of each (field
 * pattern, mutation) pair, in a fixed pseudo-random order, then the others. Environment:
 *   ZOS_FUZZ_MUTANTS=N   how many (default 2500, 800 under ASan: about 15 s and 45 s;
 *                        "all" for every one, about 90,000)
 *   ZOS_FUZZ_SEED=S      another deterministic sample
 *   ZOS_FUZZ_VERBOSE=1   print every accepted wild value and every failure
 *   ZOS_FUZZ_EXCLUDE=T   skip the mutants whose label contains T (to get past a known bug)
 *   ZOS_FUZZ_SAVE_DIR=D  where failing mutants are written (default scenario-fuzz-failures/
 *                        in the working directory), to become test/data/bad cases
 *   ZOS_FUZZ_WATCHDOG_S=S  CPU seconds after which a mutant is a hang and the test stops (20)
 * A mutant that crashes or hangs is named on stderr before the process dies.
 */

#if __has_include("ns3/scenario.h")
#include "ns3/scenario.h"
#else
#include "scenario.h"
#endif

#include "../fuzz/scenario-message-check.h"
#include "scenario-error-path.h"
#include "scenario-mutants.h"
#include "zos-test-util.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <gtest/gtest.h>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <pthread.h>
#include <set>
#include <signal.h>
#include <sstream>
#include <string>
#include <thread>
#include <typeinfo>
#include <unistd.h>
#include <vector>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ZOS_FUZZ_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define ZOS_FUZZ_ASAN 1
#endif
#ifdef ZOS_FUZZ_ASAN
#include <sanitizer/common_interface_defs.h>
#endif

using namespace ns3::zos;
using Json = nlohmann::ordered_json;
using Clock = std::chrono::steady_clock;

namespace
{

using zostest::SourceDir;
using namespace zostest::fuzz;

std::string
EnvOr(const char* name, const std::string& fallback)
{
    const char* v = std::getenv(name);
    return v != nullptr && *v != '\0' ? std::string(v) : fallback;
}

// ---------------------------------------------------------------------------------------
// Crash and hang reporting
// ---------------------------------------------------------------------------------------

char g_current[1024];                //!< the mutant being parsed (for a dying process)
std::atomic<int64_t> g_startedNs{0}; //!< CPU time of the test thread when its parse started
                                     //!< (0: none running)
clockid_t g_testClock = CLOCK_THREAD_CPUTIME_ID; //!< that thread's CPU clock
std::atomic<bool> g_stop{false};

void
WriteCurrent()
{
    const char head[] = "\ntest-scenario-fuzz: died on mutant: ";
    ssize_t r = write(2, head, sizeof(head) - 1);
    r = write(2, g_current, std::strlen(g_current));
    r = write(2, "\n", 1);
    (void)r;
}

void
OnFatalSignal(int sig)
{
    WriteCurrent();
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

void
InstallDeathReport()
{
#ifdef ZOS_FUZZ_ASAN
    __sanitizer_set_death_callback(WriteCurrent);
#else
    static std::vector<char> altStack(1 << 16);
    stack_t ss{};
    ss.ss_sp = altStack.data();
    ss.ss_size = altStack.size();
    sigaltstack(&ss, nullptr);

    struct sigaction sa
    {
    };

    sa.sa_handler = OnFatalSignal;
    sa.sa_flags = SA_ONSTACK;
    for (int sig : {SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL})
    {
        sigaction(sig, &sa, nullptr);
    }
#endif
}

/// CPU time of the test thread, ns (the 1 s rule is about work, not about a busy machine).
int64_t
CpuNs(clockid_t clock = CLOCK_THREAD_CPUTIME_ID)
{
    timespec ts{};
    clock_gettime(clock, &ts);
    return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

std::string
SafeName(const std::string& s)
{
    std::string out;
    for (char c : s)
    {
        out += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' ? c : '_';
    }
    return out.substr(0, 120);
}

// ---------------------------------------------------------------------------------------
// The test
// ---------------------------------------------------------------------------------------

TEST(ScenarioFuzz, OneFieldMutantsGetAcceptedOrOneLineErrors)
{
#ifdef ZOS_FUZZ_ASAN
    // The sanitizer build (Debug, ASan) parses about 20 times slower: 46 ms a mutant.
    const std::string countText = EnvOr("ZOS_FUZZ_MUTANTS", "800");
#else
    const std::string countText = EnvOr("ZOS_FUZZ_MUTANTS", "2500");
#endif
    const uint64_t seed = std::stoull(EnvOr("ZOS_FUZZ_SEED", "1"));
    const bool verbose = EnvOr("ZOS_FUZZ_VERBOSE", "0") != "0";
    const std::string saveDir = EnvOr("ZOS_FUZZ_SAVE_DIR", "scenario-fuzz-failures");
    const double watchdogS = std::stod(EnvOr("ZOS_FUZZ_WATCHDOG_S", "20"));

    Generator gen;
    ASSERT_FALSE(gen.ShippedScenarios().empty());
    for (const Shipped& sh : gen.ShippedScenarios())
    {
        ASSERT_NO_THROW(ParseScenario(sh.doc.dump(2), sh.file)) << sh.file;
    }
    std::vector<Spec> specs = gen.Enumerate(seed);
    const size_t total = specs.size();
    const size_t limit =
        countText == "all" ? total : std::min<size_t>(total, std::stoul(countText));
    specs.resize(limit);

    InstallDeathReport();
    pthread_getcpuclockid(pthread_self(), &g_testClock);
    std::thread watchdog([watchdogS] {
        while (!g_stop.load())
        {
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            int64_t started = g_startedNs.load();
            if (started != 0 && (CpuNs(g_testClock) - started) > int64_t(watchdogS * 1e9))
            {
                std::fprintf(stderr,
                             "\ntest-scenario-fuzz: HANG: ParseScenario has run for more than "
                             "%.0f s of CPU on mutant: %s\n",
                             watchdogS,
                             g_current);
                std::fflush(stderr);
                std::_Exit(3);
            }
        }
    });

    size_t accepted = 0;
    size_t rejected = 0;
    size_t notJson = 0;
    size_t failures = 0;
    size_t pathChecked = 0;
    double totalS = 0;
    double slowestS = 0;
    std::string slowest;
    std::map<std::string, size_t> failureKinds;                // problem (numbers blanked) -> count
    std::map<std::string, std::set<std::string>> wildAccepted; // mutation -> field patterns
    std::map<std::string, size_t> acceptedByMutation;
    size_t longMessages = 0;
    std::string longestMessage;

    auto fail = [&](const Mutant& m, const std::string& problem, const std::string& what) {
        ++failures;
        // The kind of problem: its text up to the first detail.
        size_t cut = problem.size();
        for (const char* detail : {" (", " at ", " U+", " 0x", " '", ": "})
        {
            cut = std::min(cut, problem.find(detail));
        }
        const std::string kind = problem.substr(0, cut);
        ++failureKinds[kind];
        if (failures <= 40 || verbose)
        {
            ADD_FAILURE() << m.label << "\n  " << problem
                          << (what.empty() ? "" : "\n  message: " + zosfuzz::Printable(what));
        }
        if (failures <= 300)
        {
            std::filesystem::create_directories(saveDir);
            std::ofstream out(saveDir + "/" + SafeName(m.label) + ".json", std::ios::binary);
            out << m.text;
        }
    };

    const auto begin = Clock::now();
    const std::string exclude = EnvOr("ZOS_FUZZ_EXCLUDE", "");
    for (const Spec& sp : specs)
    {
        const Mutant m = gen.Make(sp);
        if (!exclude.empty() && m.label.find(exclude) != std::string::npos)
        {
            continue;
        }
        const std::string& file = gen.ShippedScenarios()[sp.scenario].file;
        std::snprintf(g_current, sizeof(g_current), "%s", zosfuzz::Printable(m.label, 900).c_str());
        if (!m.doc)
        {
            ++notJson;
        }
        std::string what;
        std::optional<ScenarioError> error;
        bool threw = false;
        std::string otherException;
        std::optional<Scenario> result;
        const int64_t t0 = CpuNs();
        g_startedNs.store(t0);
        try
        {
            result = ParseScenario(m.text, file);
        }
        catch (const ScenarioError& e)
        {
            threw = true;
            what = e.what();
            error = e;
        }
        catch (const std::exception& e)
        {
            otherException = std::string(typeid(e).name()) + ": " + e.what();
        }
        catch (...)
        {
            otherException = "a non-standard exception";
        }
        g_startedNs.store(0);
        const double s = (CpuNs() - t0) / 1e9;
        totalS += s;
        if (s > slowestS)
        {
            slowestS = s;
            slowest = m.label;
        }
        if (s > 1.0)
        {
            fail(m, "took " + std::to_string(s) + " s of CPU (more than 1 s: a hang)", what);
        }
        if (!otherException.empty())
        {
            fail(m, "threw something else than ScenarioError: " + otherException, "");
            continue;
        }
        if (threw)
        {
            ++rejected;
            std::string problem = zosfuzz::MessageProblem(what, file);
            if (problem.empty() && m.doc)
            {
                ++pathChecked;
                problem = PathProblem(*error, *m.doc);
            }
            if (!problem.empty())
            {
                fail(m, "message " + problem, what);
            }
            if (what.size() > 300)
            {
                ++longMessages;
                if (what.size() > longestMessage.size())
                {
                    longestMessage = what;
                }
            }
            continue;
        }
        ++accepted;
        const std::string mutation = m.label.substr(m.label.find(": ") + 2);
        ++acceptedByMutation[mutation];
        if (m.wild)
        {
            wildAccepted[mutation].insert(sp.pattern.empty() ? "(root)" : sp.pattern);
        }
        // What was accepted must survive its canonical form.
        try
        {
            ParseScenario(ScenarioToJson(*result), file);
        }
        catch (const std::exception& e)
        {
            fail(m, "accepted, but its canonical form (ScenarioToJson) is refused", e.what());
        }
    }
    const double wallS = std::chrono::duration<double>(Clock::now() - begin).count();
    g_stop.store(true);
    watchdog.join();

    std::printf("scenario fuzz: %zu of %zu mutants of %zu scenarios (ZOS_FUZZ_MUTANTS=%s, seed "
                "%llu) in %.1f s (parse: %.1f s of CPU, %.2f ms each, slowest %.3f s: %s)\n",
                specs.size(),
                total,
                gen.ShippedScenarios().size(),
                countText.c_str(),
                static_cast<unsigned long long>(seed),
                wallS,
                totalS,
                specs.empty() ? 0.0 : 1000 * totalS / specs.size(),
                slowestS,
                zosfuzz::Printable(slowest, 200).c_str());
    std::printf("scenario fuzz: %zu accepted, %zu rejected (%zu not JSON, %zu path-checked), "
                "%zu failures\n",
                accepted,
                rejected,
                notJson,
                pathChecked,
                failures);
    for (const auto& [kind, n] : failureKinds)
    {
        std::printf("scenario fuzz: failure x%zu: %s\n", n, kind.c_str());
    }
    if (failures > 0)
    {
        std::printf("scenario fuzz: failing mutants written to %s/\n",
                    std::filesystem::absolute(saveDir).string().c_str());
    }
    std::printf("scenario fuzz: messages longer than 300 bytes: %zu%s%s\n",
                longMessages,
                longMessages ? "; longest: " : "",
                zosfuzz::Printable(longestMessage, 200).c_str());
    std::printf("scenario fuzz: wild values accepted (mutation: fields%s):\n",
                verbose ? "" : "; ZOS_FUZZ_VERBOSE=1 lists all fields");
    for (const auto& [mutation, fields] : wildAccepted)
    {
        std::string list;
        size_t shown = 0;
        for (const std::string& f : fields)
        {
            if (!verbose && ++shown > 6)
            {
                list += " ...";
                break;
            }
            list += " " + f;
        }
        std::printf("  %s: %zu field(s):%s\n",
                    zosfuzz::Printable(mutation, 80).c_str(),
                    fields.size(),
                    zosfuzz::Printable(list, verbose ? 100000 : 300).c_str());
    }
}

/// A small valid scenario (the overrides below apply to it).
const char* const kSmall = R"({
  "name": "small",
  "lans": [{"name": "LAN1"}],
  "stacks": [
    {"name": "TCPIPA", "links": [{"name": "OSA1", "lan": "LAN1", "address": "10.0.0.1/8"}]}
  ],
  "stations": [
    {"name": "C1", "lan": "LAN1", "address": "10.0.0.2/8", "probe": {"targets": ["10.0.0.1"]}}
  ]
})";

/// --set paths are input too: a long one must be refused fast (0.25 s of CPU) with one
/// line, not build a document nested deeper than the loader allows (found while fuzzing:
/// 5,000 levels took 4 s under ASan, 50,000 more than 2 minutes; the time is quadratic in
/// the depth).
TEST(ScenarioFuzz, LongSetPathsAreRefusedFast)
{
    ASSERT_NO_THROW(ParseScenario(kSmall, "small.json"));
    for (size_t depth : {40, 5000, 20000})
    {
        for (const std::string& head : {std::string(), std::string("/stacks/0")})
        {
            std::string path = head;
            for (size_t i = 0; i < depth; ++i)
            {
                path += "/x";
            }
            const int64_t t0 = CpuNs();
            std::string what = "accepted";
            try
            {
                ParseScenario(kSmall, "small.json", {path + "=1"});
            }
            catch (const ScenarioError& e)
            {
                what = e.what();
                EXPECT_EQ(zosfuzz::MessageProblem(what, e.File()), "") << what;
            }
            const double s = (CpuNs() - t0) / 1e9;
            EXPECT_NE(what, "accepted") << depth;
            // Linear work on a 40 KB argument takes milliseconds, even under ASan.
            EXPECT_LT(s, 0.25) << "--set " << head << "/x... (" << depth << " levels)";
            EXPECT_LT(what.size(), 1000u) << zosfuzz::Printable(what, 300);
        }
    }
}

} // namespace
