/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "lcs-net-device.h"

#include "ns3/log.h"
#include "ns3/mac48-address.h"

namespace ns3
{

namespace zos
{

NS_LOG_COMPONENT_DEFINE("LcsNetDevice");
NS_OBJECT_ENSURE_REGISTERED(LcsNetDevice);

TypeId
LcsNetDevice::GetTypeId()
{
    static TypeId tid = TypeId("ns3::zos::LcsNetDevice")
                            .SetParent<OsaNetDevice>()
                            .SetGroupName("ZosTakeover")
                            .AddConstructor<LcsNetDevice>();
    return tid;
}

LcsNetDevice::LcsNetDevice()
{
    NS_LOG_FUNCTION(this);
}

LcsNetDevice::~LcsNetDevice()
{
    NS_LOG_FUNCTION(this);
}

void
LcsNetDevice::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_port = nullptr;
    OsaNetDevice::DoDispose();
}

std::string
LcsNetDevice::GetKindName() const
{
    return "LCS";
}

void
LcsNetDevice::SetPortFailed(bool failed)
{
    NS_LOG_FUNCTION(this << failed);
    if (m_port)
    {
        m_port->SetFailed(failed);
        return;
    }
    OsaNetDevice::SetPortFailed(failed);
}

void
LcsNetDevice::SetOsaPort(Ptr<OsaPort> port, const std::string& partition)
{
    NS_LOG_FUNCTION(this << port << partition);
    m_port = port;
    m_partition = partition;
    port->AddPartition(partition, this);
}

Ptr<OsaPort>
LcsNetDevice::GetOsaPort() const
{
    return m_port;
}

const std::string&
LcsNetDevice::GetPartition() const
{
    return m_partition;
}

bool
LcsNetDevice::AcceptInbound(Ptr<const Packet> packet, uint16_t protocol, const Address& from)
{
    if (!m_port)
    {
        return true;
    }
    if (Mac48Address::ConvertFrom(from) == Mac48Address::ConvertFrom(GetAddress()))
    {
        return false; // the port's own frame, sent by a sibling partition
    }
    return m_port->Delivers(m_partition, packet, protocol);
}

} // namespace zos
} // namespace ns3
