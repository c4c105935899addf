/*
 * zos-takeover: OSA adapter ports (MPCIPA/QDIO and LCS) on a LAN.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_OSA_NET_DEVICE_H
#define ZOS_TAKEOVER_OSA_NET_DEVICE_H

#include "ns3/callback.h"
#include "ns3/csma-net-device.h"
#include "ns3/traced-callback.h"

#include <string>

namespace ns3
{

namespace zos
{

/**
 * \ingroup zos-takeover
 * \brief One OSA adapter port on a LAN, used by one link of a z/OS stack.
 *
 * An Ethernet (CSMA) device with two additions:
 *  - the port can fail and be repaired (`SetPortFailed`): a failed port neither sends nor
 *    receives; the stack learns of it through the port-state callback after its detection
 *    delay;
 *  - ARP frames do not go to ns-3's stock ARP: they go to the stack's ARP handler (set with
 *    `SetArpHandler`), which decides from the LanGroup ownership table whether this port
 *    answers. Other frames go up as usual.
 *
 * The kind (MPCIPA, LCS) is a subclass. Both answer ARP identically here: for MPCIPA the
 * adapter answers for the addresses the stack registered on it ("ARP offload"), for LCS the
 * stack answers; the seeds do not separate their wire behaviour. An LCS port shared by
 * several stacks filters inbound frames with its OSA Address Table in `AcceptInbound` (see
 * OsaPort).
 */
class OsaNetDevice : public CsmaNetDevice
{
  public:
    /** Stack-side ARP handler: (port, ARP packet without Ethernet header, source MAC). */
    using ArpHandler = Callback<void, Ptr<OsaNetDevice>, Ptr<const Packet>, const Address&>;
    /** Stack-side port-state handler: (port, port is up). */
    using PortStateHandler = Callback<void, Ptr<OsaNetDevice>, bool>;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    OsaNetDevice();
    ~OsaNetDevice() override;

    /** \return "MPCIPA", "LCS", ... */
    virtual std::string GetKindName() const = 0;

    /**
     * Fail or repair the port. Fires the PortState trace at once.
     * \param failed true to fail the port, false to repair it
     */
    virtual void SetPortFailed(bool failed);
    /** \return true if the port has failed. */
    bool IsPortFailed() const;

    /**
     * \param available true while the owning stack is up; a failed stack drops all
     */
    void SetStackAvailable(bool available);
    /** \return true while the owning stack is up (SetStackAvailable) */
    bool IsStackAvailable() const;

    /**
     * \param handler where ARP frames received on this port go (the stack's takeover
     * protocol)
     */
    void SetArpHandler(ArpHandler handler);
    /**
     * \param handler who hears about port failure and repair (the stack)
     */
    void SetPortStateHandler(PortStateHandler handler);

    /**
     * Pass a received frame up to the node, as if this device had not intercepted it.
     * \param packet the frame's payload
     * \param protocol its EtherType
     * \param from its source MAC
     */
    void ForwardUp(Ptr<const Packet> packet, uint16_t protocol, const Address& from);

    // NetDevice
    void SetReceiveCallback(NetDevice::ReceiveCallback cb) override;
    bool Send(Ptr<Packet> packet, const Address& dest, uint16_t protocolNumber) override;
    bool SendFrom(Ptr<Packet> packet,
                  const Address& source,
                  const Address& dest,
                  uint16_t protocolNumber) override;
    bool IsLinkUp() const override;

    /** Signature of PortState: (port up). */
    typedef void (*PortStateTracedCallback)(bool);

  protected:
    void DoDispose() override;

    /**
     * Adapter-level inbound filter (LCS port sharing: the OSA Address Table), asked for
     * every frame a usable port receives.
     * \param packet the frame without its Ethernet header
     * \param protocol its EtherType
     * \param from its source MAC
     * \return true to accept the frame.
     */
    virtual bool AcceptInbound(Ptr<const Packet> packet, uint16_t protocol, const Address& from);

  private:
    /** \return false (and fire PortDrop) if the port failed or the stack is down. */
    bool Usable(Ptr<const Packet> packet);
    bool ReceiveFromWire(Ptr<NetDevice> device,
                         Ptr<const Packet> packet,
                         uint16_t protocol,
                         const Address& from);

    bool m_portFailed = false;
    bool m_stackAvailable = true;
    NetDevice::ReceiveCallback m_upperRx;
    ArpHandler m_arpHandler;
    PortStateHandler m_portStateHandler;
    TracedCallback<bool> m_portStateTrace;             //!< port up (true) / failed (false)
    TracedCallback<Ptr<const Packet>> m_portDropTrace; //!< frame dropped by a failed port
};

} // namespace zos
} // namespace ns3

#endif
