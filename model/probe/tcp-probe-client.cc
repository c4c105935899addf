/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "tcp-probe-client.h"

#include "backoff-tcp-socket.h"

#include "ns3/boolean.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/simulator.h"
#include "ns3/tcp-socket-base.h"
#include "ns3/tcp-socket-factory.h"

#include <algorithm>

namespace ns3
{

namespace zos
{

NS_LOG_COMPONENT_DEFINE("TcpProbeClient");
NS_OBJECT_ENSURE_REGISTERED(TcpProbeClient);

TypeId
TcpProbeClient::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::zos::TcpProbeClient")
            .SetParent<ProbeClient>()
            .SetGroupName("ZosTakeover")
            .AddConstructor<TcpProbeClient>()
            .AddAttribute(
                "Timestamps",
                "Offer the TCP timestamp option (RFC 7323) on the probe connections. Off by "
                "default: ns-3.37 updates the timestamp to echo (TS.Recent) only after a pure "
                "ACK (TcpSocketBase::m_highTxAck is set in SendEmptyPacket alone), and on a "
                "request/response connection every ACK rides on data, so the echoed timestamp "
                "stays the SYN's: the RTT samples, and the RTO, grow with the connection's age "
                "(about 20 s after 20 s).",
                BooleanValue(false),
                MakeBooleanAccessor(&TcpProbeClient::m_timestamps),
                MakeBooleanChecker())
            .AddAttribute(
                "KeepRtoBackoff",
                "Keep the retransmission timeout's exponential backoff when the connection "
                "sends a pure ACK (BackoffTcpSocket). ns-3.37's TcpSocketBase sets the RTO "
                "again from the RTT estimate for every pure ACK it sends; when only the "
                "client's direction of a path fails, the server's retransmissions still "
                "arrive, each pure ACK answering one resets the client's RTO to MinRto, and "
                "the connection closes after DataRetries timeouts of 1-4 s (17 s) instead of "
                "123 s. False: plain ns-3 TcpSocketBase.",
                BooleanValue(true),
                MakeBooleanAccessor(&TcpProbeClient::m_keepRtoBackoff),
                MakeBooleanChecker())
            .AddTraceSource("ConnectionOpened",
                            "The connection to a target was established: (target).",
                            MakeTraceSourceAccessor(&TcpProbeClient::m_openedTrace),
                            "ns3::zos::TcpProbeClient::OpenedTracedCallback")
            .AddTraceSource("ConnectionClosed",
                            "The connection to a target closed before the end: (target, reason "
                            "\"timeout\", \"reset\", \"refused\" or \"peer-close\").",
                            MakeTraceSourceAccessor(&TcpProbeClient::m_closedTrace),
                            "ns3::zos::TcpProbeClient::ClosedTracedCallback");
    return tid;
}

TcpProbeClient::TcpProbeClient() = default;
TcpProbeClient::~TcpProbeClient() = default;

void
TcpProbeClient::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_sockets.clear();
    ProbeClient::DoDispose();
}

const TcpConnectionRecord&
TcpProbeClient::GetConnection(uint32_t i) const
{
    return m_connections.at(i);
}

uint32_t
TcpProbeClient::IndexOf(const Socket* socket) const
{
    for (uint32_t i = 0; i < m_sockets.size(); ++i)
    {
        if (PeekPointer(m_sockets[i]) == socket)
        {
            return i;
        }
    }
    return m_sockets.size();
}

void
TcpProbeClient::OpenTransport()
{
    NS_LOG_FUNCTION(this);
    if (!m_sockets.empty())
    {
        return; // started once: a closed connection is not reopened
    }
    const auto& targets = GetTargets();
    uint32_t n = targets.size();
    m_connections.assign(n, TcpConnectionRecord());
    m_rxBuffers.assign(n, {});
    m_highestSent.assign(n, SequenceNumber32(0));
    m_synSent.assign(n, false);
    m_resetSeen.assign(n, false);
    for (uint32_t i = 0; i < n; ++i)
    {
        Ptr<Socket> socket = m_keepRtoBackoff
                                 ? BackoffTcpSocket::Create(GetNode())
                                 : Socket::CreateSocket(GetNode(), TcpSocketFactory::GetTypeId());
        m_sockets.push_back(socket);
        socket->SetAttribute("Timestamp", BooleanValue(m_timestamps));
        m_connections[i].lastProgress = Simulator::Now();
        socket->TraceConnectWithoutContext("Tx", MakeCallback(&TcpProbeClient::SegmentSent, this));
        socket->TraceConnectWithoutContext("Rx",
                                           MakeCallback(&TcpProbeClient::SegmentReceived, this));
        socket->SetConnectCallback(MakeCallback(&TcpProbeClient::ConnectionSucceeded, this),
                                   MakeCallback(&TcpProbeClient::ConnectionFailed, this));
        socket->SetCloseCallbacks(MakeCallback(&TcpProbeClient::NormalClose, this),
                                  MakeCallback(&TcpProbeClient::ErrorClose, this));
        socket->SetRecvCallback(MakeCallback(&TcpProbeClient::HandleRead, this));
        socket->Bind();
        socket->Connect(InetSocketAddress(targets[i], GetRemotePort()));
    }
}

void
TcpProbeClient::CloseTransport()
{
    NS_LOG_FUNCTION(this);
    // The connections stay open (no FIN at the end of the run); their figures end here.
    for (uint32_t i = 0; i < m_connections.size(); ++i)
    {
        TcpConnectionRecord& c = m_connections[i];
        if (c.closed.IsNegative() && c.stopped.IsNegative())
        {
            c.stopped = Simulator::Now();
            EndStall(c);
        }
        m_sockets[i]->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    }
}

