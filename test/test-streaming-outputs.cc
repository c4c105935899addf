/*
 * zos-takeover: streaming outputs (issue 11 item 5). The probe and timeline rows go to a
 * RowSink as they come; what a run holds of them does not grow with the number of probes;
 * the files are the same whatever the sort buffer; the first-success rows written during
 * the run are the outage rows that recovered; a probe still unanswered at the loss horizon
 * is reported lost, a reply after it ignored and warned about; each probe is reported once.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "zos-test-util.h"

#include "ns3/config.h"
#include "ns3/csv-row-sink.h"
#include "ns3/memory-row-sink.h"
#include "ns3/output-writer.h"
#include "ns3/probe-client.h"
#include "ns3/probe-sorter.h"

#include <algorithm>
#include <filesystem>
#include <gtest/gtest.h>
#include <random>
#include <unistd.h>

using namespace zostest;
namespace fs = std::filesystem;

namespace
{

fs::path
Scratch(const std::string& name)
{
    fs::path p =
        fs::temp_directory_path() / ("zos-stream-" + std::to_string(::getpid()) + "-" + name);
    fs::remove_all(p);
    fs::create_directories(p);
    return p;
}

/** What a run wrote (as zos-takeover-sim writes it) and held. */
struct Written
{
    std::string summary;
    std::string timeline;
    std::string probes;
    RecordStats stats;
    RunResult result;
    std::vector<std::string> leftInSpillDir; //!< files in the sort directory after the run
};

/**
 * Run with a CsvRowSink, the sorter's files in their own directory.
 * \param sc the scenario
 * \param sortBuffer the sorter's buffer (records)
 */
Written
RunWritten(const Scenario& sc, size_t sortBuffer = 65536)
{
    fs::path dir = Scratch("out");
    fs::path spill = Scratch("spill");
    Written w;
    {
        CsvRowSink rows(dir.string());
        ScenarioRunner runner(sc);
        runner.SetRowSink(&rows);
        runner.SetSortSpill(spill.string(), sortBuffer);
        w.result = runner.Run();
        EXPECT_EQ(runner.GetOutputError(), "");
        w.stats = runner.GetRecordStats();
    }
    w.summary = SummaryJson(w.result);
    w.timeline = ReadFile((dir / "timeline.csv").string());
    w.probes = ReadFile((dir / "probes.csv").string());
    for (const auto& entry : fs::directory_iterator(spill))
    {
        w.leftInSpillDir.push_back(entry.path().filename().string());
    }
    fs::remove_all(dir);
    fs::remove_all(spill);
    return w;
}

/** Lines of a text. */
size_t
Lines(const std::string& text)
{
    return std::count(text.begin(), text.end(), '\n');
}

/** The probe client's LossHorizon default for the life of one test. */
class LossHorizon
{
  public:
    explicit LossHorizon(Time horizon)
    {
        Config::SetDefault("ns3::zos::ProbeClient::LossHorizon", TimeValue(horizon));
    }

    ~LossHorizon()
    {
        Config::SetDefault("ns3::zos::ProbeClient::LossHorizon", TimeValue(Seconds(0)));
    }
};

} // namespace

TEST(StreamingOutputs, HeldProbeRecordsDoNotGrowWithTheNumberOfProbes)
{
    // Seed 001: four clients probe four targets each every 100 ms; OSA1 fails at 20 s and the
    // stock station never recovers, so its probes to OSA1's addresses stay unanswered to the
    // end. With a loss horizon of 5 s they are reported lost 5 s after they were sent. Ten times
    // the probes (30 s, then 300 s): what the clients hold, what the sorter holds and the
    // first-success rows waiting for their instant stay the same. (Before streaming, every
    // client kept every probe, and the runner a row per probe: both grew tenfold.)
    LossHorizon horizon(Seconds(5));
    const size_t buffer = 1024;
    Written small = RunWritten(Seed001({"duration=30"}), buffer);
    Written large = RunWritten(Seed001({"duration=300"}), buffer);
    ASSERT_GT(small.stats.probes, 800u);
    EXPECT_GE(large.stats.probes, 9 * small.stats.probes);
    EXPECT_EQ(Lines(large.probes), large.stats.probes + 1);
    // A client holds what is not yet reported: at most the loss horizon's worth per target
    // (5 s / 100 ms, plus the request being sent), four targets.
    EXPECT_LE(large.stats.peakHeldPerClient, 4u * (50 + 2));
    EXPECT_EQ(large.stats.peakHeldPerClient, small.stats.peakHeldPerClient);
    EXPECT_LE(large.stats.peakHeldInClients, 4u * 4u * (50 + 2));
    EXPECT_EQ(large.stats.peakHeldInClients, small.stats.peakHeldInClients);
    // The sorter: its buffer, and while merging a read buffer of buffer / 16 records per
    // run merged, 16 runs at most: never more than twice the buffer.
    EXPECT_GT(large.stats.sortRunsWritten, 16u);
    EXPECT_LE(small.stats.peakSorterRecords, 2 * buffer);
    EXPECT_LE(large.stats.peakSorterRecords, 2 * buffer);
    EXPECT_LT(large.stats.peakSorterRecords, large.stats.probes / 8);
    EXPECT_LE(small.stats.peakPendingTimeline, 4u);
    EXPECT_LE(large.stats.peakPendingTimeline, 4u);
    EXPECT_TRUE(large.leftInSpillDir.empty()) << large.leftInSpillDir.front();
}

