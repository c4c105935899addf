/*
 * zos-takeover: how LAN stations (clients, routers) treat ARP they did not ask for.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_STATION_ARP_H
#define ZOS_TAKEOVER_STATION_ARP_H

#include "ns3/arp-cache.h"
#include "ns3/arp-header.h"
#include "ns3/arp-util.h"
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

namespace zos
{

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
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    StationArp();
    ~StationArp() override;

    /**
     * Hook every ARP-using interface of the node.
     * \param node the station (with an InternetStack and its devices)
     */
    void Install(Ptr<Node> node);

    /** \return "stock", "rfc826", "linux". */
    virtual std::string GetModelName() const = 0;

    /**
     * Assign fixed random streams.
     * \param stream the first stream index to use
     * \return the number of streams used
     */
    virtual int64_t AssignStreams(int64_t stream);

    /** What made a station's cache entry change (trace source CacheUpdated). */
    enum class CacheCause
    {
        ArpRequest,      //!< an ARP request from the neighbour (or a gratuitous one)
        ArpReply,        //!< an ARP reply from the neighbour
        Resolving,       //!< the entry started resolution (linux model: INCOMPLETE)
        NeighbourFailed, //!< resolution failed (linux model: FAILED)
    };

    /**
     * \param cause a cause
     * \return its text ("arp request", ...)
     */
    static const char* GetCauseText(CacheCause cause);

    /**
     * Signature of CacheUpdated (the station is the trace context; connect with
     * Config::Connect on "/Names/STATION/$ns3::zos::StationArp/CacheUpdated").
     * \param ifIndex the device index of the interface whose cache changed
     * \param neighbour the neighbour's address
     * \param before its MAC before (invalid: none)
     * \param after its MAC now (invalid: none)
     * \param cause why
     */
    typedef void (*CacheUpdatedTracedCallback)(uint32_t ifIndex,
                                               Ipv4Address neighbour,
                                               const Address& before,
                                               const Address& after,
                                               CacheCause cause);

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
    void NoteEntry(Interface& iface, Ipv4Address neighbour, CacheCause cause);

    /** \return true if `ip` is this interface's address. */
    static bool IsForUs(const Interface& iface, Ipv4Address ip);

    /** Send an ARP request to `destination` (unicast probe or broadcast). */
    void SendRequest(Interface& iface, Ipv4Address target, const Address& destination);

    Ptr<Node> m_node;
    std::map<uint32_t, Interface> m_interfaces; //!< by device ifIndex
    TracedCallback<uint32_t, Ipv4Address, const Address&, const Address&, CacheCause>
        m_cacheUpdatedTrace;

  private:
    void Receive(Ptr<NetDevice> device,
                 Ptr<const Packet> packet,
                 uint16_t protocol,
                 const Address& from,
                 const Address& to,
                 NetDevice::PacketType packetType);
};

} // namespace zos
} // namespace ns3

#endif