bool
TcpProbeClient::SendRequest(uint32_t i, Ptr<Packet> request)
{
    TcpConnectionRecord& c = m_connections.at(i);
    if (!c.closed.IsNegative())
    {
        return false;
    }
    if (m_sockets[i]->Send(request) < 0)
    {
        NS_LOG_LOGIC("request to target " << i << " not accepted: " << m_sockets[i]->GetErrno());
        return false;
    }
    ++c.sent;
    return true;
}

void
TcpProbeClient::EndStall(TcpConnectionRecord& c)
{
    Time stall = Simulator::Now() - c.lastProgress;
    if (stall > c.longestStall)
    {
        c.longestStall = stall;
        c.stallStart = c.lastProgress;
    }
    c.lastProgress = Simulator::Now();
}

void
TcpProbeClient::ConnectionSucceeded(Ptr<Socket> socket)
{
    uint32_t i = IndexOf(PeekPointer(socket));
    NS_LOG_FUNCTION(this << i);
    if (i < m_connections.size())
    {
        m_connections[i].opened = Simulator::Now();
        m_openedTrace(GetTargets()[i]);
    }
}

void
TcpProbeClient::ConnectionFailed(Ptr<Socket> socket)
{
    uint32_t i = IndexOf(PeekPointer(socket));
    NS_LOG_FUNCTION(this << i);
    if (i < m_connections.size())
    {
        Closed(i, m_resetSeen[i] ? "refused" : "timeout");
    }
}

void
TcpProbeClient::NormalClose(Ptr<Socket> socket)
{
    uint32_t i = IndexOf(PeekPointer(socket));
    NS_LOG_FUNCTION(this << i);
    if (i < m_connections.size())
    {
        Closed(i, "peer-close");
    }
}

void
TcpProbeClient::ErrorClose(Ptr<Socket> socket)
{
    uint32_t i = IndexOf(PeekPointer(socket));
    NS_LOG_FUNCTION(this << i);
    if (i < m_connections.size())
    {
        // ns-3 calls this after DataRetries unanswered retransmissions, or on a reset.
        Closed(i, m_resetSeen[i] ? "reset" : "timeout");
    }
}

void
TcpProbeClient::Closed(uint32_t i, const std::string& reason)
{
    TcpConnectionRecord& c = m_connections[i];
    if (!c.closed.IsNegative() || !c.stopped.IsNegative())
    {
        return;
    }
    c.closed = Simulator::Now();
    c.closeReason = reason;
    EndStall(c);
    m_closedTrace(GetTargets()[i], reason);
    // Nothing arrives on a closed connection: its unanswered requests are lost.
    ReportUnansweredLost(i);
}

Time
TcpProbeClient::GetDefaultLossHorizon() const
{
    return Seconds(300);
}

void
TcpProbeClient::HandleRead(Ptr<Socket> socket)
{
    uint32_t i = IndexOf(PeekPointer(socket));
    if (i >= m_connections.size())
    {
        return;
    }
    Ptr<Packet> packet;
    while ((packet = socket->Recv()))
    {
        // A byte stream: replies are whole 16-byte ProbeHeaders, split anywhere.
        std::vector<uint8_t>& buffer = m_rxBuffers[i];
        size_t old = buffer.size();
        buffer.resize(old + packet->GetSize());
        packet->CopyData(buffer.data() + old, packet->GetSize());
        ProbeHeader h;
        const size_t size = h.GetSerializedSize();
        size_t used = 0;
        while (buffer.size() - used >= size)
        {
            Ptr<Packet> one = Create<Packet>(buffer.data() + used, size);
            one->RemoveHeader(h);
            used += size;
            TcpConnectionRecord& c = m_connections[i];
            if (h.target == i && c.stopped.IsNegative())
            {
                ++c.answered;
                EndStall(c);
                ReplyReceived(h);
            }
        }
        buffer.erase(buffer.begin(), buffer.begin() + used);
    }
}

void
TcpProbeClient::SegmentSent(Ptr<const Packet> packet,
                            const TcpHeader& header,
                            Ptr<const TcpSocketBase> socket)
{
    uint32_t i = IndexOf(PeekPointer(socket));
    if (i >= m_connections.size())
    {
        return;
    }
    if ((header.GetFlags() & TcpHeader::SYN) != 0)
    {
        if (m_synSent[i])
        {
            ++m_connections[i].retransmissions;
        }
        m_synSent[i] = true;
        return;
    }
    uint32_t size = packet->GetSize();
    if (size == 0)
    {
        return;
    }
    SequenceNumber32 end = header.GetSequenceNumber() + size;
    if (header.GetSequenceNumber() < m_highestSent[i])
    {
        ++m_connections[i].retransmissions;
    }
    if (end > m_highestSent[i])
    {
        m_highestSent[i] = end;
    }
}

void
TcpProbeClient::SegmentReceived(Ptr<const Packet> packet,
                                const TcpHeader& header,
                                Ptr<const TcpSocketBase> socket)
{
    uint32_t i = IndexOf(PeekPointer(socket));
    if (i < m_connections.size() && (header.GetFlags() & TcpHeader::RST) != 0)
    {
        m_resetSeen[i] = true;
    }
}

} // namespace zos
} // namespace ns3
