/*
 * zos-takeover: install probe clients and responders.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_PROBE_HELPER_H
#define ZOS_TAKEOVER_PROBE_HELPER_H

#include "ns3/application-container.h"
#include "ns3/attribute.h"
#include "ns3/ipv4-address.h"
#include "ns3/node-container.h"
#include "ns3/object-factory.h"

#include <vector>

namespace ns3
{

namespace zos
{

/**
 * \ingroup zos-takeover
 * \brief Installs ProbeClient applications that probe a list of targets.
 */
class ProbeClientHelper
{
  public:
    /**
     * \param targets the addresses each client probes
     */
    explicit ProbeClientHelper(const std::vector<Ipv4Address>& targets);
    /**
     * Set a ProbeClient attribute (Interval, RemotePort).
     * \param name the attribute name
     * \param value the attribute value
     */
    void SetAttribute(const std::string& name, const AttributeValue& value);
    /**
     * Install another ProbeClient type (TcpProbeClient); before SetAttribute.
     * \param tid a ProbeClient subclass
     */
    void SetTypeId(TypeId tid);
    /**
     * Install one client per node.
     * \param nodes the nodes
     * \return the applications, in node order
     */
    ApplicationContainer Install(const NodeContainer& nodes) const;

  private:
    ObjectFactory m_factory;
    std::vector<Ipv4Address> m_targets;
};

/**
 * \ingroup zos-takeover
 * \brief Installs the ProbeServer responder (on z/OS stacks).
 */
class ProbeServerHelper
{
  public:
    ProbeServerHelper();
    /**
     * Set a ProbeServer attribute (Port).
     * \param name the attribute name
     * \param value the attribute value
     */
    void SetAttribute(const std::string& name, const AttributeValue& value);
    /**
     * Install another responder (TcpProbeServer); before SetAttribute.
     * \param tid an Application type
     */
    void SetTypeId(TypeId tid);
    /**
     * Install one responder per node.
     * \param nodes the nodes
     * \return the applications, in node order
     */
    ApplicationContainer Install(const NodeContainer& nodes) const;

  private:
    ObjectFactory m_factory;
};

} // namespace zos
} // namespace ns3

#endif
