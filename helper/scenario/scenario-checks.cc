/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "scenario-checks.h"

#include <algorithm>
#include <set>
#include <sstream>

namespace ns3
{
namespace zos
{

namespace
{

/** The network of an "a.b.c.d/len" address. */
Ipv4InterfaceAddress
Network(const std::string& prefixed)
{
    Ipv4InterfaceAddress a = ScenarioPrefix(prefixed);
    return Ipv4InterfaceAddress(a.GetLocal().CombineMask(a.GetMask()), a.GetMask());
}

/** Does the prefix `net` contain `address`? */
bool
Contains(const Ipv4InterfaceAddress& net, Ipv4Address address)
{
    return address.CombineMask(net.GetMask()) == net.GetLocal();
}

std::string
PrefixStr(const Ipv4InterfaceAddress& net)
{
    std::ostringstream os;
    os << net.GetLocal() << "/" << static_cast<int>(net.GetMask().GetPrefixLength());
    return os.str();
}

} // namespace

Ipv4InterfaceAddress
ScenarioPrefix(const std::string& text)
{
    auto slash = text.find('/');
    std::string ip = text.substr(0, slash);
    std::string len = slash == std::string::npos ? "32" : text.substr(slash + 1);
    return Ipv4InterfaceAddress(Ipv4Address(ip.c_str()), Ipv4Mask(("/" + len).c_str()));
}

std::vector<std::string>
CheckRoutingRule(const Scenario& scenario)
{
    // Seed 000: "If static routing is used, there needs to be a static route to the LAN subnet
    // over each interface onto the LAN. There also needs to be a default route and routes to
    // destinations not directly attached to the LAN over each interface." A route missing
    // over some link of a LAN is lost when another link of that LAN is taken over.
    std::vector<std::string> warnings;
    const std::string rule = " (seed 000 static routing rule)";
    for (const auto& stack : scenario.stacks)
    {
        const bool isStatic = stack.settings.Bool("staticRouting");
        // (link, normalised destination) of every route, formatted once.
        std::set<std::pair<std::string, std::string>> routed;
        for (const auto& r : stack.routes)
        {
            routed.emplace(r.link, PrefixStr(Network(r.destination)));
        }
        auto listed = [&routed](const std::string& link, const std::string& destination) {
            return routed.count({link, destination}) != 0;
        };
        for (const auto& link : stack.links)
        {
            const std::string subnet = PrefixStr(Network(link.address));
            if (isStatic && !listed(link.name, subnet))
            {
                warnings.push_back("stack '" + stack.name + "': no route to the LAN subnet " +
                                   subnet + " over " + link.name + " (staticRouting); " +
                                   "traffic to stations on " + link.lan +
                                   " cannot leave over it, and is lost once no link with such " +
                                   "a route is active" + rule);
            }
            if (isStatic && !listed(link.name, "0.0.0.0/0"))
            {
                warnings.push_back("stack '" + stack.name + "': no default route over " +
                                   link.name + " (staticRouting); traffic to destinations off " +
                                   link.lan + " without a route of their own cannot leave over " +
                                   "it" + rule);
            }
            // Every other destination routed over a sibling on the same LAN, once per
            // destination, named with the first sibling that has it.
            std::vector<std::string> seen;
            for (const auto& route : stack.routes)
            {
                const std::string destination = PrefixStr(Network(route.destination));
                if (route.link == link.name || listed(link.name, destination) ||
                    std::find(seen.begin(), seen.end(), destination) != seen.end())
                {
                    continue;
                }
                const LinkSpec* over = nullptr;
                for (const auto& l : stack.links)
                {
                    over = over == nullptr && l.name == route.link ? &l : over;
                }
                if (over == nullptr || over->lan != link.lan)
                {
                    continue;
                }
                if (destination == subnet || (isStatic && destination == "0.0.0.0/0"))
                {
                    // The subnet: without staticRouting ns-3 gives every active link its
                    // route to it, so nothing is lost; with it, said above in the rule's words.
                    continue;
                }
                seen.push_back(destination);
                warnings.push_back("stack '" + stack.name + "': route to " + route.destination +
                                   " is defined over " + over->name + " but not over " +
                                   link.name + " (same LAN " + link.lan +
                                   "); after a takeover of " + over->name +
                                   " outbound traffic to it is lost" + rule);
            }
        }
    }
    return warnings;
}

std::vector<std::string>
CheckStationRoutes(const Scenario& scenario)
{
    // A station sends to a target only if the target is on its subnet or behind one of its
    // routes; otherwise ns-3 drops every probe before it reaches the LAN.
    std::vector<std::string> warnings;
    // A group's stations share subnet, routes and targets: checked once, as the group.
    std::vector<std::pair<std::string, StationSpec>> stations;
    for (const auto& st : scenario.stations)
    {
        stations.emplace_back("station '" + st.name + "'", st);
    }
    for (const auto& g : scenario.stationGroups)
    {
        StationSpec first;
        first.address = g.firstAddress;
        first.routes = g.routes;
        first.probe = g.probe;
        stations.emplace_back("station group '" + g.name + "'", first);
    }
    for (const auto& [label, st] : stations)
    {
        if (!st.probe)
        {
            continue;
        }
        Ipv4InterfaceAddress own = Network(st.address);
        for (const auto& target : st.probe->targets)
        {
            Ipv4Address t(target.c_str());
            bool routed = Contains(own, t);
            for (const auto& r : st.routes)
            {
                routed = routed || Contains(Network(r.destination), t);
            }
            if (!routed)
            {
                warnings.push_back(label + " probes " + target +
                                   " but has no route to it (not in its subnet " + PrefixStr(own) +
                                   ", no route covers it): every probe to it is dropped by "
                                   "the station and its outage rows are not measured");
            }
        }
    }
    return warnings;
}

std::vector<std::string>
CheckSubnetsAcrossLans(const Scenario& scenario)
{
    std::vector<std::string> warnings;
    for (const auto& stack : scenario.stacks)
    {
        for (size_t i = 0; i < stack.links.size(); ++i)
        {
            for (size_t k = i + 1; k < stack.links.size(); ++k)
            {
                const LinkSpec& a = stack.links[i];
                const LinkSpec& b = stack.links[k];
                if (a.lan == b.lan)
                {
                    continue;
                }
                Ipv4InterfaceAddress na = Network(a.address);
                Ipv4InterfaceAddress nb = Network(b.address);
                Ipv4InterfaceAddress wider =
                    na.GetMask().GetPrefixLength() <= nb.GetMask().GetPrefixLength() ? na : nb;
                if (!Contains(wider, na.GetLocal()) || !Contains(wider, nb.GetLocal()))
                {
                    continue;
                }
                warnings.push_back(
                    "stack '" + stack.name + "': links " + a.name + " (" + a.lan + ") and " +
                    b.name + " (" + b.lan + ") are in the same subnet " + PrefixStr(wider) +
                    " on different LANs: they never hear each other, so they form separate "
                    "LanGroups and never take over each other's addresses; and the stack sends "
                    "traffic for that subnet over one of them only (ns-3's static routing uses "
                    "the route installed last, i.e. the link that became active last), so "
                    "stations of that subnet on the other LAN get no replies");
            }
        }
    }
    return warnings;
}

std::vector<std::string>
CheckPortRouters(const Scenario& scenario)
{
    std::vector<std::string> warnings;
    for (const auto& port : scenario.ports)
    {
        for (const auto& entry : port.oat)
        {
            if (entry.mode.empty())
            {
                continue;
            }
            for (const auto& stack : scenario.stacks)
            {
                if (stack.name == entry.stack && !stack.ipForwarding)
                {
                    // Seed 003: "the TCP/IP stack acting as PRIMARY must enable IP
                    // FORWARDING (IPCONFIG DATAGRAMFWD in the TCP/IP Profile)".
                    warnings.push_back("port '" + port.name + "': stack '" + stack.name + "' is " +
                                       entry.mode +
                                       " but has no IP forwarding (ipForwarding false): the "
                                       "datagrams for other addresses that the port gives it "
                                       "are not routed on");
                }
            }
        }
    }
    return warnings;
}

std::vector<std::string>
CheckPortTakeover(const Scenario& scenario)
{
    std::vector<std::string> warnings;
    for (const auto& stack : scenario.stacks)
    {
        for (const auto& backup : stack.links)
        {
            const PortSpec* port = nullptr;
            for (const auto& p : scenario.ports)
            {
                port = p.name == backup.port ? &p : port;
            }
            if (port == nullptr)
            {
                continue;
            }
            // What the backup may have to answer for: the HOME addresses of the stack's
            // other links on the LAN, and its VIPAs. The port passes an address to this
            // stack only if its OAT lists it for the stack (or the stack is PRIMARY or
            // SECONDARY, which may pass it).
            std::vector<std::pair<std::string, std::string>> needed; // address, what
            for (const auto& other : stack.links)
            {
                if (other.name != backup.name && other.lan == backup.lan)
                {
                    std::ostringstream home;
                    home << ScenarioPrefix(other.address).GetLocal();
                    needed.emplace_back(home.str(), "the HOME address of " + other.name);
                }
            }
            for (const auto& vipa : stack.vipas)
            {
                needed.emplace_back(vipa, "a VIPA");
            }
            for (const auto& [address, what] : needed)
            {
                bool passed = false;
                for (const auto& e : port->oat)
                {
                    passed = passed ||
                             (e.stack == stack.name && (e.address == address || !e.mode.empty()));
                }
                if (!passed)
                {
                    warnings.push_back("port '" + port->name + "': its OAT has no entry for " +
                                       address + " (" + what + ") for stack '" + stack.name +
                                       "': takeover of " + address + " by link " + backup.name +
                                       " is not possible, the port discards its traffic "
                                       "and ARP (seed 003)");
                }
            }
        }
    }
    return warnings;
}

std::vector<std::string>
CheckScenario(const Scenario& scenario)
{
    std::vector<std::string> warnings = CheckRoutingRule(scenario);
    for (auto& w : CheckStationRoutes(scenario))
    {
        warnings.push_back(std::move(w));
    }
    for (auto& w : CheckSubnetsAcrossLans(scenario))
    {
        warnings.push_back(std::move(w));
    }
    for (auto& w : CheckPortTakeover(scenario))
    {
        warnings.push_back(std::move(w));
    }
    for (auto& w : CheckPortRouters(scenario))
    {
        warnings.push_back(std::move(w));
    }
    return warnings;
}

} // namespace zos
} // namespace ns3
