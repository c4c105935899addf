/*
 * zos-takeover (internal to the scenario runner): which events touch which targets.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_EVENT_REACH_H
#define ZOS_TAKEOVER_EVENT_REACH_H

#include "ns3/ipv4-address.h"
#include "ns3/scenario.h"

#include <string>
#include <vector>

namespace ns3
{
namespace zos
{

/** What an event may change, for the outage windows (doc: "Which events touch which targets"). */
struct EventReach
{
    std::vector<Ipv4Address> addresses; //!< the addresses it may make (un)reachable
    std::string lan;                    //!< only for clients on this LAN ("" for every LAN)
    bool ignored = false;               //!< it changes nothing (ZosStack EventIgnored)
    /** Scheduled link activations (activateAt) just before it that change nothing: a link
     * started by an earlier linkStart event, or on a failed stack (they report EventIgnored
     * too). */
    std::vector<std::string> ignoredActivations;
};

/**
 * For each event (in `events` order, sorted by time): the addresses it touches and for
 * which clients, and whether it changes nothing.
 *  - an event on a link (port failure or repair, link stop or start) of LAN X changes which
 *    link of the stack answers on LAN X: it touches the HOME addresses of the stack's links
 *    on LAN X and the stack's VIPAs, for clients on LAN X (a station reaches the stack only
 *    through its own LAN), or for every client when a router has an interface on LAN X
 *    (clients behind it reach the stack through that LAN);
 *  - a stack failure touches every address of the stack, for every client;
 *  - a vipaAdd touches the VIPA it adds, for every client;
 *  - an event that changes nothing touches nothing. Which events change nothing is replayed
 *    here from the scenario with ZosStack's rules (a start of a started link or on a failed
 *    stack, a repair of a healthy port, ...); the run checks the replay against the
 *    EventIgnored trace.
 * \param sc the scenario
 * \param events its events, sorted by time
 * \return one EventReach per event, in `events` order
 */
std::vector<EventReach> EventReaches(const Scenario& sc, const std::vector<EventSpec>& events);

} // namespace zos
} // namespace ns3

#endif
