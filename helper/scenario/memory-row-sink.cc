/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "memory-row-sink.h"

namespace ns3
{
namespace zos
{

void
MemoryRowSink::AddTimelineRow(const TimelineRow& row)
{
    m_timeline.push_back(row);
}

void
MemoryRowSink::AddProbeRow(const ProbeRow& row)
{
    m_probes.push_back(row);
}

void
MemoryRowSink::Finish()
{
    m_finished = true;
}

const std::string&
MemoryRowSink::GetError() const
{
    return m_error;
}

const std::vector<TimelineRow>&
MemoryRowSink::GetTimeline() const
{
    return m_timeline;
}

const std::vector<ProbeRow>&
MemoryRowSink::GetProbes() const
{
    return m_probes;
}

bool
MemoryRowSink::IsFinished() const
{
    return m_finished;
}

} // namespace zos
} // namespace ns3
