/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "probe-server.h"

#include "ns3/inet-socket-address.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/packet.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

namespace ns3
{

namespace zos
{

NS_LOG_COMPONENT_DEFINE("ProbeServer");
NS_OBJECT_ENSURE_REGISTERED(ProbeServer);

TypeId
ProbeServer::GetTypeId()
{
    static TypeId tid = TypeId("ns3::zos::ProbeServer")
                            .SetParent<Application>()
                            .SetGroupName("ZosTakeover")
                            .AddConstructor<ProbeServer>()
                            .AddAttribute("Port",
                                          "UDP port to answer on.",
                                          UintegerValue(7),
                                          MakeUintegerAccessor(&ProbeServer::m_port),
                                          MakeUintegerChecker<uint16_t>(1));
    return tid;
}

ProbeServer::ProbeServer() = default;
ProbeServer::~ProbeServer() = default;

void
ProbeServer::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_sockets.clear();
    Application::DoDispose();
}

void
ProbeServer::Bind(Ipv4Address address)
{
    NS_LOG_FUNCTION(this << address);
    if (m_sockets.count(address) != 0)
    {
        return;
    }
    Ptr<Socket> socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
    if (socket->Bind(InetSocketAddress(address, m_port)) != 0)
    {
        NS_FATAL_ERROR("ProbeServer cannot bind " << address << ":" << m_port);
    }
    socket->SetRecvCallback(MakeCallback(&ProbeServer::HandleRead, this));
    m_sockets[address] = socket;
}

void
ProbeServer::AddAddress(Ipv4Address address)
{
    NS_LOG_FUNCTION(this << address);
    if (m_running)
    {
        Bind(address);
    }
}

void
ProbeServer::StartApplication()
{
    NS_LOG_FUNCTION(this);
    m_running = true;
    Ptr<Ipv4> ipv4 = GetNode()->GetObject<Ipv4>();
    for (uint32_t i = 0; i < ipv4->GetNInterfaces(); ++i)
    {
        for (uint32_t j = 0; j < ipv4->GetNAddresses(i); ++j)
        {
            Ipv4Address a = ipv4->GetAddress(i, j).GetLocal();
            if (!a.IsLocalhost())
            {
                Bind(a);
            }
        }
    }
}

void
ProbeServer::StopApplication()
{
    NS_LOG_FUNCTION(this);
    m_running = false;
    for (auto& [address, socket] : m_sockets)
    {
        socket->Close();
    }
    m_sockets.clear();
}

void
ProbeServer::HandleRead(Ptr<Socket> socket)
{
    Ptr<Packet> packet;
    Address from;
    while ((packet = socket->RecvFrom(from)))
    {
        socket->SendTo(packet, 0, from);
    }
}

} // namespace zos
} // namespace ns3
