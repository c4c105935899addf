/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "mpcipa-net-device.h"

#include "ns3/log.h"

namespace ns3
{

namespace zos
{

NS_LOG_COMPONENT_DEFINE("MpcipaNetDevice");
NS_OBJECT_ENSURE_REGISTERED(MpcipaNetDevice);

TypeId
MpcipaNetDevice::GetTypeId()
{
    static TypeId tid = TypeId("ns3::zos::MpcipaNetDevice")
                            .SetParent<OsaNetDevice>()
                            .SetGroupName("ZosTakeover")
                            .AddConstructor<MpcipaNetDevice>();
    return tid;
}

std::string
MpcipaNetDevice::GetKindName() const
{
    return "MPCIPA";
}

} // namespace zos
} // namespace ns3
