/*
 * zos-takeover: give LAN stations an ARP behaviour.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_STATION_ARP_HELPER_H
#define ZOS_TAKEOVER_STATION_ARP_HELPER_H

#include "ns3/attribute.h"
#include "ns3/kind-table.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/station-arp.h"

#include <string>
#include <vector>

namespace ns3
{

namespace zos
{

/**
 * \ingroup zos-takeover
 * \brief Installs a StationArp model ("stock", "rfc826", "linux" or a TypeId name) on
 * stations that already have an InternetStack and their devices.
 */
class StationArpHelper
{
  public:
    StationArpHelper();
    /**
     * Choose the model, as WifiHelper::SetRemoteStationManager chooses a station manager.
     * \tparam Args \deduced name-value pairs of attributes
     * \param model a scenario model name ("stock", "rfc826", "linux"; see KindTable) or the
     * TypeId name of a subclass of ns3::zos::StationArp
     * \param args attributes of the model, as name-value pairs
     */
    template <typename... Args>
    void SetModel(const std::string& model, Args&&... args);
    /**
     * Set an attribute of the model (e.g. "Locktime" for linux).
     * \param name the attribute name
     * \param value its value
     */
    void SetAttribute(const std::string& name, const AttributeValue& value);
    /**
     * \param name an attribute name
     * \return true if the chosen model has that attribute (a setting of its own)
     */
    bool HasAttribute(const std::string& name) const;
    /**
     * Install on one node.
     * \param node a station with an InternetStack and its devices
     * \return the model aggregated to the node
     */
    Ptr<StationArp> Install(Ptr<Node> node) const;
    /**
     * Install on every node.
     * \param nodes the stations
     * \return the models, in node order
     */
    std::vector<Ptr<StationArp>> Install(const NodeContainer& nodes) const;

  private:
    ObjectFactory m_factory; //!< the model's type and attributes
};

template <typename... Args>
void
StationArpHelper::SetModel(const std::string& model, Args&&... args)
{
    m_factory.SetTypeId(KindTable::LookupStationModel(model));
    m_factory.Set(args...);
}

} // namespace zos
} // namespace ns3

#endif
