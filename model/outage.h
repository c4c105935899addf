/*
 * zos-takeover: client-visible outage from probe records (DOMAIN.md section 5).
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_OUTAGE_H
#define ZOS_TAKEOVER_OUTAGE_H

#include "probe-client.h"

#include "ns3/nstime.h"

#include <cstdint>
#include <vector>

namespace ns3
{

/** \ingroup zos-takeover The figures of one (event, client, target). */
struct OutageFigures
{
    bool recovered = false; //!< a request sent at/after the event got a reply
    Time outage;            //!< event -> first reply to a request sent at/after it
    Time firstSuccess;      //!< absolute time of that reply
    Time longestGap;        //!< longest time without a reply, around and after the event
    uint32_t sent = 0;      //!< requests sent in [event, windowEnd)
    uint32_t lost = 0;      //!< of those, requests never answered
};

/**
 * \ingroup zos-takeover
 * Compute the outage figures of one target's probes for an event at `event`
 * (windowEnd: the next event or the end of probing).
 *  - outage: from `event` to the first reply whose request was sent at or after `event`,
 *    wherever it falls (a failure repaired by the next event lasts until traffic flows);
 *    if there is none: not recovered, outage = windowEnd - event;
 *  - longest gap: the longest interval between consecutive replies (by arrival), starting
 *    from the last reply before the event (or the event itself) and ending at the last reply
 *    in the window or at windowEnd if replies stopped;
 *  - lost: requests sent in the window that never got a reply.
 */
OutageFigures ComputeOutage(const std::vector<ProbeRecord>& records, Time event, Time windowEnd);

} // namespace ns3

#endif
