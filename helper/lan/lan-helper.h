/*
 * zos-takeover: build LANs and put CSMA devices on them.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_LAN_HELPER_H
#define ZOS_TAKEOVER_LAN_HELPER_H

#include "ns3/attribute.h"
#include "ns3/kind-table.h"
#include "ns3/lan.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/trace-helper.h"

#include <string>
#include <vector>

namespace ns3
{

namespace zos
{

/**
 * \ingroup zos-takeover
 * \brief Creates LANs of a kind chosen by TypeId (SetLanType, like
 * WifiHelper::SetRemoteStationManager) and attaches CSMA devices to them, as CsmaHelper
 * does for a channel.
 *
 * \code
 *   LanHelper lans;
 *   lans.SetLanType("ns3::zos::SharedLan", "DataRate", DataRateValue(DataRate("100Mbps")));
 *   Ptr<Lan> lan1 = lans.Create("LAN1");
 *   NetDeviceContainer devs = lans.Install(clients, lan1);
 *   lans.AssignStreams(devs, 10);
 *   lans.EnablePcap("lan1", devs.Get(0)); // every frame crossing LAN1, once
 *   lans.EnableLanPcap("lan1.pcap", lan1); // the same
 * \endcode
 *
 * Pcap (PcapHelperForDevice): a device's capture is its LAN's (Lan::EnableCapture): every
 * frame crossing the LAN once, not what the device itself sends and receives. The device
 * must be on a LAN this helper created.
 */
class LanHelper : public PcapHelperForDevice
{
  public:
    /** A helper for SwitchedLans ("switched", the scenario default). */
    LanHelper();
    ~LanHelper() override;

    /**
     * Choose the kind of the LANs created next, and set its attributes.
     * \tparam Args \deduced name-value pairs
     * \param type a LAN kind ("shared", "switched") or the TypeId name of a Lan subclass,
     * e.g. "ns3::zos::SharedLan" (KindTable::LookupLan; an unknown kind aborts with the known
     * names)
     * \param args attribute name-value pairs of that kind
     */
    template <typename... Args>
    void SetLanType(const std::string& type, Args&&... args);

    /**
     * Set an attribute of the LANs created next (DataRate, Delay, or one of the kind's).
     * \param name the attribute name
     * \param value the attribute value
     */
    void SetLanAttribute(const std::string& name, const AttributeValue& value);
    /**
     * Same as SetLanAttribute (kept for existing callers).
     * \param name the attribute name
     * \param value the attribute value
     */
    void SetAttribute(const std::string& name, const AttributeValue& value);
    /**
     * Set an attribute of the CsmaNetDevices Install creates.
     * \param name the attribute name
     * \param value the attribute value
     */
    void SetDeviceAttribute(const std::string& name, const AttributeValue& value);
    /**
     * Set an attribute of every CsmaChannel of the LANs created next (the LAN's DataRate
     * and Delay attributes are applied after it).
     * \param name the attribute name
     * \param value the attribute value
     */
    void SetChannelAttribute(const std::string& name, const AttributeValue& value);

    /**
     * Create a LAN.
     * \param name its name (for files and messages)
     * \return the LAN
     */
    Ptr<Lan> Create(const std::string& name) const;

    /**
     * Give each node a new CSMA device on `lan`.
     * \param nodes the nodes
     * \param lan the LAN
     * \return the devices, in node order
     */
    NetDeviceContainer Install(const NodeContainer& nodes, Ptr<Lan> lan) const;
    /**
     * Give a node a new CSMA device on `lan`.
     * \param node the node
     * \param lan the LAN
     * \return the device
     */
    NetDeviceContainer Install(Ptr<Node> node, Ptr<Lan> lan) const;
    /**
     * Create a new (unnamed) LAN and give each node a CSMA device on it.
     * \param nodes the nodes
     * \return the devices, in node order (GetLan finds their LAN)
     */
    NetDeviceContainer Install(const NodeContainer& nodes) const;

    /**
     * \param device a device
     * \return the LAN this helper created that `device` is attached to, or null
     */
    Ptr<Lan> GetLan(Ptr<NetDevice> device) const;

    /**
     * Fixed random-variable streams for the CSMA backoff of the given devices, in order.
     * \param devices the devices (e.g. Lan::GetAllDevices of each LAN)
     * \param stream first stream index to use
     * \return the number of streams used
     */
    int64_t AssignStreams(NetDeviceContainer devices, int64_t stream) const;
    /**
     * Fixed random-variable streams for the CSMA backoff of every device of the LANs
     * (Lan::AssignStreams, one LAN after the other).
     * \param lans the LANs, in a fixed order
     * \param stream first stream index to use
     * \return the number of streams used
     */
    int64_t AssignStreams(const std::vector<Ptr<Lan>>& lans, int64_t stream) const;

    /**
     * Write every frame crossing `lan` to a pcap file (Ethernet).
     * \param filename the file name
     * \param lan the LAN
     */
    void EnableLanPcap(const std::string& filename, Ptr<Lan> lan) const;

  private:
    void EnablePcapInternal(std::string prefix,
                            Ptr<NetDevice> nd,
                            bool promiscuous,
                            bool explicitFilename) override;

    ObjectFactory m_lanFactory;
    ObjectFactory m_deviceFactory;
    ObjectFactory m_channelFactory;
    mutable std::vector<Ptr<Lan>> m_lans; //!< the LANs created, for GetLan
};

template <typename... Args>
void
LanHelper::SetLanType(const std::string& type, Args&&... args)
{
    m_lanFactory.SetTypeId(KindTable::LookupLan(type));
    m_lanFactory.Set(std::forward<Args>(args)...);
}

} // namespace zos
} // namespace ns3

#endif
