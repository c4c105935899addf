/*
 * zos-takeover: random schedules (ScheduleGenerator). See schedule-checker.h.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "schedule-checker.h"

#include <random>
#include <sstream>

namespace ns3
{
namespace zos
{

namespace
{

// Portable random numbers: only the raw mt19937_64 sequence (fixed by the standard).

/** Integers, choices and chances from the raw output of std::mt19937_64. */
class Random
{
  public:
    explicit Random(uint64_t seed)
        : m_engine(seed)
    {
    }

    /** \return uniform in [0, n) (rejection sampling, no modulo bias); n > 0. */
    uint32_t Below(uint32_t n)
    {
        const uint64_t range = n;
        const uint64_t threshold = (0 - range) % range; // 2^64 mod n
        while (true)
        {
            uint64_t x = m_engine();
            if (x >= threshold)
            {
                return static_cast<uint32_t>(x % range);
            }
        }
    }

    /** \return true with probability percent / 100. */
    bool Chance(uint32_t percent)
    {
        return Below(100) < percent;
    }

    /** \return an element of a non-empty list, uniformly. */
    template <typename T>
    T Pick(const std::vector<T>& values)
    {
        return values[Below(static_cast<uint32_t>(values.size()))];
    }

    /** \return an index drawn with the given integer weights. */
    uint32_t Weighted(const std::vector<uint32_t>& weights)
    {
        uint32_t total = 0;
        for (uint32_t w : weights)
        {
            total += w;
        }
        uint32_t x = Below(total);
        for (uint32_t i = 0; i < weights.size(); ++i)
        {
            if (x < weights[i])
            {
                return i;
            }
            x -= weights[i];
        }
        return static_cast<uint32_t>(weights.size() - 1);
    }

  private:
    std::mt19937_64 m_engine;
};

/** Milliseconds as seconds (exact decimal text in the JSON file). */
double
Ms(uint32_t ms)
{
    return ms / 1000.0;
}

} // namespace

ScheduleGenerator::ScheduleGenerator(uint64_t baseSeed)
    : m_baseSeed(baseSeed)
{
}

