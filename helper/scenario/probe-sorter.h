/*
 * zos-takeover: puts probe records into the order of probes.csv with bounded memory.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_PROBE_SORTER_H
#define ZOS_TAKEOVER_PROBE_SORTER_H

#include <cstdint>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace ns3
{

namespace zos
{

/**
 * \ingroup zos-takeover
 * \brief An external merge sort of probe records by (client, target, sequence): the order
 * of probes.csv, whatever the order in which the probes' fates became known.
 *
 * Records are kept in a buffer of `capacity` records; when it is full it is sorted and
 * written to a temporary file (a run) in the spill directory, created and unlinked at once,
 * so that nothing is left behind whatever happens to the process. When `fanIn` runs of one
 * size have accumulated they are merged into one run of the next size (the files merged
 * are closed), so the files held stay few (fewer than fanIn per size, the sizes growing
 * geometrically). Finish merges what is left, fanIn runs at a time, and gives every record
 * in order. Records that fit in the buffer never touch the disk.
 *
 * Memory: the buffer, and while merging one read buffer of capacity / fanIn records per
 * run merged: at most twice the capacity, whatever the number of records.
 */
class ProbeSorter
{
  public:
    /** One probe: times in ns-3 time steps. */
    struct Entry
    {
        uint32_t client;   //!< client index (scenario order)
        uint32_t target;   //!< target index (the client's order)
        uint32_t sequence; //!< sequence number
        int64_t sent;      //!< send time (time steps)
        int64_t received;  //!< arrival of the reply (time steps; negative: lost)

        /**
         * \param other another entry
         * \return whether this one comes first in probes.csv
         */
        bool operator<(const Entry& other) const
        {
            if (client != other.client)
            {
                return client < other.client;
            }
            if (target != other.target)
            {
                return target < other.target;
            }
            return sequence < other.sequence;
        }
    };

    /**
     * \param dir the directory for the temporary files ("": the system's temporary directory)
     * \param capacity records kept in memory before a run is written (at least 1)
     * \param fanIn runs of one size merged at once (at least 2)
     */
    explicit ProbeSorter(const std::string& dir = "", size_t capacity = 65536, size_t fanIn = 16);
    ~ProbeSorter();
    ProbeSorter(const ProbeSorter&) = delete;
    ProbeSorter& operator=(const ProbeSorter&) = delete;

    /**
     * Add a record (nothing after an error).
     * \param e the record
     */
    void Add(const Entry& e);
    /**
     * Give every record added, in order, and forget them (nothing after an error).
     * \param emit called once per record
     */
    void Finish(const std::function<void(const Entry&)>& emit);

    /**
     * \return the first error ("probes.csv (sort file in DIR): reason"), empty if none: the
     * records are then lost
     */
    const std::string& GetError() const;
    /** \return the records added */
    uint64_t GetCount() const;
    /**
     * \return the most records held in memory at once: the buffer's allocation and the read
     * buffers of a merge (at most twice the capacity)
     */
    size_t GetPeakHeld() const;
    /** \return the runs written to temporary files (initial runs and merged ones) */
    uint64_t GetRunsWritten() const;

  private:
    /** A sorted run in a temporary file. */
    struct Run
    {
        std::FILE* file = nullptr; //!< the file (unlinked), positioned anywhere
        uint64_t count = 0;        //!< its records
    };

    /** Sort the buffer and write it as a run of the smallest size. */
    void Spill();
    /**
     * Add a run of a size; merge the runs of that size when there are fanIn of them.
     * \param level the size (0: one buffer)
     * \param run the run
     */
    void AddRun(size_t level, Run run);
    /**
     * Merge runs (at most fanIn; closing them), giving each record in order.
     * \param runs the runs
     * \param emit called once per record
     * \return false on a read error
     */
    bool Merge(std::vector<Run>& runs, const std::function<void(const Entry&)>& emit);
    /**
     * Merge runs (at most fanIn; closing them) into a new run.
     * \param runs the runs
     * \param out where the new run goes
     * \return false on an error (recorded)
     */
    bool MergeToRun(std::vector<Run>& runs, Run* out);
    /** \return a new temporary file (unlinked), or null after recording the error */
    std::FILE* NewFile();
    /**
     * Record the first error and drop every record.
     * \param what what failed
     * \param error its errno
     */
    void Fail(const std::string& what, int error);
    /** Close every run. */
    void CloseRuns();

    std::string m_dir;
    size_t m_capacity;
    size_t m_fanIn;
    size_t m_readBuffer; //!< records read at once from each run merged: capacity / fanIn
    std::vector<Entry> m_buffer;
    std::vector<std::vector<Run>> m_levels; //!< runs by size (level n: about fanIn^n buffers)
    std::string m_error;
    uint64_t m_count = 0;
    size_t m_peakHeld = 0;
    uint64_t m_runsWritten = 0;
};

} // namespace zos
} // namespace ns3

#endif
