/*
 * zos-takeover: warnings about a scenario known before it runs.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_SCENARIO_CHECKS_H
#define ZOS_TAKEOVER_SCENARIO_CHECKS_H

#include "ns3/ipv4-interface-address.h"
#include "ns3/scenario.h"

#include <string>
#include <vector>

namespace ns3
{
namespace zos
{

/**
 * \param text an address "a.b.c.d/len" of a scenario ("a.b.c.d" means /32)
 * \return the interface address
 */
Ipv4InterfaceAddress ScenarioPrefix(const std::string& text);

/**
 * Static-routing rule of seed 000: warnings for routes over one link of a LAN only.
 * \param scenario the scenario
 * \return one warning per route missing over another link of the same LAN
 */
std::vector<std::string> CheckRoutingRule(const Scenario& scenario);

/**
 * \param scenario the scenario
 * \return warnings for stations that probe a target they have no route to
 */
std::vector<std::string> CheckStationRoutes(const Scenario& scenario);

/**
 * \param scenario the scenario
 * \return warnings for one stack with the same subnet on links of different LANs
 */
std::vector<std::string> CheckSubnetsAcrossLans(const Scenario& scenario);

/**
 * Takeover a shared port cannot carry (seed 003, OAT entries 3 and 4): for a link on a shared
 * port, each HOME address of its stack's other links on the LAN and each VIPA of the stack
 * that the port's OAT does not pass to the stack.
 * \param scenario the scenario
 * \return one warning per (link, address)
 */
std::vector<std::string> CheckPortTakeover(const Scenario& scenario);

/**
 * A PRIMARY or SECONDARY OAT entry of a stack without IP forwarding (seed 003).
 * \param scenario the scenario
 * \return one warning per such entry
 */
std::vector<std::string> CheckPortRouters(const Scenario& scenario);

/**
 * \param scenario the scenario
 * \return every warning known before the run: the three checks above, in that order
 */
std::vector<std::string> CheckScenario(const Scenario& scenario);

} // namespace zos
} // namespace ns3

#endif
