/*
 * zos-takeover: the RFC 826 station ARP model.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_RFC826_STATION_ARP_H
#define ZOS_TAKEOVER_RFC826_STATION_ARP_H

#include "ns3/station-arp.h"

#include <string>

namespace ns3
{

namespace zos
{

/**
 * \ingroup zos-takeover
 * \brief RFC 826 merge: any ARP packet whose sender IP is already cached updates the
 * entry's MAC (and refreshes it); a request for this station adds the sender.
 */
class Rfc826StationArp : public StationArp
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    std::string GetModelName() const override;

  protected:
    bool HandleArp(Interface& iface, const ArpFields& arp, bool toUs) override;
};
} // namespace zos
} // namespace ns3

#endif
