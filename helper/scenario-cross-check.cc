/*
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * No ns-3 header: the fuzzer (fuzz/) builds the loader alone.
 */
#include "scenario-cross-check.h"

#include "scenario-ipv4.h"

#include "scenario-json.h"

#include <cmath>
#include <cstdio>
#include <sstream>

namespace ns3
{
namespace zos
{
namespace
{

/// At most this many stations in all, groups included: each is cross-checked one by one,
/// which must stay well under a second (the fuzzer allows 2 s under AddressSanitizer).
constexpr uint64_t kMaxStations = 20000;
/// Longest name (the schema's definitions/name).
constexpr size_t kMaxNameLength = 64;

using Json = ScenarioJson;

// ------------------------------------------------------------------------------------------
// Addresses and data rates (what the schema's patterns leave to the code)
// ------------------------------------------------------------------------------------------

uint32_t
HostOf(const std::string& s)
{
    uint32_t address = 0;
    uint32_t length = 0;
    ParseIpv4Text(s, address, length);
    return address;
}

uint32_t
PrefixMask(uint32_t length)
{
    return length == 0 ? 0 : ~uint32_t{0} << (32 - length);
}

/// Bits per second of a data rate the schema's pattern accepted ("1.5Gbps").
double
DataRateBps(const std::string& s)
{
    size_t unit = s.find_first_not_of("0123456789.");
    std::istringstream iss(s.substr(0, unit));
    iss.imbue(std::locale::classic());
    double value = 0;
    iss >> value;
    const std::string u = s.substr(unit);
    double multiplier = u == "Gbps" ? 1e9 : u == "Mbps" ? 1e6 : u == "bps" ? 1 : 1e3;
    return value * multiplier;
}

std::string
Text(double d)
{
    return Json(d).dump();
}

// ------------------------------------------------------------------------------------------
// Cross-checks: what a schema cannot say
// ------------------------------------------------------------------------------------------

std::string
List(const std::set<std::string>& names)
{
    std::string out;
    size_t n = 0;
    for (const std::string& name : names)
    {
        if (n++ == 8)
        {
            return out + ", ...";
        }
        out += (out.empty() ? "" : ", ") + QuoteForMessage(name);
    }
    return out.empty() ? "none" : out;
}

} // namespace

void
CrossChecker::Unique(std::map<std::string, JsonPointer>& names,
                     const std::string& name,
                     const JsonPointer& at,
                     const std::string& kind) const
{
    auto inserted = names.emplace(name, at);
    if (!inserted.second)
    {
        m_fail(at,
               "duplicate " + kind + " name " + QuoteForMessage(name) + " (expected unique " +
                   kind + " names; also at " + FormatPointer(inserted.first->second) + ")");
    }
}

void
CrossChecker::Resolves(const std::set<std::string>& names,
                       const std::string& name,
                       const JsonPointer& at,
                       const std::string& kind,
                       const std::string& where) const
{
    if (names.count(name) == 0)
    {
        m_fail(at,
               "unknown " + kind + " " + QuoteForMessage(name) + where + " (expected one of " +
                   List(names) + ")");
    }
}

void
CrossChecker::Claim(const std::string& address, const JsonPointer& at)
{
    uint32_t a = HostOf(address);
    auto inserted = m_addresses.emplace(a, at);
    if (!inserted.second)
    {
        m_fail(at,
               "duplicate address " + FormatIpv4Text(a) + " (expected each address once; also at " +
                   FormatPointer(inserted.first->second) + ")");
    }
}

void
CrossChecker::InterfaceAddress(const std::string& text, const JsonPointer& at) const
{
    uint32_t address = 0;
    uint32_t length = 0;
    ParseIpv4Text(text, address, length);
    uint32_t mask = PrefixMask(length);
    if (length <= 30 && (address & ~mask) == 0)
    {
        m_fail(at,
               "got " + QuoteForMessage(text) +
                   ", the network address of its prefix (expected a host address)");
    }
    if (length <= 30 && (address & ~mask) == ~mask)
    {
        m_fail(at,
               "got " + QuoteForMessage(text) +
                   ", the broadcast address of its prefix (expected a host address)");
    }
}

void
CrossChecker::Destination(const std::string& text, const JsonPointer& at) const
{
    uint32_t address = 0;
    uint32_t length = 0;
    ParseIpv4Text(text, address, length);
    uint32_t network = address & PrefixMask(length);
    if (network != address)
    {
        m_fail(at,
               "got " + QuoteForMessage(text) + ", which has host bits set (expected a network: " +
                   FormatIpv4Text(network) + "/" + std::to_string(length) + ")");
    }
}

void
CrossChecker::Before(double t, const JsonPointer& at, bool inclusive) const
{
    if (inclusive ? t > m_s.duration : t >= m_s.duration)
    {
        m_fail(at,
               "got " + Text(t) + " (expected a time " + (inclusive ? "<= " : "< ") + "duration, " +
                   Text(m_s.duration) + ")");
    }
}

void
CrossChecker::SharedPort(const LinkSpec& link,
                         const JsonPointer& lp,
                         const std::string& stack,
                         const std::set<std::string>& ports,
                         const std::map<std::string, std::string>& portLan,
                         std::map<std::string, JsonPointer>& partitions) const
{
    Resolves(ports, link.port, lp + "port", "port");
    if (link.kind != "LCS")
    {
        m_fail(lp + "kind",
               "got " + QuoteForMessage(link.kind) + " for a link on shared port " +
                   QuoteForMessage(link.port) + " (expected \"LCS\")");
    }
    const std::string& lan = portLan.at(link.port);
    if (link.lan != lan)
    {
        m_fail(lp + "lan",
               "got " + QuoteForMessage(link.lan) + " (expected " + QuoteForMessage(lan) +
                   ", the LAN of port " + QuoteForMessage(link.port) + ")");
    }
    auto inserted = partitions.emplace(stack, lp + "port");
    if (!inserted.second)
    {
        m_fail(lp + "port",
               "stack " + QuoteForMessage(stack) + " already uses port " +
                   QuoteForMessage(link.port) +
                   " (expected one link per stack on a port; also at " +
                   FormatPointer(inserted.first->second) + ")");
    }
}

void
CrossChecker::AddressTable(const PortSpec& port,
                           const JsonPointer& pp,
                           const std::map<std::string, JsonPointer>& stackNames,
                           const std::map<std::string, JsonPointer>& partitions) const
{
    std::set<std::string> stacks;
    for (const auto& entry : stackNames)
    {
        stacks.insert(entry.first);
    }
    std::set<std::string> users;
    for (const auto& entry : partitions)
    {
        users.insert(entry.first);
    }
    std::map<uint32_t, JsonPointer> addresses;
    std::map<std::string, std::pair<std::string, JsonPointer>> modes; // mode -> (stack, at)
    for (size_t k = 0; k < port.oat.size(); ++k)
    {
        const OatEntrySpec& e = port.oat[k];
        JsonPointer ep = pp + "oat" + std::to_string(k);
        Resolves(stacks, e.stack, ep + "stack", "stack");
        Resolves(users,
                 e.stack,
                 ep + "stack",
                 "partition",
                 " of port " + QuoteForMessage(port.name) + ": it has no link on the port");
        uint32_t a = HostOf(e.address);
        auto inserted = addresses.emplace(a, ep + "address");
        if (!inserted.second)
        {
            m_fail(ep + "address",
                   "duplicate OAT address " + FormatIpv4Text(a) +
                       " (expected each address once per port; also at " +
                       FormatPointer(inserted.first->second) + ")");
        }
        if (e.mode.empty())
        {
            continue;
        }
        auto holder = modes.emplace(e.mode, std::make_pair(e.stack, ep + "mode"));
        if (!holder.second && holder.first->second.first != e.stack)
        {
            m_fail(ep + "mode",
                   "stack " + QuoteForMessage(holder.first->second.first) + " is already " +
                       e.mode + " on port " + QuoteForMessage(port.name) + " (expected one " +
                       e.mode + " stack per port; at " +
                       FormatPointer(holder.first->second.second) + ")");
        }
    }
}

void
CrossChecker::Run(const ScenarioLimits& limits)
{
    const Scenario& s = m_s;
    auto at = [](std::initializer_list<std::string> tokens) { return JsonPointer(tokens); };
    auto idx = [](size_t i) { return std::to_string(i); };

    std::map<std::string, JsonPointer> lanNames;
    std::set<std::string> lans;
    for (size_t i = 0; i < s.lans.size(); ++i)
    {
        const LanSpec& lan = s.lans[i];
        Unique(lanNames, lan.name, at({"lans", idx(i), "name"}), "LAN");
        lans.insert(lan.name);
        double bps = DataRateBps(lan.dataRate);
        if (bps < 1 || bps > 1e12)
        {
            m_fail(at({"lans", idx(i), "dataRate"}),
                   "got " + ValueForMessage(Json(lan.dataRate)) +
                       " (expected a data rate in [1bps, 1000Gbps])");
        }
    }

    // Shared OSA ports: names and LANs (their OATs once the stacks are known).
    std::map<std::string, JsonPointer> portNames;
    std::map<std::string, std::string> portLan;
    std::set<std::string> ports;
    for (size_t i = 0; i < s.ports.size(); ++i)
    {
        Unique(portNames, s.ports[i].name, at({"ports", idx(i), "name"}), "port");
        Resolves(lans, s.ports[i].lan, at({"ports", idx(i), "lan"}), "LAN");
        portLan[s.ports[i].name] = s.ports[i].lan;
        ports.insert(s.ports[i].name);
    }
    std::map<std::string, std::map<std::string, JsonPointer>> partitionsOf; // port -> stacks

    // Addresses a probe may target: HOMEs, VIPAs and VIPAs added by events.
    std::set<uint32_t> owned;
    std::map<std::string, JsonPointer> stackNames;
    std::map<std::string, std::set<std::string>> linksOf;
    for (size_t i = 0; i < s.stacks.size(); ++i)
    {
        const StackSpec& stack = s.stacks[i];
        Unique(stackNames, stack.name, at({"stacks", idx(i), "name"}), "stack");
        std::map<std::string, JsonPointer> linkNames;
        for (size_t k = 0; k < stack.links.size(); ++k)
        {
            const LinkSpec& link = stack.links[k];
            JsonPointer lp = at({"stacks", idx(i), "links", idx(k)});
            Unique(linkNames, link.name, lp + "name", "link");
            linksOf[stack.name].insert(link.name);
            Resolves(lans, link.lan, lp + "lan", "LAN");
            if (!link.port.empty())
            {
                SharedPort(link, lp, stack.name, ports, portLan, partitionsOf[link.port]);
            }
            InterfaceAddress(link.address, lp + "address");
            Claim(link.address, lp + "address");
            owned.insert(HostOf(link.address));
        }
        for (size_t k = 0; k < stack.vipas.size(); ++k)
        {
            Claim(stack.vipas[k], at({"stacks", idx(i), "vipas", idx(k)}));
            owned.insert(HostOf(stack.vipas[k]));
        }
        for (size_t k = 0; k < stack.routes.size(); ++k)
        {
            JsonPointer rp = at({"stacks", idx(i), "routes", idx(k)});
            Destination(stack.routes[k].destination, rp + "destination");
            Resolves(linksOf[stack.name],
                     stack.routes[k].link,
                     rp + "link",
                     "link",
                     " in stack " + QuoteForMessage(stack.name));
        }
        // ns-3's Rip keeps a route to each interface's subnet in its own table, consulted
        // before the static routes: a stack cannot run RIP and have only its listed routes.
        if (stack.rip && stack.settings.Bool("staticRouting"))
        {
            m_fail(at({"stacks", idx(i), "staticRouting"}),
                   "got true on a stack with rip true (expected false: RIP adds the route to "
                   "each link's subnet)");
        }
        for (size_t k = 0; k < stack.links.size() && !stack.rip; ++k)
        {
            if (stack.links[k].ripInMetric)
            {
                m_fail(at({"stacks", idx(i), "links", idx(k), "ripInMetric"}),
                       "set on a link of stack " + QuoteForMessage(stack.name) +
                           ", which does not run RIP (expected rip true on the stack, or no "
                           "ripInMetric)");
            }
        }
    }
    for (const EventSpec& ev : s.events)
    {
        if (ev.type == "vipaAdd")
        {
            owned.insert(HostOf(ev.address));
        }
    }
    for (size_t i = 0; i < s.ports.size(); ++i)
    {
        AddressTable(s.ports[i], at({"ports", idx(i)}), stackNames, partitionsOf[s.ports[i].name]);
    }

    // Stations, and the stations of each group (their messages point at the group's keys).
    std::map<std::string, JsonPointer> stationNames;
    struct StationPointers
    {
        JsonPointer name, lan, address, routes, probe;
    };
    auto checkStation = [&](const StationSpec& st, const StationPointers& ptr) {
        Unique(stationNames, st.name, ptr.name, "station");
        if (stackNames.count(st.name) != 0)
        {
            m_fail(ptr.name,
                   "station name " + QuoteForMessage(st.name) +
                       " is also a stack name (expected names distinct from stack names)");
        }
        Resolves(lans, st.lan, ptr.lan, "LAN");
        InterfaceAddress(st.address, ptr.address);
        Claim(st.address, ptr.address);
        for (size_t k = 0; k < st.routes.size(); ++k)
        {
            Destination(st.routes[k].destination, ptr.routes + idx(k) + "destination");
        }
        if (!st.probe)
        {
            return;
        }
        const JsonPointer& pp = ptr.probe;
        std::map<uint32_t, JsonPointer> targets;
        for (size_t k = 0; k < st.probe->targets.size(); ++k)
        {
            JsonPointer tp = pp + "targets" + idx(k);
            uint32_t a = HostOf(st.probe->targets[k]);
            if (owned.count(a) == 0)
            {
                m_fail(tp,
                       "no stack owns address " + FormatIpv4Text(a) +
                           " (expected a HOME address, VIPA or vipaAdd address)");
            }
            auto inserted = targets.emplace(a, tp);
            if (!inserted.second)
            {
                m_fail(tp,
                       "duplicate target " + FormatIpv4Text(a) +
                           " (expected each target once; also at " +
                           FormatPointer(inserted.first->second) + ")");
            }
        }
        if (st.probe->stop >= 0 && st.probe->stop <= st.probe->start)
        {
            m_fail(pp + "stop",
                   "got " + Text(st.probe->stop) + " (expected -1 or a time > start, " +
                       Text(st.probe->start) + ")");
        }
    };
    for (size_t i = 0; i < s.stations.size(); ++i)
    {
        JsonPointer sp = at({"stations", idx(i)});
        checkStation(s.stations[i], {sp + "name", sp + "lan", sp + "address", sp + "routes", sp + "probe"});
    }
    // Before any group is expanded: at most as many stations in all as the schema allows
    // in "stations", and names of at most 64 characters.
    uint64_t allStations = s.stations.size();
    for (size_t i = 0; i < s.stationGroups.size(); ++i)
    {
        const StationGroupSpec& g = s.stationGroups[i];
        JsonPointer gp = at({"stationGroups", idx(i)});
        allStations += g.count;
        if (allStations > kMaxStations)
        {
            m_fail(gp + "count",
                   "got " + std::to_string(g.count) + ", which makes " +
                       std::to_string(allStations) + " stations with the ones before (expected " +
                       "at most " + std::to_string(kMaxStations) +
                       " stations in all, groups included)");
        }
        if (g.name.size() + std::to_string(g.count).size() > kMaxNameLength)
        {
            m_fail(gp + "name",
                   "got " + QuoteForMessage(g.name) + ", which with the station numbers makes names of " +
                       std::to_string(g.name.size() + std::to_string(g.count).size()) +
                       " characters (expected names of at most " +
                       std::to_string(kMaxNameLength) + " characters)");
        }
    }
    for (size_t i = 0; i < s.stationGroups.size(); ++i)
    {
        const StationGroupSpec& g = s.stationGroups[i];
        JsonPointer gp = at({"stationGroups", idx(i)});
        InterfaceAddress(g.firstAddress, gp + "firstAddress");
        uint32_t first = 0;
        uint32_t length = 0;
        ParseIpv4Text(g.firstAddress, first, length);
        const uint32_t mask = PrefixMask(length);
        // The last station's host part: inside the prefix, and not its broadcast address.
        const uint64_t lastHost = static_cast<uint64_t>(first & ~mask) + g.count - 1;
        const uint64_t maxHost = length <= 30 ? static_cast<uint64_t>(~mask) - 1
                                              : static_cast<uint64_t>(~mask);
        if (lastHost > maxHost)
        {
            m_fail(gp + "count",
                   "got " + std::to_string(g.count) + ", but from " + g.firstAddress +
                       " only " + std::to_string(maxHost - (first & ~mask) + 1) +
                       " host addresses are left in its prefix (expected at most that many "
                       "stations)");
        }
        double total = 0;
        for (const auto& [model, share] : g.models.value_or(std::map<std::string, double>{}))
        {
            total += share;
        }
        if (g.models && total <= 0)
        {
            m_fail(gp + "models",
                   "every share is 0 (expected at least one share above 0)");
        }
        for (const StationSpec& st : ExpandStationGroup(g))
        {
            checkStation(st,
                         {gp + "name", gp + "lan", gp + "firstAddress", gp + "routes", gp + "probe"});
        }
    }

    // Routers: names distinct from stacks and stations (they share ns-3's Names), LANs,
    // addresses.
    std::map<std::string, JsonPointer> routerNames;
    for (size_t i = 0; i < s.routers.size(); ++i)
    {
        const RouterSpec& r = s.routers[i];
        JsonPointer rp = at({"routers", idx(i)});
        Unique(routerNames, r.name, rp + "name", "router");
        if (stackNames.count(r.name) != 0 || stationNames.count(r.name) != 0)
        {
            m_fail(rp + "name",
                   "router name " + QuoteForMessage(r.name) +
                       " is also a stack or station name (expected names distinct from stack "
                       "and station names)");
        }
        std::set<std::string> routerLans;
        for (size_t k = 0; k < r.interfaces.size(); ++k)
        {
            JsonPointer ip = rp + "interfaces" + idx(k);
            Resolves(lans, r.interfaces[k].lan, ip + "lan", "LAN");
            if (!routerLans.insert(r.interfaces[k].lan).second)
            {
                m_fail(ip + "lan",
                       "router " + QuoteForMessage(r.name) + " has two interfaces on LAN " +
                           QuoteForMessage(r.interfaces[k].lan) +
                           " (expected one interface per LAN)");
            }
            InterfaceAddress(r.interfaces[k].address, ip + "address");
            Claim(r.interfaces[k].address, ip + "address");
            if (r.interfaces[k].ripInMetric && !r.rip)
            {
                m_fail(ip + "ripInMetric",
                       "set on an interface of router " + QuoteForMessage(r.name) +
                           ", which does not run RIP (expected rip true on the router, or no "
                           "ripInMetric)");
            }
        }
    }

    // A CLAW link's LAN stands for its channel: that link and one router interface.
    const std::vector<StationSpec> all = AllStations(s);
    for (size_t i = 0; i < s.stacks.size(); ++i)
    {
        for (size_t k = 0; k < s.stacks[i].links.size(); ++k)
        {
            const LinkSpec& link = s.stacks[i].links[k];
            if (link.kind != "CLAW")
            {
                continue;
            }
            size_t others = 0;
            size_t routerEnds = 0;
            for (const StackSpec& stack : s.stacks)
            {
                for (const LinkSpec& l : stack.links)
                {
                    others += l.lan == link.lan;
                }
            }
            for (const StationSpec& st : all)
            {
                others += st.lan == link.lan;
            }
            for (const RouterSpec& r : s.routers)
            {
                for (const RouterInterfaceSpec& itf : r.interfaces)
                {
                    routerEnds += itf.lan == link.lan;
                }
            }
            if (others != 1 || routerEnds > 1)
            {
                m_fail(at({"stacks", idx(i), "links", idx(k), "lan"}),
                       "LAN " + QuoteForMessage(link.lan) + " of CLAW link " +
                           QuoteForMessage(link.name) + " has " +
                           std::to_string(others - 1) + " other link(s) or station(s) and " +
                           std::to_string(routerEnds) +
                           " router interface(s) (expected a LAN of its own, the channel: "
                           "this link and at most one router interface)");
            }
        }
    }

    for (size_t i = 0; i < s.devlinksAt.size(); ++i)
    {
        Before(s.devlinksAt[i], at({"devlinksAt", idx(i)}), true);
    }

    std::set<std::string> stacks;
    for (const auto& entry : stackNames)
    {
        stacks.insert(entry.first);
    }
    for (size_t i = 0; i < s.events.size(); ++i)
    {
        const EventSpec& ev = s.events[i];
        JsonPointer ep = at({"events", idx(i)});
        Before(ev.at, ep + "at", false);
        Resolves(stacks, ev.stack, ep + "stack", "stack");
        if (!ev.link.empty())
        {
            Resolves(linksOf[ev.stack],
                     ev.link,
                     ep + "link",
                     "link",
                     " in stack " + QuoteForMessage(ev.stack));
        }
        if (ev.type == "vipaAdd")
        {
            Claim(ev.address, ep + "address");
        }
    }

    double work = EstimateWork(s);
    if (limits.maxWork > 0 && work > limits.maxWork)
    {
        char text[128];
        std::snprintf(text,
                      sizeof(text),
                      "estimated work %.3g probe requests, start-up broadcasts and events "
                      "(expected at most %.3g; ",
                      work,
                      limits.maxWork);
        m_fail({},
               std::string(text) +
                   "shorten the duration, lengthen probe intervals, or raise the limit with "
                   "--max-work)");
    }
}

} // namespace zos
} // namespace ns3
