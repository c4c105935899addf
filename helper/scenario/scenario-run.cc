/*
 * zos-takeover: the scenario runner's events, run and collection of results (its topology
 * is built in scenario-runner.cc).
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "run-state.h"
#include "scenario-runner.h"

#include "ns3/simulator.h"
#include "ns3/tcp-probe-client.h"

#include <algorithm>
#include <sstream>

namespace ns3
{
namespace zos
{

namespace
{

/** A port failure or repair is noticed only after the stack's detection delay. */
bool
IsPortEvent(const std::string& type)
{
    return type == "portFailure" || type == "portRepair";
}

/** The "vipaAdd" event: the stack adds the VIPA and its probe server answers on it. */
void
VipaAdd(Ptr<ZosStack> stack, Ptr<ProbeServer> server, Ipv4Address vipa)
{
    stack->AddVipa(vipa);
    server->AddAddress(vipa);
}

/** "STACK" or "STACK/LINK": what an event is about. */
std::string
Subject(const EventSpec& ev)
{
    return ev.stack + (ev.link.empty() ? "" : "/" + ev.link);
}

} // namespace

void
ScenarioRunner::ScheduleEvents(RunState& s)
{
    // Events, with DEVLINKS displays before the first and after each.
    s.events = m_scenario.events;
    std::stable_sort(s.events.begin(), s.events.end(), [](const EventSpec& a, const EventSpec& b) {
        return a.at < b.at;
    });
    for (uint32_t i = 0; i < s.events.size(); ++i)
    {
        const EventSpec& ev = s.events[i];
        if (i == 0)
        {
            std::string label = "before " + ev.type + " " + Subject(ev);
            Simulator::Schedule(Seconds(ev.at), &RunRecorder::Snapshot, &s.recorder, label);
        }
        ScheduleEvent(s, ev);
        const StackSpec* spec = nullptr;
        for (const auto& st : m_scenario.stacks)
        {
            spec = st.name == ev.stack ? &st : spec;
        }
        // The display after an event: once the stack noticed it and a starting link learned
        // its LanGroup.
        double settle = (IsPortEvent(ev.type) ? spec->settings.Number("detectionDelay") : 0.0) +
                        spec->settings.Number("learningTime") + 0.001;
        Time at = std::min(Seconds(ev.at + settle), s.end);
        std::string label = "after " + ev.type + " " + Subject(ev);
        Simulator::Schedule(at, &RunRecorder::Snapshot, &s.recorder, label);
    }
}

/** The router's end of a CLAW channel noticed the channel failure (repair). */
static void
RouterEndNoticed(Ptr<Ipv4> ipv4, uint32_t ifIndex, bool up, RunRecorder* recorder, std::string node)
{
    if (ipv4->IsUp(ifIndex) == up)
    {
        return;
    }
    if (up)
    {
        ipv4->SetUp(ifIndex);
    }
    else
    {
        ipv4->SetDown(ifIndex);
    }
    recorder->Record(node,
                     up ? "router-interface-up" : "router-interface-down",
                     AddressText(ipv4->GetAddress(ifIndex, 0).GetLocal()),
                     "channel " + std::string(up ? "repaired" : "failed"));
}

void
ScenarioRunner::ScheduleEvent(RunState& s, const EventSpec& ev)
{
    Ptr<ZosStack> stack = m_stacks.at(ev.stack);
    Time at = Seconds(ev.at);
    if (IsPortEvent(ev.type))
    {
        // A CLAW link's port is the channel: the router at its other end notices too.
        for (const auto& st : m_scenario.stacks)
        {
            for (const auto& link : st.links)
            {
                if (st.name != ev.stack || link.name != ev.link || link.kind != "CLAW" ||
                    s.routerInterfaces.count(link.lan) == 0)
                {
                    continue;
                }
                Time notice = at + Seconds(st.settings.Number("detectionDelay"));
                for (const auto& itf : s.routerInterfaces.at(link.lan))
                {
                    Simulator::Schedule(notice,
                                        &RouterEndNoticed,
                                        itf.ipv4,
                                        itf.ifIndex,
                                        ev.type == "portRepair",
                                        &s.recorder,
                                        itf.router);
                }
            }
        }
    }
    if (ev.type == "portFailure")
    {
        Simulator::Schedule(at, &ZosStack::FailPort, stack, ev.link);
    }
    else if (ev.type == "portRepair")
    {
        Simulator::Schedule(at, &ZosStack::RepairPort, stack, ev.link);
    }
    else if (ev.type == "linkStop")
    {
        Simulator::Schedule(at, &ZosStack::StopLink, stack, ev.link);
    }
    else if (ev.type == "linkStart")
    {
        Simulator::Schedule(at, &ZosStack::StartLink, stack, ev.link);
    }
    else if (ev.type == "stackFailure")
    {
        Simulator::Schedule(at, &ZosStack::Fail, stack);
    }
    else if (ev.type == "vipaAdd")
    {
        Ipv4Address vipa(ev.address.c_str());
        Simulator::Schedule(at, &VipaAdd, stack, s.servers.at(ev.stack), vipa);
    }
}

