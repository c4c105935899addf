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
 * Capture is a passive tap: it connects trace sinks to devices already there (a shared
 * LAN: each attached device's PhyTxEnd, the end of a frame on the channel; a switched LAN:
 * MacPromiscRx of each station-facing switch port, where a frame enters the switch
 * fabric). It creates no node or device, allocates no MAC address and schedules no event,
 * so results are the same with and without it; without it nothing is connected.
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

    /**
     * Assign fixed random-variable streams to the CSMA backoff of every device on this LAN
     * (the attached devices and the switch ports), so that a run does not depend on what
     * was created before it in the process.
     * \param stream first stream index to use
     * \return the number of streams used
     */
    int64_t AssignStreams(int64_t stream);

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
    /** Switched LAN: report the frames a station-facing switch port receives. */
    void HookPort(Ptr<CsmaNetDevice> port);
    /** Shared LAN: report the frames an attached device completes on the channel. */
    void HookSender(Ptr<CsmaNetDevice> device);
    Ptr<CsmaNetDevice> AddSwitchPort(Ptr<Node> sw,
                                     Ptr<BridgeNetDevice> bridge,
                                     Ptr<CsmaChannel> segment);
    Ptr<Node> NewSwitch(Ptr<BridgeNetDevice>& bridge);
    /** The switch (and its bridge) a new attachment goes to. */
    std::pair<Ptr<Node>, Ptr<BridgeNetDevice>> EdgeSwitch();

    std::string m_name;
    Kind m_kind;
    DataRate m_dataRate;
    Time m_delay;
    uint32_t m_maxPorts = 0;
    bool m_built = false;
    bool m_capturing = false;
    Ptr<CsmaChannel> m_channel;                    //!< SHARED
    Ptr<Node> m_switch;                            //!< SWITCHED: the (core) switch
    Ptr<BridgeNetDevice> m_bridge;                 //!< SWITCHED: its bridge
    Ptr<Node> m_access;                            //!< SWITCHED, tiered: access switch being filled
    Ptr<BridgeNetDevice> m_accessBridge;           //!< its bridge
    uint32_t m_accessPorts = 0;                    //!< ports used on it (uplink included)
    std::vector<Ptr<CsmaNetDevice>> m_ports;       //!< SWITCHED: station-facing switch ports
    std::vector<Ptr<CsmaNetDevice>> m_switchPorts; //!< SWITCHED: every switch port
    std::vector<Ptr<CsmaNetDevice>> m_devices;
    std::vector<Ptr<PcapFileWrapper>> m_pcaps;
    TracedCallback<Ptr<const Packet>> m_frameTrace;
};

} // namespace ns3

#endif
