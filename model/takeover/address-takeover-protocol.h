/*
 * zos-takeover: the wire side of address takeover, one implementation per IP version.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_ADDRESS_TAKEOVER_PROTOCOL_H
#define ZOS_TAKEOVER_ADDRESS_TAKEOVER_PROTOCOL_H

#include "ns3/address.h"
#include "ns3/object.h"
#include "ns3/packet.h"

#include <cstdint>

namespace ns3
{

namespace zos
{

class ZosStack;
class OsaNetDevice;

/**
 * \ingroup zos-takeover
 * \brief The frames of address takeover for one IP version: answering address resolution
 * for the addresses a link owns, announcing an address a link took over, and the LanGroup
 * discovery frame.
 *
 * The stack (ZosStack) keeps link state, failure detection and the ownership table, and
 * decides who owns what; a takeover protocol turns those decisions into frames and turns
 * received frames into the stack's events. IPv4 ARP is ArpTakeoverProtocol; an IPv6
 * neighbour discovery variant (unsolicited neighbour advertisements) would sit beside it,
 * as ns-3's NdiscCache sits beside ArpCache.
 *
 * The stack owns its protocol objects and outlives them: a protocol keeps a plain pointer
 * to its stack.
 */
class AddressTakeoverProtocol : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    AddressTakeoverProtocol();
    ~AddressTakeoverProtocol() override;

    /**
     * Bind to the stack whose links this protocol serves (done by the stack).
     * \param stack the stack; it must outlive this object
     */
    void SetStack(ZosStack* stack);
    /** \return the stack served (nullptr before SetStack) */
    ZosStack* GetStack() const;

    /** \return the link-layer protocol number of the frames handled (0x0806 for ARP) */
    virtual uint16_t GetProtocolNumber() const = 0;

    /**
     * A frame of this protocol arrived on a port of the stack.
     * \param device the port it arrived on
     * \param packet the frame's payload (without Ethernet header)
     * \param from the source MAC
     */
    virtual void Receive(Ptr<OsaNetDevice> device,
                         Ptr<const Packet> packet,
                         const Address& from) = 0;

    /**
     * Send one announcement (gratuitous ARP, unsolicited neighbour advertisement) that link
     * `link` now answers for `address`.
     * \param link the link index in the stack
     * \param address the address announced
     * \param receiverLoss probability that each receiver misses it (0: none)
     * \return true if the port accepted the frame
     */
    virtual bool SendAnnouncement(uint32_t link, const Address& address, double receiverLoss) = 0;

    /**
     * Send the LanGroup discovery frame of a link that became active: a frame every sibling
     * link on the same LAN hears, that changes no station's cache.
     * \param link the link index in the stack
     */
    virtual void SendLanGroupProbe(uint32_t link) = 0;

  protected:
    void DoDispose() override;

  private:
    ZosStack* m_stack = nullptr; //!< the stack served (owns this object)
};

} // namespace zos
} // namespace ns3

#endif
