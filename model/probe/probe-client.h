/*
 * zos-takeover: UDP request/response probes that measure the client-visible outage.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_PROBE_CLIENT_H
#define ZOS_TAKEOVER_PROBE_CLIENT_H

#include "ns3/application.h"
#include "ns3/event-id.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/probe-header.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <deque>
#include <vector>

namespace ns3
{

namespace zos
{

/** \ingroup zos-takeover One probe's fate. */
struct ProbeRecord
{
    Time sent;     //!< when the request left the application
    Time received; //!< when the reply arrived (negative: never)
};

/**
 * \ingroup zos-takeover
 * \brief Sends a UDP request every Interval to each target and records each reply.
 *
 * The socket is not connected: replies may come from any address of the stack; the reply's
 * payload names its target and sequence number.
 *
 * The client keeps only the probes whose fate is not yet known, from the oldest one still
 * unanswered on (so its memory does not grow with the number of probes): each probe is
 * reported once on the trace source ProbeDone, per target in sequence order, when it is
 * answered and every earlier probe to that target is done, or as lost when it is still
 * unanswered LossHorizon after it was sent, or when the application stops (no reply is
 * received after that). A reply that comes after its probe was reported is ignored and
 * counted (GetLateReplies).
 */
class ProbeClient : public Application
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    ProbeClient();
    ~ProbeClient() override;

    /**
     * Add a target (a HOME address or a VIPA).
     * \param target the address probed
     * \return its index
     */
    uint32_t AddTarget(Ipv4Address target);
    /** \return the targets. */
    const std::vector<Ipv4Address>& GetTargets() const;
    /**
     * \param i a target index
     * \return the number of requests sent to target i (the next sequence number)
     */
    uint32_t GetSentCount(uint32_t i) const;
    /**
     * \param i a target index
     * \return the number of requests to target i answered (within LossHorizon)
     */
    uint32_t GetAnsweredCount(uint32_t i) const;
    /**
     * \return the number of probes held now (sent, not yet reported on ProbeDone), over
     * every target
     */
    uint32_t GetHeldCount() const;
    /** \return the most probes held at any time since the start (GetHeldCount) */
    uint32_t GetPeakHeldCount() const;
    /**
     * Report every probe still held on ProbeDone (answered, or lost if unanswered) and forget
     * it, as StopApplication does: for a simulation that ends before the application stops.
     * A reply that comes later is ignored (GetLateReplies).
     */
    void ReportHeld();
    /**
     * \return the replies ignored because their probe had already been reported: answered
     * already, or lost (unanswered LossHorizon after it was sent)
     */
    uint64_t GetLateReplies() const;

    /** Signature of Tx: (target, sequence). */
    typedef void (*TxTracedCallback)(Ipv4Address, uint32_t);
    /** Signature of Rtt: (target, sequence, send time, round-trip time). */
    typedef void (*RttTracedCallback)(Ipv4Address, uint32_t, Time, Time);
    /** Signature of FirstSuccess: (target, sequence, time since the previous reply). */
    typedef void (*FirstSuccessTracedCallback)(Ipv4Address, uint32_t, Time);
    /**
     * Signature of ProbeDone: (target, sequence, send time, arrival time of the reply; negative
     * when lost).
     */
    typedef void (*ProbeDoneTracedCallback)(Ipv4Address, uint32_t, Time, Time);

  protected:
    void DoDispose() override;

    /** Open what the requests need (UDP: one unconnected socket). */
    virtual void OpenTransport();
    /** Stop receiving (the application stops). */
    virtual void CloseTransport();
    /**
     * Send one request.
     * \param i the target index
     * \param request the request (a ProbeHeader)
     * \return false if it could not be sent (then it is not recorded, and no Tx fires)
     */
    virtual bool SendRequest(uint32_t i, Ptr<Packet> request);
    /**
     * A reply arrived: record it and fire Rtt (and FirstSuccess at the end of an outage).
     * Replies that name an unknown target or sequence, or a request already answered, are
     * ignored.
     * \param reply the reply's header
     */
    void ReplyReceived(const ProbeHeader& reply);
    /** \return the responder's port (attribute RemotePort) */
    uint16_t GetRemotePort() const;

  private:
    void StartApplication() override;
    void StopApplication() override;
    void SendAll();
    void HandleRead(Ptr<Socket> socket);

    /** The probes of one target not yet reported on ProbeDone. */
    struct Pending
    {
        /// From sequence `first` on: the oldest probe not yet reported, and every later one.
        std::deque<ProbeRecord> probes;
        uint32_t first = 0;        //!< sequence number of probes.front()
        bool lastWasLost = false;  //!< the probe first - 1 was reported lost
        uint32_t answered = 0;     //!< requests answered
        Time lastReply = Time(-1); //!< arrival of the latest reply
    };

    /**
     * Report and forget the oldest probes of target i while they are done: answered, or
     * (expire) unanswered for more than LossHorizon, or (all) whatever they are.
     * \param i the target index
     * \param expire report unanswered probes older than LossHorizon as lost
     * \param all report every probe (unanswered ones as lost)
     */
    void Settle(uint32_t i, bool expire, bool all);

    Time m_interval;
    Time m_lossHorizon;
    uint16_t m_port;
    Ptr<Socket> m_socket;
    EventId m_sendEvent;
    std::vector<Ipv4Address> m_targets;
    std::vector<Pending> m_pending; //!< per target
    uint32_t m_held = 0;            //!< probes held over every target
    uint32_t m_peakHeld = 0;        //!< the most ever held
    uint64_t m_lateReplies = 0;     //!< replies to probes already reported
    TracedCallback<Ipv4Address, uint32_t, Time, Time> m_rttTrace;
    TracedCallback<Ipv4Address, uint32_t> m_txTrace;
    TracedCallback<Ipv4Address, uint32_t, Time> m_firstSuccessTrace;
    TracedCallback<Ipv4Address, uint32_t, Time, Time> m_probeDoneTrace;
};

} // namespace zos
} // namespace ns3

#endif
