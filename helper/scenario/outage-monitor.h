/*
 * zos-takeover: the client-visible outage, measured beside the model from the probe clients'
 * trace sources (DOMAIN.md section 5; definition in doc/zos-takeover.rst, "Outage definition").
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_OUTAGE_MONITOR_H
#define ZOS_TAKEOVER_OUTAGE_MONITOR_H

#include "ns3/callback.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/ptr.h"

#include <cstdint>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace ns3
{

namespace zos
{

class ProbeClient;

/**
 * \ingroup zos-takeover
 * \brief Measures the client-visible outage of every (event window, client, target) from
 * the ProbeClient trace sources Tx and Rtt.
 *
 * The models know nothing of it. Before the run it is told the events (their time and the
 * addresses whose reachability each one touches) and the clients (their targets and when
 * they probe); during the run it is fed each request sent and each reply received; after
 * the run it answers per (event, client, target) queries. It keeps a few counters per
 * (client, target, window), not the probes. During the run it can also tell when a record
 * that will be measured recovers (SetRecoveryCallback): the first-success rows of the
 * timeline are written then, not after the run.
 *
 * The definition (doc/zos-takeover.rst, "Outage definition"):
 *  - the window of an event on a target runs from the event to the next event that touches
 *    the same target (events at the same instant form one window, reported on the row of
 *    the first of them), or to the end of the client's probing if that comes first;
 *  - a (window, client, target) is measured only if the client was probing at the event,
 *    had a reply from the target that arrived at or before the event, and sent at least one
 *    request in the window; otherwise it is not measured, with a Reason. A measured record
 *    says whether the target was reachable at the event (a reply to a request sent since the
 *    previous event touching it): if not (a repair after a failure nobody recovered from),
 *    its outage is the time from this event to the recovery;
 *  - outage: from the event to the first reply arriving inside the window (at or before
 *    its end) to a request sent at or after the event; without such a reply the target did
 *    not recover and the outage is the window's length (a lower bound);
 *  - longest gap: the longest interval between consecutive replies (by arrival) from the
 *    last reply at or before the event to the end of the window;
 *  - sent: requests sent in [event, window end); lost: those never answered.
 */
class OutageMonitor
{
  public:
    /** Why a (window, client, target) is not measured. */
    enum class Reason
    {
        NONE,                  //!< measured
        TARGET_NOT_TOUCHED,    //!< the event does not touch the target
        EVENT_CHANGED_NOTHING, //!< the event changed nothing (ignored)
        SHARED_WINDOW,         //!< an earlier event at the same instant holds it
        CLIENT_NOT_PROBING,    //!< not yet started, or already stopped
        NO_REPLY_BEFORE_EVENT, //!< the target never answered before the event
        NO_REQUEST_IN_WINDOW,  //!< window shorter than the probe interval
    };

    /** \param reason a reason \return its name in the output files, "" for NONE */
    static std::string GetReasonName(Reason reason);

    /** The figures of one (event, client, target). */
    struct Record
    {
        uint32_t event = 0;           //!< index of the event (AddEvent order)
        std::string client;           //!< client name
        Ipv4Address target;           //!< target address
        Time eventAt;                 //!< time of the event (start of the window)
        Time windowEnd = Time(-1);    //!< end of the window for this client; negative: none
        Reason reason = Reason::NONE; //!< NONE when measured
        /** A reply came at or before the event to a request sent since the previous event
         * touching the target: false when this event found the target still unreachable
         * (the outage is then the time from this event to the recovery, e.g. a repair). */
        bool reachableAtEvent = false;
        bool recovered = false;       //!< a reply came inside the window
        Time outage;                  //!< event -> first reply (or window length)
        Time firstSuccess = Time(-1); //!< absolute time of that reply; negative: none
        Time longestGap;              //!< longest time without a reply in the window
        uint32_t sent = 0;            //!< requests sent in [event, windowEnd)
        uint32_t lost = 0;            //!< of those, never answered

        /** \return true if the row carries figures */
        bool IsMeasured() const
        {
            return reason == Reason::NONE;
        }
    };

