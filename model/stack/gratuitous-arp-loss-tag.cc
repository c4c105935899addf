/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "gratuitous-arp-loss-tag.h"

#include "ns3/log.h"

namespace ns3
{

namespace zos
{

NS_LOG_COMPONENT_DEFINE("GratuitousArpLossTag");

NS_OBJECT_ENSURE_REGISTERED(GratuitousArpLossTag);

TypeId
GratuitousArpLossTag::GetTypeId()
{
    static TypeId tid = TypeId("ns3::zos::GratuitousArpLossTag")
                            .SetParent<Tag>()
                            .SetGroupName("ZosTakeover")
                            .AddConstructor<GratuitousArpLossTag>();
    return tid;
}

TypeId
GratuitousArpLossTag::GetInstanceTypeId() const
{
    return GetTypeId();
}

GratuitousArpLossTag::GratuitousArpLossTag()
    : m_probability(0.0)
{
}

GratuitousArpLossTag::GratuitousArpLossTag(double probability)
    : m_probability(probability)
{
}

double
GratuitousArpLossTag::GetProbability() const
{
    return m_probability;
}

uint32_t
GratuitousArpLossTag::GetSerializedSize() const
{
    return sizeof(double);
}

void
GratuitousArpLossTag::Serialize(TagBuffer i) const
{
    i.WriteDouble(m_probability);
}

void
GratuitousArpLossTag::Deserialize(TagBuffer i)
{
    m_probability = i.ReadDouble();
}

void
GratuitousArpLossTag::Print(std::ostream& os) const
{
    os << "GratuitousArpLoss=" << m_probability;
}

} // namespace zos
} // namespace ns3