void
ScenarioRunner::ScheduleDevlinks(RunState& s)
{
    for (double t : m_scenario.devlinksAt)
    {
        std::ostringstream label;
        label << "requested at " << t << " s";
        Simulator::Schedule(Seconds(t), &RunRecorder::Snapshot, &s.recorder, label.str());
    }
}

void
ScenarioRunner::SetUpOutageMonitor(RunState& s)
{
    // Outage measurement, beside the model: told the events and the clients, fed by the
    // clients' Tx and Rtt trace sources.
    s.reaches = EventReaches(m_scenario, s.events);
    for (uint32_t i = 0; i < s.events.size(); ++i)
    {
        if (s.reaches[i].ignored)
        {
            s.monitor.AddIgnoredEvent(Seconds(s.events[i].at));
        }
        else
        {
            s.monitor.AddEvent(Seconds(s.events[i].at), s.reaches[i].addresses, s.reaches[i].lan);
        }
    }
    for (const auto& c : s.clients)
    {
        s.monitor.Connect(c.client, c.name, c.start, c.stop, c.lan);
        s.recorder.ConnectProbeClient(c.name, c.client);
    }
    // The first-success rows of the timeline, as the outage rows recover.
    std::vector<std::string> labels;
    for (const auto& ev : s.events)
    {
        labels.push_back("after " + ev.type + " " + Subject(ev));
    }
    s.recorder.SetEventLabels(labels);
    s.monitor.SetRecoveryCallback(MakeCallback(&RunRecorder::FirstSuccess, &s.recorder));
}

// ---- run

void
ScenarioRunner::Simulate(RunState& s)
{
    // Probes stop at the end; one more second lets the last replies arrive.
    Simulator::Stop(s.end + Seconds(1));
    Simulator::Run();
    CheckIgnoredEvents(s);
    s.result.events = Simulator::GetEventCount();
    for (auto& capture : s.pcaps)
    {
        capture->Close();
    }
}

void
ScenarioRunner::CheckIgnoredEvents(RunState& s)
{
    // The outage windows were built from a replay of the events (EventReaches): it must
    // agree with what the stacks reported (per time, operation and subject: an event may
    // be listed twice, and only its second instance change nothing).
    std::map<std::string, size_t> predicted;
    for (uint32_t i = 0; i < s.events.size(); ++i)
    {
        const EventSpec& ev = s.events[i];
        std::string key = RunRecorder::IgnoredKey(Seconds(ev.at), ev.type, Subject(ev));
        predicted[key] += s.reaches[i].ignored ? 1 : 0;
    }
    for (const auto& r : s.reaches)
    {
        for (const auto& key : r.ignoredActivations)
        {
            if (predicted.count(key) != 0)
            {
                ++predicted[key]; // same instant, operation and link as an event
            }
        }
    }
    for (const auto& [key, n] : predicted)
    {
        size_t reported = s.recorder.TimesIgnored(key);
        if (n != reported)
        {
            // Not an abort: the run is valid, only the outage windows may be off. The
            // random-schedule checker reports such a warning as a violation.
            s.result.warnings.push_back("internal: the outage windows assumed " +
                                        std::to_string(n) + " ignored event(s) at [" + key +
                                        "], the stack reported " + std::to_string(reported) +
                                        "; please report this scenario");
        }
    }
}

// ---- collect

void
ScenarioRunner::Collect(RunState& s)
{
    CollectOutages(s);
    CollectProbes(s);
    CollectTcp(s);
    CheckSteadyLoss(s);
}

void
ScenarioRunner::CheckSteadyLoss(RunState& s)
{
    // Issue 11: at scale the LAN itself may lose probes (all clients start together into
    // one queue); the outage figures then measure congestion, not takeover. One warning.
    const auto losses = s.monitor.GetSteadyLosses();
    if (losses.empty())
    {
        return;
    }
    uint64_t sent = 0;
    uint64_t lost = 0;
    const OutageMonitor::SteadyLoss* worst = &losses.front();
    for (const auto& l : losses)
    {
        sent += l.sent;
        lost += l.lost;
        worst = l.lost > worst->lost ? &l : worst;
    }
    std::ostringstream when;
    if (s.events.empty())
    {
        when << "during the run (no events)";
    }
    else
    {
        when << "before the first event (at " << s.events.front().at << " s)";
    }
    std::ostringstream w;
    w << lost << " probe(s) lost " << when.str() << " although their target had answered, by "
      << losses.size() << " client-target pair(s) (most: " << worst->client << " -> "
      << worst->target << ", " << worst->lost << " of " << worst->sent
      << "): the LAN lost them with nothing failed (congestion, a queue too small), so the "
         "outage figures may measure that, not the takeover";
    s.result.warnings.push_back(w.str());
}

