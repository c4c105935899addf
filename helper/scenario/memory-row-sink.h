/*
 * zos-takeover: a RowSink that keeps the rows in memory (tests, small runs).
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_MEMORY_ROW_SINK_H
#define ZOS_TAKEOVER_MEMORY_ROW_SINK_H

#include "row-sink.h"

#include <vector>

namespace ns3
{

namespace zos
{

/**
 * \ingroup zos-takeover
 * \brief Keeps every timeline and probe row of a run in memory, in the order of the files
 * (TimelineCsv and ProbesCsv give their text). Its memory grows with the run: for tests and
 * small runs; zos-takeover-sim writes the files as the rows come (CsvRowSink).
 */
class MemoryRowSink : public RowSink
{
  public:
    void AddTimelineRow(const TimelineRow& row) override;
    void AddProbeRow(const ProbeRow& row) override;
    void Finish() override;
    const std::string& GetError() const override;

    /** \return the timeline rows so far */
    const std::vector<TimelineRow>& GetTimeline() const;
    /** \return the probe rows so far */
    const std::vector<ProbeRow>& GetProbes() const;
    /** \return whether Finish was called */
    bool IsFinished() const;

  private:
    std::vector<TimelineRow> m_timeline;
    std::vector<ProbeRow> m_probes;
    std::string m_error; //!< always empty
    bool m_finished = false;
};

} // namespace zos
} // namespace ns3

#endif
