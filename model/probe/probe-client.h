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
     * \return the probes sent to target i, indexed by sequence number
     */
    const std::vector<ProbeRecord>& GetRecords(uint32_t i) const;

    /** Signature of Tx: (target, sequence). */
    typedef void (*TxTracedCallback)(Ipv4Address, uint32_t);
    /** Signature of Rtt: (target, sequence, send time, round-trip time). */
    typedef void (*RttTracedCallback)(Ipv4Address, uint32_t, Time, Time);
    /** Signature of FirstSuccess: (target, sequence, time since the previous reply). */
    typedef void (*FirstSuccessTracedCallback)(Ipv4Address, uint32_t, Time);

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

    Time m_interval;
    uint16_t m_port;
    Ptr<Socket> m_socket;
    EventId m_sendEvent;
    std::vector<Ipv4Address> m_targets;
    std::vector<std::vector<ProbeRecord>> m_records;
    TracedCallback<Ipv4Address, uint32_t, Time, Time> m_rttTrace;
    TracedCallback<Ipv4Address, uint32_t> m_txTrace;
    TracedCallback<Ipv4Address, uint32_t, Time> m_firstSuccessTrace;
    std::vector<Time> m_lastReply; //!< per target: arrival of the latest reply
};

} // namespace zos
} // namespace ns3

#endif
