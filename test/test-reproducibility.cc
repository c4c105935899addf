/*
 * zos-takeover: results do not depend on how they are looked at (pcap, frame observer) nor
 * on what ran before in the same process, and different `run` or `seed` values give
 * independent samples (not one sample shifted).
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "zos-test-util.h"

#include "ns3/config.h"
#include "ns3/csma-net-device.h"
#include "ns3/csv-row-sink.h"
#include "ns3/output-writer.h"
#include "ns3/pcap-file.h"
#include "ns3/random-variable-stream.h"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <gtest/gtest.h>
#include <set>
#include <unistd.h>

using namespace zostest;
namespace fs = std::filesystem;

namespace
{

/** The three files a user compares: summary.json, timeline.csv, probes.csv. */
struct Outputs
{
    std::string summary;
    std::string timeline;
    std::string probes;
};

/** The files of a run observed with a MemoryRowSink (Observed). */
Outputs
Files(const Observed& o)
{
    return {SummaryJson(o.result), TimelineCsv(o.timeline), ProbesCsv(o.probes)};
}

/** The first line where two texts differ ("" if equal). */
std::string
FirstDifference(const std::string& a, const std::string& b)
{
    if (a == b)
    {
        return "";
    }
    std::istringstream x(a);
    std::istringstream y(b);
    std::string lx;
    std::string ly;
    for (uint32_t line = 1;; ++line)
    {
        bool gx = static_cast<bool>(std::getline(x, lx));
        bool gy = static_cast<bool>(std::getline(y, ly));
        if (!gx || !gy || lx != ly)
        {
            return "line " + std::to_string(line) + ": '" + (gx ? lx : "<end>") + "' vs '" +
                   (gy ? ly : "<end>") + "'";
        }
    }
}

void
ExpectIdentical(const Outputs& a, const Outputs& b, const std::string& what)
{
    EXPECT_EQ(FirstDifference(a.summary, b.summary), "") << what << ": summary.json differs";
    EXPECT_EQ(FirstDifference(a.timeline, b.timeline), "") << what << ": timeline.csv differs";
    EXPECT_EQ(FirstDifference(a.probes, b.probes), "") << what << ": probes.csv differs";
}

fs::path
Scratch(const std::string& name)
{
    fs::path p =
        fs::temp_directory_path() / ("zos-repro-" + std::to_string(::getpid()) + "-" + name);
    fs::remove_all(p);
    fs::create_directories(p);
    return p;
}

/** Run, the timeline and probes written as zos-takeover-sim writes them (CsvRowSink). */
Outputs
RunToFiles(ScenarioRunner& runner)
{
    fs::path dir = Scratch("rows");
    CsvRowSink rows(dir.string());
    runner.SetRowSink(&rows);
    RunResult r = runner.Run();
    EXPECT_EQ(runner.GetOutputError(), "");
    Outputs o{SummaryJson(r),
              ReadFile((dir / "timeline.csv").string()),
              ReadFile((dir / "probes.csv").string())};
    fs::remove_all(dir);
    return o;
}

Outputs
RunPlain(const Scenario& sc)
{
    ScenarioRunner runner(sc);
    return RunToFiles(runner);
}

/**
 * Frames in a pcap file (and the link type), checking that each record is a whole Ethernet
 * frame carrying ARP or IPv4 (a tap records what is on the wire, nothing truncated or
 * foreign) and that time never goes back.
 */
uint64_t
PcapFrames(const std::string& file, uint32_t* linkType = nullptr)
{
    PcapFile pcap;
    pcap.Open(file, std::ios::in);
    if (pcap.Fail())
    {
        ADD_FAILURE() << "cannot open " << file;
        return 0;
    }
    if (linkType != nullptr)
    {
        *linkType = pcap.GetDataLinkType();
    }
    uint64_t n = 0;
    uint64_t last = 0;
    uint8_t buf[65536];
    while (true)
    {
        uint32_t sec;
        uint32_t usec;
        uint32_t incl;
        uint32_t orig;
        uint32_t readLen;
        pcap.Read(buf, sizeof(buf), sec, usec, incl, orig, readLen);
        if (pcap.Eof())
        {
            break;
        }
        ++n;
        EXPECT_EQ(incl, orig) << file << " frame " << n;
        EXPECT_GE(incl, 60u) << file << " frame " << n; // minimum Ethernet frame, no FCS
        uint16_t type = static_cast<uint16_t>(buf[12] << 8 | buf[13]);
        EXPECT_TRUE(type == 0x0806 || type == 0x0800) << file << " frame " << n;
        uint64_t at = uint64_t(sec) * 1000000 + usec;
        EXPECT_GE(at, last) << file << " frame " << n;
        last = at;
    }
    return n;
}

