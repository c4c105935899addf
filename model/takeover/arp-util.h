/*
 * zos-takeover: small shared pieces for ARP handling (hashing, frame building).
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_ARP_UTIL_H
#define ZOS_TAKEOVER_ARP_UTIL_H

#include "ns3/address.h"
#include "ns3/arp-cache.h"
#include "ns3/arp-header.h"
#include "ns3/ipv4-address.h"
#include "ns3/mac48-address.h"
#include "ns3/packet.h"

#include <cstddef>
#include <cstdint>

namespace ns3
{

namespace zos
{

/// ARP EtherType.
constexpr uint16_t kArpProtocol = 0x0806;

/**
 * \ingroup zos-takeover
 * The fields of an Ethernet/IPv4 ARP packet, read without deserializing an ArpHeader (the
 * hot path: every station sees every broadcast ARP). Accessors are named like ArpHeader's.
 */
class ArpFields
{
  public:
    /** Read the 28-byte ARP packet at the start of `packet`. \return false if it is not one. */
    static bool Peek(Ptr<const Packet> packet, ArpFields& fields);

    bool IsRequest() const
    {
        return m_op == 1;
    }

    bool IsReply() const
    {
        return m_op == 2;
    }

    Mac48Address GetSourceHardwareAddress() const
    {
        return m_sha;
    }

    Ipv4Address GetSourceIpv4Address() const
    {
        return m_spa;
    }

    Mac48Address GetDestinationHardwareAddress() const
    {
        return m_tha;
    }

    Ipv4Address GetDestinationIpv4Address() const
    {
        return m_tpa;
    }

  private:
    uint16_t m_op = 0;
    Mac48Address m_sha;
    Ipv4Address m_spa;
    Mac48Address m_tha;
    Ipv4Address m_tpa;
};

/** \ingroup zos-takeover Hash for ns3::Address (any IP version or MAC). */
struct AddressHash
{
    std::size_t operator()(const Address& a) const;
};

/** \ingroup zos-takeover Hash for Mac48Address. */
struct Mac48AddressHash
{
    std::size_t operator()(const Mac48Address& a) const;
};

/**
 * \ingroup zos-takeover
 * A gratuitous ARP request (RFC 5227 "announcement"): sender and target IP are both
 * `address`, sender MAC is `mac`, target MAC is zero.
 */
Ptr<Packet> MakeGratuitousArp(Ipv4Address address, Mac48Address mac);

/** \ingroup zos-takeover An ARP reply "`address` is at `mac`" for the requester. */
Ptr<Packet> MakeArpReply(Ipv4Address address,
                         Mac48Address mac,
                         Ipv4Address requesterIp,
                         Address requesterMac);

/** \ingroup zos-takeover An ARP request from (ip, mac) asking for `target`. */
Ptr<Packet> MakeArpRequest(Ipv4Address ip, Mac48Address mac, Ipv4Address target);

/**
 * \ingroup zos-takeover
 * Add `ip` at `mac` to `cache` as a resolved (ALIVE) entry; `ip` must not be cached yet.
 * \return the new entry.
 */
ArpCache::Entry* AddNeighbour(Ptr<ArpCache> cache, Ipv4Address ip, const Address& mac);

/**
 * \ingroup zos-takeover
 * RFC 826 merge into an entry that exists, whatever its ns-3 state: "If the pair <protocol
 * type, sender protocol address> is already in my translation table, update the sender
 * hardware address field of the entry with the new information". An ALIVE entry takes the
 * MAC; a WAIT_REPLY entry becomes ALIVE and sends what was waiting (as ns-3 does for a
 * reply); a DEAD entry is replaced by an ALIVE one (ns-3 would otherwise drop every packet
 * to it until DeadTimeout). Other entries (permanent, auto-generated) are left alone.
 * \param cache the cache holding `entry`
 * \param entry the existing entry of `ip`
 * \param ip its address
 * \param mac the sender hardware address heard
 * \return true if the entry's MAC or state changed
 */
bool MergeNeighbour(Ptr<ArpCache> cache,
                    ArpCache::Entry* entry,
                    Ipv4Address ip,
                    const Address& mac);

/** \ingroup zos-takeover True if sender IP equals target IP (a gratuitous ARP). */
inline bool
IsGratuitous(const ArpFields& arp)
{
    return arp.GetSourceIpv4Address() == arp.GetDestinationIpv4Address();
}

} // namespace zos
} // namespace ns3

#endif