uint64_t
ScheduleGenerator::ScheduleSeed(uint64_t baseSeed, uint64_t index)
{
    // splitmix64 of (seed, index): neighbouring indices give unrelated engine seeds.
    uint64_t z = baseSeed * 0x9e3779b97f4a7c15ULL + index + 1;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

Scenario
ScheduleGenerator::Generate(uint64_t index) const
{
    Random r(ScheduleSeed(m_baseSeed, index));
    Scenario sc;
    sc.name = "schedule-" + std::to_string(m_baseSeed) + "-" + std::to_string(index);
    sc.description = "Random schedule " + std::to_string(index) + " of seed " +
                     std::to_string(m_baseSeed) + " (./zos-takeover check-schedules --seed " +
                     std::to_string(m_baseSeed) + " --first " + std::to_string(index) +
                     " --schedules 1).";
    sc.seed = 1;
    sc.run = 1;
    const uint32_t durationMs = 2000 + 500 * r.Below(5);
    sc.duration = Ms(durationMs);

    // LANs and their subnets (192.168.<octet>.0/24), sometimes one subnet on two LANs.
    const uint32_t nLans = 1 + r.Weighted({30, 45, 25});
    std::vector<uint32_t> octet;
    for (uint32_t i = 0; i < nLans; ++i)
    {
        LanSpec lan;
        lan.name = "LAN" + std::to_string(i + 1);
        lan.kind = r.Pick<std::string>({"shared", "shared", "switched", "fast"});
        lan.dataRate = r.Pick<std::string>({"1Gbps", "1Gbps", "100Mbps"});
        sc.lans.push_back(lan);
        octet.push_back(i > 0 && r.Chance(20) ? 1 : i + 1);
    }
    std::map<uint32_t, uint32_t> nextHost; // per subnet octet
    auto hostAddress = [&](uint32_t lan, uint32_t base) {
        uint32_t o = octet[lan];
        uint32_t h = base + nextHost[o * 1000 + base]++;
        return "192.168." + std::to_string(o) + "." + std::to_string(h);
    };

    // Stacks.
    const uint32_t nStacks = 1 + r.Weighted({50, 35, 15});
    std::vector<std::string> allVipas;
    for (uint32_t s = 0; s < nStacks; ++s)
    {
        StackSpec st;
        const std::string letter(1, static_cast<char>('A' + s));
        st.name = "TCPIP" + letter;
        const uint32_t nLinks = 1 + r.Weighted({10, 25, 25, 20, 12, 8});
        for (uint32_t i = 0; i < nLinks; ++i)
        {
            LinkSpec link;
            link.name = "OSA" + std::to_string(i + 1);
            link.kind = r.Chance(25) ? "LCS" : "MPCIPA";
            uint32_t lan = r.Below(nLans);
            link.lan = sc.lans[lan].name;
            link.address = hostAddress(lan, 1) + "/24";
            st.links.push_back(link);
        }
        const uint32_t nVipas = r.Weighted({25, 35, 25, 15});
        for (uint32_t v = 0; v < nVipas; ++v)
        {
            st.vipas.push_back("10." + std::to_string(s + 1) + ".0." + std::to_string(v + 1));
            allVipas.push_back(st.vipas.back());
        }
        st.settings.Set("fixes.PQ23444", r.Chance(85));
        st.settings.Set("fixes.PQ26689", r.Chance(85));
        st.settings.Set("detectionDelay", Ms(r.Pick<uint32_t>({0, 10, 50, 100, 200})));
        st.settings.Set("learningTime", Ms(r.Pick<uint32_t>({0, 1, 10, 10, 50})));
        st.settings.Set("gratuitousArpCount", r.Pick<uint32_t>({0, 1, 1, 1, 2, 3}));
        st.settings.Set("gratuitousArpInterval", Ms(r.Pick<uint32_t>({100, 250, 500})));
        st.settings.Set("gratuitousArpLoss", r.Chance(10) ? 0.5 : 0.0);
        st.settings.Set("vipaGiveBack", r.Chance(20));
        st.settings.Set("backupPolicy", r.Chance(30) ? "LowestName" : "LongestActive");
        st.settings.Set("vipaOwnerPolicy", r.Chance(30) ? "LowestName" : "FirstActive");

        // Activation times: all zero; one instant per LAN; or each on a coarse grid.
        switch (r.Weighted({20, 30, 50}))
        {
        case 0:
            break;
        case 1: {
            std::map<std::string, uint32_t> at;
            for (LinkSpec& link : st.links)
            {
                if (at.count(link.lan) == 0)
                {
                    at[link.lan] = r.Pick<uint32_t>({0, 5, 10, 50, 100, 300});
                }
                link.activateAt = Ms(at[link.lan]);
            }
            break;
        }
        default:
            for (LinkSpec& link : st.links)
            {
                link.activateAt = Ms(r.Pick<uint32_t>({0, 0, 5, 10, 20, 50, 100, 200, 300, 500}));
            }
        }
        sc.stacks.push_back(st);
    }

    // Events on a 50 ms grid from 0.1 s, some at the same instant as the previous one.
    const uint32_t nEvents = 2 + r.Below(7);
    const uint32_t slots = (durationMs - 400) / 50 + 1;
    std::vector<uint32_t> vipaCount(nStacks, 0);
    std::vector<bool> stackFailed(nStacks, false);
    uint32_t lastMs = 100;
    for (uint32_t e = 0; e < nEvents; ++e)
    {
        uint32_t atMs = e > 0 && r.Chance(25) ? lastMs : 100 + 50 * r.Below(slots);
        lastMs = atMs;
        uint32_t s = r.Below(nStacks);
        const StackSpec& st = sc.stacks[s];
        EventSpec ev;
        ev.at = Ms(atMs);
        ev.stack = st.name;
        const std::vector<std::string> types =
            {"portFailure", "portRepair", "linkStop", "linkStart", "vipaAdd", "stackFailure"};
        ev.type = types[r.Weighted({30, 15, 15, 15, 12, 3})];
        if (ev.type == "stackFailure" && stackFailed[s])
        {
            ev.type = "linkStop";
        }
        if (ev.type == "vipaAdd")
        {
            ev.address = "10." + std::to_string(s + 1) + ".1." + std::to_string(++vipaCount[s]);
            allVipas.push_back(ev.address);
        }
        else if (ev.type == "stackFailure")
        {
            stackFailed[s] = true;
        }
        else
        {
            ev.link = st.links[r.Below(st.links.size())].name;
        }
        sc.events.push_back(ev);
        if (ev.type == "portFailure" && r.Chance(50))
        {
            // A repair: within the detection delay (a blip never noticed), or later.
            uint32_t det = static_cast<uint32_t>(st.settings.Number("detectionDelay") * 1000 + 0.5);
            uint32_t after = r.Pick<uint32_t>({det / 2, det + 50, 300, 600});
            if (after > 0 && atMs + after < durationMs)
            {
                sc.events.push_back({Ms(atMs + after), "portRepair", ev.stack, ev.link, ""});
            }
        }
    }
    std::stable_sort(sc.events.begin(),
                     sc.events.end(),
                     [](const EventSpec& a, const EventSpec& b) { return a.at < b.at; });

    // Stations: they probe what is on-link for them, with short-lived ARP entries, so ARP
    // requests and replies keep crossing the LANs.
    const uint32_t nStations = 1 + r.Below(4);
    for (uint32_t i = 0; i < nStations; ++i)
    {
        StationSpec st;
        st.name = "CLIENT" + std::to_string(i + 1);
        uint32_t lan = r.Below(nLans);
        st.lan = sc.lans[lan].name;
        st.address = hostAddress(lan, 101) + "/24";
        st.arp = std::vector<std::string>{"rfc826", "linux", "stock"}[r.Weighted({70, 15, 15})];
        st.settings.Set("aliveTimeout", r.Pick<double>({0.3, 0.5, 1.0}));
        st.settings.Set("baseReachableTime", 1.0);
        st.settings.Set("delayFirstProbeTime", 0.2);
        ProbeSpec probe;
        const std::string prefix = "192.168." + std::to_string(octet[lan]) + ".";
        std::vector<std::string> candidates;
        for (const StackSpec& stack : sc.stacks)
        {
            for (const LinkSpec& link : stack.links)
            {
                if (link.address.compare(0, prefix.size(), prefix) == 0)
                {
                    candidates.push_back(link.address.substr(0, link.address.find('/')));
                }
            }
        }
        for (const std::string& vipa : allVipas)
        {
            st.routes.push_back({vipa + "/32", "", ""});
            candidates.push_back(vipa);
        }
        while (!candidates.empty() && probe.targets.size() < 8)
        {
            uint32_t k = r.Below(candidates.size());
            probe.targets.push_back(candidates[k]);
            candidates.erase(candidates.begin() + k);
        }
        probe.interval = r.Pick<double>({0.1, 0.2});
        probe.start = r.Pick<double>({0.05, 0.2, 0.5, 1.0});
        if (!probe.targets.empty())
        {
            st.probe = probe;
        }
        sc.stations.push_back(st);
    }
    return sc;
}

} // namespace zos
} // namespace ns3
