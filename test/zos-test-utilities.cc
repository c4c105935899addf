/*
 * zos-takeover tests: shared helpers (see zos-test-utilities.h).
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "zos-test-utilities.h"

#include <fstream>
#include <sstream>
#include <stdexcept>

#ifndef NS_TEST_SOURCEDIR
// Set by ns-3's build_lib in a tree and by test/CMakeLists.txt standalone; the module is
// always contrib/zos-takeover.
#define NS_TEST_SOURCEDIR "contrib/zos-takeover/test"
#endif

namespace zostest
{

std::string
ReadFile(const std::string& path)
{
    std::ifstream in(path, std::ios::binary);
    std::ostringstream os;
    os << in.rdbuf();
    return os.str();
}

Scenario
LoadSeed001(const std::string& moduleDir, const std::vector<std::string>& overrides)
{
    return LoadScenario(moduleDir + "/scenarios/seed-001-osa1-osa4.json", overrides);
}

Observed::Observed(const Scenario& scenario)
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
    MemoryRowSink rows;
    runner.SetRowSink(&rows);
    result = runner.Run();
    timeline = rows.GetTimeline();
    probes = rows.GetProbes();
}

std::vector<WireArp>
Observed::Gratuitous(double from, double to) const
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

const OutageRow&
Observed::Outage(uint32_t event, const std::string& client, const std::string& target) const
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

const TcpRow&
Observed::Tcp(const std::string& client, const std::string& target) const
{
    for (const auto& row : result.tcp)
    {
        if (row.client == client && row.target == target)
        {
            return row;
        }
    }
    throw std::runtime_error("no TCP connection " + client + " -> " + target);
}

std::string
Observed::Devlinks(const std::string& label) const
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

std::vector<TimelineRow>
Observed::Timeline(const std::string& event) const
{
    std::vector<TimelineRow> out;
    for (const auto& t : timeline)
    {
        if (t.event == event)
        {
            out.push_back(t);
        }
    }
    return out;
}

std::string
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

std::string
Str(Ipv4Address a)
{
    std::ostringstream os;
    os << a;
    return os.str();
}

std::multiset<std::string>
Addresses(const std::vector<WireArp>& arps)
{
    std::multiset<std::string> out;
    for (const auto& a : arps)
    {
        out.insert(Str(a.senderIp));
    }
    return out;
}

ZosTestCase::ZosTestCase(std::string name)
    : TestCase(name)
{
    SetDataDir(NS_TEST_SOURCEDIR);
}

std::string
ZosTestCase::ModuleFile(const std::string& relative)
{
    return CreateDataDirFilename("../" + relative);
}

std::string
ZosTestCase::DataFile(const std::string& name)
{
    return CreateDataDirFilename("data/" + name);
}

Scenario
ZosTestCase::Seed001(const std::vector<std::string>& overrides)
{
    return LoadSeed001(CreateDataDirFilename(".."), overrides);
}

} // namespace zostest
