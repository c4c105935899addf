/*
 * zos-takeover: the files and console text a run produces.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_OUTPUT_WRITER_H
#define ZOS_TAKEOVER_OUTPUT_WRITER_H

#include "scenario-runner.h"

#include <stdexcept>
#include <string>
#include <vector>

namespace ns3
{
namespace zos
{

/**
 * summary.json: the scenario as run and every figure (deterministic for a given seed).
 * \param result a run's results
 * \return the text
 */
std::string SummaryJson(const RunResult& result);
/** \return timeline.csv's first line: time_s,node,event,address,detail */
std::string TimelineCsvHeader();
/**
 * Append one row of timeline.csv.
 * \param out the text to append to
 * \param row the row
 */
void AppendTimelineCsvLine(std::string& out, const TimelineRow& row);
/**
 * timeline.csv as a whole (CsvRowSink writes it row by row while the run goes).
 * \param rows the rows (MemoryRowSink::GetTimeline)
 * \return the text
 */
std::string TimelineCsv(const std::vector<TimelineRow>& rows);
/**
 * \return probes.csv's first line: client,target,sequence,sent_s,received_s,rtt_s (the last
 * two empty when lost)
 */
std::string ProbesCsvHeader();
/**
 * Append one row of probes.csv.
 * \param out the text to append to
 * \param row the row
 */
void AppendProbesCsvLine(std::string& out, const ProbeRow& row);
/**
 * probes.csv as a whole (CsvRowSink writes it row by row after the run).
 * \param rows the rows (MemoryRowSink::GetProbes)
 * \return the text
 */
std::string ProbesCsv(const std::vector<ProbeRow>& rows);
/**
 * outages.csv: one row per (event, client, target): event, event_type, subject, event_s,
 * window_end_s, client, arp, target, status (measured / not-measured), reason, recovered,
 * outage_s, first_success_s, longest_gap_s, sent, lost (figures empty when not measured).
 * \param result a run's results
 * \return the text
 */
std::string OutagesCsv(const RunResult& result);
/**
 * devlinks.txt: each stack's DEVLINKS display before the first event and after each.
 * \param result a run's results
 * \return the text
 */
std::string DevlinksText(const RunResult& result);
/**
 * The outage table for people.
 * \param result a run's results
 * \return the text
 */
std::string OutageTable(const RunResult& result);
/**
 * tcp.csv: one row per TCP probe connection: client, arp, target, opened_s, closed_s,
 * close_reason, survived, sent, answered, retransmissions, stall_s, stall_start_s (times
 * empty when there is none). Written only when the scenario has TCP probes.
 * \param result a run's results
 * \return the text
 */
std::string TcpCsv(const RunResult& result);
/**
 * The TCP connection table for people ("" without TCP probes).
 * \param result a run's results
 * \return the text
 */
std::string TcpTable(const RunResult& result);

/** One file of a run's results: its name and how to make its text. */
struct OutputFile
{
    const char* name;
    std::string (*text)(const RunResult& result);
    /** Whether the run has this file (null: always). */
    bool (*wanted)(const RunResult& result) = nullptr;
};

/**
 * \return the files written from a RunResult after the run: summary.json, outages.csv,
 * devlinks.txt and (with TCP probes) tcp.csv, in the order written. timeline.csv and
 * probes.csv are written while the run goes, by the runner's RowSink (CsvRowSink).
 */
const std::vector<OutputFile>& OutputFiles();

/**
 * Write every OutputFiles() entry into `dir` (created if needed), each file checked up to its
 * close. Not atomic: ResultsDirectory is. \throws std::runtime_error if a file cannot be
 * written (the file is removed).
 * \param result a run's results
 * \param dir the directory
 */
void WriteOutputs(const RunResult& result, const std::string& dir);

} // namespace zos
} // namespace ns3

#endif
