/*
 * zos-takeover: build stations (hosts on a LAN talking to the z/OS stacks).
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_STATION_HELPER_H
#define ZOS_TAKEOVER_STATION_HELPER_H

#include "ns3/attribute.h"
#include "ns3/ipv4-address.h"
#include "ns3/ipv4-interface-address.h"
#include "ns3/lan-helper.h"
#include "ns3/lan.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/station-arp-helper.h"

#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{

namespace zos
{

/**
 * \ingroup zos-takeover
 * \brief Makes nodes stations: ns-3's internet stack, one CSMA device on a LAN with one
 * IPv4 address, static routes, ARP cache settings, an optional receive error model on the
 * device, and a station ARP model (StationArpHelper).
 *
 * \code
 *   StationArpHelper arp;
 *   arp.SetModel("rfc826");
 *   StationHelper stations;
 *   stations.SetArpHelper(arp);
 *   stations.AddRoute("10.1.1.1", "255.255.255.255");
 *   NetDeviceContainer devs =
 *       stations.Install(nodes, lan, {Ipv4InterfaceAddress("192.168.1.101", "255.255.255.0")});
 * \endcode
 *
 * Install does, in this order: the internet stack on every node, a device per node on the
 * LAN, then per node the error model, the interface (address, up), the ARP cache
 * attributes and the routes, then per node the station ARP model. (Object creation order
 * decides node ids and MAC addresses.)
 */
class StationHelper
{
  public:
    StationHelper();

    /**
     * \param lans the helper that creates the stations' devices (its device attributes)
     */
    void SetLanHelper(const LanHelper& lans);
    /**
     * Install a station ARP model with this helper (by default none: ns-3's own ARP).
     * \param arp a configured StationArpHelper
     */
    void SetArpHelper(const StationArpHelper& arp);
    /**
     * Set an attribute of ns-3's ArpCache of each station interface (AliveTimeout, ...).
     * \param name the attribute name
     * \param value the attribute value
     */
    void SetArpCacheAttribute(const std::string& name, const AttributeValue& value);
    /**
     * Give each station device a receive error model of this type.
     * \tparam Args \deduced name-value pairs
     * \param type the TypeId name of an ErrorModel
     * \param args its attributes, as name-value pairs
     */
    template <typename... Args>
    void SetReceiveErrorModel(const std::string& type, Args&&... args);
    /**
     * Add a static route to every station installed next.
     * \param destination the destination network
     * \param mask its mask
     * \param gateway the next hop; zero: on-link (the destination itself is sent to)
     */
    void AddRoute(Ipv4Address destination,
                  Ipv4Mask mask,
                  Ipv4Address gateway = Ipv4Address::GetZero());

    /**
     * Make nodes stations on `lan`.
     * \param nodes the nodes (without an internet stack)
     * \param lan the LAN
     * \param addresses one address per node
     * \return the station devices, in node order
     */
    NetDeviceContainer Install(const NodeContainer& nodes,
                               Ptr<Lan> lan,
                               const std::vector<Ipv4InterfaceAddress>& addresses) const;
    /**
     * Make a node a station on `lan`.
     * \param node the node (without an internet stack)
     * \param lan the LAN
     * \param address its address
     * \return the station device
     */
    NetDeviceContainer Install(Ptr<Node> node,
                               Ptr<Lan> lan,
                               const Ipv4InterfaceAddress& address) const;

    /**
     * \param device a station device
     * \return its receive error model (null if none)
     */
    static Ptr<ErrorModel> GetReceiveErrorModel(Ptr<NetDevice> device);

  private:
    /** A static route. */
    struct Route
    {
        Ipv4Address destination; //!< destination network
        Ipv4Mask mask;           //!< its mask
        Ipv4Address gateway;     //!< next hop (zero: on-link)
    };

    /**
     * Interface, address, error model, cache attributes and routes of one station.
     * \param node the node
     * \param device its device
     * \param address its address
     */
    void ConfigureStation(Ptr<Node> node,
                          Ptr<NetDevice> device,
                          const Ipv4InterfaceAddress& address) const;

    LanHelper m_lans;
    std::optional<StationArpHelper> m_arp;
    std::vector<std::pair<std::string, Ptr<AttributeValue>>> m_cacheAttributes;
    ObjectFactory m_errorModel;
    std::vector<Route> m_routes;
};

template <typename... Args>
void
StationHelper::SetReceiveErrorModel(const std::string& type, Args&&... args)
{
    m_errorModel.SetTypeId(type);
    m_errorModel.Set(std::forward<Args>(args)...);
}

} // namespace zos
} // namespace ns3

#endif
