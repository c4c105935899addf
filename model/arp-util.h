/*
 * zos-takeover: small shared pieces for ARP handling (hashing, frame building).
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_ARP_UTIL_H
#define ZOS_TAKEOVER_ARP_UTIL_H

#include "ns3/address.h"
#include "ns3/arp-header.h"
#include "ns3/ipv4-address.h"
#include "ns3/mac48-address.h"
#include "ns3/packet.h"

#include <cstddef>
#include <cstdint>

namespace ns3
{

/// ARP EtherType.
constexpr uint16_t kArpProtocol = 0x0806;

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

/** \ingroup zos-takeover True if sender IP equals target IP (a gratuitous ARP). */
inline bool
IsGratuitous(const ArpHeader& arp)
{
    return arp.GetSourceIpv4Address() == arp.GetDestinationIpv4Address();
}

} // namespace ns3

#endif
