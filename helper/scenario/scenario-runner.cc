/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "scenario-runner.h"

#include "run-state.h"
#include "scenario-attributes.h"
#include "scenario-checks.h"

#include "ns3/abort.h"
#include "ns3/application-container.h"
#include "ns3/boolean.h"
#include "ns3/data-rate.h"
#include "ns3/gratuitous-arp-loss-model.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-list-routing-helper.h"
#include "ns3/ipv4-list-routing.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4.h"
#include "ns3/kind-table.h"
#include "ns3/lan-helper.h"
#include "ns3/log.h"
#include "ns3/mac48-address.h"
#include "ns3/names.h"
#include "ns3/node-container.h"
#include "ns3/probe-client.h"
#include "ns3/probe-helper.h"
#include "ns3/probe-server.h"
#include "ns3/queue-size.h"
#include "ns3/rip-helper.h"
#include "ns3/rip.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/station-arp-helper.h"
#include "ns3/station-arp.h"
#include "ns3/station-helper.h"
#include "ns3/tcp-probe-client.h"
#include "ns3/tcp-probe-server.h"
#include "ns3/uinteger.h"
#include "ns3/warm-start-helper.h"
#include "ns3/zos-stack-helper.h"

#include <algorithm>
#include <memory>
#include <set>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("ScenarioRunner");

