/*
 * zos-takeover: a LAN (one broadcast domain), shared medium or learning switch.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_LAN_H
#define ZOS_TAKEOVER_LAN_H

#include "ns3/bridge-net-device.h"
#include "ns3/csma-channel.h"
#include "ns3/csma-net-device.h"
#include "ns3/data-rate.h"
#include "ns3/node.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/traced-callback.h"

#include <string>
#include <vector>

namespace ns3
{

class PcapFileWrapper;

/**
 * \ingroup zos-takeover
 * \brief One LAN: a shared CSMA channel, or CSMA segments joined by a learning bridge
 * (a switch). Devices are attached with `Attach`; `EnableCapture` makes every frame that
 * crosses the LAN visible exactly once on the Frame trace (and in a pcap file).
 *
 * A switched LAN is one switch, or (MaxPortsPerSwitch > 0) access switches of at most that
 * many ports, each with an uplink to one core switch: still one broadcast domain, but a
 * frame visits small switches instead of one whose node walks a handler per port.
 */
class Lan : public Object
{
  public:
    /** How the LAN is built. */
    enum Kind
    {
        SHARED,   //!< one CsmaChannel: every frame reaches every device
        SWITCHED, //!< one CsmaChannel per device, joined by a BridgeNetDevice
    };

    static TypeId GetTypeId();
    Lan();
    ~Lan() override;

    /** LAN name (for files and messages). */
    void SetName(const std::string& name);
    /** \return the name. */
    const std::string& GetName() const;
    /** \return the kind. */
    Kind GetKind() const;

    /**
     * Give `device` a MAC address and a queue, add it to `node` and connect it to the LAN.
     */
    void Attach(Ptr<Node> node, Ptr<CsmaNetDevice> device);

    /** \return the devices attached (not the switch ports). */
    const std::vector<Ptr<CsmaNetDevice>>& GetDevices() const;

    /** Start reporting frames on the Frame trace (idempotent). */
    void EnableCapture();
    /** Write every frame of this LAN to a pcap file (Ethernet). */
    void EnablePcap(const std::string& filename);

    /** Signature of Frame: (frame with its Ethernet header). */
    typedef void (*FrameTracedCallback)(Ptr<const Packet>);

  protected:
    void DoDispose() override;

  private:
    void Build();
    Ptr<CsmaChannel> NewChannel() const;
    void FrameSeen(Ptr<const Packet> frame);
    void HookPort(Ptr<CsmaNetDevice> port);
    Ptr<CsmaNetDevice> AddSwitchPort(Ptr<Node> sw,
                                     Ptr<BridgeNetDevice> bridge,
                                     Ptr<CsmaChannel> segment);
    Ptr<Node> NewSwitch(Ptr<BridgeNetDevice>& bridge);
    /** The switch (and its bridge) a new attachment goes to. */
    std::pair<Ptr<Node>, Ptr<BridgeNetDevice>> EdgeSwitch();
    void MonitorReceive(Ptr<NetDevice> device,
                        Ptr<const Packet> packet,
                        uint16_t protocol,
                        const Address& from,
                        const Address& to,
                        NetDevice::PacketType type);

    std::string m_name;
    Kind m_kind;
    DataRate m_dataRate;
    Time m_delay;
    uint32_t m_maxPorts = 0;
    bool m_built = false;
    bool m_capturing = false;
    Ptr<CsmaChannel> m_channel;              //!< SHARED
    Ptr<Node> m_switch;                      //!< SWITCHED: the (core) switch
    Ptr<BridgeNetDevice> m_bridge;           //!< SWITCHED: its bridge
    Ptr<Node> m_access;                      //!< SWITCHED, tiered: access switch being filled
    Ptr<BridgeNetDevice> m_accessBridge;     //!< its bridge
    uint32_t m_accessPorts = 0;              //!< ports used on it (uplink included)
    std::vector<Ptr<CsmaNetDevice>> m_ports; //!< SWITCHED: station-facing switch ports
    std::vector<Ptr<CsmaNetDevice>> m_devices;
    Ptr<Node> m_monitorNode; //!< SHARED capture
    std::vector<Ptr<PcapFileWrapper>> m_pcaps;
    TracedCallback<Ptr<const Packet>> m_frameTrace;
};

} // namespace ns3

#endif
