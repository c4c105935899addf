/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "probe-header.h"

#include "ns3/log.h"

namespace ns3
{

namespace zos
{

NS_LOG_COMPONENT_DEFINE("ProbeHeader");
NS_OBJECT_ENSURE_REGISTERED(ProbeHeader);

TypeId
ProbeHeader::GetTypeId()
{
    static TypeId tid = TypeId("ns3::zos::ProbeHeader")
                            .SetParent<Header>()
                            .SetGroupName("ZosTakeover")
                            .AddConstructor<ProbeHeader>();
    return tid;
}

TypeId
ProbeHeader::GetInstanceTypeId() const
{
    return GetTypeId();
}

void
ProbeHeader::Print(std::ostream& os) const
{
    os << "target=" << target << " seq=" << sequence << " sent=" << sentNs << "ns";
}

uint32_t
ProbeHeader::GetSerializedSize() const
{
    return 16;
}

void
ProbeHeader::Serialize(Buffer::Iterator start) const
{
    start.WriteHtonU32(target);
    start.WriteHtonU32(sequence);
    start.WriteHtonU64(static_cast<uint64_t>(sentNs));
}

uint32_t
ProbeHeader::Deserialize(Buffer::Iterator start)
{
    target = start.ReadNtohU32();
    sequence = start.ReadNtohU32();
    sentNs = static_cast<int64_t>(start.ReadNtohU64());
    return 16;
}

} // namespace zos
} // namespace ns3
