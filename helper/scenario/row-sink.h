/*
 * zos-takeover: where a run's timeline and probe rows go while it runs.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_ROW_SINK_H
#define ZOS_TAKEOVER_ROW_SINK_H

#include "ns3/nstime.h"

#include <cstdint>
#include <string>

namespace ns3
{

namespace zos
{

/** One step of the takeover timeline (a row of timeline.csv). */
struct TimelineRow
{
    Time time;
    std::string node;    //!< stack, "stack/link" or station name
    std::string event;   //!< port-failure, link-inactive, ownership-change, gratuitous-arp, ...
    std::string address; //!< the IP address concerned ("" if none)
    std::string detail;
};

/** One probe (a row of probes.csv). */
struct ProbeRow
{
    std::string client;
    std::string target;
    uint32_t sequence;
    Time sent;
    Time received; //!< negative: lost
};

/**
 * \ingroup zos-takeover
 * \brief Receives a run's timeline rows and probe rows, in the order of timeline.csv and
 * probes.csv, while the run goes (ScenarioRunner::SetRowSink).
 *
 * The runner keeps none of these rows: a sink writes them (CsvRowSink, what
 * zos-takeover-sim uses), keeps them (MemoryRowSink, for tests and small runs) or drops
 * them. Timeline rows come during the run, in time order (rows at the same instant in the
 * order they happened, then that instant's first-success rows by event, client and
 * target); probe rows come after the run, by client (in scenario order), target (in the
 * client's order) and sequence number. Then Finish is called once.
 */
class RowSink
{
  public:
    virtual ~RowSink();

    /**
     * A timeline row.
     * \param row the row
     */
    virtual void AddTimelineRow(const TimelineRow& row) = 0;
    /**
     * A probe row.
     * \param row the row
     */
    virtual void AddProbeRow(const ProbeRow& row) = 0;
    /** Every row was given (the end of the run). */
    virtual void Finish() = 0;
    /**
     * \return the first error (a file that could not be written: "timeline.csv: reason"),
     * empty if none; the runner stops the simulation at the first one
     */
    virtual const std::string& GetError() const = 0;
};

} // namespace zos
} // namespace ns3

#endif
