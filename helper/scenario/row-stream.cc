/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "row-stream.h"

#include "run-recorder.h"

#include "ns3/assert.h"
#include "ns3/log.h"
#include "ns3/simulator.h"

#include <algorithm>

namespace ns3
{
namespace zos
{

NS_LOG_COMPONENT_DEFINE("RowStream");

RowStream::RowStream(RowSink* sink, const std::string& spillDir, size_t sortBuffer)
    : m_sink(sink)
{
    NS_LOG_FUNCTION(this << sink << spillDir << sortBuffer);
    if (m_sink != nullptr)
    {
        m_sorter = std::make_unique<ProbeSorter>(spillDir, sortBuffer);
    }
}

uint32_t
RowStream::AddClient(const std::string& name, const std::vector<Ipv4Address>& targets)
{
    Client c;
    c.name = name;
    c.targets = targets;
    for (const auto& t : targets)
    {
        c.targetText.push_back(AddressText(t));
    }
    m_clients.push_back(c);
    m_clientIndex[name] = m_clients.size() - 1;
    return m_clients.size() - 1;
}

uint32_t
RowStream::FindClient(const std::string& name) const
{
    auto it = m_clientIndex.find(name);
    NS_ASSERT_MSG(it != m_clientIndex.end(), "unknown client " << name);
    return it->second;
}

uint32_t
RowStream::FindTarget(uint32_t client, Ipv4Address target) const
{
    const auto& targets = m_clients.at(client).targets;
    auto it = std::find(targets.begin(), targets.end(), target);
    NS_ASSERT_MSG(it != targets.end(), "unknown target " << target);
    return it - targets.begin();
}

void
RowStream::CheckError()
{
    // Called once per row and probe: no string built.
    const bool failed = (m_sink != nullptr && !m_sink->GetError().empty()) ||
                        (m_sorter && !m_sorter->GetError().empty());
    if (!m_stopped && failed)
    {
        NS_LOG_LOGIC("stopping the run: " << GetError());
        m_stopped = true;
        Simulator::Stop();
    }
}

void
RowStream::AddTimelineRow(const TimelineRow& row)
{
    NS_ASSERT_MSG(row.time >= m_now, "timeline rows must come in time order");
    if (row.time > m_now)
    {
        FlushPending();
        m_now = row.time;
    }
    ++m_timelineRows;
    if (m_sink != nullptr)
    {
        m_sink->AddTimelineRow(row);
        CheckError();
    }
}

void
RowStream::AddFirstSuccess(uint32_t event, uint32_t client, uint32_t target, const TimelineRow& row)
{
    NS_ASSERT_MSG(row.time >= m_now, "timeline rows must come in time order");
    if (row.time > m_now)
    {
        FlushPending();
        m_now = row.time;
    }
    m_pending.emplace_back(Key(event, client, target), row);
    m_peakPending = std::max<uint64_t>(m_peakPending, m_pending.size());
}

void
RowStream::FlushPending()
{
    if (m_pending.empty())
    {
        return;
    }
    std::stable_sort(m_pending.begin(), m_pending.end(), [](const auto& a, const auto& b) {
        return a.first < b.first;
    });
    for (const auto& [key, row] : m_pending)
    {
        ++m_timelineRows;
        ++m_firstSuccessRows;
        if (m_sink != nullptr)
        {
            m_sink->AddTimelineRow(row);
        }
    }
    m_pending.clear();
    if (m_sink != nullptr)
    {
        CheckError();
    }
}

void
RowStream::AddProbe(uint32_t client, uint32_t target, uint32_t sequence, Time sent, Time received)
{
    ++m_probes;
    if (m_sorter)
    {
        m_sorter->Add({client, target, sequence, sent.GetTimeStep(), received.GetTimeStep()});
        CheckError();
    }
}

void
RowStream::Finish()
{
    NS_LOG_FUNCTION(this);
    FlushPending();
    if (m_sink == nullptr)
    {
        return;
    }
    if (!GetError().empty())
    {
        m_sink->Finish(); // the run stopped at an error: its outputs are abandoned
        return;
    }
    ProbeRow row;
    m_sorter->Finish([this, &row](const ProbeSorter::Entry& e) {
        const Client& c = m_clients[e.client];
        row.client = c.name;
        row.target = c.targetText[e.target];
        row.sequence = e.sequence;
        row.sent = Time(e.sent);
        row.received = Time(e.received);
        m_sink->AddProbeRow(row);
    });
    m_sink->Finish();
}

std::string
RowStream::GetError() const
{
    if (m_sink != nullptr && !m_sink->GetError().empty())
    {
        return m_sink->GetError();
    }
    return m_sorter ? m_sorter->GetError() : std::string();
}

uint64_t
RowStream::GetTimelineRows() const
{
    return m_timelineRows;
}

uint64_t
RowStream::GetFirstSuccessRows() const
{
    return m_firstSuccessRows;
}

uint64_t
RowStream::GetProbes() const
{
    return m_probes;
}

uint64_t
RowStream::GetPeakPending() const
{
    return m_peakPending;
}

const ProbeSorter*
RowStream::GetSorter() const
{
    return m_sorter.get();
}

} // namespace zos
} // namespace ns3
