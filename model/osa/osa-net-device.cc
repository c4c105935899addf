/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "osa-net-device.h"

#include "ns3/arp-util.h"
#include "ns3/log.h"

namespace ns3
{

namespace zos
{

NS_LOG_COMPONENT_DEFINE("OsaNetDevice");

NS_OBJECT_ENSURE_REGISTERED(OsaNetDevice);

TypeId
OsaNetDevice::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::zos::OsaNetDevice")
            .SetParent<CsmaNetDevice>()
            .SetGroupName("ZosTakeover")
            .AddTraceSource("PortState",
                            "The port failed (false) or was repaired (true).",
                            MakeTraceSourceAccessor(&OsaNetDevice::m_portStateTrace),
                            "ns3::zos::OsaNetDevice::PortStateTracedCallback")
            .AddTraceSource("PortDrop",
                            "A frame was dropped because the port has failed.",
                            MakeTraceSourceAccessor(&OsaNetDevice::m_portDropTrace),
                            "ns3::Packet::TracedCallback");
    return tid;
}

OsaNetDevice::OsaNetDevice()
{
    NS_LOG_FUNCTION(this);
}

OsaNetDevice::~OsaNetDevice()
{
    NS_LOG_FUNCTION(this);
}

void
OsaNetDevice::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_upperRx =
        MakeNullCallback<bool, Ptr<NetDevice>, Ptr<const Packet>, uint16_t, const Address&>();
    m_arpHandler = ArpHandler();
    m_portStateHandler = PortStateHandler();
    CsmaNetDevice::DoDispose();
}

void
OsaNetDevice::SetPortFailed(bool failed)
{
    NS_LOG_FUNCTION(this << failed);
    if (failed == m_portFailed)
    {
        return;
    }
    m_portFailed = failed;
    m_portStateTrace(!failed);
    if (!m_portStateHandler.IsNull())
    {
        m_portStateHandler(this, !failed);
    }
}

bool
OsaNetDevice::IsPortFailed() const
{
    return m_portFailed;
}

void
OsaNetDevice::SetStackAvailable(bool available)
{
    NS_LOG_FUNCTION(this << available);
    m_stackAvailable = available;
}

bool
OsaNetDevice::IsStackAvailable() const
{
    return m_stackAvailable;
}

void
OsaNetDevice::SetArpHandler(ArpHandler handler)
{
    NS_LOG_FUNCTION(this);
    m_arpHandler = handler;
}

void
OsaNetDevice::SetPortStateHandler(PortStateHandler handler)
{
    NS_LOG_FUNCTION(this);
    m_portStateHandler = handler;
}

void
OsaNetDevice::ForwardUp(Ptr<const Packet> packet, uint16_t protocol, const Address& from)
{
    if (!m_upperRx.IsNull())
    {
        m_upperRx(this, packet, protocol, from);
    }
}

void
OsaNetDevice::SetReceiveCallback(NetDevice::ReceiveCallback cb)
{
    NS_LOG_FUNCTION(this);
    m_upperRx = cb;
    CsmaNetDevice::SetReceiveCallback(MakeCallback(&OsaNetDevice::ReceiveFromWire, this));
}

bool
OsaNetDevice::ReceiveFromWire(Ptr<NetDevice> device,
                              Ptr<const Packet> packet,
                              uint16_t protocol,
                              const Address& from)
{
    if (!Usable(packet) || !AcceptInbound(packet, protocol, from))
    {
        return false;
    }
    if (protocol == kArpProtocol && !m_arpHandler.IsNull())
    {
        m_arpHandler(this, packet, from);
        return true;
    }
    return m_upperRx.IsNull() ? false : m_upperRx(this, packet, protocol, from);
}

bool
OsaNetDevice::Usable(Ptr<const Packet> packet)
{
    if (m_portFailed || !m_stackAvailable)
    {
        m_portDropTrace(packet);
        return false;
    }
    return true;
}

bool
OsaNetDevice::Send(Ptr<Packet> packet, const Address& dest, uint16_t protocolNumber)
{
    return Usable(packet) && CsmaNetDevice::Send(packet, dest, protocolNumber);
}

bool
OsaNetDevice::SendFrom(Ptr<Packet> packet,
                       const Address& source,
                       const Address& dest,
                       uint16_t protocolNumber)
{
    return Usable(packet) && CsmaNetDevice::SendFrom(packet, source, dest, protocolNumber);
}

bool
OsaNetDevice::IsLinkUp() const
{
    return !m_portFailed && CsmaNetDevice::IsLinkUp();
}

bool
OsaNetDevice::AcceptInbound(Ptr<const Packet> packet, uint16_t protocol, const Address& from)
{
    return true;
}

} // namespace zos
} // namespace ns3
