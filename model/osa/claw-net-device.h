/*
 * zos-takeover: a channel-attached point-to-point link (ESCON/CLAW), seed 003 item 5.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_CLAW_NET_DEVICE_H
#define ZOS_TAKEOVER_CLAW_NET_DEVICE_H

#include "ns3/osa-net-device.h"

#include <string>

namespace ns3
{

namespace zos
{

/**
 * \ingroup zos-takeover
 * \brief The stack's end of an ESCON channel to a channel-attached router (CLAW device).
 *
 * A stand-in, not a channel model: the channel is a LAN with two attachments (this device
 * and the router's interface), so the link fails and is repaired like an OSA port
 * (SetPortFailed) and shows in Netstat DEVLINKS as a LanGroup of its own. It resolves its
 * peer with ARP like the OSA kinds (a real CLAW link needs none; on a two-attachment LAN
 * this changes no outage figure, the ARP entries being learned at start-up).
 */
class ClawNetDevice : public OsaNetDevice
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
