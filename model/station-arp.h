/*
 * zos-takeover: how LAN stations (clients, routers) treat ARP they did not ask for.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_STATION_ARP_H
#define ZOS_TAKEOVER_STATION_ARP_H

#include "arp-util.h"

#include "ns3/arp-cache.h"
#include "ns3/arp-header.h"
#include "ns3/event-id.h"
#include "ns3/ipv4.h"
#include "ns3/net-device.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <map>
#include <string>
#include <unordered_map>

namespace ns3
{

class Node;

/**
 * \ingroup zos-takeover
 * \brief Base of the station ARP behaviours (DOMAIN.md section 1), aggregated to a station
 * node that has an InternetStack.
 *
 * ns-3's `ArpL3Protocol::Receive` is not virtual, so behaviours are not subclasses of it.
 * Instead `Install` registers one more ARP protocol handler on each of the node's devices;
 * ns-3's Node calls every matching handler, so stock ARP runs first and then this object
 * sees the same frame and may update the interface's `ArpCache` entry. Install it after the
 * InternetStack. The stock behaviour adds nothing; the others merge unsolicited ARP.
 *
 * Every model reports the station's cache changes (including those stock ARP makes) on the
 * CacheUpdated trace.
 */
class StationArp : public Object
{
  public:
    static TypeId GetTypeId();
    StationArp();
    ~StationArp() override;

    /** Hook every ARP-using interface of the node. */
    void Install(Ptr<Node> node);

    /** \return "stock", "rfc826", "linux". */
    virtual std::string GetModelName() const = 0;

    /**
     * Assign fixed random streams. \return the number of streams used.
     */
    virtual int64_t AssignStreams(int64_t stream);

    /** Signature of CacheUpdated: (node id, neighbour, old MAC, new MAC, cause). */
    typedef void (*CacheUpdatedTracedCallback)(uint32_t,
                                               Ipv4Address,
                                               const Address&,
                                               const Address&,
                                               const std::string&);

  protected:
    void DoDispose() override;

    /** Per-interface context. */
    struct Interface
    {
        Ptr<NetDevice> device;
        Ptr<ArpCache> cache;
        Ipv4Address address;
        Mac48Address mac;
        std::unordered_map<Ipv4Address, Address, Ipv4AddressHash> known; //!< last MAC seen
    };

    /**
     * Model hook, called after stock ARP processed the frame.
     * \param iface the interface it arrived on
     * \param arp the ARP header
     * \param toUs the frame was unicast to this station (PACKET_HOST)
     * \return true if the model may have changed the cache entry of the sender
     */
    virtual bool HandleArp(Interface& iface, const ArpFields& arp, bool toUs) = 0;

    /** Called by Install for each hooked interface (models adjust the cache here). */
    virtual void InterfaceAdded(Interface& iface);

    /** Report a cache change if the entry's MAC differs from the last one seen. */
    void NoteEntry(Interface& iface, Ipv4Address neighbour, const char* cause);

    /** \return true if `ip` is this interface's address. */
    static bool IsForUs(const Interface& iface, Ipv4Address ip);

    /** Send an ARP request to `destination` (unicast probe or broadcast). */
    void SendRequest(Interface& iface, Ipv4Address target, const Address& destination);

    Ptr<Node> m_node;
    std::map<uint32_t, Interface> m_interfaces; //!< by device ifIndex
    TracedCallback<uint32_t, Ipv4Address, const Address&, const Address&, const std::string&>
        m_cacheUpdatedTrace;

  private:
    void Receive(Ptr<NetDevice> device,
                 Ptr<const Packet> packet,
                 uint16_t protocol,
                 const Address& from,
                 const Address& to,
                 NetDevice::PacketType packetType);
};

/**
 * \ingroup zos-takeover
 * \brief Stock ns-3 ARP: unsolicited ARP is ignored (ns-3 bug 107 defence), so a
 * gratuitous ARP changes nothing. The baseline.
 */
class StockStationArp : public StationArp
{
  public:
    static TypeId GetTypeId();
    std::string GetModelName() const override;

  protected:
    bool HandleArp(Interface& iface, const ArpFields& arp, bool toUs) override;
};

/**
 * \ingroup zos-takeover
 * \brief RFC 826 merge: any ARP packet whose sender IP is already cached updates the
 * entry's MAC (and refreshes it); a request for this station adds the sender.
 */
class Rfc826StationArp : public StationArp
{
  public:
    static TypeId GetTypeId();
    std::string GetModelName() const override;

  protected:
    bool HandleArp(Interface& iface, const ArpFields& arp, bool toUs) override;
};

