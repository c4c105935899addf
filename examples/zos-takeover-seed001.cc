/*
 * The seed-001 example (IBM support answer swg21243821) built in C++ with the helpers,
 * without a scenario file: one z/OS stack, four OSA ports on two LANs, VIPAs 10.1.1.1 and
 * 10.100.100.1, one RFC 826 client per LAN. OSA1 fails at 5 s; OSA2 takes over.
 *
 *   ./build/zos-takeover-seed001 [--detection=0.1] [--arp=rfc826|stock|linux]
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "ns3/core-module.h"
#include "ns3/internet-module.h"
#include "ns3/zos-takeover-module.h"

#include <iostream>

using namespace ns3;
using namespace ns3::zos;

namespace
{

void
PrintRtt(std::string client, Ipv4Address target, uint32_t seq, Time sent, Time rtt)
{
    static std::map<std::pair<std::string, Ipv4Address>, Time> last;
    Time now = Simulator::Now();
    auto key = std::make_pair(client, target);
    if (last.count(key) && now - last[key] > MilliSeconds(150))
    {
        std::cout << client << " -> " << target << ": no reply for "
                  << (now - last[key]).GetSeconds() << " s until " << now.GetSeconds() << " s\n";
    }
    last[key] = now;
}

void
PrintGratuitousArp(std::string context, uint32_t link, Ipv4Address a)
{
    // context: "/Names/TCPIPA/$ns3::zos::ZosStack/GratuitousArpTx"
    std::string name = context.substr(7, context.find('/', 7) - 7);
    Ptr<ZosStack> stack = Names::Find<Node>(name)->GetObject<ZosStack>();
    std::cout << Simulator::Now().GetSeconds() << " s: " << stack->GetLinkName(link)
              << " sends a gratuitous ARP for " << a << "\n";
}

void
PrintDevlinks(std::string heading, Ptr<ZosStack> stack)
{
    std::cout << heading << stack->GetDevlinks();
}

Ptr<Node>
MakeClient(Ptr<Lan> lan, const char* address, const StationArpHelper& arp)
{
    StationHelper stations;
    stations.SetArpHelper(arp);
    // The VIPAs are on-link for the client (as for a router next to the stack).
    stations.AddRoute("10.1.1.1", "255.255.255.255");
    stations.AddRoute("10.100.100.1", "255.255.255.255");
    Ptr<Node> node = CreateObject<Node>();
    stations.Install(node, lan, Ipv4InterfaceAddress(address, "255.255.255.0"));
    return node;
}

} // namespace

int
main(int argc, char* argv[])
{
    double detection = 0.1;
    std::string arpModel = "rfc826";
    CommandLine cmd(__FILE__);
    cmd.AddValue("detection", "port failure detection delay (s)", detection);
    cmd.AddValue("arp", "client ARP model: stock, rfc826, linux", arpModel);
    cmd.Parse(argc, argv);

    LanHelper lans;
    Ptr<Lan> lan1 = lans.Create("LAN1");
    Ptr<Lan> lan2 = lans.Create("LAN2");

    ZosStackHelper zos;
    zos.SetStackAttribute("DetectionDelay", TimeValue(Seconds(detection)));
    Ptr<ZosStack> stack = zos.Install(CreateObject<Node>(), "TCPIPA");

    struct
    {
        const char* name;
        Ptr<Lan> lan;
        const char* home;
    } links[] = {{"OSA1", lan1, "192.168.1.1"},
                 {"OSA2", lan1, "192.168.1.2"},
                 {"OSA3", lan2, "192.168.2.3"},
                 {"OSA4", lan2, "192.168.2.4"}};

    for (const auto& l : links)
    {
        zos.AddLink(stack, l.name, "MPCIPA", l.lan, Ipv4InterfaceAddress(l.home, "255.255.255.0"));
    }
    stack->AddVipa("10.1.1.1");
    stack->AddVipa("10.100.100.1");
    // OSA4 starts before OSA3, so it becomes VipaOwner of LanGroup 002, as in the seed.
    Simulator::Schedule(Seconds(0.0), &ZosStack::StartLink, stack, "OSA1");
    Simulator::Schedule(Seconds(0.1), &ZosStack::StartLink, stack, "OSA2");
    Simulator::Schedule(Seconds(0.2), &ZosStack::StartLink, stack, "OSA4");
    Simulator::Schedule(Seconds(0.3), &ZosStack::StartLink, stack, "OSA3");
    ProbeServerHelper().Install(NodeContainer(stack->GetNode())).Start(Seconds(0));

    StationArpHelper arp;
    arp.SetModel(arpModel);
    Ptr<Node> client1 = MakeClient(lan1, "192.168.1.101", arp);
    Ptr<Node> client2 = MakeClient(lan2, "192.168.2.102", arp);

    ProbeClientHelper probes1({"192.168.1.1", "10.1.1.1", "10.100.100.1"});
    ProbeClientHelper probes2({"192.168.2.3", "10.1.1.1", "10.100.100.1"});
    ApplicationContainer apps = probes1.Install(NodeContainer(client1));
    apps.Add(probes2.Install(NodeContainer(client2)));
    apps.Start(Seconds(1));
    apps.Stop(Seconds(15));
    apps.Get(0)->TraceConnectWithoutContext("Rtt",
                                            MakeBoundCallback(&PrintRtt, std::string("client1")));
    apps.Get(1)->TraceConnectWithoutContext("Rtt",
                                            MakeBoundCallback(&PrintRtt, std::string("client2")));

    Names::Add("TCPIPA", stack->GetNode());
    Config::Connect("/Names/TCPIPA/$ns3::zos::ZosStack/GratuitousArpTx",
                    MakeCallback(&PrintGratuitousArp));

    Simulator::Schedule(Seconds(4.999), &PrintDevlinks, std::string("Before OSA1 fails:\n"), stack);
    Simulator::Schedule(Seconds(5), &ZosStack::FailPort, stack, "OSA1");
    Simulator::Schedule(Seconds(6), &PrintDevlinks, std::string("After OSA1 failed:\n"), stack);
    Simulator::Stop(Seconds(16));
    Simulator::Run();
    Simulator::Destroy();
    return 0;
}
