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

/**
 * \ingroup zos-takeover
 * \brief Sends a UDP request every Interval to each target and reports each probe's fate.
 *
 * The socket is not connected: replies may come from any address of the stack; the reply's
 * payload names its target and sequence number.
 *
 * The client keeps only the requests not yet answered (so its memory does not grow with the
 * number of probes): each probe is reported once on the trace source ProbeDone, when it is
 * answered, or as lost when it is still unanswered LossHorizon after it was sent, or when
 * the application stops (no reply is received after that). Probes are therefore reported
 * in the order their fate became known, not by sequence number. A reply that comes after
 * its probe was reported lost is ignored and counted (GetLateReplies).
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
     * \return the number of probes held now (sent, neither answered nor reported lost), over
     * every target
     */
    uint32_t GetHeldCount() const;
    /** \return the most probes held at any time since the start (GetHeldCount) */
    uint32_t GetPeakHeldCount() const;
    /**
     * \return the LossHorizon in effect: the attribute, or if it is 0 the transport's own
     * (GetDefaultLossHorizon)
     */
    Time GetLossHorizon() const;
    /**
     * Report every probe still unanswered as lost on ProbeDone and forget it, as
     * StopApplication does: for a simulation that ends before the application stops. A reply
     * that comes later is ignored (GetLateReplies).
     */
    void ReportHeld();
    /**
     * \return the replies ignored because they came too late: to a request unanswered for
     * longer than LossHorizon, or no longer held and not newer than the latest reported lost
     * (a duplicate reply to a request answered earlier is ignored, and not counted, unless
     * it is that old)
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
     * when lost). Once per probe, when its fate is known.
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
    /**
     * \return the loss horizon when the attribute LossHorizon is 0: longer than any reply
     * the transport delivers (UDP: 30 s)
     */
    virtual Time GetDefaultLossHorizon() const;
    /**
     * Report the requests to target i still unanswered as lost (no reply can come any more,
     * e.g. its connection closed).
     * \param i the target index
     */
    void ReportUnansweredLost(uint32_t i);

  private:
    void StartApplication() override;
    void StopApplication() override;
    void SendAll();
    void HandleRead(Ptr<Socket> socket);

    /** A request not yet answered. */
    struct Unanswered
    {
        uint32_t sequence; //!< its sequence number
        Time sent;         //!< when it was sent
    };

    /** What the client keeps of one target. */
    struct Pending
    {
        /// The requests not yet answered nor reported lost, by sequence number.
        std::deque<Unanswered> unanswered;
        uint32_t next = 0;         //!< sequence number of the next request
        int64_t lastLost = -1;     //!< highest sequence number reported lost (-1: none)
        uint32_t answered = 0;     //!< requests answered
        Time lastReply = Time(-1); //!< arrival of the latest reply
    };

    /**
     * Report the unanswered requests of target i sent more than LossHorizon ago (all: every
     * one) as lost on ProbeDone, and forget them.
     * \param i the target index
     * \param all report every unanswered request
     */
    void ReportLost(uint32_t i, bool all);

    Time m_interval;
    Time m_lossHorizon; //!< attribute LossHorizon (0: GetDefaultLossHorizon)
    Time m_horizon;     //!< the horizon in effect, from the start
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
