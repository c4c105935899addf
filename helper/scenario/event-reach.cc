/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "event-reach.h"

#include "scenario-checks.h"

#include "ns3/nstime.h"

#include <map>
#include <set>
#include <sstream>

namespace ns3
{
namespace zos
{

std::vector<EventReach>
EventReaches(const Scenario& sc, const std::vector<EventSpec>& events)
{
    struct LinkState
    {
        std::string lan;
        Ipv4Address home;
        double activateAt;
        std::string port; //!< shared OSA port ("" for its own)
        bool started = false;
        bool portFailed = false;
    };

    struct StackState
    {
        bool failed = false;
        std::map<std::string, LinkState> links;
        std::vector<std::string> order; //!< link names in definition order
        std::set<std::string> vipas;
        std::vector<Ipv4Address> vipaList;
    };

    std::map<std::string, StackState> stacks;
    for (const auto& spec : sc.stacks)
    {
        StackState& st = stacks[spec.name];
        for (const auto& l : spec.links)
        {
            st.links[l.name] = {l.lan, ScenarioPrefix(l.address).GetLocal(), l.activateAt, l.port};
            st.order.push_back(l.name);
        }
        for (const auto& v : spec.vipas)
        {
            st.vipas.insert(v);
            st.vipaList.emplace_back(v.c_str());
        }
    }
    std::vector<EventReach> out;
    std::vector<std::string> pendingActivations;
    for (const auto& ev : events)
    {
        StackState& st = stacks.at(ev.stack);
        // Link activations scheduled at or before this instant ran first (they are scheduled
        // before the events).
        for (auto& [name, l] : st.links)
        {
            if (l.activateAt <= ev.at && l.activateAt >= 0)
            {
                if (st.failed || l.started)
                {
                    std::ostringstream key;
                    key << Seconds(l.activateAt).GetTimeStep() << " linkStart " << ev.stack << "/"
                        << name;
                    pendingActivations.push_back(key.str());
                }
                l.started = l.started || !st.failed;
                l.activateAt = -1; // done
            }
        }
        EventReach r;
        r.ignoredActivations.swap(pendingActivations);
        if (ev.type == "vipaAdd")
        {
            r.ignored = st.failed || st.vipas.count(ev.address) != 0;
            r.addresses.emplace_back(ev.address.c_str());
            st.vipas.insert(ev.address);
            st.vipaList.emplace_back(ev.address.c_str());
        }
        else if (ev.type == "stackFailure")
        {
            r.ignored = st.failed;
            st.failed = true;
            for (const auto& name : st.order)
            {
                r.addresses.push_back(st.links.at(name).home);
            }
            r.addresses.insert(r.addresses.end(), st.vipaList.begin(), st.vipaList.end());
        }
        else
        {
            LinkState& l = st.links.at(ev.link);
            if (ev.type == "portFailure")
            {
                r.ignored = st.failed || l.portFailed;
                l.portFailed = true;
            }
            else if (ev.type == "portRepair")
            {
                r.ignored = st.failed || !l.portFailed;
                l.portFailed = false;
            }
            else if (ev.type == "linkStop")
            {
                r.ignored = st.failed || !l.started;
                l.started = false;
            }
            else if (ev.type == "linkStart")
            {
                r.ignored = st.failed || l.started;
                l.started = l.started || !st.failed;
            }
            r.lan = l.lan;
            for (const auto& router : sc.routers)
            {
                for (const auto& itf : router.interfaces)
                {
                    // Behind a router, clients of every LAN may reach the stack this way.
                    r.lan = itf.lan == l.lan ? "" : r.lan;
                }
            }
            for (const auto& name : st.order)
            {
                if (st.links.at(name).lan == l.lan)
                {
                    r.addresses.push_back(st.links.at(name).home);
                }
            }
            r.addresses.insert(r.addresses.end(), st.vipaList.begin(), st.vipaList.end());
            if ((ev.type == "portFailure" || ev.type == "portRepair") && !l.port.empty())
            {
                // A shared port fails (is repaired) for every partition using it.
                for (auto& [name, other] : stacks)
                {
                    if (name == ev.stack)
                    {
                        continue;
                    }
                    for (auto& [linkName, ol] : other.links)
                    {
                        if (ol.port != l.port)
                        {
                            continue;
                        }
                        ol.portFailed = l.portFailed;
                        for (const auto& n : other.order)
                        {
                            if (other.links.at(n).lan == l.lan)
                            {
                                r.addresses.push_back(other.links.at(n).home);
                            }
                        }
                        r.addresses.insert(r.addresses.end(),
                                           other.vipaList.begin(),
                                           other.vipaList.end());
                    }
                }
            }
        }
        out.push_back(r);
    }
    return out;
}

} // namespace zos
} // namespace ns3