TEST(StreamingOutputs, ASmallSortBufferGivesTheSameFiles)
{
    // 20 records in memory: hundreds of runs on disk, merged in groups of 16 and again.
    Scenario sc = Seed001({"duration=60"});
    Written inMemory = RunWritten(sc);
    Written spilled = RunWritten(sc, 20);
    EXPECT_EQ(inMemory.stats.sortRunsWritten, 0u);
    EXPECT_GT(spilled.stats.sortRunsWritten, 16u * 16u);
    EXPECT_EQ(spilled.summary, inMemory.summary);
    EXPECT_EQ(spilled.timeline, inMemory.timeline);
    EXPECT_TRUE(spilled.probes == inMemory.probes) << "probes.csv differs";
    EXPECT_EQ(Lines(spilled.probes), spilled.stats.probes + 1);
    EXPECT_TRUE(spilled.leftInSpillDir.empty()) << spilled.leftInSpillDir.front();
    // The same rows a MemoryRowSink keeps.
    Observed o(sc);
    EXPECT_EQ(TimelineCsv(o.timeline), inMemory.timeline);
    EXPECT_TRUE(ProbesCsv(o.probes) == inMemory.probes) << "probes.csv differs";
}

TEST(StreamingOutputs, ProbeSorterOrdersByClientTargetSequence)
{
    std::vector<ProbeSorter::Entry> entries;
    for (uint32_t c = 0; c < 7; ++c)
    {
        for (uint32_t t = 0; t < 3; ++t)
        {
            for (uint32_t q = 0; q < 100; ++q)
            {
                entries.push_back({c, t, q, int64_t(q) * 100, q % 5 == 0 ? -1 : int64_t(q) * 101});
            }
        }
    }
    std::vector<ProbeSorter::Entry> shuffled = entries;
    std::mt19937 random(42);
    std::shuffle(shuffled.begin(), shuffled.end(), random);
    fs::path dir = Scratch("sorter");
    for (size_t capacity : {size_t(1), size_t(7), size_t(100), entries.size() + 1})
    {
        ProbeSorter sorter(dir.string(), capacity, 3);
        for (const auto& e : shuffled)
        {
            sorter.Add(e);
        }
        std::vector<ProbeSorter::Entry> out;
        sorter.Finish([&out](const ProbeSorter::Entry& e) { out.push_back(e); });
        EXPECT_EQ(sorter.GetError(), "");
        EXPECT_EQ(sorter.GetCount(), entries.size());
        ASSERT_EQ(out.size(), entries.size()) << capacity;
        for (size_t i = 0; i < out.size(); ++i)
        {
            const auto& a = out[i];
            const auto& b = entries[i];
            ASSERT_TRUE(a.client == b.client && a.target == b.target && a.sequence == b.sequence &&
                        a.sent == b.sent && a.received == b.received)
                << "capacity " << capacity << ", record " << i;
        }
        EXPECT_EQ(sorter.GetRunsWritten() == 0, capacity > entries.size()) << capacity;
        // The buffer and three read buffers of capacity / 3 records (one at least).
        EXPECT_LE(sorter.GetPeakHeld(), capacity + 3 * std::max<size_t>(capacity / 3, 1))
            << capacity;
        EXPECT_TRUE(fs::is_empty(dir)) << capacity;
    }
    // A directory that cannot hold its files: the error names probes.csv, nothing is given.
    ProbeSorter broken((dir / "missing").string(), 2);
    for (const auto& e : shuffled)
    {
        broken.Add(e);
    }
    size_t given = 0;
    broken.Finish([&given](const ProbeSorter::Entry&) { ++given; });
    EXPECT_EQ(given, 0u);
    EXPECT_EQ(broken.GetError().rfind("probes.csv (sort file in " + (dir / "missing").string() +
                                          "): No such file or directory",
                                      0),
              0u)
        << broken.GetError();
    fs::remove_all(dir);
}