/** The seed-001 scenario with both LANs shared: every frame reaches every station. */
Scenario
SharedVariant(const std::vector<std::string>& more = {})
{
    std::vector<std::string> o = {"duration=40", "lans[0].kind=\"shared\""};
    o.insert(o.end(), more.begin(), more.end());
    return Seed001(o);
}

/** The seed-001 scenario with LAN1 on the fast switched LAN (FastSwitchedLan). */
Scenario
FastVariant()
{
    return Seed001({"duration=40", "lans[0].kind=\"fast\""});
}

/** The frames a run's frame observer sees are the transmissions of all CSMA devices. */
void
ExpectFramesObservedAreTransmissions(const Scenario& sc)
{
    uint64_t transmitted = 0;
    uint64_t observed = 0;
    ScenarioRunner runner(sc);
    runner.SetFrameObserver(
        [&observed](const std::string&, Time, Ptr<const Packet>) { ++observed; });
    runner.SetBuildObserver([&transmitted](ScenarioRunner&) {
        Config::ConnectWithoutContextFailSafe(
            "/NodeList/*/DeviceList/*/$ns3::CsmaNetDevice/PhyTxEnd",
            Callback<void, Ptr<const Packet>>(
                [&transmitted](Ptr<const Packet>) { ++transmitted; }));
    });
    runner.Run();
    EXPECT_GT(observed, 1000u);
    EXPECT_EQ(observed, transmitted);
}

/** The seed-001 scenario with every announcement lost (a Linux-like station recovers by
 * its own reachability timers, which are random). */
Scenario
AnnouncementsLost(const std::vector<std::string>& overrides)
{
    return LoadScenario(SourceDir() + "/scenarios/seed-001-announcements-lost.json", overrides);
}

/** Outage (s) of the Linux-like station (CLIENT3) towards OSA1's HOME address. */
double
LinuxOutage(const RunResult& r)
{
    for (const auto& o : r.outages)
    {
        if (o.client == "CLIENT3" && o.target == "192.168.1.1")
        {
            return o.outage.GetSeconds();
        }
    }
    ADD_FAILURE() << "no outage row for CLIENT3 192.168.1.1";
    return -1;
}

/** Outages of the Linux-like station over a sequence of `seed` or `run` values. */
std::vector<double>
LinuxOutages(const std::string& key, uint32_t first, uint32_t count)
{
    std::vector<double> out;
    for (uint32_t v = first; v < first + count; ++v)
    {
        ScenarioRunner runner(AnnouncementsLost({"duration=120", key + "=" + std::to_string(v)}));
        out.push_back(LinuxOutage(runner.Run()));
    }
    return out;
}

/** Independent samples, not one sample shifted: many distinct values, and the differences
 * between consecutive values are not all the same (modulo the range of the variable). */
void
ExpectDistribution(const std::vector<double>& values, const std::string& what)
{
    std::set<long long> distinct;
    for (double v : values)
    {
        distinct.insert(std::llround(v * 1e6));
    }
    EXPECT_GE(distinct.size(), values.size() * 3 / 4) << what << ": too few distinct outages";
    // A fixed shift modulo the 30 s base reachable time (the bug): every consecutive
    // difference is the same modulo 30 s.
    std::set<long long> steps;
    for (size_t i = 1; i < values.size(); ++i)
    {
        double d = std::fmod(values[i] - values[i - 1] + 300.0, 30.0);
        steps.insert(std::llround(d * 10)); // 0.1 s resolution
    }
    EXPECT_GT(steps.size(), values.size() / 2)
        << what << ": consecutive outages differ by the same step (a shift, not a sample)";
    double mean = 0;
    for (double v : values)
    {
        mean += v;
    }
    mean /= values.size();
    double var = 0;
    for (double v : values)
    {
        var += (v - mean) * (v - mean);
    }
    EXPECT_GT(std::sqrt(var / values.size()), 1.0) << what << ": no spread";
}

} // namespace

TEST(Reproducibility, SameScenarioTwiceInOneProcessIsByteIdentical)
{
    Scenario a = SharedVariant();
    Scenario b = AnnouncementsLost({"duration=60", "run=7"});
    Outputs first = RunPlain(a);
    Outputs other = RunPlain(b);
    Outputs again = RunPlain(a);
    ExpectIdentical(first, again, "run A, run B, run A");
    EXPECT_NE(first.summary, other.summary);
    // And the shipped scenario as it is.
    Outputs s1 = RunPlain(Seed001({"duration=40"}));
    Outputs s2 = RunPlain(Seed001({"duration=40"}));
    ExpectIdentical(s1, s2, "seed-001 twice");
    Outputs f1 = RunPlain(FastVariant());
    Outputs f2 = RunPlain(FastVariant());
    ExpectIdentical(f1, f2, "seed-001 on the fast LAN twice");
}

