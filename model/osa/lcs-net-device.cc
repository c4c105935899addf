/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "lcs-net-device.h"

#include "ns3/log.h"

namespace ns3
{

namespace zos
{

NS_LOG_COMPONENT_DEFINE("LcsNetDevice");
NS_OBJECT_ENSURE_REGISTERED(LcsNetDevice);

TypeId
LcsNetDevice::GetTypeId()
{
    static TypeId tid = TypeId("ns3::zos::LcsNetDevice")
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

} // namespace zos
} // namespace ns3
