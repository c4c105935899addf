/*
 * zos-takeover: the OSA LCS (TCP/IP passthru) port.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_LCS_NET_DEVICE_H
#define ZOS_TAKEOVER_LCS_NET_DEVICE_H

#include "ns3/osa-net-device.h"

#include <string>

namespace ns3
{

namespace zos
{

/**
 * \ingroup zos-takeover
 * \brief OSA-2 / OSA-Express in TCP/IP passthru (LCS device): the stack does ARP.
 */
class LcsNetDevice : public OsaNetDevice
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    std::string GetKindName() const override;
};
} // namespace zos
} // namespace ns3

#endif
