/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "lan-helper.h"

namespace ns3
{

LanHelper::LanHelper()
{
    m_factory.SetTypeId(Lan::GetTypeId());
}

void
LanHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    m_factory.Set(name, value);
}

Ptr<Lan>
LanHelper::Create(const std::string& name) const
{
    Ptr<Lan> lan = m_factory.Create<Lan>();
    lan->SetName(name);
    return lan;
}

NetDeviceContainer
LanHelper::Install(const NodeContainer& nodes, Ptr<Lan> lan) const
{
    NetDeviceContainer devices;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Ptr<CsmaNetDevice> device = CreateObject<CsmaNetDevice>();
        lan->Attach(*it, device);
        devices.Add(device);
    }
    return devices;
}

int64_t
LanHelper::AssignStreams(const std::vector<Ptr<Lan>>& lans, int64_t stream) const
{
    int64_t used = 0;
    for (const auto& lan : lans)
    {
        used += lan->AssignStreams(stream + used);
    }
    return used;
}

} // namespace ns3
