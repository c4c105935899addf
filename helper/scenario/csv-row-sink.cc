/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "csv-row-sink.h"

#include "output-writer.h"

#include "ns3/log.h"

#include <cerrno>
#include <cstring>

namespace ns3
{

namespace zos
{

NS_LOG_COMPONENT_DEFINE("CsvRowSink");

CsvRowSink::CsvRowSink(const std::string& dir)
{
    NS_LOG_FUNCTION(this << dir);
    m_timeline.name = "timeline.csv";
    m_probes.name = "probes.csv";
    Open(m_timeline, dir + "/timeline.csv", TimelineCsvHeader());
    Open(m_probes, dir + "/probes.csv", ProbesCsvHeader());
}

CsvRowSink::~CsvRowSink()
{
    for (File* f : {&m_timeline, &m_probes})
    {
        if (f->file != nullptr)
        {
            std::fclose(f->file);
        }
    }
}

void
CsvRowSink::Open(File& f, const std::string& path, const std::string& header)
{
    f.file = std::fopen(path.c_str(), "wb");
    if (f.file == nullptr)
    {
        Fail(f, errno);
        return;
    }
    // A large buffer: a few writes per thousand rows.
    std::setvbuf(f.file, nullptr, _IOFBF, 1 << 16);
    Write(f, header);
}

void
CsvRowSink::Write(File& f, const std::string& text)
{
    if (f.file == nullptr)
    {
        return;
    }
    errno = 0;
    if (std::fwrite(text.data(), 1, text.size(), f.file) != text.size())
    {
        Fail(f, errno != 0 ? errno : EIO);
    }
}

void
CsvRowSink::Close(File& f)
{
    if (f.file == nullptr)
    {
        return;
    }
    errno = 0;
    bool failed = std::ferror(f.file) != 0;
    failed = std::fclose(f.file) != 0 || failed;
    f.file = nullptr;
    if (failed)
    {
        Fail(f, errno != 0 ? errno : EIO);
    }
}

void
CsvRowSink::Fail(File& f, int error)
{
    NS_LOG_FUNCTION(this << f.name << error);
    if (m_error.empty())
    {
        m_error = f.name + ": " + std::strerror(error);
    }
    if (f.file != nullptr)
    {
        std::fclose(f.file);
        f.file = nullptr;
    }
}

void
CsvRowSink::AddTimelineRow(const TimelineRow& row)
{
    m_line.clear();
    AppendTimelineCsvLine(m_line, row);
    Write(m_timeline, m_line);
}

void
CsvRowSink::AddProbeRow(const ProbeRow& row)
{
    m_line.clear();
    AppendProbesCsvLine(m_line, row);
    Write(m_probes, m_line);
}

void
CsvRowSink::Finish()
{
    NS_LOG_FUNCTION(this);
    Close(m_timeline);
    Close(m_probes);
}

const std::string&
CsvRowSink::GetError() const
{
    return m_error;
}

} // namespace zos
} // namespace ns3