TEST(StreamingOutputs, FirstSuccessRowsAreTheOutageRowsThatRecovered)
{
    // Written during the run (when the outage monitor sees the recovery), they are what the
    // outage rows say after it: one per measured row that recovered, at its first success,
    // in time order, the rows of one instant in the order of the outage rows.
    for (const std::string& file : {"seed-001-osa1-osa4.json",
                                    "seed-001-before-pq26689.json",
                                    "seed-001-announcements-lost.json",
                                    "seed-003-flat-network.json",
                                    "seed-003-flat-network-tcp.json",
                                    "seed-003-escon-router.json"})
    {
        Scenario sc = LoadScenario(SourceDir() + "/scenarios/" + file, {"duration=60"});
        Observed o(sc);
        std::vector<std::tuple<int64_t, std::string, std::string, std::string>> expected;
        for (const auto& row : o.result.outages)
        {
            if (row.measured && row.recovered)
            {
                expected.emplace_back(row.firstSuccess.GetTimeStep(),
                                      row.client,
                                      row.target,
                                      "after " + row.eventType + " " + row.eventSubject);
            }
        }
        std::stable_sort(expected.begin(), expected.end(), [](const auto& a, const auto& b) {
            return std::get<0>(a) < std::get<0>(b);
        });
        std::vector<std::tuple<int64_t, std::string, std::string, std::string>> written;
        for (size_t i = 0; i < o.timeline.size(); ++i)
        {
            const auto& t = o.timeline[i];
            if (i > 0)
            {
                EXPECT_GE(t.time, o.timeline[i - 1].time) << file << " row " << i;
            }
            if (t.event == "first-success")
            {
                written.emplace_back(t.time.GetTimeStep(), t.node, t.address, t.detail);
                // After every other row of its instant.
                if (i + 1 < o.timeline.size() && o.timeline[i + 1].time == t.time)
                {
                    EXPECT_EQ(o.timeline[i + 1].event, "first-success") << file << " row " << i;
                }
            }
        }
        EXPECT_FALSE(expected.empty()) << file;
        EXPECT_TRUE(written == expected) << file;
        EXPECT_EQ(o.timeline.size(), o.result.timelineRows) << file;
        EXPECT_EQ(o.probes.size(), o.result.probeRows) << file;
        for (const auto& w : o.result.warnings)
        {
            EXPECT_EQ(w.find("internal:"), std::string::npos) << file << ": " << w;
        }
    }
}

TEST(StreamingOutputs, AReplyAfterTheLossHorizonIsIgnoredAndWarnedAbout)
{
    // Every reply takes longer than 1 us: each probe is reported lost, each reply ignored.
    LossHorizon horizon(MicroSeconds(1));
    Observed o(Seed001({"duration=25"}));
    ASSERT_FALSE(o.probes.empty());
    EXPECT_TRUE(std::all_of(o.probes.begin(), o.probes.end(), [](const ProbeRow& p) {
        return p.received.IsNegative();
    }));
    bool warned = false;
    for (const auto& w : o.result.warnings)
    {
        warned =
            warned || w.find("came after their request was reported lost") != std::string::npos;
    }
    EXPECT_TRUE(warned);
    for (const auto& row : o.result.outages)
    {
        EXPECT_FALSE(row.recovered) << row.client << " " << row.target;
    }
}

TEST(StreamingOutputs, AProbeClientReportsEachProbeOnce)
{
    // Seed 001's stock station keeps OSA1's dead MAC after the failure at 20 s: its probes
    // to OSA1's addresses go unanswered. With the default horizon (30 s for UDP) they are
    // reported when the client stops at 40 s; with a horizon of 2 s, 2 s after they were
    // sent. Either way each probe is reported once (probes.csv has each sequence number of
    // each client and target once), and the files are the same.
    Written byStop = RunWritten(Seed001({"duration=40"}));
    Written byHorizon;
    {
        LossHorizon horizon(Seconds(2));
        byHorizon = RunWritten(Seed001({"duration=40"}));
    }
    EXPECT_EQ(byHorizon.probes, byStop.probes);
    EXPECT_EQ(byHorizon.timeline, byStop.timeline);
    EXPECT_EQ(byHorizon.summary, byStop.summary);
    EXPECT_GT(byStop.stats.peakHeldPerClient, 150u); // 20 s of lost probes to one target
    EXPECT_LE(byHorizon.stats.peakHeldPerClient, 4u * (20 + 2));
    EXPECT_EQ(byHorizon.stats.lateReplies, 0u);
    // The rows of each (client, target) are its sequence numbers 0, 1, 2, ... once each.
    std::istringstream lines(byStop.probes);
    std::string line;
    std::getline(lines, line);
    std::map<std::string, uint32_t> next;
    std::string previousKey;
    std::set<std::string> done;
    while (std::getline(lines, line))
    {
        std::istringstream fields(line);
        std::string client;
        std::string target;
        std::string sequence;
        std::getline(fields, client, ',');
        std::getline(fields, target, ',');
        std::getline(fields, sequence, ',');
        std::string key = client + " " + target;
        if (key != previousKey)
        {
            EXPECT_EQ(done.count(key), 0u) << key << " again";
            done.insert(previousKey);
            previousKey = key;
        }
        ASSERT_EQ(std::stoul(sequence), next[key]) << line;
        ++next[key];
    }
    EXPECT_EQ(next.size(), 16u); // four clients, four targets each
}
