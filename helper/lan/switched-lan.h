/*
 * zos-takeover: a switched LAN (CSMA segments joined by learning bridges).
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_SWITCHED_LAN_H
#define ZOS_TAKEOVER_SWITCHED_LAN_H

#include "lan.h"

#include "ns3/bridge-net-device.h"

#include <utility>

namespace ns3
{

namespace zos
{

/**
 * \ingroup zos-takeover
 * \brief A LAN of one CSMA segment per attached device, joined by a learning bridge (a
 * switch; scenario kind "switched").
 *
 * One switch, or (MaxPortsPerSwitch > 0) access switches of at most that many ports, each
 * with an uplink to one core switch: still one broadcast domain, but a frame visits small
 * switches instead of one whose node walks a handler per port.
 *
 * Capture: MacPromiscRx of each station-facing switch port, where a frame enters the switch
 * fabric (uplinks are not hooked), reports each frame once.
 */
class SwitchedLan : public Lan
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    SwitchedLan();
    ~SwitchedLan() override;

  protected:
    void DoDispose() override;
    void DoBuild() override;
    void DoAttach(Ptr<Node> node, Ptr<CsmaNetDevice> device) override;
    void DoEnableCapture() override;
    std::vector<Ptr<CsmaNetDevice>> DoGetOwnDevices() const override;

  private:
    /**
     * Report the frames a station-facing switch port receives.
     * \param port the port
     */
    void HookPort(Ptr<CsmaNetDevice> port);
    /**
     * Add a port on `segment` to a switch.
     * \param sw the switch node
     * \param bridge its bridge
     * \param segment the segment the port is on
     * \return the port
     */
    Ptr<CsmaNetDevice> AddSwitchPort(Ptr<Node> sw,
                                     Ptr<BridgeNetDevice> bridge,
                                     Ptr<CsmaChannel> segment);
    /**
     * A new switch node with its bridge.
     * \param bridge set to the new bridge
     * \return the node
     */
    Ptr<Node> NewSwitch(Ptr<BridgeNetDevice>& bridge);
    /** \return the switch (and its bridge) a new attachment goes to. */
    std::pair<Ptr<Node>, Ptr<BridgeNetDevice>> EdgeSwitch();

    uint32_t m_maxPorts = 0;
    Ptr<Node> m_switch;                            //!< the (core) switch
    Ptr<BridgeNetDevice> m_bridge;                 //!< its bridge
    Ptr<Node> m_access;                            //!< tiered: access switch being filled
    Ptr<BridgeNetDevice> m_accessBridge;           //!< its bridge
    uint32_t m_accessPorts = 0;                    //!< ports used on it (uplink included)
    std::vector<Ptr<CsmaNetDevice>> m_ports;       //!< station-facing switch ports
    std::vector<Ptr<CsmaNetDevice>> m_switchPorts; //!< every switch port, in the order built
};

} // namespace zos
} // namespace ns3

#endif
