/*
 * zos-takeover: a fast switched LAN (one learning switch fabric, O(1) unicast forwarding).
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_FAST_SWITCHED_LAN_H
#define ZOS_TAKEOVER_FAST_SWITCHED_LAN_H

#include "lan.h"

#include "ns3/mac48-address.h"
#include "ns3/traced-callback.h"

#include <cstdint>
#include <deque>
#include <unordered_map>
#include <utility>
#include <vector>

namespace ns3
{

namespace zos
{

/**
 * \ingroup zos-takeover
 * \brief A switched LAN whose switch is a MAC learning table instead of a bridge node
 * (scenario kind "fast").
 *
 * Each attached device has a segment of its own: a CsmaChannel shared with one switch port
 * (a receive-only CsmaNetDevice). A frame the device sends crosses its segment as on any
 * CSMA channel (the device's data rate, queue and the LAN's delay); when the port has
 * received it, the switch learns the source MAC address on that port and forwards:
 * - a unicast frame whose destination was learned (and has not expired) goes to that one
 *   port: one hash lookup, whatever the number of ports;
 * - a broadcast, multicast or unknown unicast frame goes to every other port;
 * - a frame whose destination was learned on the port it came in by is filtered.
 *
 * Each port's egress is a transmitter of the LAN's DataRate behind a DropTail queue of the
 * LAN's QueueSize (frames waiting; the one being sent is not counted, as in a
 * CsmaNetDevice); a frame leaves the queue when the previous one has been sent and reaches
 * the port's devices after the LAN's Delay. A frame that finds the queue full is dropped
 * (trace source EgressDrop). Delivery is one simulator event per frame and port (one per
 * flooded frame for all the ports that were idle), and calls
 * CsmaNetDevice::Receive of the devices on the segment, as the channel would: a failed port
 * (OsaNetDevice) neither sends nor receives, by the device's own rules. The egress does not
 * occupy the segment, so a device's sending never defers to the switch's (full duplex).
 *
 * Compared with SwitchedLan (CSMA segments joined by ns-3's BridgeNetDevice): same
 * learning, expiry and flooding, except that ns-3 3.37's bridge floods a frame whose
 * destination was learned on the port it came in by (this one filters it, as IEEE 802.1D
 * does); same per-hop timing when the segment is idle; but no node that walks one protocol
 * handler per port for every frame, and no switch-side CSMA transmission per hop.
 *
 * Deliveries are scheduled from the switch port's receive, so the receiving devices run
 * in the switch node's simulation context (node id in log prefixes); nothing in the
 * module depends on the context.
 *
 * Capture: each frame is reported once, when it enters the switch (from its sender's
 * segment), as on SwitchedLan.
 */
class FastSwitchedLan : public Lan
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    FastSwitchedLan();
    ~FastSwitchedLan() override;

    /** \return the number of switch ports (one per place on the LAN). */
    uint32_t GetNPorts() const;

    /**
     * Signature of EgressDrop.
     * \param port the switch port whose queue was full
     * \param frame the frame dropped, with its Ethernet header
     */
    typedef void (*EgressDropTracedCallback)(uint32_t port, Ptr<const Packet> frame);

  protected:
    void DoDispose() override;
    void DoBuild() override;
    void DoAttach(Ptr<Node> node, Ptr<CsmaNetDevice> device) override;
    void DoAttachBeside(Ptr<Node> node,
                        Ptr<CsmaNetDevice> device,
                        Ptr<CsmaNetDevice> beside) override;
    void DoEnableCapture() override;
    std::vector<Ptr<CsmaNetDevice>> DoGetOwnDevices() const override;

  private:
    /** One switch port: its segment's devices and its egress transmitter. */
    struct Port
    {
        Ptr<CsmaNetDevice> receiver;                   //!< the switch side of the segment
        std::vector<Ptr<CsmaNetDevice>> devices;       //!< the devices on the segment
        Time busyUntil;                                //!< when the egress is free again
        std::deque<std::pair<Time, uint32_t>> waiting; //!< frames queued: start, bytes
        uint64_t waitingBytes = 0;                     //!< their bytes
    };

    /** A learned MAC address. */
    struct Learned
    {
        uint32_t port; //!< where it was last seen as a source
        Time expires;  //!< when the entry stops being used
    };

    /**
     * A frame arrived at a port from its segment (PhyRxEnd of the port's receiver).
     * \param port the port
     * \param frame the frame with its Ethernet header and trailer
     */
    void Ingress(uint32_t port, Ptr<const Packet> frame);
    /**
     * Queue a frame for sending out of a port (DropTail: dropped if the queue is full).
     * \param port the port
     * \param frame the frame
     * \param tx its transmission time at the LAN's data rate
     * \return when it reaches the port's devices; negative if dropped
     */
    Time Enqueue(uint32_t port, Ptr<const Packet> frame, Time tx);
    /**
     * Deliver a frame to several ports at once (the ports that were idle when it was
     * flooded).
     * \param ports the ports, in order
     * \param frame the frame
     */
    void DeliverToPorts(const std::vector<uint32_t>& ports, Ptr<const Packet> frame);
    /**
     * A frame has crossed a port's segment: hand it to the devices there.
     * \param port the port
     * \param frame the frame
     */
    void Deliver(uint32_t port, Ptr<const Packet> frame);

    /**
     * \param mac a MAC address
     * \return its 48 bits as an integer (hash key)
     */
    static uint64_t Key(const Mac48Address& mac);

    Time m_expirationTime;                         //!< attribute ExpirationTime
    Ptr<Node> m_switch;                            //!< holds the port receivers
    Mac48Address m_address;                        //!< the switch's own (unused) address
    std::vector<Port> m_ports;                     //!< one per place on the LAN
    std::unordered_map<uint64_t, Learned> m_table; //!< MAC learning table
    std::unordered_map<const CsmaNetDevice*, uint32_t> m_portOf; //!< device -> its port
    TracedCallback<uint32_t, Ptr<const Packet>> m_egressDropTrace;
};

} // namespace zos
} // namespace ns3

#endif
