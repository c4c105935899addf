/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "backoff-tcp-socket.h"

#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/object-factory.h"
#include "ns3/rtt-estimator.h"
#include "ns3/tcp-congestion-ops.h"
#include "ns3/tcp-header.h"
#include "ns3/tcp-l4-protocol.h"
#include "ns3/tcp-recovery-ops.h"
#include "ns3/type-id.h"

namespace ns3
{

namespace zos
{

NS_LOG_COMPONENT_DEFINE("BackoffTcpSocket");
NS_OBJECT_ENSURE_REGISTERED(BackoffTcpSocket);

TypeId
BackoffTcpSocket::GetTypeId()
{
    static TypeId tid = TypeId("ns3::zos::BackoffTcpSocket")
                            .SetParent<TcpSocketBase>()
                            .SetGroupName("ZosTakeover")
                            .AddConstructor<BackoffTcpSocket>();
    return tid;
}

TypeId
BackoffTcpSocket::GetInstanceTypeId() const
{
    return GetTypeId();
}

Ptr<Socket>
BackoffTcpSocket::Create(Ptr<Node> node)
{
    Ptr<TcpL4Protocol> tcp = node->GetObject<TcpL4Protocol>();
    NS_ABORT_MSG_UNLESS(tcp, "BackoffTcpSocket: no TcpL4Protocol on node " << node->GetId());
    TypeIdValue rttType;
    TypeIdValue congestionType;
    TypeIdValue recoveryType;
    tcp->GetAttribute("RttEstimatorType", rttType);
    tcp->GetAttribute("SocketType", congestionType);
    tcp->GetAttribute("RecoveryType", recoveryType);
    ObjectFactory rtt(rttType.Get().GetName());
    ObjectFactory congestion(congestionType.Get().GetName());
    ObjectFactory recovery(recoveryType.Get().GetName());

    Ptr<BackoffTcpSocket> socket = CreateObject<BackoffTcpSocket>();
    socket->SetNode(node);
    socket->SetTcp(tcp);
    socket->SetRtt(rtt.Create<RttEstimator>());
    socket->SetCongestionControlAlgorithm(congestion.Create<TcpCongestionOps>());
    socket->SetRecoveryAlgorithm(recovery.Create<TcpRecoveryOps>());
    tcp->AddSocket(socket);
    return socket;
}

void
BackoffTcpSocket::SendEmptyPacket(uint8_t flags)
{
    const bool pureAck = (flags & (TcpHeader::SYN | TcpHeader::FIN | TcpHeader::RST)) == 0;
    const Time rto = m_rto;
    TcpSocketBase::SendEmptyPacket(flags);
    if (pureAck && m_rto.Get() != rto)
    {
        NS_LOG_LOGIC(this << " pure ACK: RTO kept at " << rto.As(Time::S) << " (ns-3 set "
                          << m_rto.Get().As(Time::S) << ")");
        m_rto = rto;
    }
}

Ptr<TcpSocketBase>
BackoffTcpSocket::Fork()
{
    return CopyObject<BackoffTcpSocket>(this);
}

} // namespace zos
} // namespace ns3
