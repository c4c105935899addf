/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "outage.h"

#include <algorithm>

namespace ns3
{

OutageFigures
ComputeOutage(const std::vector<ProbeRecord>& records, Time event, Time windowEnd)
{
    OutageFigures f;
    std::vector<Time> arrivals;
    Time lastBefore = event;
    bool haveBefore = false;
    for (const ProbeRecord& r : records)
    {
        bool answered = !r.received.IsNegative();
        if (r.sent >= event && r.sent < windowEnd)
        {
            ++f.sent;
            f.lost += answered ? 0 : 1;
        }
        // The outage ends with the first reply to a request sent at or after the event, even
        // when a later event (a repair, say) came first.
        if (r.sent >= event && answered && (!f.recovered || r.received < f.firstSuccess))
        {
            f.recovered = true;
            f.firstSuccess = r.received;
        }
        if (answered)
        {
            if (r.received <= event)
            {
                if (!haveBefore || r.received > lastBefore)
                {
                    lastBefore = r.received;
                    haveBefore = true;
                }
            }
            else if (r.received <= windowEnd)
            {
                arrivals.push_back(r.received);
            }
        }
    }
    f.outage = f.recovered ? f.firstSuccess - event : windowEnd - event;
    std::sort(arrivals.begin(), arrivals.end());
    Time previous = haveBefore ? lastBefore : event;
    Time longest(0);
    for (const Time& t : arrivals)
    {
        longest = std::max(longest, t - previous);
        previous = t;
    }
    longest = std::max(longest, windowEnd - previous);
    f.longestGap = longest;
    return f;
}

} // namespace ns3
