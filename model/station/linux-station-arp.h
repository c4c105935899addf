/*
 * zos-takeover: the Linux-like station neighbour cache.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_LINUX_STATION_ARP_H
#define ZOS_TAKEOVER_LINUX_STATION_ARP_H

#include "ns3/event-id.h"
#include "ns3/nstime.h"
#include "ns3/random-variable-stream.h"
#include "ns3/station-arp.h"
#include "ns3/traced-callback.h"

#include <map>
#include <string>
#include <utility>

namespace ns3
{

namespace zos
{

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
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    LinuxStationArp();
    std::string GetModelName() const override;
    int64_t AssignStreams(int64_t stream) override;

    /** Neighbour (NUD) states, as in include/net/neighbour.h. */
    enum class State
    {
        None, //!< no entry yet (NUD_NONE; only as the old state of StateChanged)
        Incomplete,
        Reachable,
        Stale,
        Delay,
        Probe,
        Failed,
    };

    /**
     * \param state a state
     * \return the kernel's name of a state ("REACHABLE", ...)
     */
    static std::string StateName(State state);

    /**
     * Signature of StateChanged (the station is the trace context).
     * \param ifIndex the device index of the interface
     * \param neighbour the neighbour's address
     * \param from the old state (None for a new entry)
     * \param to the new state
     */
    typedef void (*StateChangedTracedCallback)(uint32_t ifIndex,
                                               Ipv4Address neighbour,
                                               State from,
                                               State to);

    /**
     * \param ifIndex device index of one of the station's interfaces
     * \return that interface's current reachable time (redrawn every 300 s)
     */
    Time GetReachableTime(uint32_t ifIndex);

    /**
     * Warm start: a REACHABLE entry, as a unicast reply to the station's own request leaves
     * it (neigh_update with NUD_REACHABLE): confirmed now, STALE after the interface's
     * reachable time, then DELAY and PROBE on use as usual. An address that already has a
     * neighbour entry (in any state) is left as it is.
     * \param ifIndex the device index of one of the station's interfaces
     * \param neighbour the neighbour's address
     * \param mac the MAC the station would have learned for it
     * \return true if an entry was added
     */
    bool AddResolvedNeighbour(uint32_t ifIndex, Ipv4Address neighbour, const Address& mac) override;

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
    TracedCallback<uint32_t, Ipv4Address, State, State> m_stateTrace;
};
} // namespace zos
} // namespace ns3

#endif
