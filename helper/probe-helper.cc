/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "probe-helper.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/probe-client.h"
#include "ns3/probe-server.h"

namespace ns3
{

namespace zos
{

NS_LOG_COMPONENT_DEFINE("ProbeHelper");

ProbeClientHelper::ProbeClientHelper(const std::vector<Ipv4Address>& targets)
    : m_targets(targets)
{
    NS_LOG_FUNCTION(this);
    m_factory.SetTypeId(ProbeClient::GetTypeId());
}

void
ProbeClientHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    NS_LOG_FUNCTION(this);
    m_factory.Set(name, value);
}

void
ProbeClientHelper::SetTypeId(TypeId tid)
{
    NS_LOG_FUNCTION(this << tid);
    NS_ABORT_MSG_UNLESS(tid.IsChildOf(ProbeClient::GetTypeId()) || tid == ProbeClient::GetTypeId(),
                        tid.GetName() << " is not a ProbeClient");
    m_factory.SetTypeId(tid);
}

ApplicationContainer
ProbeClientHelper::Install(const NodeContainer& nodes) const
{
    NS_LOG_FUNCTION(this);
    ApplicationContainer apps;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Ptr<ProbeClient> client = m_factory.Create<ProbeClient>();
        for (const auto& t : m_targets)
        {
            client->AddTarget(t);
        }
        (*it)->AddApplication(client);
        apps.Add(client);
    }
    return apps;
}

ProbeServerHelper::ProbeServerHelper()
{
    NS_LOG_FUNCTION(this);
    m_factory.SetTypeId(ProbeServer::GetTypeId());
}

void
ProbeServerHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    NS_LOG_FUNCTION(this);
    m_factory.Set(name, value);
}

void
ProbeServerHelper::SetTypeId(TypeId tid)
{
    NS_LOG_FUNCTION(this << tid);
    m_factory.SetTypeId(tid);
}

ApplicationContainer
ProbeServerHelper::Install(const NodeContainer& nodes) const
{
    NS_LOG_FUNCTION(this);
    ApplicationContainer apps;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Ptr<Application> server = m_factory.Create<Application>();
        (*it)->AddApplication(server);
        apps.Add(server);
    }
    return apps;
}

} // namespace zos
} // namespace ns3