    /** Aggregate of some records (e.g. every record of one station ARP model). */
    struct Summary
    {
        uint32_t rows = 0;                 //!< records
        uint32_t measured = 0;             //!< of those, measured
        uint32_t downAtEvent = 0;          //!< measured, target already down at the event
                                           //!< (time to recovery): not in the figures below
        uint32_t recovered = 0;            //!< measured and recovered
        uint32_t notRecovered = 0;         //!< measured and not recovered
        Time maxOutage = Time(-1);         //!< over recovered records; negative: none
        Time meanOutage = Time(-1);        //!< over recovered records; negative: none
        Time notRecoveredAfter = Time(-1); //!< shortest window of a record that did not
                                           //!< recover: each of them lasted longer
    };

    /**
     * Aggregate records. Only measured records whose target was reachable at the event
     * count (one whose target was already down measures the time to recovery, a piece of an
     * earlier outage: it is counted in downAtEvent); a record that did not recover is
     * counted apart (its outage is only known to exceed its window).
     * \param records the records
     * \return their summary
     */
    static Summary Summarize(const std::vector<Record>& records);

    OutageMonitor();

    /**
     * Tell an event, before the run. Events come in time order; events at the same instant
     * form one window per target.
     * \param at when it happens
     * \param touched the addresses whose reachability it may change
     * \param lan if not empty, it changes them only for clients on that LAN
     * \return its index
     */
    uint32_t AddEvent(Time at,
                      const std::vector<Ipv4Address>& touched,
                      const std::string& lan = "");

    /**
     * Tell an event that changed nothing (a repair of a healthy port, ...), before the run:
     * it touches no target and has no window; its rows say EVENT_CHANGED_NOTHING.
     * \param at when it happens
     * \return its index
     */
    uint32_t AddIgnoredEvent(Time at);

    /**
     * Tell a client, before the run.
     * \param name unique client name
     * \param targets the addresses it probes
     * \param start when it starts probing
     * \param stop when it stops probing (the end of the run at the latest)
     * \param lan the LAN the client is on (for events scoped to a LAN)
     */
    void AddClient(const std::string& name,
                   const std::vector<Ipv4Address>& targets,
                   Time start,
                   Time stop,
                   const std::string& lan = "");

    /**
     * Tell a client (its targets from the application) and connect to its Tx and Rtt trace
     * sources, before the run, with the context "/Names/NAME/$ns3::zos::ProbeClient/Tx"
     * (the sinks take the client from the context).
     * \param client the application
     * \param name unique client name, the Names name of its node
     * \param start when it starts probing
     * \param stop when it stops probing
     * \param lan the LAN the client is on
     */
    void Connect(Ptr<ProbeClient> client,
                 const std::string& name,
                 Time start,
                 Time stop,
                 const std::string& lan = "");

    /**
     * A request was sent (what the Tx trace sink does).
     * \param client client name
     * \param target target address
     * \param sent when it was sent
     */
    void NotifyTx(const std::string& client, Ipv4Address target, Time sent);

    /**
     * A reply arrived (what the Rtt trace sink does). Replies of one (client, target) come
     * in arrival order.
     * \param client client name
     * \param target target address
     * \param sent when its request was sent
     * \param arrival when it arrived
     */
    void NotifyReply(const std::string& client, Ipv4Address target, Time sent, Time arrival);

    /**
     * Signature of the recovery callback: (event index, client name, target, arrival of the
     * first success).
     */
    using RecoveryCallback = Callback<void, uint32_t, const std::string&, Ipv4Address, Time>;

    /**
     * Be told, during the run, of each record that recovers and will be measured (the
     * records GetRecords then gives with IsMeasured() and recovered), at its first success
     * (when NotifyReply is given it): everything that decides whether a record is measured
     * is known by then (the client probed at the event, a reply came at or before it, the
     * answered request was sent in the window).
     * \param callback called once per such record (null: none)
     */
    void SetRecoveryCallback(RecoveryCallback callback);

    /**
     * \param event event index
     * \param client client name
     * \param target one of the client's targets
     * \return the figures of that (event, client, target)
     */
    Record GetRecord(uint32_t event, const std::string& client, Ipv4Address target) const;

