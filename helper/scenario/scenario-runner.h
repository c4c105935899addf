/*
 * zos-takeover: build a scenario with the helpers, run it, collect what users measure.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_SCENARIO_RUNNER_H
#define ZOS_TAKEOVER_SCENARIO_RUNNER_H

#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/outage-monitor.h"
#include "ns3/packet.h"
#include "ns3/ptr.h"
#include "ns3/row-sink.h"
#include "ns3/scenario.h"
#include "ns3/zos-stack.h"

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace ns3
{

namespace zos
{

/**
 * Outage figures of one (event, client, target), as OutageMonitor defines them
 * (doc/zos-takeover.rst, "Outage definition"). The figures are meaningful only when
 * `measured`; otherwise `reason` says why not.
 */
struct OutageRow
{
    uint32_t eventIndex = 0;
    std::string eventType;
    std::string eventSubject; //!< "STACK/LINK" or "STACK"
    Time eventAt;
    Time windowEnd = Time(-1); //!< end of the event's window for this client; negative: none
    std::string client;
    std::string arpModel;
    std::string target;
    bool measured = false;
    bool reachableAtEvent = false; //!< measured and the target answered since the previous
                                   //!< event touching it (false: time to recovery)
    std::string reason;            //!< why not measured (OutageMonitor::GetReasonName)
    bool recovered = false;        //!< a reply came inside the window
    Time outage;                   //!< event -> first reply; the window's length if not recovered
    Time firstSuccess = Time(-1);  //!< negative: not recovered
    Time longestGap;
    uint32_t sent = 0;
    uint32_t lost = 0;
};

/** A Netstat DEVLINKS display taken during the run. */
struct DevlinksSnapshot
{
    Time time;
    std::string label; //!< e.g. "before portFailure TCPIPA/OSA1"
    std::string stack;
    std::string text;
};

/** One TCP probe connection (for tcp.csv): TcpProbeClient's TcpConnectionRecord. */
struct TcpRow
{
    std::string client;
    std::string arpModel;
    std::string target;
    Time opened = Time(-1);       //!< negative: never established
    Time closed = Time(-1);       //!< negative: not closed (survived, or never opened)
    std::string closeReason;      //!< "" when not closed
    bool survived = false;        //!< established and still open when probing stopped
    uint32_t sent = 0;            //!< requests written
    uint32_t answered = 0;        //!< requests answered
    uint32_t retransmissions = 0; //!< segments the client sent again
    Time longestStall;            //!< longest time without an answer while open
    Time stallStart = Time(-1);   //!< its start (negative: none)
};

/**
 * Everything a run produced but its timeline and probe rows, which went to the runner's
 * RowSink as they came (ScenarioRunner::SetRowSink): what is here does not grow with the
 * number of probes.
 */
struct RunResult
{
    Scenario scenario;
    std::vector<std::string> warnings;
    std::vector<OutageRow> outages;                              //!< event x client x target
    std::map<std::string, OutageMonitor::Summary> outageByModel; //!< per station ARP model
    std::vector<DevlinksSnapshot> devlinks;
    std::vector<TcpRow> tcp;              //!< TCP probe connections, per client and target
    uint64_t timelineRows = 0;            //!< rows of timeline.csv (given to the RowSink)
    uint64_t probeRows = 0;               //!< rows of probes.csv: the probes sent
    uint64_t framesOnLans = 0;            //!< frames seen on all LANs (with capture enabled)
    uint64_t events = 0;                  //!< simulator events executed
    uint64_t gratuitousArpSent = 0;       //!< gratuitous ARPs on the wire
    uint64_t gratuitousArpSendFailed = 0; //!< not sent: the port had failed (undetected)
    uint64_t gratuitousArpLost = 0;       //!< lost before reaching the LAN (scope frame)
    uint64_t gratuitousArpMissed = 0;     //!< missed by one station (scope receiver)
};

/**
 * What a run held at most of its per-probe records (ScenarioRunner::GetRecordStats): none
 * of these grows with the number of probes, only with what is outstanding or buffered.
 */
