/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "mpcipa-net-device.h"

#include "ns3/log.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("MpcipaNetDevice");
NS_OBJECT_ENSURE_REGISTERED(MpcipaNetDevice);

TypeId
MpcipaNetDevice::GetTypeId()
{
    static TypeId tid = TypeId("ns3::MpcipaNetDevice")
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

} // namespace ns3
