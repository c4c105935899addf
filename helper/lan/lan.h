/*
 * zos-takeover: a LAN (one broadcast domain); its kinds are subclasses (SharedLan,
 * SwitchedLan, FastSwitchedLan) chosen by TypeId through LanHelper::SetLanType.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_LAN_H
#define ZOS_TAKEOVER_LAN_H

#include "ns3/csma-channel.h"
#include "ns3/csma-net-device.h"
#include "ns3/data-rate.h"
#include "ns3/net-device-container.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/object-factory.h"
#include "ns3/object.h"
#include "ns3/queue-size.h"
#include "ns3/queue.h"
#include "ns3/traced-callback.h"

#include <string>
#include <vector>

namespace ns3
{

namespace zos
{

/**
 * \ingroup zos-takeover
 * \brief One LAN (one broadcast domain) built from CSMA channels. Devices are attached with
 * `Attach`; `EnableCapture` makes every frame that crosses the LAN visible exactly once on
 * the Frame trace (LanHelper::EnablePcap writes it to a pcap file).
 *
 * The kinds are subclasses, created by TypeId name (LanHelper::SetLanType): SharedLan (one
 * CSMA channel, a hub), SwitchedLan (CSMA segments joined by learning bridges) and
 * FastSwitchedLan (CSMA segments joined by a MAC learning table). A new
 * kind is one new subclass implementing DoBuild, DoAttach and DoEnableCapture.
 *
 * Capture is a passive tap: it connects trace sinks to devices already there. It creates
 * no device, allocates no MAC address and schedules no event, so results are the same with
 * and without it; without it nothing is connected.
 *
 * The LAN's own infrastructure (channels, switch nodes) is built on the first Attach or
 * EnableCapture, whichever comes first.
 */
class Lan : public Object
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    Lan();
    ~Lan() override;

    /**
     * \param name the LAN name (for files and messages)
     */
    void SetName(const std::string& name);
    /** \return the name. */
    const std::string& GetName() const;
    /** \return the data rate of the LAN's links (attribute DataRate). */
    DataRate GetDataRate() const;
    /** \return the propagation delay of the LAN's links (attribute Delay). */
    Time GetDelay() const;
    /** \return the transmit queue size of the LAN's devices (attribute QueueSize). */
    QueueSize GetQueueSize() const;

    /**
     * Set an attribute of every CsmaChannel this LAN creates next (applied before the
     * LAN's own DataRate and Delay).
     * \param name the attribute name
     * \param value the attribute value
     */
    void SetChannelAttribute(const std::string& name, const AttributeValue& value);
    /**
     * Replace the factory of the CsmaChannels this LAN creates next (applied before the
     * LAN's own DataRate and Delay).
     * \param factory a factory of CsmaChannel (or a subclass)
     */
    void SetChannelFactory(const ObjectFactory& factory);

    /**
     * Give `device` a MAC address and a queue, add it to `node` and connect it to the LAN.
     * \param node the node the device is added to
     * \param device a CSMA device (or subclass) not yet on any node
     */
    void Attach(Ptr<Node> node, Ptr<CsmaNetDevice> device);

    /**
     * Connect `device` to the LAN at the very place of `beside` (a device attached before),
     * with beside's MAC address: the partitions of a shared OSA port (OsaPort) are one port
     * on the wire. On a SharedLan that is the one channel; on a SwitchedLan beside's segment,
     * so the learning bridge sees the port's MAC at one bridge port only.
     * \param node the node the device is added to
     * \param device a CSMA device (or subclass) not yet on any node
     * \param beside a device attached to this LAN
     */
    void AttachBeside(Ptr<Node> node, Ptr<CsmaNetDevice> device, Ptr<CsmaNetDevice> beside);
    /** \return the devices attached (not the LAN's own devices, e.g. switch ports). */
    const std::vector<Ptr<CsmaNetDevice>>& GetDevices() const;

    /**
     * \return every CSMA device of the LAN: the attached devices in the order attached, then
     * the LAN's own devices (switch ports, uplinks included) in the order built.
     */
    NetDeviceContainer GetAllDevices() const;

    /**
     * Assign fixed random-variable streams to the CSMA backoff of every device of this LAN
     * (GetAllDevices order), so that a run does not depend on what was created before it in
     * the process.
     * \param stream first stream index to use
     * \return the number of streams used
     */
    int64_t AssignStreams(int64_t stream);

    /** Start reporting frames on the Frame trace (idempotent). */
    void EnableCapture();

    /**
     * Signature of Frame.
     * \param frame the frame with its Ethernet header
     */
    typedef void (*FrameTracedCallback)(Ptr<const Packet> frame);

  protected:
    void DoDispose() override;

    /** Build the LAN's infrastructure (called once, before the first attachment). */
    virtual void DoBuild() = 0;
    /**
     * Connect a prepared device (MAC address, queue, node) to the LAN.
     * \param node its node
     * \param device the device
     */
    virtual void DoAttach(Ptr<Node> node, Ptr<CsmaNetDevice> device) = 0;
    /**
     * Connect a prepared device to the channel of `beside` (default: attach it to beside's
     * channel; a LAN that hooks its attached devices for capture overrides this).
     * \param node its node
     * \param device the device
     * \param beside the device attached before whose place it shares
     */
    virtual void DoAttachBeside(Ptr<Node> node,
                                Ptr<CsmaNetDevice> device,
                                Ptr<CsmaNetDevice> beside);
    /**
     * Connect FrameSeen to the devices attached so far such that every frame crossing the
     * LAN is reported once; later attachments are hooked by DoAttach (see IsCapturing).
     */
    virtual void DoEnableCapture() = 0;
    /** \return the LAN's own CSMA devices (e.g. switch ports), in the order built. */
    virtual std::vector<Ptr<CsmaNetDevice>> DoGetOwnDevices() const;

    /** \return a new CSMA channel with this LAN's channel attributes. */
    Ptr<CsmaChannel> NewChannel() const;
    /**
     * Give a device a MAC address and a queue and add it to a node.
     * \param node the node
     * \param device the device
     */
    void PrepareDevice(Ptr<Node> node, Ptr<CsmaNetDevice> device) const;
    /** \return a new DropTail transmit queue of the LAN's QueueSize. */
    Ptr<Queue<Packet>> NewQueue() const;
    /** \return whether EnableCapture was called. */
    bool IsCapturing() const;
    /**
     * Report a frame on the Frame trace (trace sink for the devices' traces).
     * \param frame the frame with its Ethernet header
     */
    void FrameSeen(Ptr<const Packet> frame);

  private:
    /** Build the infrastructure once. */
    void Build();

    std::string m_name;
    DataRate m_dataRate;
    Time m_delay;
    QueueSize m_queueSize; //!< attribute QueueSize
    ObjectFactory m_channelFactory;
    bool m_built = false;
    bool m_capturing = false;
    std::vector<Ptr<CsmaNetDevice>> m_devices;
    TracedCallback<Ptr<const Packet>> m_frameTrace;
};

} // namespace zos
} // namespace ns3

#endif