void
ScenarioRunner::CollectOutages(RunState& s)
{
    // One row per event x client x target, and per station ARP model a summary.
    std::map<std::string, std::vector<OutageMonitor::Record>> byModel;
    for (const OutageMonitor::Record& r : s.monitor.GetRecords())
    {
        const EventSpec& ev = s.events[r.event];
        std::string arp;
        for (const auto& c : s.clients)
        {
            arp = c.name == r.client ? c.arp : arp;
        }
        byModel[arp].push_back(r);
        s.result.outages.push_back(OutageRowOf(r, ev, arp));
        // Its first-success row went to the timeline at the time (RunRecorder::FirstSuccess).
        s.firstSuccessRows += r.IsMeasured() && r.recovered ? 1 : 0;
    }
    for (const auto& [model, records] : byModel)
    {
        s.result.outageByModel[model] = OutageMonitor::Summarize(records);
    }
}

OutageRow
ScenarioRunner::OutageRowOf(const OutageMonitor::Record& r,
                            const EventSpec& ev,
                            const std::string& arp)
{
    OutageRow row;
    row.eventIndex = r.event;
    row.eventType = ev.type;
    row.eventSubject = Subject(ev);
    row.eventAt = r.eventAt;
    row.windowEnd = r.windowEnd;
    row.client = r.client;
    row.arpModel = arp;
    row.target = AddressText(r.target);
    row.measured = r.IsMeasured();
    row.reachableAtEvent = r.reachableAtEvent;
    row.reason = OutageMonitor::GetReasonName(r.reason);
    row.recovered = r.recovered;
    row.outage = r.outage;
    row.firstSuccess = r.firstSuccess;
    row.longestGap = r.longestGap;
    row.sent = r.sent;
    row.lost = r.lost;
    return row;
}

void
ScenarioRunner::CollectTcp(RunState& s)
{
    for (const auto& c : s.clients)
    {
        Ptr<TcpProbeClient> tcp = DynamicCast<TcpProbeClient>(c.client);
        if (!tcp)
        {
            continue;
        }
        const auto& targets = tcp->GetTargets();
        for (uint32_t t = 0; t < targets.size(); ++t)
        {
            const TcpConnectionRecord& r = tcp->GetConnection(t);
            TcpRow row;
            row.client = c.name;
            row.arpModel = c.arp;
            row.target = AddressText(targets[t]);
            row.opened = r.opened;
            row.closed = r.closed;
            row.closeReason = r.closeReason;
            row.survived = r.Survived();
            row.sent = r.sent;
            row.answered = r.answered;
            row.retransmissions = r.retransmissions;
            row.longestStall = r.longestStall;
            row.stallStart = r.stallStart;
            s.result.tcp.push_back(row);
        }
    }
}

void
ScenarioRunner::CollectProbes(RunState& s)
{
    // Every client stopped (at the end of the run at the latest) and each probe went to the
    // row stream when its fate was known; unless the run stopped early (an output error):
    // the probes still held go as they stand. The sorted probes now go to the sink.
    for (const auto& c : s.clients)
    {
        c.client->ReportHeld();
    }
    s.rows.Finish();
    s.result.timelineRows = s.rows.GetTimelineRows();
    s.result.probeRows = s.rows.GetProbes();
    RecordStats stats;
    stats.probes = s.rows.GetProbes();
    stats.timelineRows = s.rows.GetTimelineRows();
    stats.peakPendingTimeline = s.rows.GetPeakPending();
    for (const auto& c : s.clients)
    {
        stats.peakHeldPerClient = std::max(stats.peakHeldPerClient, c.client->GetPeakHeldCount());
        stats.peakHeldInClients += c.client->GetPeakHeldCount();
        stats.lateReplies += c.client->GetLateReplies();
    }
    if (const ProbeSorter* sorter = s.rows.GetSorter())
    {
        stats.peakSorterRecords = sorter->GetPeakHeld();
        stats.sortRunsWritten = sorter->GetRunsWritten();
    }
    m_recordStats = stats;
    m_rowError = s.rows.GetError();
    if (s.rows.GetFirstSuccessRows() != s.firstSuccessRows && m_rowError.empty())
    {
        // Not an abort, as CheckIgnoredEvents: the outage figures are right, the timeline's
        // first-success rows are not.
        s.result.warnings.push_back(
            "internal: the timeline has " + std::to_string(s.rows.GetFirstSuccessRows()) +
            " first-success row(s), the outage rows " + std::to_string(s.firstSuccessRows) +
            " recoveries; please report this scenario");
    }
    if (stats.lateReplies > 0)
    {
        std::ostringstream w;
        w << stats.lateReplies
          << " probe repl(y/ies) came after their request was reported lost (unanswered for "
             "longer than the probe clients' LossHorizon): ignored, the requests count as "
             "lost";
        s.result.warnings.push_back(w.str());
    }
}

} // namespace zos
} // namespace ns3