/**
 * \ingroup zos-takeover
 * \brief Linux-like neighbour cache: the NUD state machine of net/core/neighbour.c with the
 * ARP rules of net/ipv4/arp.c (arp_process, arp_is_garp, arp_solicit), default sysctls.
 *
 * One entry per (interface, next-hop address), as in the kernel's neighbour table. States
 * INCOMPLETE, REACHABLE, STALE, DELAY, PROBE and FAILED:
 * - A packet to a next hop with no entry, or whose entry is FAILED, starts a resolution
 *   (INCOMPLETE): a broadcast request at once and every RetransTime, McastSolicit in all;
 *   packets wait in the entry's queue (UnresQlen, the oldest is dropped when full). No
 *   answer: FAILED, the queue is dropped; the next packet starts a new resolution
 *   (__neigh_event_send).
 * - Any ARP packet whose sender has an entry updates it (neigh_update), whatever its state:
 *   an INCOMPLETE or FAILED entry takes the MAC at once; a valid entry takes a different MAC
 *   only if Locktime has passed since its last update or the packet is gratuitous
 *   (arp_is_garp: sender IP equals target IP, and for a reply the target MAC equals the
 *   sender MAC; with GratuitousOverridesLocktime=false, the pre-2017 kernels, locktime
 *   applies to it too). No entry is created from an unsolicited ARP (arp_accept=0); a request
 *   for this station creates or overrides a STALE entry (neigh_event_ns).
 * - A unicast reply to this station makes the entry REACHABLE, anything else STALE.
 *   REACHABLE lasts the interface's reachable time, a random 0.5-1.5 x BaseReachableTime
 *   drawn per interface and redrawn every 300 s (neigh_periodic_work), then STALE; the next
 *   packet through a STALE entry starts DELAY (DelayFirstProbeTime), then PROBE: UcastSolicit
 *   unicast requests RetransTime apart, then FAILED. The cached MAC is used in STALE, DELAY
 *   and PROBE. UDP gives no upper-layer confirmation.
 * - "Use" is per entry: a packet uses the entry of its next hop (the destination, or the
 *   route's gateway), never another entry that happens to share the MAC.
 * - Requests go out as arp_solicit sends them: target MAC 00:00:00:00:00:00.
 *
 * ns-3's ArpCache keeps the MAC and queues packets; this model owns every timer and sends
 * every request (it sets the cache's timeouts out of the way), and sees each outgoing packet
 * on Ipv4L3Protocol's Tx trace, just before ns-3 looks its next hop up.
 */
class LinuxStationArp : public StationArp
{
  public:
    static TypeId GetTypeId();
    LinuxStationArp();
    std::string GetModelName() const override;
    int64_t AssignStreams(int64_t stream) override;

    /** Neighbour (NUD) states, as in include/net/neighbour.h. */
    enum class State
    {
        Incomplete,
        Reachable,
        Stale,
        Delay,
        Probe,
        Failed,
    };

    /** \return the kernel's name of a state ("REACHABLE", ...). */
    static std::string StateName(State state);

    /**
     * Signature of StateChanged: (node id, neighbour, old state, new state); a new entry
     * has old state "NONE".
     */
    typedef void (*StateChangedTracedCallback)(uint32_t,
                                               Ipv4Address,
                                               const std::string&,
                                               const std::string&);

    /**
     * \param ifIndex device index of one of the station's interfaces
     * \return that interface's current reachable time (redrawn every 300 s)
     */
    Time GetReachableTime(uint32_t ifIndex);

  protected:
    void DoDispose() override;
    bool HandleArp(Interface& iface, const ArpFields& arp, bool toUs) override;
    void InterfaceAdded(Interface& iface) override;

  private:
    /** One neighbour entry (struct neighbour). */
    struct Neighbour
    {
        State state = State::Incomplete;
        Address mac;    //!< ha (valid unless INCOMPLETE or never resolved)
        Time updated;   //!< last state or MAC change (locktime reference)
        Time used;      //!< last packet through the slow path
        Time confirmed; //!< last reachability confirmation
        uint32_t probes = 0;
        uint32_t queued = 0; //!< packets waiting in the ns-3 entry (INCOMPLETE)
        bool fresh = true;   //!< NUD_NONE: created, no state reported yet
        EventId timer;
    };

    using Key = std::pair<uint32_t, Ipv4Address>; //!< (ifIndex, neighbour)

    void Ipv4Tx(Ptr<const Packet> packet, Ptr<Ipv4> ipv4, uint32_t interface);
    void MacRx(std::string context, Ptr<const Packet> packet);
    void Use(Interface& iface, Ipv4Address nextHop);
    void StartResolution(Interface& iface, Ipv4Address ip, Neighbour& n);
    void Update(Interface& iface,
                Ipv4Address ip,
                Neighbour& n,
                Address mac,
                State state,
                bool override);
    void Timer(uint32_t ifIndex, Ipv4Address ip);
    void Solicit(Interface& iface, Ipv4Address ip, Neighbour& n);
    void SetState(Interface& iface, Ipv4Address ip, Neighbour& n, State state);
    void Arm(uint32_t ifIndex, Ipv4Address ip, Neighbour& n, Time at);
    bool IsGarp(const Interface& iface, const ArpFields& arp) const;
    uint32_t MaxProbes(const Neighbour& n) const;
    void NoNs3Request(Ptr<const ArpCache> cache, Ipv4Address ip);

    std::map<Key, Neighbour> m_neighbours;
    std::map<uint32_t, Time> m_reachableTime;         //!< per interface (neigh_parms)
    std::map<uint32_t, Mac48Address> m_rxDestination; //!< last frame's link-layer destination
    int64_t m_drawnEpoch = -1;                        //!< last 300 s period drawn
    bool m_txHooked = false;

    Time m_locktime;
    Time m_baseReachableTime;
    Time m_delayFirstProbeTime;
    Time m_retransTime;
    uint32_t m_ucastSolicit;
    uint32_t m_mcastSolicit;
    uint32_t m_unresQlen;
    bool m_garpOverrides;
    Ptr<UniformRandomVariable> m_reachableRng;
    TracedCallback<uint32_t, Ipv4Address, const std::string&, const std::string&> m_stateTrace;
};

} // namespace ns3

#endif