struct RecordStats
{
    uint64_t probes = 0;              //!< probes sent (rows of probes.csv)
    uint64_t timelineRows = 0;        //!< rows of timeline.csv
    uint32_t peakHeldPerClient = 0;   //!< most probes one client held (ProbeClient)
    uint64_t peakHeldInClients = 0;   //!< sum over the clients of their peaks (a bound)
    uint64_t peakSorterRecords = 0;   //!< most probe records in the sorter's memory
    uint64_t sortRunsWritten = 0;     //!< runs the sorter wrote to temporary files
    uint64_t peakPendingTimeline = 0; //!< most first-success rows waiting for their instant
    uint64_t lateReplies = 0;         //!< replies ignored: their probe was already reported
};

/**
 * \ingroup zos-takeover
 * \brief Runs one Scenario: builds LANs, stacks, stations and probes with the helpers,
 * schedules link starts and events, runs the simulator and collects the timeline, the
 * DEVLINKS displays and the outage figures. Models never see the scenario.
 */
class ScenarioRunner
{
  public:
    /**
     * \param scenario the scenario to run (copied)
     */
    explicit ScenarioRunner(const Scenario& scenario);

    /**
     * Write one pcap per LAN into `dir` ("<LAN>.pcap"). Capture is passive (see
     * Lan::EnableCapture): the results are the same without it.
     * \param dir an existing directory
     */
    void EnablePcap(const std::string& dir);
    /**
     * After Run with EnablePcap: empty when every pcap file was written and closed, else
     * "<LAN>.pcap: reason" for the first that failed (its capture, and the run, stopped there).
     * \return the error, or ""
     */
    const std::string& GetPcapError() const;

    /**
     * Where the timeline and probe rows go (see RowSink for their order); none: they are
     * only counted. The runner keeps none of them: timeline rows are given as they happen
     * (first-success rows once their instant is over), probe rows after the run, sorted
     * with bounded memory (ProbeSorter).
     * \param sink the sink (not owned; it must outlive Run), or null
     */
    void SetRowSink(RowSink* sink);
    /**
     * Where the probe sorter writes its temporary files when the probes do not fit in its
     * buffer (default: the system's temporary directory), and the buffer's size.
     * \param dir an existing directory ("" for the default)
     * \param bufferRecords probe records kept in memory before a sorted run is written
     */
    void SetSortSpill(const std::string& dir, size_t bufferRecords = 65536);
    /**
     * After Run: empty when every output written during the run was (pcap files, the row
     * sink, the probe sorter's files), else the first error ("probes.csv: reason"); the run
     * stopped there.
     * \return the error, or ""
     */
    std::string GetOutputError() const;
    /** \return after Run: what it held at most of its per-probe records */
    const RecordStats& GetRecordStats() const;

    /**
     * Called with every frame on a LAN (name, frame incl. Ethernet header) — for tests.
     * Passive, like EnablePcap: the results are the same without it.
     * \param f the observer (LAN name, time, frame)
     */
    void SetFrameObserver(std::function<void(const std::string&, Time, Ptr<const Packet>)> f);

    /**
     * \param f called after the topology is built, before the run (tests may add schedules)
     */
    void SetBuildObserver(std::function<void(ScenarioRunner&)> f);

    /**
     * Run (Simulator::Destroy at the end). Every run starts from the same state (MAC
     * allocation, random streams from the scenario's seed and run), so the same scenario
     * gives byte-identical results whatever ran before it in the process.
     * \return everything the run produced
     */
    RunResult Run();

    /**
     * \param name a stack name
     * \return during the run: the stack (null if none)
     */
    Ptr<ZosStack> GetStack(const std::string& name) const;
    /**
     * \param name a station name
     * \return during the run: the station node (null if none)
     */
    Ptr<Node> GetStation(const std::string& name) const;

    /**
     * Static-routing rule of seed 000 (zos::CheckRoutingRule).
     * \param scenario the scenario
     * \return warnings for routes over one link of a LAN only
     */
    static std::vector<std::string> CheckRoutingRule(const Scenario& scenario);
    /**
     * \param scenario the scenario
     * \return warnings for stations that probe a target they have no route to
     */
    static std::vector<std::string> CheckStationRoutes(const Scenario& scenario);
    /**
     * \param scenario the scenario
     * \return warnings for one stack with the same subnet on links of different LANs
     */
    static std::vector<std::string> CheckSubnetsAcrossLans(const Scenario& scenario);
    /**
     * Every warning known before the run: the three checks above, in that order. Run adds
     * one warning per event that changed nothing (ZosStack "EventIgnored").
     * \param scenario the scenario
     * \return the warnings (zos::CheckScenario)
     */
    static std::vector<std::string> Check(const Scenario& scenario);

