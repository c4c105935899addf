/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "claw-net-device.h"

#include "ns3/log.h"

namespace ns3
{

namespace zos
{

NS_LOG_COMPONENT_DEFINE("ClawNetDevice");
NS_OBJECT_ENSURE_REGISTERED(ClawNetDevice);

TypeId
ClawNetDevice::GetTypeId()
{
    static TypeId tid = TypeId("ns3::zos::ClawNetDevice")
                            .SetParent<OsaNetDevice>()
                            .SetGroupName("ZosTakeover")
                            .AddConstructor<ClawNetDevice>();
    return tid;
}

std::string
ClawNetDevice::GetKindName() const
{
    return "CLAW";
}

} // namespace zos
} // namespace ns3