namespace zos
{

namespace
{

/**
 * The ns-3 run number of a scenario's (seed, run), with ns-3's RngSeed fixed to 1.
 *
 * ns-3 seeds MRG32k3a with all six state words equal to RngSeed, and positions streams and
 * substreams by linear maps of that state: the n-th draw of a stream for RngSeed s is then
 * about frac(c + s * d), so consecutive seeds give draws a constant step apart (issue 7: a
 * Linux-like station's first reachable time moved by 6.54 s per seed, not a new sample).
 * ns-3's independent replications are runs (substreams 2^76 draws apart), so the scenario's
 * seed selects a block of 2^32 runs: seed 1 and run r are RngSeed 1, RngRun r, as before.
 */
uint64_t
RngRunFor(uint32_t seed, uint32_t run)
{
    return (static_cast<uint64_t>(seed - 1) << 32) | run;
}

/** A zero address for "", else the address. */
Ipv4Address
Gateway(const std::string& gateway)
{
    return gateway.empty() ? Ipv4Address::GetZero() : Ipv4Address(gateway.c_str());
}

/// Sets the RIP metric added to routes received on an interface of a node that runs RIP
/// (InstallRip): ns-3 Rip's interface metric, OMPROUTE's In_Metric.
void
SetRipInMetric(Ptr<Node> node, uint32_t ifIndex, uint32_t metric)
{
    Ptr<Ipv4ListRouting> list =
        DynamicCast<Ipv4ListRouting>(node->GetObject<Ipv4>()->GetRoutingProtocol());
    NS_ABORT_MSG_UNLESS(list, "SetRipInMetric: node " << node->GetId() << " has no list routing");
    for (uint32_t i = 0; i < list->GetNRoutingProtocols(); ++i)
    {
        int16_t priority = 0;
        if (Ptr<Rip> rip = DynamicCast<Rip>(list->GetRoutingProtocol(i, priority)))
        {
            rip->SetInterfaceMetric(ifIndex, static_cast<uint8_t>(metric));
            return;
        }
    }
    NS_ABORT_MSG("SetRipInMetric: node " << node->GetId() << " does not run RIP");
}

} // namespace

ScenarioRunner::ScenarioRunner(const Scenario& scenario)
    : m_scenario(scenario)
{
}

void
ScenarioRunner::EnablePcap(const std::string& dir)
{
    m_pcapDir = dir;
}

const std::string&
ScenarioRunner::GetPcapError() const
{
    return m_pcapError;
}

void
ScenarioRunner::SetRowSink(RowSink* sink)
{
    m_rowSink = sink;
}

void
ScenarioRunner::SetSortSpill(const std::string& dir, size_t bufferRecords)
{
    m_spillDir = dir;
    m_sortBuffer = bufferRecords;
}

std::string
ScenarioRunner::GetOutputError() const
{
    return m_pcapError.empty() ? m_rowError : m_pcapError;
}

const RecordStats&
ScenarioRunner::GetRecordStats() const
{
    return m_recordStats;
}

void
ScenarioRunner::SetFrameObserver(std::function<void(const std::string&, Time, Ptr<const Packet>)> f)
{
    m_frameObserver = std::move(f);
}

void
ScenarioRunner::SetBuildObserver(std::function<void(ScenarioRunner&)> f)
{
    m_buildObserver = std::move(f);
}

Ptr<ZosStack>
ScenarioRunner::GetStack(const std::string& name) const
{
    auto it = m_stacks.find(name);
    return it == m_stacks.end() ? nullptr : it->second;
}

Ptr<Node>
ScenarioRunner::GetStation(const std::string& name) const
{
    auto it = m_stations.find(name);
    return it == m_stations.end() ? nullptr : it->second;
}

std::vector<std::string>
ScenarioRunner::CheckRoutingRule(const Scenario& scenario)
{
    return zos::CheckRoutingRule(scenario);
}

std::vector<std::string>
ScenarioRunner::CheckStationRoutes(const Scenario& scenario)
{
    return zos::CheckStationRoutes(scenario);
}

std::vector<std::string>
ScenarioRunner::CheckSubnetsAcrossLans(const Scenario& scenario)
{
    return zos::CheckSubnetsAcrossLans(scenario);
}

std::vector<std::string>
ScenarioRunner::Check(const Scenario& scenario)
{
    return CheckScenario(scenario);
}

RunResult
ScenarioRunner::Run()
{
    NS_LOG_FUNCTION(this);
    RunResult result;
    result.scenario = m_scenario;
    result.warnings = Check(m_scenario);
    m_rowError.clear();
    m_recordStats = RecordStats();
    RunState s(result, *this);
    Build(s);
    Simulate(s);
    Collect(s);
    m_stacks.clear();
    m_stations.clear();
    Simulator::Destroy();
    Names::Clear();
    return result;
}

// ---- build

void
ScenarioRunner::Build(RunState& s)
{
    // Nothing a previous run in this process left behind may change this one: MAC
    // addresses restart (Simulator::Destroy also does it), every random variable gets a
    // fixed stream (ns-3's automatic stream counter never restarts), and the generator
    // state comes from (seed, run) only.
    Mac48Address::ResetAllocationIndex();
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(RngRunFor(m_scenario.seed, m_scenario.run));
    BuildLans(s);
    BuildPorts(s);
    for (const auto& spec : m_scenario.stacks)
    {
        BuildStack(s, spec);
    }
    FillAddressTables(s);
    for (const auto& spec : AllStations(m_scenario))
    {
        BuildStation(s, spec);
    }
    for (const auto& spec : m_scenario.routers)
    {
        BuildRouter(s, spec);
    }
    AssignRemainingStreams(s);
    ApplyStartJitter(s);
    ScheduleWarmStart(s);
    ScheduleEvents(s);
    ScheduleDevlinks(s);
    SetUpOutageMonitor(s);
    if (m_buildObserver)
    {
        m_buildObserver(*this);
    }
}

void
ScenarioRunner::BuildLans(RunState& s)
{
    m_pcapError.clear();
    for (const auto& spec : m_scenario.lans)
    {
        LanHelper helper;
        const TypeId lanType = KindTable::LookupLan(spec.kind);
        helper.SetLanType(lanType.GetName(),
                          "DataRate",
                          DataRateValue(DataRate(spec.dataRate)),
                          "Delay",
                          TimeValue(MicroSeconds(spec.delayUs)));
        TypeId::AttributeInformation info;
        if (lanType.LookupAttributeByName("MaxPortsPerSwitch", &info))
        {
            helper.SetLanAttribute("MaxPortsPerSwitch", UintegerValue(spec.maxPortsPerSwitch));
        }
        if (spec.queueSize)
        {
            helper.SetLanAttribute(
                "QueueSize",
                QueueSizeValue(QueueSize(QueueSizeUnit::PACKETS, *spec.queueSize)));
        }
        Ptr<Lan> lan = helper.Create(spec.name);
        s.lans[spec.name] = lan;
        s.lanList.push_back(lan);
        if (!m_pcapDir.empty() || m_frameObserver)
        {
            lan->EnableCapture();
        }
        if (!m_pcapDir.empty())
        {
            std::string name = spec.name + ".pcap";
            s.pcaps.push_back(
                std::make_unique<PcapCapture>(m_pcapDir + "/" + name, name, &m_pcapError));
            lan->TraceConnect("Frame",
                              spec.name,
                              MakeCallback(&PcapCapture::Frame, s.pcaps.back().get()));
        }
        lan->TraceConnect("Frame", spec.name, MakeCallback(&RunRecorder::Frame, &s.recorder));
    }
}

void
ScenarioRunner::BuildPorts(RunState& s)
{
    for (const auto& spec : m_scenario.ports)
    {
        Ptr<OsaPort> port = CreateObject<OsaPort>();
        port->SetName(spec.name);
        port->TraceConnect("OatDrop", spec.name, MakeCallback(&RunRecorder::OatDrop, &s.recorder));
        s.ports[spec.name] = port;
    }
}

void
ScenarioRunner::FillAddressTables(RunState& s)
{
    for (const auto& spec : m_scenario.ports)
    {
        for (const auto& entry : spec.oat)
        {
            OsaPort::Mode mode = entry.mode == "PRIMARY"     ? OsaPort::Mode::Primary
                                 : entry.mode == "SECONDARY" ? OsaPort::Mode::Secondary
                                                             : OsaPort::Mode::Normal;
            bool added = s.ports.at(spec.name)->AddEntry(Ipv4Address(entry.address.c_str()),
                                                         entry.stack,
                                                         mode);
            NS_ABORT_MSG_UNLESS(added, "OAT entry refused (the loader checks these)");
        }
    }
}

void
ScenarioRunner::BuildStack(RunState& s, const StackSpec& spec)
{
    ZosStackHelper helper;
    const SettingTarget stackTarget = GetSettingTargets("stack").at(0);
    ApplySettings(spec.settings,
                  stackTarget,
                  ZosStack::GetTypeId(),
                  [&helper](const std::string& name, const AttributeValue& value) {
                      helper.SetStackAttribute(name, value);
                  });
    // Per-receiver loss of gratuitous ARPs: each station draws for itself (the stations
    // are built after every stack).
    s.receiverLoss =
        s.receiverLoss || (spec.settings.String("gratuitousArpLossScope") == "receiver" &&
                           spec.settings.Number("gratuitousArpLoss") > 0);
    helper.SetStackAttribute("IpForwarding", BooleanValue(spec.ipForwarding));
    Ptr<Node> node = CreateObject<Node>();
    Names::Add(spec.name, node);
    if (spec.rip)
    {
        InstallRip(s, node);
        // RIP must reach the stack's HOME address of an inactive link (seed 003 item 5).
        const RipSpec rip = m_scenario.rip.value_or(RipSpec{});
        helper.SetStackAttribute("AdvertiseInactiveHome", BooleanValue(rip.advertiseInactiveHome));
    }
    Ptr<ZosStack> stack = helper.Install(node, spec.name);
    s.ipNodes.Add(node);
    s.stream += stack->AssignStreams(s.stream);
    m_stacks[spec.name] = stack;
    for (const auto& link : spec.links)
    {
        if (!link.port.empty())
        {
            helper.AddSharedLink(stack,
                                 link.name,
                                 s.ports.at(link.port),
                                 s.lans.at(link.lan),
                                 ScenarioPrefix(link.address));
            continue;
        }
        helper.AddLink(stack,
                       link.name,
                       link.kind,
                       s.lans.at(link.lan),
                       ScenarioPrefix(link.address));
    }
    for (const auto& link : spec.links)
    {
        if (link.ripInMetric)
        {
            SetRipInMetric(node,
                           stack->GetLinkInterface(stack->FindLink(link.name)),
                           *link.ripInMetric);
        }
    }
    for (const auto& route : spec.routes)
    {
        Ipv4InterfaceAddress dest = ScenarioPrefix(route.destination);
        stack->AddRoute(route.link, dest.GetLocal(), dest.GetMask(), Gateway(route.gateway));
    }
    for (const auto& vipa : spec.vipas)
    {
        stack->AddVipa(Ipv4Address(vipa.c_str()));
    }
    for (const auto& link : spec.links)
    {
        Simulator::Schedule(Seconds(link.activateAt), &ZosStack::StartLink, stack, link.name);
    }
    ApplicationContainer apps = ProbeServerHelper().Install(NodeContainer(node));
    apps.Start(Seconds(0));
    s.servers[spec.name] = DynamicCast<ProbeServer>(apps.Get(0));
    // A TCP responder on each port TCP probes use (none without TCP probes).
    std::set<uint16_t> tcpPorts;
    // A group's stations share its probe: no need to expand the groups here (once per stack).
    std::vector<const std::optional<ProbeSpec>*> probes;
    for (const auto& station : m_scenario.stations)
    {
        probes.push_back(&station.probe);
    }
    for (const auto& group : m_scenario.stationGroups)
    {
        probes.push_back(&group.probe);
    }
    for (const auto* probe : probes)
    {
        if (*probe && (*probe)->transport == "tcp")
        {
            tcpPorts.insert((*probe)->port);
        }
    }
    for (uint16_t port : tcpPorts)
    {
        ProbeServerHelper tcpServer;
        tcpServer.SetTypeId(TcpProbeServer::GetTypeId());
        tcpServer.SetAttribute("Port", UintegerValue(port));
        tcpServer.Install(NodeContainer(node)).Start(Seconds(0));
    }
    s.recorder.ConnectStack(spec.name);
}

void
ScenarioRunner::BuildStation(RunState& s, const StationSpec& spec)
{
    Ptr<Node> node = CreateObject<Node>();
    Names::Add(spec.name, node);
    m_stations[spec.name] = node;
    StationArpHelper arpHelper;
    arpHelper.SetModel(spec.arp);
    StationHelper stations;
    for (const SettingTarget& target : GetSettingTargets("station"))
    {
        // The ARP model's own settings (a model that lacks one skips it), or the ArpCache's.
        const bool model = target.owner.empty();
        ApplySettings(spec.settings,
                      target,
                      model ? KindTable::LookupStationModel(spec.arp) : target.types.at(0),
                      [&](const std::string& name, const AttributeValue& value) {
                          if (model)
                          {
                              arpHelper.SetAttribute(name, value);
                          }
                          else
                          {
                              stations.SetArpCacheAttribute(name, value);
                          }
                      });
    }
    stations.SetArpHelper(arpHelper);
    for (const auto& route : spec.routes)
    {
        Ipv4InterfaceAddress dest = ScenarioPrefix(route.destination);
        stations.AddRoute(dest.GetLocal(), dest.GetMask(), Gateway(route.gateway));
    }
    if (s.receiverLoss)
    {
        stations.SetReceiveErrorModel("ns3::zos::GratuitousArpLossModel");
    }
    s.ipNodes.Add(node);
    Ptr<NetDevice> device =
        stations.Install(node, s.lans.at(spec.lan), ScenarioPrefix(spec.address)).Get(0);
    Ptr<GratuitousArpLossModel> loss;
    if (s.receiverLoss)
    {
        loss = DynamicCast<GratuitousArpLossModel>(StationHelper::GetReceiveErrorModel(device));
        s.lossModels.push_back(loss);
    }
    Ptr<StationArp> model = node->GetObject<StationArp>();
    NS_ASSERT_MSG(model, "station " << spec.name << " has no station ARP model");
    s.stream += model->AssignStreams(s.stream);
    s.recorder.ConnectStation(spec.name, model, loss);
    if (spec.probe)
    {
        InstallProbe(s, spec, node);
    }
}

void
ScenarioRunner::InstallProbe(RunState& s, const StationSpec& spec, Ptr<Node> node)
{
    std::vector<Ipv4Address> targets;
    for (const auto& t : spec.probe->targets)
    {
        targets.emplace_back(t.c_str());
    }
    ProbeClientHelper probeHelper(targets);
    if (spec.probe->transport == "tcp")
    {
        probeHelper.SetTypeId(TcpProbeClient::GetTypeId());
    }
    probeHelper.SetAttribute("Interval", TimeValue(Seconds(spec.probe->interval)));
    probeHelper.SetAttribute("RemotePort", UintegerValue(spec.probe->port));
    ApplicationContainer apps = probeHelper.Install(NodeContainer(node));
    Time stop = spec.probe->stop < 0 ? s.end : std::min(s.end, Seconds(spec.probe->stop));
    apps.Start(Seconds(spec.probe->start));
    apps.Stop(stop);
    const double jitter = spec.probe->startJitter.value_or(0);
    s.clients.push_back({spec.name,
                         spec.arp,
                         DynamicCast<ProbeClient>(apps.Get(0)),
                         stop,
                         spec.lan,
                         Seconds(spec.probe->start),
                         jitter});
    if (jitter > 0 && !s.startJitter)
    {
        s.startJitter = CreateObject<UniformRandomVariable>();
    }
    if (Ptr<TcpProbeClient> tcp = DynamicCast<TcpProbeClient>(apps.Get(0)))
    {
        s.recorder.ConnectTcpClient(spec.name, tcp);
    }
}

void
ScenarioRunner::InstallRip(RunState& s, Ptr<Node> node)
{
    const RipSpec rip = m_scenario.rip.value_or(RipSpec{});
    RipHelper ripHelper;
    ripHelper.Set("UnsolicitedRoutingUpdate", TimeValue(Seconds(rip.updateInterval)));
    ripHelper.Set("StartupDelay", TimeValue(Seconds(rip.startupDelay)));
    ripHelper.Set("TimeoutDelay", TimeValue(Seconds(rip.timeoutDelay)));
    ripHelper.Set("GarbageCollectionDelay", TimeValue(Seconds(rip.garbageCollectionDelay)));
    // RIP's routes first; the static ones (connected subnets, the scenario's routes) are the
    // fallback when RIP has none.
    Ipv4ListRoutingHelper list;
    list.Add(Ipv4StaticRoutingHelper(), 0);
    list.Add(ripHelper, 10);
    InternetStackHelper internet;
    internet.SetRoutingHelper(list);
    internet.Install(node);
    s.ripNodes.Add(node);
}

void
ScenarioRunner::BuildRouter(RunState& s, const RouterSpec& spec)
{
    Ptr<Node> node = CreateObject<Node>();
    Names::Add(spec.name, node);
    if (spec.rip)
    {
        InstallRip(s, node);
    }
    else
    {
        InternetStackHelper().Install(node);
    }
    s.ipNodes.Add(node);
    Ptr<Ipv4> ipv4 = node->GetObject<Ipv4>();
    for (const auto& itf : spec.interfaces)
    {
        Ptr<NetDevice> device = LanHelper().Install(node, s.lans.at(itf.lan)).Get(0);
        uint32_t ifIndex = ipv4->AddInterface(device);
        ipv4->AddAddress(ifIndex, ScenarioPrefix(itf.address));
        ipv4->SetForwarding(ifIndex, true);
        ipv4->SetUp(ifIndex);
        if (itf.ripInMetric)
        {
            SetRipInMetric(node, ifIndex, *itf.ripInMetric);
        }
        s.routerInterfaces[itf.lan].push_back({spec.name, ipv4, ifIndex});
    }
}

void
ScenarioRunner::AssignRemainingStreams(RunState& s)
{
    // The remaining random variables: CSMA backoff, ARP request jitter and the other
    // internet-stack variables (after the stacks' and stations' own, which keep theirs).
    s.stream += LanHelper().AssignStreams(s.lanList, s.stream);
    s.stream += InternetStackHelper().AssignStreams(s.ipNodes, s.stream);
    for (const auto& loss : s.lossModels)
    {
        s.stream += loss->AssignStreams(s.stream);
    }
    if (s.ripNodes.GetN() > 0)
    {
        s.stream += RipHelper().AssignStreams(s.ripNodes, s.stream);
    }
    if (s.startJitter)
    {
        // Last, and only when used: scenarios without it keep every other stream.
        s.startJitter->SetStream(s.stream++);
    }
}

void
ScenarioRunner::ApplyStartJitter(RunState& s)
{
    // Each client with a jitter starts at a random offset in [0, jitter) after its start
    // (drawn in scenario order), but not after it stops.
    for (auto& c : s.clients)
    {
        if (c.jitter > 0)
        {
            c.start = std::min(c.start + Seconds(s.startJitter->GetValue(0, c.jitter)), c.stop);
            c.client->SetStartTime(c.start);
        }
    }
}

void
ScenarioRunner::ScheduleWarmStart(RunState& s)
{
    if (!m_scenario.warmStart.value_or(false))
    {
        return; // nothing scheduled: runs without it are as before
    }
    // When the first client sends: the links have started by then in the usual scenario,
    // and their LanGroups have settled; what is not owned yet stays cold. Scheduled now, it
    // runs before the clients' starts at the same time (scheduled when the nodes initialize).
    Time at = Time::Max();
    for (const auto& c : s.clients)
    {
        at = std::min(at, c.start);
    }
    if (s.clients.empty())
    {
        at = Time(0);
        for (const auto& stack : m_scenario.stacks)
        {
            for (const auto& link : stack.links)
            {
                at = std::max(at, Seconds(link.activateAt));
            }
        }
    }
    WarmStartHelper().ApplyAt(at, s.lanList);
}

} // namespace zos
} // namespace ns3
