/*
 * zos-takeover: give LAN stations an ARP behaviour.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_STATION_ARP_HELPER_H
#define ZOS_TAKEOVER_STATION_ARP_HELPER_H

#include "ns3/attribute.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"
#include "ns3/station-arp.h"

#include <string>
#include <vector>

namespace ns3
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
    /** Choose the model: "stock", "rfc826", "linux", or an ns-3 TypeId name. */
    void SetModel(const std::string& model);
    /** Set an attribute of the model (e.g. "Locktime" for linux). */
    void SetAttribute(const std::string& name, const AttributeValue& value);
    /** Install on one node. */
    Ptr<StationArp> Install(Ptr<Node> node) const;
    /** Install on every node. */
    std::vector<Ptr<StationArp>> Install(const NodeContainer& nodes) const;

    /** \return the TypeId name for a model short name (or the name itself). */
    static std::string TypeNameOf(const std::string& model);

  private:
    ObjectFactory m_factory;
};

} // namespace ns3

#endif
