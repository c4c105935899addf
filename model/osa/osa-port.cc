/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "osa-port.h"

#include "osa-net-device.h"

#include "ns3/arp-header.h"
#include "ns3/arp-util.h"
#include "ns3/ipv4-header.h"
#include "ns3/log.h"

namespace ns3
{

namespace zos
{

NS_LOG_COMPONENT_DEFINE("OsaPort");

NS_OBJECT_ENSURE_REGISTERED(OsaPort);

namespace
{
constexpr uint16_t kIpv4Protocol = 0x0800;
} // namespace

TypeId
OsaPort::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::zos::OsaPort")
            .SetParent<Object>()
            .SetGroupName("ZosTakeover")
            .AddConstructor<OsaPort>()
            .AddTraceSource("OatDrop",
                            "An inbound datagram or ARP packet was discarded by the adapter: "
                            "its IP address is not in the OSA Address Table and no PRIMARY "
                            "or SECONDARY partition is available.",
                            MakeTraceSourceAccessor(&OsaPort::m_oatDropTrace),
                            "ns3::zos::OsaPort::OatDropTracedCallback");
    return tid;
}

OsaPort::OsaPort()
{
    NS_LOG_FUNCTION(this);
}

OsaPort::~OsaPort()
{
    NS_LOG_FUNCTION(this);
}

void
OsaPort::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_partitions.clear();
    Object::DoDispose();
}

void
OsaPort::SetName(const std::string& name)
{
    NS_LOG_FUNCTION(this << name);
    m_name = name;
}

const std::string&
OsaPort::GetName() const
{
    return m_name;
}

bool
OsaPort::AddEntry(Ipv4Address address, const std::string& partition, Mode mode)
{
    NS_LOG_FUNCTION(this << address << partition << static_cast<int>(mode));
    if (m_entries.size() >= kMaxEntries)
    {
        return false;
    }
    for (const auto& e : m_entries)
    {
        if (e.address == address)
        {
            return false;
        }
    }
    if (mode != Mode::Normal)
    {
        std::string holder = PartitionWithMode(mode);
        if (!holder.empty() && holder != partition)
        {
            return false;
        }
    }
    m_entries.push_back({address, partition, mode});
    return true;
}

const std::vector<OsaPort::Entry>&
OsaPort::GetEntries() const
{
    return m_entries;
}

void
OsaPort::AddPartition(const std::string& partition, Ptr<OsaNetDevice> device)
{
    NS_LOG_FUNCTION(this << partition << device);
    m_partitions.emplace_back(partition, device);
}

std::vector<Ptr<OsaNetDevice>>
OsaPort::GetDevices() const
{
    std::vector<Ptr<OsaNetDevice>> devices;
    for (const auto& [name, device] : m_partitions)
    {
        devices.push_back(device);
    }
    return devices;
}

Mac48Address
OsaPort::GetAddress() const
{
    if (m_partitions.empty())
    {
        return Mac48Address::GetBroadcast();
    }
    return Mac48Address::ConvertFrom(m_partitions.front().second->GetAddress());
}

std::string
OsaPort::PartitionWithMode(Mode mode) const
{
    for (const auto& e : m_entries)
    {
        if (e.mode == mode)
        {
            return e.partition;
        }
    }
    return "";
}

bool
OsaPort::Available(const std::string& partition) const
{
    for (const auto& [name, device] : m_partitions)
    {
        if (name == partition && device->IsStackAvailable())
        {
            return true;
        }
    }
    return false;
}

std::string
OsaPort::Route(Ipv4Address destination) const
{
    for (const auto& e : m_entries)
    {
        if (e.address == destination)
        {
            return e.partition;
        }
    }
    // "When a packet with an unrecognized (not configured) destination IP address is
    // received, OSA-2 will present the packet to the TCP/IP stack configured as PRIMARY, if
    // that stack is available. If the PRIMARY stack is not available, OSA-2 will present the
    // packet to the stack configured as SECONDARY, if that stack is available." (seed 003)
    for (Mode mode : {Mode::Primary, Mode::Secondary})
    {
        std::string partition = PartitionWithMode(mode);
        if (!partition.empty() && Available(partition))
        {
            return partition;
        }
    }
    return "";
}

Ipv4Address
OsaPort::Destination(Ptr<const Packet> packet, uint16_t protocol)
{
    if (protocol == kIpv4Protocol)
    {
        Ipv4Header ip;
        if (packet->PeekHeader(ip) != 0)
        {
            return ip.GetDestination();
        }
    }
    else if (protocol == kArpProtocol)
    {
        ArpHeader arp;
        if (packet->PeekHeader(arp) != 0)
        {
            return arp.GetDestinationIpv4Address();
        }
    }
    return Ipv4Address::GetAny();
}

bool
OsaPort::Delivers(const std::string& partition, Ptr<const Packet> packet, uint16_t protocol)
{
    NS_LOG_FUNCTION(this << partition << packet << protocol);
    Ipv4Address destination = Destination(packet, protocol);
    if (protocol == kIpv4Protocol && (destination.IsBroadcast() || destination.IsMulticast()))
    {
        return true; // not an address the table routes: every partition receives it
    }
    std::string receiver = Route(destination);
    if (!receiver.empty())
    {
        return receiver == partition;
    }
    // Each partition's device asks for its copy of the frame (same packet UID): count once.
    if (!m_dropped || m_lastDropUid != packet->GetUid())
    {
        m_dropped = true;
        m_lastDropUid = packet->GetUid();
        ++m_drops;
        NS_LOG_LOGIC("port " << m_name << " discards a frame for " << destination);
        m_oatDropTrace(packet, destination);
    }
    return false;
}

uint64_t
OsaPort::GetDropCount() const
{
    return m_drops;
}

void
OsaPort::SetFailed(bool failed)
{
    NS_LOG_FUNCTION(this << failed);
    m_failed = failed;
    for (const auto& [name, device] : m_partitions)
    {
        device->OsaNetDevice::SetPortFailed(failed); // this partition's view of the port
    }
}

bool
OsaPort::IsFailed() const
{
    return m_failed;
}

} // namespace zos
} // namespace ns3
