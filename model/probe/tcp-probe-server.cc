/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "tcp-probe-server.h"

#include "backoff-tcp-socket.h"

#include "ns3/boolean.h"
#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/probe-header.h"
#include "ns3/tcp-socket-factory.h"
#include "ns3/uinteger.h"

namespace ns3
{

namespace zos
{

NS_LOG_COMPONENT_DEFINE("TcpProbeServer");
NS_OBJECT_ENSURE_REGISTERED(TcpProbeServer);

TypeId
TcpProbeServer::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::zos::TcpProbeServer")
            .SetParent<Application>()
            .SetGroupName("ZosTakeover")
            .AddConstructor<TcpProbeServer>()
            .AddAttribute("Port",
                          "TCP port to listen on.",
                          UintegerValue(7),
                          MakeUintegerAccessor(&TcpProbeServer::m_port),
                          MakeUintegerChecker<uint16_t>(1))
            .AddAttribute("KeepRtoBackoff",
                          "The accepted connections keep the retransmission timeout's "
                          "exponential backoff when they send a pure ACK (BackoffTcpSocket; "
                          "see TcpProbeClient::KeepRtoBackoff). False: plain ns-3 "
                          "TcpSocketBase.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&TcpProbeServer::m_keepRtoBackoff),
                          MakeBooleanChecker())
            .AddTraceSource("Accept",
                            "A probe connection was accepted: (the client's address).",
                            MakeTraceSourceAccessor(&TcpProbeServer::m_acceptTrace),
                            "ns3::zos::TcpProbeServer::AcceptTracedCallback");
    return tid;
}

TcpProbeServer::TcpProbeServer() = default;
TcpProbeServer::~TcpProbeServer() = default;

void
TcpProbeServer::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_listener = nullptr;
    m_connections.clear();
    Application::DoDispose();
}

void
TcpProbeServer::StartApplication()
{
    NS_LOG_FUNCTION(this);
    if (m_listener)
    {
        return;
    }
    m_listener = m_keepRtoBackoff
                     ? BackoffTcpSocket::Create(GetNode())
                     : Socket::CreateSocket(GetNode(), TcpSocketFactory::GetTypeId());
    if (m_listener->Bind(InetSocketAddress(Ipv4Address::GetAny(), m_port)) != 0)
    {
        NS_FATAL_ERROR("TcpProbeServer cannot bind port " << m_port);
    }
    m_listener->Listen();
    m_listener->SetAcceptCallback(MakeCallback(&TcpProbeServer::AcceptRequest, this),
                                  MakeCallback(&TcpProbeServer::NewConnection, this));
}

void
TcpProbeServer::StopApplication()
{
    NS_LOG_FUNCTION(this);
    if (m_listener)
    {
        m_listener->Close();
    }
    for (auto& [socket, buffer] : m_connections)
    {
        socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    }
}

bool
TcpProbeServer::AcceptRequest(Ptr<Socket> socket, const Address& from)
{
    return true;
}

void
TcpProbeServer::NewConnection(Ptr<Socket> socket, const Address& from)
{
    NS_LOG_FUNCTION(this << socket << from);
    m_connections[socket] = {};
    socket->SetRecvCallback(MakeCallback(&TcpProbeServer::HandleRead, this));
    socket->SetCloseCallbacks(MakeCallback(&TcpProbeServer::HandleClose, this),
                              MakeCallback(&TcpProbeServer::HandleClose, this));
    m_acceptTrace(from);
}

void
TcpProbeServer::HandleClose(Ptr<Socket> socket)
{
    NS_LOG_FUNCTION(this << socket);
    m_connections.erase(socket);
}

void
TcpProbeServer::HandleRead(Ptr<Socket> socket)
{
    auto it = m_connections.find(socket);
    if (it == m_connections.end())
    {
        return;
    }
    Ptr<Packet> packet;
    while ((packet = socket->Recv()))
    {
        std::vector<uint8_t>& buffer = it->second;
        size_t old = buffer.size();
        buffer.resize(old + packet->GetSize());
        packet->CopyData(buffer.data() + old, packet->GetSize());
        const size_t size = ProbeHeader().GetSerializedSize();
        size_t used = 0;
        while (buffer.size() - used >= size)
        {
            // Echo the request as it came: it names its target and sequence number.
            socket->Send(Create<Packet>(buffer.data() + used, size));
            used += size;
        }
        buffer.erase(buffer.begin(), buffer.begin() + used);
    }
}

} // namespace zos
} // namespace ns3
