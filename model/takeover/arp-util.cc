/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "arp-util.h"

#include "ns3/ipv4-header.h"
#include "ns3/ipv4-interface.h"
#include "ns3/log.h"

namespace ns3
{

namespace zos
{

NS_LOG_COMPONENT_DEFINE("ArpUtil");

bool
ArpFields::Peek(Ptr<const Packet> packet, ArpFields& f)
{
    uint8_t b[28];
    if (packet->CopyData(b, sizeof(b)) != sizeof(b))
    {
        return false;
    }
    // htype 1 (Ethernet), ptype 0x0800 (IPv4), hlen 6, plen 4
    if (b[0] != 0 || b[1] != 1 || b[2] != 0x08 || b[3] != 0x00 || b[4] != 6 || b[5] != 4)
    {
        return false;
    }
    f.m_op = static_cast<uint16_t>((b[6] << 8) | b[7]);
    f.m_sha.CopyFrom(b + 8);
    f.m_spa = Ipv4Address::Deserialize(b + 14);
    f.m_tha.CopyFrom(b + 18);
    f.m_tpa = Ipv4Address::Deserialize(b + 24);
    return f.m_op == 1 || f.m_op == 2;
}

std::size_t
AddressHash::operator()(const Address& a) const
{
    uint8_t buf[Address::MAX_SIZE];
    uint32_t len = a.CopyTo(buf);
    std::size_t h = 1469598103934665603ULL ^ a.GetLength();
    for (uint32_t i = 0; i < len; ++i)
    {
        h = (h ^ buf[i]) * 1099511628211ULL;
    }
    return h;
}

std::size_t
Mac48AddressHash::operator()(const Mac48Address& a) const
{
    uint8_t buf[6];
    a.CopyTo(buf);
    uint64_t v = 0;
    for (uint8_t b : buf)
    {
        v = (v << 8) | b;
    }
    return std::hash<uint64_t>()(v);
}

Ptr<Packet>
MakeGratuitousArp(Ipv4Address address, Mac48Address mac)
{
    ArpHeader arp;
    arp.SetRequest(mac, address, Mac48Address("00:00:00:00:00:00"), address);
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(arp);
    return p;
}

Ptr<Packet>
MakeArpReply(Ipv4Address address, Mac48Address mac, Ipv4Address requesterIp, Address requesterMac)
{
    ArpHeader arp;
    arp.SetReply(mac, address, requesterMac, requesterIp);
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(arp);
    return p;
}

Ptr<Packet>
MakeArpRequest(Ipv4Address ip, Mac48Address mac, Ipv4Address target)
{
    ArpHeader arp;
    arp.SetRequest(mac, ip, Mac48Address::GetBroadcast(), target);
    Ptr<Packet> p = Create<Packet>();
    p->AddHeader(arp);
    return p;
}

bool
MergeNeighbour(Ptr<ArpCache> cache, ArpCache::Entry* entry, Ipv4Address ip, const Address& mac)
{
    if (entry->IsWaitReply())
    {
        entry->MarkAlive(mac);
        for (auto p = entry->DequeuePending(); p.first; p = entry->DequeuePending())
        {
            cache->GetInterface()->Send(p.first, p.second, ip);
        }
        return true;
    }
    if (entry->IsDead())
    {
        cache->Remove(entry);
        AddNeighbour(cache, ip, mac);
        return true;
    }
    if (entry->IsAlive())
    {
        bool changed = entry->GetMacAddress() != mac;
        entry->SetMacAddress(mac);
        entry->UpdateSeen();
        return changed;
    }
    return false;
}

ArpCache::Entry*
AddNeighbour(Ptr<ArpCache> cache, Ipv4Address ip, const Address& mac)
{
    ArpCache::Entry* entry = cache->Add(ip); // a new entry starts ALIVE
    entry->SetMacAddress(mac);
    entry->UpdateSeen();
    return entry;
}

} // namespace zos
} // namespace ns3
