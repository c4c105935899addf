/*
 * zos-takeover: a RowSink that writes timeline.csv and probes.csv as the rows come.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_CSV_ROW_SINK_H
#define ZOS_TAKEOVER_CSV_ROW_SINK_H

#include "row-sink.h"

#include <cstdio>
#include <string>

namespace ns3
{

namespace zos
{

/**
 * \ingroup zos-takeover
 * \brief Writes timeline.csv and probes.csv into a directory while the run goes: each row
 * is formatted (TimelineCsvLine, ProbesCsvLine) and written through a stdio buffer, so
 * nothing of the run is kept. Every write is checked up to the close: the first failure
 * ("probes.csv: File too large") is kept for GetError, the file is not written further.
 * The files are created (truncated) by the constructor, each with its header line; in a
 * ResultsDirectory, register them before.
 */
class CsvRowSink : public RowSink
{
  public:
    /** \param dir an existing directory */
    explicit CsvRowSink(const std::string& dir);
    /** Closes the files if Finish was not called (unchecked). */
    ~CsvRowSink() override;
    CsvRowSink(const CsvRowSink&) = delete;
    CsvRowSink& operator=(const CsvRowSink&) = delete;

    void AddTimelineRow(const TimelineRow& row) override;
    void AddProbeRow(const ProbeRow& row) override;
    /** Close both files (checked). */
    void Finish() override;
    const std::string& GetError() const override;

  private:
    /** One file being written. */
    struct File
    {
        std::string name;          //!< "timeline.csv"
        std::FILE* file = nullptr; //!< null once closed or failed
    };

    /**
     * Open a file and write its header.
     * \param f the file
     * \param path its path
     * \param header its first line
     */
    void Open(File& f, const std::string& path, const std::string& header);
    /**
     * Write text to a file, checked.
     * \param f the file
     * \param text the text
     */
    void Write(File& f, const std::string& text);
    /**
     * Close a file, checked.
     * \param f the file
     */
    void Close(File& f);
    /**
     * Note a failure of a file (the first of the sink is kept); stop writing it.
     * \param f the file
     * \param error its errno
     */
    void Fail(File& f, int error);

    File m_timeline;
    File m_probes;
    std::string m_line; //!< the line being formatted (its capacity reused)
    std::string m_error;
};

} // namespace zos
} // namespace ns3

#endif