TEST(Reproducibility, PcapDoesNotChangeResults)
{
    for (const Scenario& sc : {Seed001({"duration=40"}), SharedVariant(), FastVariant()})
    {
        Outputs plain = RunPlain(sc);
        fs::path dir = Scratch("pcap");
        std::map<std::string, uint64_t> observed;
        ScenarioRunner runner(sc);
        runner.EnablePcap(dir.string());
        runner.SetFrameObserver(
            [&observed](const std::string& lan, Time, Ptr<const Packet>) { ++observed[lan]; });
        Outputs captured = RunToFiles(runner);
        ExpectIdentical(plain, captured, sc.name + " with pcap and observer");
        for (const auto& lan : sc.lans)
        {
            uint32_t linkType = 0;
            uint64_t n = PcapFrames((dir / (lan.name + ".pcap")).string(), &linkType);
            EXPECT_EQ(linkType, 1u) << lan.name;
            EXPECT_GT(n, 100u) << lan.name;
            EXPECT_EQ(n, observed[lan.name]) << lan.name << ": pcap frames != frames observed";
        }
        fs::remove_all(dir);
    }
}

TEST(Reproducibility, FrameObserverDoesNotChangeResults)
{
    for (const Scenario& sc : {Seed001({"duration=40"}), SharedVariant(), FastVariant()})
    {
        Outputs plain = RunPlain(sc);
        // Also: the rows kept in memory (MemoryRowSink) are the files' rows.
        Observed observed(sc);
        ExpectIdentical(plain, Files(observed), sc.name + " with a frame observer");
    }
}

TEST(Reproducibility, SharedLanFrameIsRecordedOnce)
{
    // Both LANs shared: every frame on the wire is one transmission by one attached device,
    // so the frames observed are the transmissions completed by all devices.
    ExpectFramesObservedAreTransmissions(SharedVariant());
}

TEST(Reproducibility, FastLanFrameIsRecordedOnce)
{
    // LAN1 fast, LAN2 shared: on the fast LAN each frame enters the switch once, from its
    // sender's segment (the switch's receivers never transmit); on the shared one each frame
    // is one transmission. The frames observed are the transmissions of all devices.
    ExpectFramesObservedAreTransmissions(FastVariant());
}

TEST(Reproducibility, RunValuesGiveIndependentSamples)
{
    std::vector<double> byRun = LinuxOutages("run", 1, 20);
    ExpectDistribution(byRun, "run=1..20");
    std::ostringstream os;
    for (double v : byRun)
    {
        os << v << " ";
    }
    RecordProperty("linuxOutagesByRun", os.str());
    std::cout << "Linux-like outage, run=1..20: " << os.str() << "\n";
}

TEST(Reproducibility, SeedValuesGiveIndependentSamples)
{
    std::vector<double> bySeed = LinuxOutages("seed", 1, 20);
    ExpectDistribution(bySeed, "seed=1..20");
    std::ostringstream os;
    for (double v : bySeed)
    {
        os << v << " ";
    }
    std::cout << "Linux-like outage, seed=1..20: " << os.str() << "\n";
}

/** First draw of a fixed stream in a run of `sc` with `key`=v, for v = 1..count. */
std::vector<double>
FirstDraws(const std::string& key, uint32_t count)
{
    std::vector<double> draws;
    for (uint32_t v = 1; v <= count; ++v)
    {
        ScenarioRunner runner(Seed001({"duration=21", key + "=" + std::to_string(v)}));
        runner.SetBuildObserver([&draws](ScenarioRunner&) {
            Ptr<UniformRandomVariable> u = CreateObject<UniformRandomVariable>();
            u->SetStream(1001); // the Linux-like station's stream in the seed-001 scenario
            draws.push_back(u->GetValue());
        });
        runner.Run();
    }
    return draws;
}

TEST(Reproducibility, ConsecutiveSeedsAreNotAShiftOfOneSample)
{
    // ns-3 seeds MRG32k3a with all six words equal to RngSeed: the n-th draw of a stream is
    // then about frac(c + seed * d), so consecutive seeds give draws a constant step apart
    // (the Linux-like station's reachable time moved by 6.54 s per seed). Each (seed, run)
    // must be its own sample.
    for (const char* key : {"seed", "run"})
    {
        std::vector<double> draws = FirstDraws(key, 12);
        ASSERT_EQ(draws.size(), 12u);
        std::set<long long> steps;
        for (size_t i = 1; i < draws.size(); ++i)
        {
            double step = draws[i] - draws[i - 1];
            step -= std::floor(step);
            steps.insert(std::llround(step * 1e3));
        }
        EXPECT_GT(steps.size(), 8u) << key << ": consecutive values give the same step";
    }
}
