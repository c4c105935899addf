/*
 * zos-takeover-bench: the module's cost against plain ns-3 on the same topology and traffic.
 *
 * Topology: one server with two ports on a switched LAN (CSMA segments + bridge) and N
 * stations; every station sends a UDP request every --interval to the server's first
 * address for --seconds; the server echoes (the same ProbeClient/ProbeServer applications
 * in both variants).
 *   plain:  the server is a plain ns-3 node with two CsmaNetDevices; stations run stock ARP.
 *   module: the server is a ZosStack (two MPCIPA links in one LanGroup, two VIPAs);
 *           stations run the RFC 826 (or --arp) station model.
 * Both variants use the same LAN kind (--lan: shared, switched or fast). With --burst the
 * module's OSA1 fails at a quarter of every simulated second and is repaired at three
 * quarters (a failure burst: takeover, gratuitous ARP and give-back every second); the
 * plain server carries the same traffic without failures.
 * Runs alternate (plain, module, plain, ...) --repeat times so both share the machine's
 * noise; prints the median CPU microseconds per request sent for each and their ratio
 * module/plain (--json: one JSON object instead).
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/zos-takeover-module.h"

#include <algorithm>
#include <chrono>
#include <iomanip>
#include <iostream>
#include <sys/resource.h>
#include <vector>

using namespace ns3;
using namespace ns3::zos;

namespace
{

struct Measure
{
    double seconds;    //!< wall clock of Simulator::Run
    double cpuSeconds; //!< CPU time of Simulator::Run (user + system)
    uint64_t requests; //!< requests sent
    uint64_t replies;
    uint64_t events; //!< simulator events executed
};

double
CpuSeconds()
{
    rusage u{};
    getrusage(RUSAGE_SELF, &u);
    return u.ru_utime.tv_sec + u.ru_stime.tv_sec + (u.ru_utime.tv_usec + u.ru_stime.tv_usec) * 1e-6;
}

double
Median(std::vector<double> v)
{
    std::sort(v.begin(), v.end());
    size_t n = v.size();
    return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

Ipv4Address
StationAddress(uint32_t i)
{
    return Ipv4Address(0x0a000000 + 100 + i); // 10.0.0.100 + i
}

Measure
RunOnce(bool module,
        uint32_t stations,
        double simSeconds,
        double interval,
        const std::string& arp,
        const std::string& lanKind,
        uint32_t portsPerSwitch,
        bool burst)
{
    RngSeedManager::SetSeed(1);
    LanHelper lans;
    if (lanKind == "switched")
    {
        lans.SetLanType(lanKind, "MaxPortsPerSwitch", UintegerValue(portsPerSwitch));
    }
    else
    {
        lans.SetLanType(lanKind);
    }
    Ptr<Lan> lan = lans.Create("LAN");
    Ptr<Node> server = CreateObject<Node>();
    Ipv4InterfaceAddress a1("10.0.0.1", "255.0.0.0");
    Ipv4InterfaceAddress a2("10.0.0.2", "255.0.0.0");
    if (module)
    {
        ZosStackHelper zos;
        Ptr<ZosStack> stack = zos.Install(server, "TCPIPA");
        zos.AddLink(stack, "OSA1", "MPCIPA", lan, a1);
        zos.AddLink(stack, "OSA2", "MPCIPA", lan, a2);
        stack->AddVipa("10.1.1.1");
        stack->AddVipa("10.100.100.1");
        stack->StartLink("OSA1");
        Simulator::Schedule(MilliSeconds(50), &ZosStack::StartLink, stack, "OSA2");
        for (uint32_t k = 1; burst && k < simSeconds; ++k)
        {
            Simulator::Schedule(Seconds(k + 0.25), &ZosStack::FailPort, stack, "OSA1");
            Simulator::Schedule(Seconds(k + 0.75), &ZosStack::RepairPort, stack, "OSA1");
        }
    }
    else
    {
        InternetStackHelper().Install(server);
        Ptr<Ipv4> ipv4 = server->GetObject<Ipv4>();
        for (const auto& a : {a1, a2})
        {
            Ptr<CsmaNetDevice> dev = CreateObject<CsmaNetDevice>();
            lan->Attach(server, dev);
            uint32_t i = ipv4->AddInterface(dev);
            ipv4->AddAddress(i, a);
            ipv4->SetUp(i);
        }
    }
    ProbeServerHelper().Install(NodeContainer(server)).Start(Seconds(0));

    NodeContainer clients;
    clients.Create(stations);
    std::vector<Ipv4InterfaceAddress> addresses;
    for (uint32_t i = 0; i < stations; ++i)
    {
        addresses.emplace_back(StationAddress(i), "255.0.0.0");
    }
    StationHelper stationHelper;
    if (module)
    {
        StationArpHelper models;
        models.SetModel(arp);
        stationHelper.SetArpHelper(models);
    }
    stationHelper.Install(clients, lan, addresses);
    ProbeClientHelper probes({"10.0.0.1"});
    probes.SetAttribute("Interval", TimeValue(Seconds(interval)));
    ApplicationContainer apps = probes.Install(clients);
    // spread the clients' start over one interval
    for (uint32_t i = 0; i < stations; ++i)
    {
        apps.Get(i)->SetStartTime(Seconds(0.1 + interval * i / stations));
    }
    apps.Stop(Seconds(0.1 + simSeconds));
    Simulator::Stop(Seconds(0.2 + simSeconds));

    auto start = std::chrono::steady_clock::now();
    double cpu = CpuSeconds();
    Simulator::Run();
    cpu = CpuSeconds() - cpu;
    double wall = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    uint64_t events = Simulator::GetEventCount();
    uint64_t requests = 0;
    uint64_t replies = 0;
    for (uint32_t i = 0; i < stations; ++i)
    {
        Ptr<ProbeClient> client = DynamicCast<ProbeClient>(apps.Get(i));
        requests += client->GetSentCount(0);
        replies += client->GetAnsweredCount(0);
    }
    Simulator::Destroy();
    return {wall, cpu, requests, replies, events};
}

} // namespace

int
main(int argc, char* argv[])
{
    uint32_t stations = 20;
    double seconds = 20;
    double interval = 0.01;
    uint32_t repeat = 3;
    std::string arp = "rfc826";
    std::string only;
    uint32_t portsPerSwitch = 0;
    std::string lanKind = "switched";
    bool burst = false;
    bool json = false;
    CommandLine cmd(__FILE__);
    cmd.AddValue("portsPerSwitch",
                 "switched LANs: MaxPortsPerSwitch (0: one switch; N: access switches of N ports)",
                 portsPerSwitch);
    cmd.AddValue("lan", "LAN kind of both variants: shared, switched or fast", lanKind);
    cmd.AddValue("burst", "the module's OSA1 fails and is repaired every simulated second", burst);
    cmd.AddValue("json", "print one JSON object", json);
    cmd.AddValue("only", "run one variant only (plain or module), for profiling", only);
    cmd.AddValue("stations", "number of LAN stations", stations);
    cmd.AddValue("seconds", "simulated seconds of traffic", seconds);
    cmd.AddValue("interval", "request interval per station (s)", interval);
    cmd.AddValue("repeat", "runs of each variant, interleaved (the median counts)", repeat);
    cmd.AddValue("arp", "station model in the module variant: stock, rfc826, linux", arp);
    cmd.Parse(argc, argv);
    if (repeat < 1 || stations < 1 || !(seconds >= 1) || !(interval > 0))
    {
        std::cerr << "zos-takeover-bench: --repeat and --stations must be at least 1, "
                     "--seconds at least 1 and --interval positive\n";
        return 2;
    }
    if (lanKind != "shared" && lanKind != "switched" && lanKind != "fast")
    {
        std::cerr << "zos-takeover-bench: --lan: got " << lanKind
                  << " (expected shared, switched or fast)\n";
        return 2;
    }

    std::vector<double> cpu[2];
    std::vector<double> wall[2];
    Measure last[2] = {};
    for (uint32_t r = 0; r < repeat; ++r)
    {
        for (int module = 0; module < 2; ++module) // alternate to share machine noise
        {
            if ((only == "plain" && module == 1) || (only == "module" && module == 0))
            {
                continue;
            }
            Measure m = RunOnce(module == 1,
                                stations,
                                seconds,
                                interval,
                                arp,
                                lanKind,
                                portsPerSwitch,
                                burst && module == 1);
            if (m.requests == 0)
            {
                std::cerr << "zos-takeover-bench: no request was sent\n";
                return 3;
            }
            cpu[module].push_back(m.cpuSeconds / m.requests * 1e6);
            wall[module].push_back(m.seconds / m.requests * 1e6);
            last[module] = m;
        }
    }
    if (!only.empty())
    {
        return 0;
    }
    double plain = Median(cpu[0]);
    double mod = Median(cpu[1]);
    // The ratio of each interleaved pair, then their median.
    std::vector<double> ratios;
    for (size_t i = 0; i < cpu[0].size(); ++i)
    {
        ratios.push_back(cpu[1][i] / cpu[0][i]);
    }
    double ratio = Median(ratios);
    if (json)
    {
        std::cout << std::setprecision(6) << "{\"lan\": \"" << lanKind
                  << "\", \"stations\": " << stations << ", \"seconds\": " << seconds
                  << ", \"interval\": " << interval << ", \"burst\": " << (burst ? "true" : "false")
                  << ", \"repeat\": " << repeat << ", \"requests\": " << last[1].requests
                  << ", \"events_plain\": " << last[0].events
                  << ", \"events_module\": " << last[1].events
                  << ", \"cpu_us_per_request_plain\": " << plain
                  << ", \"cpu_us_per_request_module\": " << mod
                  << ", \"wall_us_per_request_plain\": " << Median(wall[0])
                  << ", \"wall_us_per_request_module\": " << Median(wall[1])
                  << ", \"ratio\": " << ratio << "}\n";
    }
    else
    {
        std::cout << std::fixed << std::setprecision(2) << "stations=" << stations
                  << " lan=" << lanKind << (burst ? " burst" : "")
                  << " requests: " << last[1].requests << " replies: plain=" << last[0].replies
                  << " module=" << last[1].replies << "; simulator events: plain=" << last[0].events
                  << " module=" << last[1].events << "\n"
                  << "plain ns-3:  " << plain << " CPU us per request (median of " << repeat
                  << ")\n"
                  << "zos-takeover: " << mod << " CPU us per request (station model " << arp
                  << ")\n"
                  << "ratio module/plain (median of interleaved pairs): " << std::setprecision(3)
                  << ratio << "\n";
    }
    return last[0].requests == last[1].requests ? 0 : 1;
}
