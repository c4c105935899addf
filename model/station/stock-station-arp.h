/*
 * zos-takeover: the stock ns-3 station ARP model.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_STOCK_STATION_ARP_H
#define ZOS_TAKEOVER_STOCK_STATION_ARP_H

#include "ns3/station-arp.h"

#include <string>

namespace ns3
{

namespace zos
{

/**
 * \ingroup zos-takeover
 * \brief Stock ns-3 ARP: unsolicited ARP is ignored (ns-3 bug 107 defence), so a
 * gratuitous ARP changes nothing. The baseline.
 */
class StockStationArp : public StationArp
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
