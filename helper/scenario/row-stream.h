/*
 * zos-takeover (internal to the scenario runner): the timeline and probe rows in the order
 * of the files, on their way to the RowSink.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_ROW_STREAM_H
#define ZOS_TAKEOVER_ROW_STREAM_H

#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/probe-sorter.h"
#include "ns3/row-sink.h"

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <tuple>
#include <utility>
#include <vector>

namespace ns3
{
namespace zos
{

/**
 * Puts a run's rows into the order of timeline.csv and probes.csv and gives them to a
 * RowSink, holding only what that order needs:
 *  - timeline rows happen in time order and go on at once, but a first-success row (an
 *    outage row's recovery) follows every other row of its instant and, among the
 *    first-success rows of that instant, the order of the outage rows (event, client,
 *    target): those of the current instant wait until time moves on;
 *  - probe records come when each probe's fate is known (ProbeClient "ProbeDone") and are
 *    sorted by (client, target, sequence) with bounded memory (ProbeSorter), then given
 *    after the run.
 * Without a sink the rows are only counted. The first error of the sink or the sorter stops
 * the simulation (Simulator::Stop), as a failed pcap file does.
 */
class RowStream
{
  public:
    /**
     * \param sink where the rows go (not owned), or null
     * \param spillDir the sorter's directory ("" for the system's temporary directory)
     * \param sortBuffer probe records the sorter keeps in memory
     */
    RowStream(RowSink* sink, const std::string& spillDir, size_t sortBuffer);

    /**
     * A probe client, in scenario order.
     * \param name its name
     * \param targets its targets, in its order
     * \return its index
     */
    uint32_t AddClient(const std::string& name, const std::vector<Ipv4Address>& targets);
    /**
     * \param name a client's name
     * \return its index (asserts it is one)
     */
    uint32_t FindClient(const std::string& name) const;
    /**
     * \param client a client index
     * \param target one of its targets
     * \return the target's index in the client's order (asserts it is one)
     */
    uint32_t FindTarget(uint32_t client, Ipv4Address target) const;

    /**
     * A timeline row, at the current instant (times never go back).
     * \param row the row
     */
    void AddTimelineRow(const TimelineRow& row);
    /**
     * A first-success row: it waits for the end of its instant.
     * \param event the outage row's event index
     * \param client the client index
     * \param target the target index
     * \param row the row
     */
    void AddFirstSuccess(uint32_t event, uint32_t client, uint32_t target, const TimelineRow& row);
    /**
     * A probe whose fate is known.
     * \param client the client index
     * \param target the target index
     * \param sequence its sequence number
     * \param sent its send time
     * \param received the arrival of its reply (negative: lost)
     */
    void AddProbe(uint32_t client, uint32_t target, uint32_t sequence, Time sent, Time received);
    /** The end of the run: the waiting rows, then the sorted probes, then RowSink::Finish. */
    void Finish();

    /** \return the first error of the sink or the sorter, empty if none */
    std::string GetError() const;
    /** \return timeline rows given so far (or counted, without a sink) */
    uint64_t GetTimelineRows() const;
    /** \return first-success rows among them */
    uint64_t GetFirstSuccessRows() const;
    /** \return probes added */
    uint64_t GetProbes() const;
    /** \return the most first-success rows that waited at once */
    uint64_t GetPeakPending() const;
    /** \return the sorter (null without a sink) */
    const ProbeSorter* GetSorter() const;

  private:
    /** Give the waiting first-success rows, in order. */
    void FlushPending();
    /** On the first error, stop the simulation. */
    void CheckError();

    /** A probe client: its name and its targets' text. */
    struct Client
    {
        std::string name;
        std::vector<Ipv4Address> targets;
        std::vector<std::string> targetText;
    };

    /** (event, client, target): the order of the outage rows. */
    using Key = std::tuple<uint32_t, uint32_t, uint32_t>;

    RowSink* m_sink;
    std::unique_ptr<ProbeSorter> m_sorter; //!< only with a sink
    std::vector<Client> m_clients;
    std::map<std::string, uint32_t> m_clientIndex;      //!< by name
    std::vector<std::pair<Key, TimelineRow>> m_pending; //!< first-success rows of one instant
    Time m_now;                                         //!< time of the latest row
    uint64_t m_timelineRows = 0;
    uint64_t m_firstSuccessRows = 0;
    uint64_t m_probes = 0;
    uint64_t m_peakPending = 0;
    bool m_stopped = false; //!< an error stopped the simulation
};

} // namespace zos
} // namespace ns3

#endif
