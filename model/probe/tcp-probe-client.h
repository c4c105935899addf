/*
 * zos-takeover: probes carried by one long-lived TCP connection per target.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_TCP_PROBE_CLIENT_H
#define ZOS_TAKEOVER_TCP_PROBE_CLIENT_H

#include "ns3/probe-client.h"
#include "ns3/tcp-header.h"

#include <map>
#include <string>
#include <vector>

namespace ns3
{

class TcpSocketBase;

namespace zos
{

/** \ingroup zos-takeover The life of one probe connection (one per target). */
struct TcpConnectionRecord
{
    Time opened = Time(-1);       //!< connection established (negative: never)
    Time closed = Time(-1);       //!< closed by an error (negative: still open at the end)
    std::string closeReason;      //!< "" (open), "timeout", "reset", "refused", "peer-close"
    uint32_t sent = 0;            //!< requests written into the connection
    uint32_t answered = 0;        //!< requests answered
    uint32_t retransmissions = 0; //!< segments the client sent again (data or SYN)
    Time longestStall;            //!< longest time without an answer while open
    Time stallStart = Time(-1);   //!< start of the longest stall (negative: none)
    Time lastProgress = Time(-1); //!< connection start or the latest answer
    Time stopped = Time(-1);      //!< the application stopped (negative: running)

    /** \return true if the connection was established and no error closed it */
    bool Survived() const
    {
        return !opened.IsNegative() && closed.IsNegative();
    }
};

/**
 * \ingroup zos-takeover
 * \brief A ProbeClient whose requests travel over one long-lived TCP connection per target.
 *
 * At start it connects to each target (TcpProbeServer, attribute RemotePort) and then
 * writes one 16-byte request (ProbeHeader) per target every Interval into that
 * connection; the server echoes it. Replies feed the same records and trace sources as the
 * UDP client (Tx, Rtt, FirstSuccess), so the outage figures are measured alike: a request
 * sent at or after an event that is answered (after TCP retransmissions, possibly) ends the
 * outage.
 *
 * Per connection it also records (TcpConnectionRecord): when it opened, whether and why it
 * closed (ns-3 calls the error callback when DataRetries retransmissions or ConnCount SYNs
 * went unanswered: "timeout"; or on a reset), the retransmitted segments (a data segment
 * whose bytes were sent before, or a SYN sent again, seen on the socket's Tx trace) and the
 * longest stall: the longest time without an answer while the connection is open, from
 * its start, or an answer, to the next answer, to the error that closed it, or to the
 * application's stop. A closed connection is not reopened: requests stop with it.
 */
class TcpProbeClient : public ProbeClient
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TcpProbeClient();
    ~TcpProbeClient() override;

    /**
     * \param i a target index
     * \return the connection to target i (its figures so far)
     */
    const TcpConnectionRecord& GetConnection(uint32_t i) const;

    /** Signature of ConnectionOpened: (target). */
    typedef void (*OpenedTracedCallback)(Ipv4Address);
    /** Signature of ConnectionClosed: (target, reason). */
    typedef void (*ClosedTracedCallback)(Ipv4Address, const std::string&);

  protected:
    void DoDispose() override;
    void OpenTransport() override;
    void CloseTransport() override;
    bool SendRequest(uint32_t i, Ptr<Packet> request) override;
    /** \return 300 s: a connection gives up after about 2 minutes with ns-3's defaults */
    Time GetDefaultLossHorizon() const override;

  private:
    /** \return the target index of a socket (or the number of targets) */
    uint32_t IndexOf(const Socket* socket) const;
    void ConnectionSucceeded(Ptr<Socket> socket);
    void ConnectionFailed(Ptr<Socket> socket);
    void NormalClose(Ptr<Socket> socket);
    void ErrorClose(Ptr<Socket> socket);
    void Closed(uint32_t i, const std::string& reason);
    void HandleRead(Ptr<Socket> socket);
    void SegmentSent(Ptr<const Packet> packet,
                     const TcpHeader& header,
                     Ptr<const TcpSocketBase> socket);
    void SegmentReceived(Ptr<const Packet> packet,
                         const TcpHeader& header,
                         Ptr<const TcpSocketBase> socket);
    /**
     * End a stall at now: the time since the last progress may be the longest.
     * \param c the connection
     */
    static void EndStall(TcpConnectionRecord& c);

    std::vector<Ptr<Socket>> m_sockets;             //!< per target
    std::vector<TcpConnectionRecord> m_connections; //!< per target
    std::vector<std::vector<uint8_t>> m_rxBuffers;  //!< per target: bytes of a partial reply
    std::vector<SequenceNumber32> m_highestSent;    //!< per target: end of the bytes sent
    std::vector<bool> m_synSent;                    //!< per target: a SYN went out
    std::vector<bool> m_resetSeen;                  //!< per target: an RST arrived
    bool m_timestamps = false;                      //!< attribute Timestamps
    bool m_keepRtoBackoff = true;                   //!< attribute KeepRtoBackoff
    TracedCallback<Ipv4Address> m_openedTrace;
    TracedCallback<Ipv4Address, const std::string&> m_closedTrace;
};

} // namespace zos
} // namespace ns3

#endif
