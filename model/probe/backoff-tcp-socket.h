/*
 * zos-takeover: an ns-3 TCP socket that keeps its retransmission backoff while it ACKs.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_BACKOFF_TCP_SOCKET_H
#define ZOS_TAKEOVER_BACKOFF_TCP_SOCKET_H

#include "ns3/tcp-socket-base.h"

namespace ns3
{

class Node;

namespace zos
{

/**
 * \ingroup zos-takeover
 * \brief TcpSocketBase whose pure ACKs leave the retransmission timeout (RTO) alone.
 *
 * ns-3.37's TcpSocketBase::SendEmptyPacket sets the RTO again from the RTT estimate
 * (m_rto = max(SRTT + 4 RTTVAR, MinRto)) for every segment without data it sends, pure ACKs
 * included. That undoes the exponential backoff (RFC 6298 5.5) of a connection whose own
 * data is outstanding whenever it acknowledges something: when only one direction of a
 * path fails, the peer's retransmissions still arrive, each is answered by a pure ACK, and
 * the RTO falls back to MinRto. The connection then closes after DataRetries timeouts of
 * 1-4 s (17 s measured) instead of 1+2+4+...+60 = 123 s. RFC 6298 (5.5-5.7) and RFC 9293
 * (3.8.2) keep the backed-off value until new data is acknowledged, and real stacks do.
 *
 * This socket restores the RTO after a pure ACK (no SYN, FIN or RST: those keep ns-3's
 * handling) and is otherwise TcpSocketBase; connections accepted by a listening socket of
 * this type are of this type too (Fork). The RTO is still set again, as in ns-3, by an ACK
 * of new data (NewAck) and by an RTT sample (EstimateRtt).
 */
class BackoffTcpSocket : public TcpSocketBase
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    BackoffTcpSocket() = default;
    /**
     * \brief Copy constructor (Fork).
     * \param sock the socket to copy
     */
    BackoffTcpSocket(const BackoffTcpSocket& sock) = default;

    /**
     * A socket of this type on the node's TcpL4Protocol, set up as TcpL4Protocol::CreateSocket
     * sets up its TcpSocketBase (its RttEstimatorType, SocketType and RecoveryType).
     * \param node a node with an internet stack
     * \return the socket
     */
    static Ptr<Socket> Create(Ptr<Node> node);

  protected:
    void SendEmptyPacket(uint8_t flags) override;
    Ptr<TcpSocketBase> Fork() override;
};

} // namespace zos
} // namespace ns3

#endif
