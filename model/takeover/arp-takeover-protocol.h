/*
 * zos-takeover: IPv4 address takeover on the wire (ARP).
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_ARP_TAKEOVER_PROTOCOL_H
#define ZOS_TAKEOVER_ARP_TAKEOVER_PROTOCOL_H

#include "ns3/address-takeover-protocol.h"
#include "ns3/ipv4-address.h"
#include "ns3/mac48-address.h"

namespace ns3
{

namespace zos
{

/**
 * \ingroup zos-takeover
 * \brief IPv4 takeover frames: ARP replies for the addresses a link answers for,
 * gratuitous ARP announcements, the LanGroup discovery probe, and ARP received on the OSA
 * ports of a ZosStack.
 *
 * Received ARP (Receive):
 *  - a frame sent by another link of the same stack tells the stack that the two links
 *    share a LAN (ZosStack::NoteHeard), whatever the frame;
 *  - replies go to ns-3's ARP (the stack's own resolutions);
 *  - gratuitous ARP of other stations is ignored;
 *  - a request is answered if the stack says the link answers for the target
 *    (ZosStack::Answers, which applies the fix level), and the requester is learned
 *    (the stack's attribute ArpLearnFromRequests).
 */
class ArpTakeoverProtocol : public AddressTakeoverProtocol
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    ArpTakeoverProtocol();
    ~ArpTakeoverProtocol() override;

    uint16_t GetProtocolNumber() const override;
    void Receive(Ptr<OsaNetDevice> device, Ptr<const Packet> packet, const Address& from) override;
    bool SendAnnouncement(uint32_t link, const Address& address, double receiverLoss) override;
    void SendLanGroupProbe(uint32_t link) override;

    /**
     * \param learn true if a link that answers a request adds (or refreshes) the requester
     * in its ARP cache (the stack's attribute ArpLearnFromRequests)
     */
    void SetLearnFromRequests(bool learn);
    /** \return the LearnFromRequests setting */
    bool GetLearnFromRequests() const;

  private:
    /**
     * RFC 826: the target of a request adds (or merges) the requester in its ARP cache.
     * \param device the port the request arrived on
     * \param ip the requester's address
     * \param mac the requester's MAC
     */
    void LearnRequester(Ptr<OsaNetDevice> device, Ipv4Address ip, Mac48Address mac);

    bool m_learnFromRequests; //!< ZosStack attribute ArpLearnFromRequests
};

} // namespace zos
} // namespace ns3

#endif
