/*
 * zos-takeover: build LANs and put stations on them.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_LAN_HELPER_H
#define ZOS_TAKEOVER_LAN_HELPER_H

#include "ns3/attribute.h"
#include "ns3/lan.h"
#include "ns3/net-device-container.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"

#include <string>
#include <vector>

namespace ns3
{

/**
 * \ingroup zos-takeover
 * \brief Creates `Lan` objects and attaches plain CSMA stations to them.
 *
 * \code
 *   LanHelper lans;
 *   lans.SetAttribute("Kind", EnumValue(Lan::SHARED));
 *   Ptr<Lan> lan1 = lans.Create("LAN1");
 *   NetDeviceContainer devs = lans.Install(clients, lan1);
 * \endcode
 */
class LanHelper
{
  public:
    LanHelper();
    /** Set an attribute of the Lans created next (Kind, DataRate, Delay). */
    void SetAttribute(const std::string& name, const AttributeValue& value);
    /** Create a LAN. */
    Ptr<Lan> Create(const std::string& name) const;
    /** Give each node a new CSMA device on `lan`. \return the devices. */
    NetDeviceContainer Install(const NodeContainer& nodes, Ptr<Lan> lan) const;
    /**
     * Fixed random-variable streams for the CSMA backoff of every device on the LANs.
     * \param lans the LANs, in a fixed order
     * \param stream first stream index to use
     * \return the number of streams used
     */
    int64_t AssignStreams(const std::vector<Ptr<Lan>>& lans, int64_t stream) const;

  private:
    ObjectFactory m_factory;
};

} // namespace ns3

#endif
