/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "station-arp-helper.h"

#include "ns3/linux-station-arp.h"
#include "ns3/node.h"
#include "ns3/rfc826-station-arp.h"
#include "ns3/stock-station-arp.h"

namespace ns3
{

StationArpHelper::StationArpHelper()
{
    m_factory.SetTypeId("ns3::Rfc826StationArp");
}

std::string
StationArpHelper::TypeNameOf(const std::string& model)
{
    if (model == "stock")
    {
        return "ns3::StockStationArp";
    }
    if (model == "rfc826")
    {
        return "ns3::Rfc826StationArp";
    }
    if (model == "linux")
    {
        return "ns3::LinuxStationArp";
    }
    return model;
}

void
StationArpHelper::SetModel(const std::string& model)
{
    m_factory.SetTypeId(TypeNameOf(model));
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

} // namespace ns3
