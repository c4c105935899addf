/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "lcs-net-device.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("LcsNetDevice");
NS_OBJECT_ENSURE_REGISTERED(LcsNetDevice);

TypeId
LcsNetDevice::GetTypeId()
{
    static TypeId tid = TypeId("ns3::LcsNetDevice")
                            .SetParent<OsaNetDevice>()
                            .SetGroupName("ZosTakeover")
                            .AddConstructor<LcsNetDevice>();
    return tid;
}

std::string
LcsNetDevice::GetKindName() const
{
    return "LCS";
}

} // namespace ns3
