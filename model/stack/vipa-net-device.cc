/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "vipa-net-device.h"

#include "ns3/channel.h"
#include "ns3/log.h"
#include "ns3/node.h"

namespace ns3
{

namespace zos
{

NS_LOG_COMPONENT_DEFINE("VipaNetDevice");
NS_OBJECT_ENSURE_REGISTERED(VipaNetDevice);

TypeId
VipaNetDevice::GetTypeId()
{
    static TypeId tid = TypeId("ns3::zos::VipaNetDevice")
                            .SetParent<NetDevice>()
                            .SetGroupName("ZosTakeover")
                            .AddConstructor<VipaNetDevice>();
    return tid;
}

VipaNetDevice::VipaNetDevice()
    : m_address(Mac48Address("00:00:00:00:00:00"))
{
}

void
VipaNetDevice::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_node = nullptr;
    NetDevice::DoDispose();
}

void
VipaNetDevice::SetIfIndex(const uint32_t index)
{
    NS_LOG_FUNCTION(this << index);
    m_ifIndex = index;
}

uint32_t
VipaNetDevice::GetIfIndex() const
{
    return m_ifIndex;
}

Ptr<Channel>
VipaNetDevice::GetChannel() const
{
    return nullptr;
}

void
VipaNetDevice::SetAddress(Address address)
{
    NS_LOG_FUNCTION(this << address);
    m_address = Mac48Address::ConvertFrom(address);
}

Address
VipaNetDevice::GetAddress() const
{
    return m_address;
}

bool
VipaNetDevice::SetMtu(const uint16_t mtu)
{
    NS_LOG_FUNCTION(this << mtu);
    m_mtu = mtu;
    return true;
}

uint16_t
VipaNetDevice::GetMtu() const
{
    return m_mtu;
}

bool
VipaNetDevice::IsLinkUp() const
{
    return true; // always active
}

void
VipaNetDevice::AddLinkChangeCallback(Callback<void> callback)
{
    NS_LOG_FUNCTION(this);
    // never changes
}

bool
VipaNetDevice::IsBroadcast() const
{
    return false;
}

Address
VipaNetDevice::GetBroadcast() const
{
    return Mac48Address::GetBroadcast();
}

bool
VipaNetDevice::IsMulticast() const
{
    return false;
}

Address
VipaNetDevice::GetMulticast(Ipv4Address multicastGroup) const
{
    return Mac48Address::GetMulticast(multicastGroup);
}

Address
VipaNetDevice::GetMulticast(Ipv6Address addr) const
{
    return Mac48Address::GetMulticast(addr);
}

bool
VipaNetDevice::IsBridge() const
{
    return false;
}

bool
VipaNetDevice::IsPointToPoint() const
{
    return false;
}

bool
VipaNetDevice::Send(Ptr<Packet> packet, const Address& dest, uint16_t protocolNumber)
{
    return false; // no physical attachment
}

bool
VipaNetDevice::SendFrom(Ptr<Packet> packet,
                        const Address& source,
                        const Address& dest,
                        uint16_t protocolNumber)
{
    return false;
}

Ptr<Node>
VipaNetDevice::GetNode() const
{
    return m_node;
}

void
VipaNetDevice::SetNode(Ptr<Node> node)
{
    NS_LOG_FUNCTION(this << node);
    m_node = node;
}

bool
VipaNetDevice::NeedsArp() const
{
    return false;
}

void
VipaNetDevice::SetReceiveCallback(NetDevice::ReceiveCallback cb)
{
    NS_LOG_FUNCTION(this);
}

void
VipaNetDevice::SetPromiscReceiveCallback(PromiscReceiveCallback cb)
{
    NS_LOG_FUNCTION(this);
}

bool
VipaNetDevice::SupportsSendFrom() const
{
    return false;
}

} // namespace zos
} // namespace ns3