  private:
    struct RunState; //!< everything one run builds (scenario-runner.cc)

    /** Build: reset MACs and random streams, then LANs, stacks, stations, schedules. */
    void Build(RunState& s);
    /** Build the LANs (and their capture). */
    void BuildLans(RunState& s);
    /** Build the shared OSA ports (after the LANs, before the stacks) with their traces. */
    void BuildPorts(RunState& s);
    /** Fill the shared ports' OSA Address Tables (after the stacks). */
    void FillAddressTables(RunState& s);
    /** Build one z/OS stack with its links, routes, VIPAs and probe server. */
    void BuildStack(RunState& s, const StackSpec& spec);
    /** Build one station (StationHelper) with its ARP model and probe client. */
    void BuildStation(RunState& s, const StationSpec& spec);
    /** A router: interfaces on LANs, IP forwarding, RIP if asked. */
    void BuildRouter(RunState& s, const RouterSpec& spec);
    /** Install ns-3's InternetStack with RIP (before static routing) on a node. */
    void InstallRip(RunState& s, Ptr<Node> node);
    /** Install a station's probe client. */
    void InstallProbe(RunState& s, const StationSpec& spec, Ptr<Node> node);
    /** Fixed streams for the random variables not yet given one. */
    void AssignRemainingStreams(RunState& s);
    /** Schedule the events and the DEVLINKS displays around them. */
    void ScheduleEvents(RunState& s);
    /** Schedule one event. */
    void ScheduleEvent(RunState& s, const EventSpec& ev);
    /** Schedule the requested DEVLINKS displays. */
    void ScheduleDevlinks(RunState& s);
    /** Tell the outage monitor the events and the clients. */
    void SetUpOutageMonitor(RunState& s);
    /** Run: the simulator, then the check of ignored events and the pcap files' close. */
    void Simulate(RunState& s);
    /** Warn when the replay of ignored events disagrees with the stacks' reports. */
    void CheckIgnoredEvents(RunState& s);
    /** Collect: outage rows, TCP connections, the probes (to the row sink), statistics. */
    void Collect(RunState& s);
    /** Move each client's start by its random offset (probe.startJitter). */
    void ApplyStartJitter(RunState& s);
    /**
     * With warmStart: fill the neighbour caches (WarmStartHelper) when the first client
     * starts (after its start jitter; without clients, when the last link starts).
     */
    void ScheduleWarmStart(RunState& s);
    /** Warn when probes were lost before the first event (congestion, issue 11). */
    void CheckSteadyLoss(RunState& s);
    /** Collect the outage rows and per-model summaries. */
    void CollectOutages(RunState& s);
    /**
     * Collect the TCP probe connections.
     * \param s the run
     */
    void CollectTcp(RunState& s);
    /** Give the probes to the row sink, sorted, and finish it. */
    void CollectProbes(RunState& s);
    /**
     * \param r an OutageMonitor record
     * \param ev its event
     * \param arp the client's station ARP model
     * \return the outage row
     */
    static OutageRow OutageRowOf(const OutageMonitor::Record& r,
                                 const EventSpec& ev,
                                 const std::string& arp);

    Scenario m_scenario;
    std::string m_pcapDir;
    std::string m_pcapError;
    RowSink* m_rowSink = nullptr;
    std::string m_spillDir;
    size_t m_sortBuffer = 65536;
    std::string m_rowError; //!< the row sink's or the sorter's first error in the last run
    RecordStats m_recordStats;
    std::function<void(const std::string&, Time, Ptr<const Packet>)> m_frameObserver;
    std::function<void(ScenarioRunner&)> m_buildObserver;
    std::map<std::string, Ptr<ZosStack>> m_stacks;
    std::map<std::string, Ptr<Node>> m_stations;
};

} // namespace zos
} // namespace ns3

#endif
