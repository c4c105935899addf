/*
 * zos-takeover: the OSA-Express QDIO (MPCIPA) port.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_MPCIPA_NET_DEVICE_H
#define ZOS_TAKEOVER_MPCIPA_NET_DEVICE_H

#include "ns3/osa-net-device.h"

#include <string>

namespace ns3
{

namespace zos
{

/**
 * \ingroup zos-takeover
 * \brief OSA-Express in QDIO mode (MPCIPA device, IPv4).
 */
class MpcipaNetDevice : public OsaNetDevice
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
