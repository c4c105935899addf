/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "outage-monitor.h"

#include "trace-context.h"

#include "ns3/assert.h"
#include "ns3/callback.h"
#include "ns3/log.h"
#include "ns3/probe-client.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{

namespace zos
{

NS_LOG_COMPONENT_DEFINE("OutageMonitor");

std::string
OutageMonitor::GetReasonName(Reason reason)
{
    switch (reason)
    {
    case Reason::NONE:
        return "";
    case Reason::EVENT_CHANGED_NOTHING:
        return "event-changed-nothing";
    case Reason::TARGET_NOT_TOUCHED:
        return "target-not-touched";
    case Reason::SHARED_WINDOW:
        return "shared-window";
    case Reason::CLIENT_NOT_PROBING:
        return "client-not-probing";
    case Reason::NO_REPLY_BEFORE_EVENT:
        return "no-reply-before-event";
    case Reason::NO_REQUEST_IN_WINDOW:
        return "no-request-in-window";
    }
    NS_ASSERT_MSG(false, "unknown reason");
    return "";
}

OutageMonitor::Summary
OutageMonitor::Summarize(const std::vector<Record>& records)
{
    Summary s;
    int64_t sumNs = 0;
    for (const Record& r : records)
    {
        ++s.rows;
        if (!r.IsMeasured())
        {
            continue;
        }
        ++s.measured;
        if (!r.reachableAtEvent)
        {
            ++s.downAtEvent;
            continue;
        }
        if (r.recovered)
        {
            ++s.recovered;
            s.maxOutage = std::max(s.maxOutage, r.outage);
            sumNs += r.outage.GetNanoSeconds();
        }
        else
        {
            ++s.notRecovered;
            // Not recovered: the outage is the window's length, a lower bound.
            if (s.notRecoveredAfter.IsStrictlyNegative() || r.outage < s.notRecoveredAfter)
            {
                s.notRecoveredAfter = r.outage;
            }
        }
    }
    if (s.recovered > 0)
    {
        // Rounded to the nanosecond, so that the mean does not depend on the platform.
        s.meanOutage = NanoSeconds((sumNs + s.recovered / 2) / s.recovered);
    }
    return s;
}

OutageMonitor::OutageMonitor()
    : m_started(false)
{
    NS_LOG_FUNCTION(this);
}

uint32_t
OutageMonitor::AddIgnoredEvent(Time at)
{
    NS_LOG_FUNCTION(this << at);
    uint32_t e = AddEvent(at, {});
    m_eventIgnored[e] = true;
    return e;
}

uint32_t
OutageMonitor::AddEvent(Time at, const std::vector<Ipv4Address>& touched, const std::string& lan)
{
    NS_LOG_FUNCTION(this << at << touched.size());
    NS_ASSERT_MSG(!m_started, "events must be told before the run");
    NS_ASSERT_MSG(m_eventTimes.empty() || at >= m_eventTimes.back(),
                  "events must be told in time order");
    m_eventTimes.push_back(at);
    m_eventTouches.emplace_back(touched.begin(), touched.end());
    m_eventLans.push_back(lan);
    m_eventIgnored.push_back(false);
    Rebuild();
    return m_eventTimes.size() - 1;
}

void
OutageMonitor::AddClient(const std::string& name,
                         const std::vector<Ipv4Address>& targets,
                         Time start,
                         Time stop,
                         const std::string& lan)
{
    NS_LOG_FUNCTION(this << name << targets.size() << start << stop);
    NS_ASSERT_MSG(!m_started, "clients must be told before the run");
    NS_ASSERT_MSG(m_clientIndex.count(name) == 0, "duplicate client " << name);
    m_clientIndex[name] = m_clients.size();
    Client c;
    c.name = name;
    c.start = start;
    c.stop = stop;
    c.lan = lan;
    c.targets = targets;
    m_clients.push_back(c);
    Rebuild();
}

void
OutageMonitor::Connect(Ptr<ProbeClient> client,
                       const std::string& name,
                       Time start,
                       Time stop,
                       const std::string& lan)
{
    NS_LOG_FUNCTION(this << client << name);
    AddClient(name, client->GetTargets(), start, stop, lan);
    // On the object, with the context Config::Connect on its Names path gives (ns-3.37's
    // resolver cannot reach a name starting with "Names"; see RunRecorder::ConnectStack).
    const std::string path = "/Names/" + name + "/$ns3::zos::ProbeClient/";
    client->TraceConnect("Tx", path + "Tx", MakeCallback(&OutageMonitor::TxSink, this));
    client->TraceConnect("Rtt", path + "Rtt", MakeCallback(&OutageMonitor::RttSink, this));
}

const OutageMonitor::Target&
OutageMonitor::FindTarget(const Client& c, Ipv4Address target)
{
    auto it = c.perTarget.find(target);
    NS_ASSERT_MSG(it != c.perTarget.end(), "unknown target " << target << " of " << c.name);
    return it->second;
}

OutageMonitor::Target&
OutageMonitor::FindTarget(Client& c, Ipv4Address target)
{
    return const_cast<Target&>(FindTarget(static_cast<const Client&>(c), target));
}

bool
OutageMonitor::Touches(uint32_t e, Ipv4Address target, const std::string& lan) const
{
    return m_eventTouches[e].count(target) != 0 &&
           (m_eventLans[e].empty() || m_eventLans[e] == lan);
}

void
OutageMonitor::Rebuild()
{
    NS_LOG_FUNCTION(this);
    // Per client and target: one window per group of simultaneous events touching it there.
    for (Client& c : m_clients)
    {
        c.perTarget.clear();
        for (const Ipv4Address& t : c.targets)
        {
            Target& target = c.perTarget[t];
            std::vector<Window>& windows = target.windows;
            for (uint32_t e = 0; e < m_eventTimes.size(); ++e)
            {
                if (!Touches(e, t, c.lan))
                {
                    continue;
                }
                if (!windows.empty() && windows.back().start == m_eventTimes[e])
                {
                    continue; // same instant: the window of the first event of the group
                }
                Time previous = windows.empty() ? Time(-1) : windows.back().start;
                if (!windows.empty())
                {
                    windows.back().end = m_eventTimes[e];
                }
                windows.push_back({e, m_eventTimes[e], previous, Time::Max()});
            }
            target.tallies.resize(windows.size());
        }
    }
}

OutageMonitor::Client&
OutageMonitor::FindClient(const std::string& name)
{
    auto it = m_clientIndex.find(name);
    NS_ASSERT_MSG(it != m_clientIndex.end(), "unknown client " << name);
    return m_clients[it->second];
}

const OutageMonitor::Client&
OutageMonitor::FindClient(const std::string& name) const
{
    auto it = m_clientIndex.find(name);
    NS_ASSERT_MSG(it != m_clientIndex.end(), "unknown client " << name);
    return m_clients[it->second];
}

Time
OutageMonitor::EndFor(const Window& w, const Client& c)
{
    return std::min(w.end, c.stop);
}

void
OutageMonitor::NotifyTx(const std::string& client, Ipv4Address target, Time sent)
{
    NS_LOG_FUNCTION(this << client << target << sent);
    m_started = true;
    Client& c = FindClient(client);
    Target& per = FindTarget(c, target);
    per.steadySent += IsSteady(per, c, sent);
    const std::vector<Window>& windows = per.windows;
    for (uint32_t k = 0; k < windows.size(); ++k)
    {
        if (windows[k].start <= sent && sent < EndFor(windows[k], c))
        {
            ++per.tallies[k].sent;
        }
    }
}

bool
OutageMonitor::IsSteady(const Target& per, const Client& c, Time sent) const
{
    // A request sent less than a second before the first event (or the client's stop) may
    // be lost to the event (or never answered before the end): not the LAN's own loss.
    const Time end = std::min(m_eventTimes.empty() ? Time::Max() : m_eventTimes.front(), c.stop);
    return !per.firstReply.IsStrictlyNegative() && sent > per.firstReply &&
           sent + Seconds(kSteadyGuardSeconds) <= end;
}

std::vector<OutageMonitor::SteadyLoss>
OutageMonitor::GetSteadyLosses() const
{
    std::vector<SteadyLoss> losses;
    for (const auto& c : m_clients)
    {
        for (const auto& target : c.targets)
        {
            const Target& per = FindTarget(c, target);
            NS_ASSERT_MSG(per.steadyAnswered <= per.steadySent, "more replies than requests");
            if (per.steadyAnswered < per.steadySent)
            {
                losses.push_back(
                    {c.name, target, per.steadySent, per.steadySent - per.steadyAnswered});
            }
        }
    }
    return losses;
}

void
OutageMonitor::NotifyReply(const std::string& client, Ipv4Address target, Time sent, Time arrival)
{
    NS_LOG_FUNCTION(this << client << target << sent << arrival);
    NS_ASSERT_MSG(sent <= arrival, "a reply arrives after its request was sent");
    m_started = true;
    Client& c = FindClient(client);
    Target& per = FindTarget(c, target);
    per.steadyAnswered += IsSteady(per, c, sent);
    if (per.firstReply.IsStrictlyNegative())
    {
        per.firstReply = arrival;
    }
    const std::vector<Window>& windows = per.windows;
    for (uint32_t k = 0; k < windows.size(); ++k)
    {
        const Window& w = windows[k];
        Tally& t = per.tallies[k];
        Time end = EndFor(w, c);
        NS_ASSERT_MSG(arrival >= t.lastReply || arrival > end,
                      "replies of " << client << " from " << target
                                    << " must come in arrival order");
        if (arrival <= w.start)
        {
            // Before the event: was the target reachable from this client when it happened?
            t.replyBefore = true;
            t.reachable =
                t.reachable || w.previousStart.IsStrictlyNegative() || sent >= w.previousStart;
            t.lastReply = arrival;
        }
        else if (arrival <= end)
        {
            // Inside the window.
            Time previous = t.lastReply.IsStrictlyNegative() ? w.start : t.lastReply;
            t.longestGap = std::max(t.longestGap, arrival - previous);
            t.lastReply = arrival;
            if (sent >= w.start && !t.recovered)
            {
                t.recovered = true;
                t.firstSuccess = arrival;
                // GetRecord's conditions for the window's record (event w.event): the client
                // probed at the event, a reply came at or before it, and a request was sent in
                // the window (this reply's, unless it was sent at the window's very end).
                const bool probing = c.start <= w.start && w.start < c.stop;
                if (!m_recovery.IsNull() && probing && t.replyBefore && t.sent > 0)
                {
                    m_recovery(w.event, client, target, arrival);
                }
            }
        }
        if (w.start <= sent && sent < end)
        {
            ++t.answered;
        }
    }
}

void
OutageMonitor::SetRecoveryCallback(RecoveryCallback callback)
{
    NS_LOG_FUNCTION(this);
    m_recovery = callback;
}

OutageMonitor::Record
OutageMonitor::GetRecord(uint32_t event, const std::string& client, Ipv4Address target) const
{
    NS_LOG_FUNCTION(this << event << client << target);
    NS_ASSERT_MSG(event < m_eventTimes.size(), "unknown event " << event);
    const Client& c = FindClient(client);
    const Target& per = FindTarget(c, target);

    Record r;
    r.event = event;
    r.client = client;
    r.target = target;
    r.eventAt = m_eventTimes[event];
    if (m_eventIgnored[event])
    {
        r.reason = Reason::EVENT_CHANGED_NOTHING;
        return r;
    }
    if (!Touches(event, target, c.lan))
    {
        r.reason = Reason::TARGET_NOT_TOUCHED;
        return r;
    }
    const std::vector<Window>& windows = per.windows;
    uint32_t k = 0;
    while (windows[k].start != r.eventAt)
    {
        ++k;
    }
    const Window& w = windows[k];
    const Tally& t = per.tallies[k];
    Time end = EndFor(w, c);
    if (c.start > w.start || c.stop <= w.start)
    {
        r.reason = Reason::CLIENT_NOT_PROBING;
        return r;
    }
    r.windowEnd = end;
    if (w.event != event)
    {
        r.reason = Reason::SHARED_WINDOW;
    }
    else if (!t.replyBefore)
    {
        r.reason = Reason::NO_REPLY_BEFORE_EVENT;
    }
    else if (t.sent == 0)
    {
        r.reason = Reason::NO_REQUEST_IN_WINDOW;
    }
    if (!r.IsMeasured())
    {
        return r;
    }
    NS_ASSERT_MSG(t.answered <= t.sent, "more replies than requests");
    r.reachableAtEvent = t.reachable;
    r.recovered = t.recovered;
    r.firstSuccess = t.recovered ? t.firstSuccess : Time(-1);
    r.outage = (t.recovered ? t.firstSuccess : end) - w.start;
    // The gap still open at the end of the window (reachable: t.lastReply is set).
    r.longestGap = std::max(t.longestGap, end - t.lastReply);
    r.sent = t.sent;
    r.lost = t.sent - t.answered;
    NS_ASSERT(!r.outage.IsStrictlyNegative());
    return r;
}

std::vector<OutageMonitor::Record>
OutageMonitor::GetRecords() const
{
    NS_LOG_FUNCTION(this);
    std::vector<Record> records;
    for (uint32_t e = 0; e < m_eventTimes.size(); ++e)
    {
        for (const Client& c : m_clients)
        {
            for (const Ipv4Address& t : c.targets)
            {
                records.push_back(GetRecord(e, c.name, t));
            }
        }
    }
    return records;
}

void
OutageMonitor::TxSink(std::string context, Ipv4Address target, uint32_t sequence)
{
    NotifyTx(ContextName(context), target, Simulator::Now());
}

void
OutageMonitor::RttSink(std::string context,
                       Ipv4Address target,
                       uint32_t sequence,
                       Time sent,
                       Time rtt)
{
    NotifyReply(ContextName(context), target, sent, sent + rtt);
}

} // namespace zos
} // namespace ns3
