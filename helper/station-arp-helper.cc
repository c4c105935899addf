/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "station-arp-helper.h"

#include "ns3/node.h"

namespace ns3
{

namespace zos
{

StationArpHelper::StationArpHelper()
{
    m_factory.SetTypeId(KindTable::LookupStationModel("rfc826"));
}

bool
StationArpHelper::HasAttribute(const std::string& name) const
{
    TypeId::AttributeInformation info;
    return m_factory.GetTypeId().LookupAttributeByName(name, &info);
}

void
StationArpHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

Ptr<StationArp>
StationArpHelper::Install(Ptr<Node> node) const
{
    Ptr<StationArp> model = m_factory.Create<StationArp>();
    node->AggregateObject(model);
    model->Install(node);
    return model;
}

std::vector<Ptr<StationArp>>
StationArpHelper::Install(const NodeContainer& nodes) const
{
    std::vector<Ptr<StationArp>> models;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        models.push_back(Install(*it));
    }
    return models;
}

} // namespace zos
} // namespace ns3
