/*
 * zos-takeover tests: running scenarios and observing ARP frames on the wire.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_TEST_UTIL_H
#define ZOS_TAKEOVER_TEST_UTIL_H

#include "ns3/arp-header.h"
#include "ns3/ethernet-header.h"
#include "ns3/ipv4-address.h"
#include "ns3/mac48-address.h"
#include "ns3/scenario-runner.h"
#include "ns3/scenario.h"
#include "ns3/zos-stack.h"

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

namespace zostest
{

using namespace ns3;
using namespace ns3::zos;

/** An ARP frame seen on a LAN. */
struct WireArp
{
    Time time;
    std::string lan;
    Mac48Address ethSource;
    Mac48Address ethDestination;
    bool request;
    Ipv4Address senderIp;
    Ipv4Address targetIp;
    Mac48Address senderMac;

    bool Gratuitous() const
    {
        return request && senderIp == targetIp;
    }

    /** An ARP probe (sender IP 0.0.0.0): a stack link's LanGroup discovery frame. */
    bool Probe() const
    {
        return request && senderIp == Ipv4Address::GetAny();
    }
};

inline std::string
SourceDir()
{
    return ZOS_SOURCE_DIR;
}

inline std::string
DataDir()
{
    return ZOS_TEST_DATA_DIR;
}

inline std::string
ReadFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream os;
    os << in.rdbuf();
    return os.str();
}

/** The seed-001 scenario, with overrides ("duration=40", ...). */
inline Scenario
Seed001(const std::vector<std::string>& overrides = {})
{
    return LoadScenario(SourceDir() + "/scenarios/seed-001-osa1-osa4.json", overrides);
}

/** Runs a scenario and keeps every ARP frame and each link's MAC. */
class Observed
{
  public:
    explicit Observed(const Scenario& scenario)
    {
        ScenarioRunner runner(scenario);
        runner.SetFrameObserver([this](const std::string& lan, Time t, Ptr<const Packet> frame) {
            Ptr<Packet> copy = frame->Copy();
            EthernetHeader eth(false);
            copy->RemoveHeader(eth);
            ++frames[lan];
            if (eth.GetLengthType() != 0x0806)
            {
                return;
            }
            ArpHeader arp;
            copy->RemoveHeader(arp);
            arps.push_back({t,
                            lan,
                            eth.GetSource(),
                            eth.GetDestination(),
                            arp.IsRequest(),
                            arp.GetSourceIpv4Address(),
                            arp.GetDestinationIpv4Address(),
                            Mac48Address::ConvertFrom(arp.GetSourceHardwareAddress())});
        });
        runner.SetBuildObserver([this, &scenario](ScenarioRunner& r) {
            for (const auto& s : scenario.stacks)
            {
                Ptr<ZosStack> stack = r.GetStack(s.name);
                for (uint32_t i = 0; i < stack->GetNLinks(); ++i)
                {
                    mac[stack->GetLinkName(i)] =
                        Mac48Address::ConvertFrom(stack->GetLinkDevice(i)->GetAddress());
                }
            }
        });
        result = runner.Run();
    }

    /** Gratuitous ARPs in [from, to). */
    std::vector<WireArp> Gratuitous(double from, double to) const
    {
        std::vector<WireArp> out;
        for (const auto& a : arps)
        {
            if (a.Gratuitous() && a.time >= Seconds(from) && a.time < Seconds(to))
            {
                out.push_back(a);
            }
        }
        return out;
    }

    /** The outage row of (event index, client, target). */
    const OutageRow& Outage(uint32_t event,
                            const std::string& client,
                            const std::string& target) const
    {
        for (const auto& o : result.outages)
        {
            if (o.eventIndex == event && o.client == client && o.target == target)
            {
                return o;
            }
        }
        throw std::runtime_error("no outage row for " + client + " " + target);
    }

    /** The DEVLINKS display whose label starts with `label`. */
    std::string Devlinks(const std::string& label) const
    {
        for (const auto& d : result.devlinks)
        {
            if (d.label.rfind(label, 0) == 0)
            {
                return d.text;
            }
        }
        throw std::runtime_error("no DEVLINKS display " + label);
    }

    /** Timeline rows with this event name. */
    std::vector<TimelineRow> Timeline(const std::string& event) const
    {
        std::vector<TimelineRow> out;
        for (const auto& t : result.timeline)
        {
            if (t.event == event)
            {
                out.push_back(t);
            }
        }
        return out;
    }

    RunResult result;
    std::vector<WireArp> arps;
    std::map<std::string, Mac48Address> mac;
    std::map<std::string, uint64_t> frames;
};

/** Collapse every run of whitespace to one space and trim. */
inline std::string
NormaliseWhitespace(const std::string& text)
{
    std::istringstream in(text);
    std::string word;
    std::string out;
    while (in >> word)
    {
        out += (out.empty() ? "" : " ") + word;
    }
    return out;
}

inline std::string
Str(Ipv4Address a)
{
    std::ostringstream os;
    os << a;
    return os.str();
}

} // namespace zostest

#endif
