/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "probe-sorter.h"

#include "ns3/log.h"

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <queue>
#include <unistd.h>

namespace ns3
{

namespace zos
{

NS_LOG_COMPONENT_DEFINE("ProbeSorter");

ProbeSorter::ProbeSorter(const std::string& dir, size_t capacity, size_t fanIn)
    : m_dir(dir),
      m_capacity(std::max<size_t>(capacity, 1)),
      m_fanIn(std::max<size_t>(fanIn, 2)),
      m_readBuffer(std::max<size_t>(m_capacity / m_fanIn, 1))
{
    NS_LOG_FUNCTION(this << dir << capacity << fanIn);
}

ProbeSorter::~ProbeSorter()
{
    CloseRuns();
}

void
ProbeSorter::CloseRuns()
{
    for (auto& level : m_levels)
    {
        for (auto& run : level)
        {
            std::fclose(run.file);
        }
    }
    m_levels.clear();
}

const std::string&
ProbeSorter::GetError() const
{
    return m_error;
}

uint64_t
ProbeSorter::GetCount() const
{
    return m_count;
}

size_t
ProbeSorter::GetPeakHeld() const
{
    return m_peakHeld;
}

uint64_t
ProbeSorter::GetRunsWritten() const
{
    return m_runsWritten;
}

void
ProbeSorter::Fail(const std::string& what, int error)
{
    NS_LOG_FUNCTION(this << what << error);
    if (m_error.empty())
    {
        m_error = "probes.csv (" + what + "): " + std::strerror(error);
    }
    CloseRuns();
    m_buffer.clear();
    m_buffer.shrink_to_fit();
}

std::FILE*
ProbeSorter::NewFile()
{
    std::string dir = m_dir.empty() ? std::filesystem::temp_directory_path().string() : m_dir;
    std::string name = dir + "/.zos-probes-XXXXXX";
    std::vector<char> path(name.begin(), name.end());
    path.push_back('\0');
    int fd = ::mkstemp(path.data());
    if (fd < 0)
    {
        Fail("sort file in " + dir, errno);
        return nullptr;
    }
    // Unlinked at once: nothing stays behind, whatever ends the process.
    ::unlink(path.data());
    std::FILE* file = ::fdopen(fd, "w+b");
    if (file == nullptr)
    {
        int error = errno;
        ::close(fd);
        Fail("sort file in " + dir, error);
    }
    return file;
}

void
ProbeSorter::Add(const Entry& e)
{
    if (!m_error.empty())
    {
        return;
    }
    if (m_buffer.capacity() < m_capacity)
    {
        m_buffer.reserve(m_capacity);
        m_peakHeld = std::max(m_peakHeld, m_buffer.capacity());
    }
    ++m_count;
    m_buffer.push_back(e);
    if (m_buffer.size() >= m_capacity)
    {
        Spill();
    }
}

void
ProbeSorter::Spill()
{
    NS_LOG_FUNCTION(this << m_buffer.size());
    std::sort(m_buffer.begin(), m_buffer.end());
    std::FILE* file = NewFile();
    if (file == nullptr)
    {
        return;
    }
    errno = 0;
    if (std::fwrite(m_buffer.data(), sizeof(Entry), m_buffer.size(), file) != m_buffer.size() ||
        std::fflush(file) != 0)
    {
        int error = errno != 0 ? errno : EIO;
        std::fclose(file);
        Fail("sort file", error);
        return;
    }
    ++m_runsWritten;
    Run run{file, m_buffer.size()};
    m_buffer.clear();
    AddRun(0, run);
}

void
ProbeSorter::AddRun(size_t level, Run run)
{
    if (m_levels.size() <= level)
    {
        m_levels.resize(level + 1);
    }
    m_levels[level].push_back(run);
    if (m_levels[level].size() < m_fanIn)
    {
        return;
    }
    NS_LOG_LOGIC("merging " << m_fanIn << " runs of level " << level);
    std::vector<Run> runs;
    runs.swap(m_levels[level]);
    Run merged;
    if (MergeToRun(runs, &merged))
    {
        AddRun(level + 1, merged);
    }
}

bool
ProbeSorter::MergeToRun(std::vector<Run>& runs, Run* out)
{
    std::FILE* file = NewFile();
    if (file == nullptr)
    {
        for (auto& r : runs)
        {
            std::fclose(r.file);
        }
        runs.clear();
        return false;
    }
    // Written through stdio's buffer.
    uint64_t count = 0;
    bool written = true;
    errno = 0;
    bool read = Merge(runs, [file, &count, &written](const Entry& e) {
        written = written && std::fwrite(&e, sizeof(Entry), 1, file) == 1;
        ++count;
    });
    if (!read || !written || std::fflush(file) != 0)
    {
        int error = errno != 0 ? errno : EIO;
        std::fclose(file);
        Fail("sort file", error);
        return false;
    }
    ++m_runsWritten;
    *out = Run{file, count};
    return true;
}

bool
ProbeSorter::Merge(std::vector<Run>& runs, const std::function<void(const Entry&)>& emit)
{
    NS_LOG_FUNCTION(this << runs.size());

    struct Reader
    {
        std::FILE* file;
        uint64_t left; //!< records not yet read from the file
        std::vector<Entry> buffer;
        size_t next = 0;
    };

    std::vector<Reader> readers;
    readers.reserve(runs.size());
    bool ok = true;
    const size_t chunk = m_readBuffer;
    auto refill = [&ok, chunk](Reader& r) {
        size_t n = static_cast<size_t>(std::min<uint64_t>(r.left, chunk));
        r.buffer.resize(n);
        r.next = 0;
        if (n > 0 && std::fread(r.buffer.data(), sizeof(Entry), n, r.file) != n)
        {
            ok = false;
            r.buffer.clear();
            n = 0;
        }
        r.left -= n;
        return n > 0;
    };
    // Min-heap of (entry, reader).
    using Item = std::pair<Entry, size_t>;
    auto later = [](const Item& a, const Item& b) { return b.first < a.first; };
    std::priority_queue<Item, std::vector<Item>, decltype(later)> heap(later);
    for (auto& run : runs)
    {
        if (std::fseek(run.file, 0, SEEK_SET) != 0)
        {
            ok = false;
        }
        readers.push_back({run.file, run.count, {}, 0});
    }
    for (size_t i = 0; i < readers.size() && ok; ++i)
    {
        if (refill(readers[i]))
        {
            heap.emplace(readers[i].buffer[0], i);
        }
    }
    size_t held = m_buffer.capacity();
    for (const auto& r : readers)
    {
        held += r.buffer.capacity();
    }
    m_peakHeld = std::max(m_peakHeld, held);
    while (ok && !heap.empty())
    {
        auto [entry, i] = heap.top();
        heap.pop();
        emit(entry);
        Reader& r = readers[i];
        if (++r.next < r.buffer.size() || refill(r))
        {
            heap.emplace(r.buffer[r.next], i);
        }
    }
    for (auto& r : readers)
    {
        std::fclose(r.file);
    }
    runs.clear();
    return ok;
}

void
ProbeSorter::Finish(const std::function<void(const Entry&)>& emit)
{
    NS_LOG_FUNCTION(this << m_count);
    if (!m_error.empty())
    {
        return;
    }
    if (m_levels.empty())
    {
        // Everything fits in the buffer: no file.
        std::sort(m_buffer.begin(), m_buffer.end());
        for (const Entry& e : m_buffer)
        {
            emit(e);
        }
    }
    else
    {
        if (!m_buffer.empty())
        {
            Spill();
        }
        // The smallest runs first; fanIn at a time into one until fanIn are left.
        std::vector<Run> runs;
        for (auto& level : m_levels)
        {
            runs.insert(runs.end(), level.begin(), level.end());
        }
        m_levels.clear();
        while (m_error.empty() && runs.size() > m_fanIn)
        {
            std::vector<Run> first(runs.begin(), runs.begin() + m_fanIn);
            runs.erase(runs.begin(), runs.begin() + m_fanIn);
            Run merged;
            if (MergeToRun(first, &merged))
            {
                runs.push_back(merged);
            }
        }
        errno = 0;
        if (m_error.empty() && !Merge(runs, emit))
        {
            Fail("sort file", errno != 0 ? errno : EIO);
        }
        for (auto& r : runs)
        {
            std::fclose(r.file);
        }
    }
    m_buffer.clear();
    m_buffer.shrink_to_fit();
}

} // namespace zos
} // namespace ns3
