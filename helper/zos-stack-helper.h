/*
 * zos-takeover: install z/OS stacks and their OSA links.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_ZOS_STACK_HELPER_H
#define ZOS_TAKEOVER_ZOS_STACK_HELPER_H

#include "ns3/attribute.h"
#include "ns3/ipv4-interface-address.h"
#include "ns3/kind-table.h"
#include "ns3/lan.h"
#include "ns3/lcs-net-device.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/osa-net-device.h"
#include "ns3/osa-port.h"
#include "ns3/trace-helper.h"
#include "ns3/zos-stack.h"

#include <string>
#include <vector>

namespace ns3
{

namespace zos
{

/**
 * \ingroup zos-takeover
 * \brief Turns nodes into z/OS stacks and adds OSA links on LANs.
 *
 * \code
 *   ZosStackHelper zos;
 *   zos.SetStackAttribute("DetectionDelay", TimeValue(MilliSeconds(50)));
 *   Ptr<ZosStack> stack = zos.Install(node, "TCPIPA");
 *   zos.AddLink(stack, "OSA1", "MPCIPA", lan1, Ipv4InterfaceAddress("192.168.1.1",
 * "255.255.255.0")); stack->AddVipa("10.1.1.1"); Simulator::Schedule(Seconds(0),
 * &ZosStack::StartLink, stack, "OSA1"); zos.EnablePcap("osa", stack->GetLinkDevice(0));   //
 * per-port pcap \endcode
 */
class ZosStackHelper : public PcapHelperForDevice
{
  public:
    ZosStackHelper();

    /** Set an attribute of the ZosStacks installed next (see ZosStack::GetTypeId). */
    void SetStackAttribute(const std::string& name, const AttributeValue& value);
    /**
     * Set an attribute of the OSA devices created next (CsmaNetDevice attributes).
     * \param name the attribute name
     * \param value its value
     */
    void SetDeviceAttribute(const std::string& name, const AttributeValue& value);

    /**
     * Choose the kind of the OSA devices created next by AddLink without a kind, as
     * WifiHelper::SetRemoteStationManager does for station managers.
     * \tparam Args \deduced name-value pairs of attributes
     * \param type a TypeId name (a subclass of ns3::zos::OsaNetDevice, e.g.
     * "ns3::zos::LcsNetDevice") or a scenario kind name ("MPCIPA", "LCS"; see KindTable)
     * \param args attributes of the devices, as name-value pairs
     */
    template <typename... Args>
    void SetDeviceType(const std::string& type, Args&&... args);

    /** Make `node` a z/OS stack named `name` (installs an InternetStack if it has none). */
    Ptr<ZosStack> Install(Ptr<Node> node, const std::string& name) const;
    /** Make every node a stack, named "<prefix><index>". */
    std::vector<Ptr<ZosStack>> Install(const NodeContainer& nodes,
                                       const std::string& prefix = "TCPIP") const;

    /**
     * Create an OSA port of the device type (SetDeviceType; default MPCIPA) on `lan` and add
     * it to the stack as link `name` with HOME address `home`. The link is not started.
     * \param stack the stack
     * \param name the link name
     * \param lan the LAN the port is attached to
     * \param home the link's HOME address
     * \return the port
     */
    Ptr<OsaNetDevice> AddLink(Ptr<ZosStack> stack,
                              const std::string& name,
                              Ptr<Lan> lan,
                              Ipv4InterfaceAddress home) const;

    /**
     * The same with the device kind named here: a scenario kind name ("MPCIPA", "LCS",
     * resolved through KindTable) or a TypeId name. The attributes given to SetDeviceType
     * and SetDeviceAttribute apply.
     * \param stack the stack
     * \param name the link name
     * \param kind the device kind
     * \param lan the LAN the port is attached to
     * \param home the link's HOME address
     * \return the port
     */
    Ptr<OsaNetDevice> AddLink(Ptr<ZosStack> stack,
                              const std::string& name,
                              const std::string& kind,
                              Ptr<Lan> lan,
                              Ipv4InterfaceAddress home) const;

    /**
     * Add a link to the stack through a shared OSA-2 port (an LCS port in port sharing
     * mode): an LcsNetDevice carrying the port's MAC, attached to `lan` at the port's place
     * (the first partition's device gives the port its MAC and place), registered on the port
     * as partition stack->GetName(). The attributes given to SetDeviceAttribute apply.
     * \param stack the stack (a partition of the port)
     * \param name the link name
     * \param port the shared port
     * \param lan the LAN the port is on
     * \param home the link's HOME address
     * \return the partition's device
     */
    Ptr<LcsNetDevice> AddSharedLink(Ptr<ZosStack> stack,
                                    const std::string& name,
                                    Ptr<OsaPort> port,
                                    Ptr<Lan> lan,
                                    Ipv4InterfaceAddress home) const;
    /**
     * Assign fixed random streams to the stacks' models. \return the number used.
     */
    int64_t AssignStreams(const std::vector<Ptr<ZosStack>>& stacks, int64_t stream) const;

  private:
    void EnablePcapInternal(std::string prefix,
                            Ptr<NetDevice> nd,
                            bool promiscuous,
                            bool explicitFilename) override;

    ObjectFactory m_stackFactory;  //!< ZosStack and its attributes
    ObjectFactory m_deviceFactory; //!< OSA device type and attributes
};

template <typename... Args>
void
ZosStackHelper::SetDeviceType(const std::string& type, Args&&... args)
{
    m_deviceFactory.SetTypeId(KindTable::LookupDevice(type));
    m_deviceFactory.Set(args...);
}

} // namespace zos
} // namespace ns3

#endif