    /** \return every record: by event, then client (in the order told), then target */
    std::vector<Record> GetRecords() const;

    /**
     * Requests lost before the first event although their target had answered: what the
     * LAN lost with nothing failed (congestion, a queue too small), counted per (client,
     * target) for the requests sent after the arrival of the target's first reply and at
     * least 1 s before the first event and before the client stops (the end of the run).
     */
    struct SteadyLoss
    {
        std::string client; //!< client name
        Ipv4Address target; //!< target address
        uint32_t sent = 0;  //!< requests sent in that interval
        uint32_t lost = 0;  //!< of those, never answered
    };

    /** \return the (client, target) pairs that lost requests before the first event */
    std::vector<SteadyLoss> GetSteadyLosses() const;

  private:
    /** One window of one target: from a group of simultaneous events to the next. */
    struct Window
    {
        uint32_t event;     //!< first event of the group that touches the target
        Time start;         //!< the group's time
        Time previousStart; //!< start of the target's previous window; negative: none
        Time end;           //!< start of the target's next window, or Time::Max()
    };

    /** What is counted per (client, target, window) during the run. */
    struct Tally
    {
        bool replyBefore = false;  //!< a reply arrived at or before the window's start
        bool reachable = false;    //!< ...to a request sent at or after previousStart
        bool recovered = false;    //!< a reply to a request sent in the window arrived in it
        Time firstSuccess;         //!< arrival of the first such reply
        Time lastReply = Time(-1); //!< latest arrival at or before the window's end
        Time longestGap;           //!< longest interval between replies inside the window
        uint32_t sent = 0;         //!< requests sent in the window
        uint32_t answered = 0;     //!< of those, answered (at any time)
    };

    /** One target of one client: its windows and, one per window, what was counted. */
    struct Target
    {
        std::vector<Window> windows;
        std::vector<Tally> tallies;
        Time firstReply = Time(-1);  //!< arrival of the first reply; negative: none yet
        uint32_t steadySent = 0;     //!< requests sent in (firstReply, first event)
        uint32_t steadyAnswered = 0; //!< of those, answered (at any time)
    };

    /** A client and its tallies. */
    struct Client
    {
        std::string name;
        Time start;
        Time stop;
        std::string lan;
        std::vector<Ipv4Address> targets;
        std::map<Ipv4Address, Target> perTarget; //!< windows and tallies per target
    };

    /** \return the windows and tallies of one of a client's targets (asserts it is one) */
    static Target& FindTarget(Client& c, Ipv4Address target);
    /** \copydoc FindTarget(Client&, Ipv4Address) */
    static const Target& FindTarget(const Client& c, Ipv4Address target);
    /** \return true if event `e` touches `target` for a client on `lan` */
    bool Touches(uint32_t e, Ipv4Address target, const std::string& lan) const;
    /** \return true if a request sent at `sent` counts in the target's steady tally */
    bool IsSteady(const Target& per, const Client& c, Time sent) const;
    /// Steady requests are sent at least this long before the first event and the stop.
    static constexpr int64_t kSteadyGuardSeconds = 1;
    /** Rebuild the windows and the (empty) tallies of every client. */
    void Rebuild();
    Client& FindClient(const std::string& name);
    const Client& FindClient(const std::string& name) const;
    /** The window's end for this client. */
    static Time EndFor(const Window& w, const Client& c);

    void TxSink(std::string context, Ipv4Address target, uint32_t sequence);
    void RttSink(std::string context, Ipv4Address target, uint32_t sequence, Time sent, Time rtt);

    std::vector<Time> m_eventTimes;                    //!< per event
    std::vector<std::set<Ipv4Address>> m_eventTouches; //!< per event
    std::vector<std::string> m_eventLans;              //!< per event: "" for every LAN
    std::vector<bool> m_eventIgnored;                  //!< per event: changed nothing
    std::vector<Client> m_clients;
    std::map<std::string, uint32_t> m_clientIndex;
    bool m_started; //!< a request or reply was notified: no more events or clients
    RecoveryCallback m_recovery;
};

} // namespace zos
} // namespace ns3

#endif
