/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "scenario-runner.h"

#include "lan/lan-helper.h"
#include "probe-helper.h"
#include "station-arp-helper.h"
#include "zos-stack-helper.h"

#include "ns3/application-container.h"
#include "ns3/arp-cache.h"
#include "ns3/assert.h"
#include "ns3/boolean.h"
#include "ns3/csma-net-device.h"
#include "ns3/data-rate.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/gratuitous-arp-loss-model.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4-interface.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/lan.h"
#include "ns3/mac48-address.h"
#include "ns3/names.h"
#include "ns3/node-container.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/pcap-file-wrapper.h"
#include "ns3/probe-client.h"
#include "ns3/probe-server.h"
#include "ns3/rng-seed-manager.h"
#include "ns3/simulator.h"
#include "ns3/station-arp.h"
#include "ns3/trace-helper.h"
#include "ns3/uinteger.h"
#include "ns3/zos-stack.h"

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <iomanip>
#include <memory>
#include <set>
#include <sstream>

namespace ns3
{
namespace zos
{

namespace
{

/** "a.b.c.d/len" -> interface address. */
Ipv4InterfaceAddress
ParsePrefixed(const std::string& text)
{
    auto slash = text.find('/');
    std::string ip = text.substr(0, slash);
    std::string len = slash == std::string::npos ? "32" : text.substr(slash + 1);
    return Ipv4InterfaceAddress(Ipv4Address(ip.c_str()), Ipv4Mask(("/" + len).c_str()));
}

std::string
Str(Ipv4Address a)
{
    std::ostringstream os;
    os << a;
    return os.str();
}

std::string
MacStr(const Address& a)
{
    if (a.IsInvalid())
    {
        return "none";
    }
    std::ostringstream os;
    os << Mac48Address::ConvertFrom(a);
    return os.str();
}

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

/** A port failure or repair is noticed only after the stack's detection delay. */
bool
IsPortEvent(const std::string& type)
{
    return type == "portFailure" || type == "portRepair";
}

/** The "vipaAdd" event: the stack adds the VIPA and its probe server answers on it. */
void
VipaAdd(Ptr<ZosStack> stack, Ptr<ProbeServer> server, Ipv4Address vipa)
{
    stack->AddVipa(vipa);
    server->AddAddress(vipa);
}

/**
 * Fills a RunResult from the trace sources and the scheduled DEVLINKS displays during a run.
 * Member functions rather than lambdas: ns-3 <= 3.36 cannot make a Callback from a lambda
 * (nor, <= 3.35, schedule one).
 */
class RunRecorder
{
  public:
    using FrameObserver = std::function<void(const std::string&, Time, Ptr<const Packet>)>;

    RunRecorder(RunResult& result,
                const FrameObserver& frameObserver,
                const std::map<std::string, Ptr<ZosStack>>& stacks)
        : m_result(result),
          m_frameObserver(frameObserver),
          m_stacks(stacks)
    {
    }

    /** Lan "Frame", connected with the LAN name as context. */
    void Frame(std::string lan, Ptr<const Packet> frame)
    {
        ++m_result.framesOnLans;
        if (m_frameObserver)
        {
            m_frameObserver(lan, Simulator::Now(), frame);
        }
    }

    /** ZosStack "PortState". */
    void PortState(const std::string& s, const std::string& l, bool up)
    {
        Record(s + "/" + l, up ? "port-repair" : "port-failure", "", "");
    }

    /** ZosStack "LinkState". */
    void LinkState(const std::string& s,
                   const std::string& l,
                   bool active,
                   const std::string& cause)
    {
        Record(s + "/" + l, active ? "link-active" : "link-inactive", "", cause);
    }

    /** ZosStack "OwnershipChange". */
    void OwnershipChange(const std::string& s,
                         Ipv4Address a,
                         const std::string& from,
                         const std::string& to,
                         const std::string& what)
    {
        Record(s + "/" + to,
               "ownership-change",
               Str(a),
               what + " from " + (from.empty() ? "-" : from) + " to " + (to.empty() ? "-" : to));
    }

    /** ZosStack "GratuitousArpTx". */
    void GratuitousArpTx(const std::string& s, const std::string& l, Ipv4Address a)
    {
        ++m_result.gratuitousArpSent;
        Record(s + "/" + l, "gratuitous-arp", Str(a), "sent");
    }

    /** ZosStack "EventIgnored": a warning and a timeline row. */
    void EventIgnored(const std::string& s,
                      const std::string& l,
                      const std::string& what,
                      const std::string& why)
    {
        std::string subject = s + (l.empty() ? "" : "/" + l);
        std::ostringstream os;
        os << "at " << std::fixed << std::setprecision(3) << Simulator::Now().GetSeconds()
           << " s: " << what << " " << subject << " changed nothing: " << why;
        m_result.warnings.push_back(os.str());
        Record(subject, "event-ignored", "", what + ": " + why);
        m_ignored.insert(IgnoredKey(Simulator::Now(), what.substr(0, what.find(' ')), subject));
    }

    /** The key of an ignored operation: time, operation, subject. */
    static std::string IgnoredKey(Time at, const std::string& what, const std::string& subject)
    {
        std::ostringstream key; // the format EventReaches uses for activations
        key << at.GetTimeStep() << " " << what << " " << subject;
        return key.str();
    }

    /** \return how many times this operation was reported by EventIgnored. */
    size_t TimesIgnored(const std::string& key) const
    {
        return m_ignored.count(key);
    }

    /** ZosStack "GratuitousArpTxFailed". */
    void GratuitousArpTxFailed(const std::string& s, const std::string& l, Ipv4Address a)
    {
        ++m_result.gratuitousArpSendFailed;
        Record(s + "/" + l,
               "gratuitous-arp-send-failed",
               Str(a),
               "port failed, not yet detected: nothing sent");
    }

    /** ZosStack "GratuitousArpLost" (loss scope frame). */
    void GratuitousArpLost(const std::string& s, const std::string& l, Ipv4Address a)
    {
        ++m_result.gratuitousArpLost;
        Record(s + "/" + l, "gratuitous-arp-lost", Str(a), "lost before reaching the LAN");
    }

    /** GratuitousArpLossModel "Drop" (loss scope receiver), with the station as context. */
    void GratuitousArpMissed(std::string station, Ipv4Address a)
    {
        ++m_result.gratuitousArpMissed;
        Record(station, "gratuitous-arp-lost", Str(a), "missed by this station");
    }

    /** ZosStack "ArpReplyTx". */
    void ArpReplyTx(const std::string& s, const std::string& l, Ipv4Address a)
    {
        Record(s + "/" + l, "arp-reply", Str(a), "");
    }

    /** StationArp "CacheUpdated", connected with the station name as context. */
    void CacheUpdated(std::string station,
                      uint32_t,
                      Ipv4Address neighbour,
                      const Address& before,
                      const Address& after,
                      const std::string& cause)
    {
        Record(station,
               "station-cache-updated",
               Str(neighbour),
               MacStr(before) + " -> " + MacStr(after) + " (" + cause + ")");
    }

    /** A DEVLINKS display of every stack. */
    void Snapshot(const std::string& label)
    {
        for (const auto& [name, stack] : m_stacks)
        {
            m_result.devlinks.push_back({Simulator::Now(), label, name, stack->GetDevlinks()});
        }
    }

  private:
    void Record(const std::string& node,
                const std::string& event,
                const std::string& address,
                const std::string& detail)
    {
        m_result.timeline.push_back({Simulator::Now(), node, event, address, detail});
    }

    RunResult& m_result;
    std::multiset<std::string> m_ignored; //!< IgnoredKey of each EventIgnored
    const FrameObserver& m_frameObserver;
    const std::map<std::string, Ptr<ZosStack>>& m_stacks;
};

/**
 * One LAN's pcap file, written from the Lan "Frame" trace as Lan::EnablePcap would (same
 * records), but every write checked: the first failure stops capture and the run, and is
 * kept for ScenarioRunner::GetPcapError (a failed stream would trip ns-3's PcapFile asserts).
 */
struct PcapCapture
{
    std::string name;
    Ptr<PcapFileWrapper> file;
    std::string* error;
    bool failed = false;

    /** After an operation that started with errno = 0. */
    void Check()
    {
        if (!failed && file->Fail())
        {
            failed = true;
            if (error->empty())
            {
                *error = name + ": " + (errno != 0 ? std::strerror(errno) : "write failed");
            }
            Simulator::Stop();
        }
    }

    void Frame(std::string lan, Ptr<const Packet> frame)
    {
        if (!failed)
        {
            errno = 0;
            file->Write(Simulator::Now(), frame);
            Check();
        }
    }

    void Close()
    {
        errno = 0;
        file->Close();
        Check();
    }
};

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
    // Seed 000: "there needs to be a default route and routes to destinations not directly
    // attached to the LAN over each interface". A route over one link must exist over every
    // other link of the stack on the same LAN, or it is lost when that link is taken over.
    std::vector<std::string> warnings;
    for (const auto& stack : scenario.stacks)
    {
        for (const auto& route : stack.routes)
        {
            const LinkSpec* over = nullptr;
            for (const auto& l : stack.links)
            {
                if (l.name == route.link)
                {
                    over = &l;
                }
            }
            if (over == nullptr)
            {
                continue;
            }
            for (const auto& other : stack.links)
            {
                if (other.name == over->name || other.lan != over->lan)
                {
                    continue;
                }
                bool found = false;
                for (const auto& r : stack.routes)
                {
                    found = found || (r.link == other.name && r.destination == route.destination);
                }
                if (!found)
                {
                    warnings.push_back("stack '" + stack.name + "': route to " + route.destination +
                                       " is defined over " + over->name + " but not over " +
                                       other.name + " (same LAN " + over->lan +
                                       "); after a takeover of " + over->name +
                                       " outbound traffic to it is lost (seed 000 static "
                                       "routing rule)");
                }
            }
        }
    }
    return warnings;
}

namespace
{

/** What an event may change, for the outage windows (doc: "Which events touch which targets"). */
struct EventReach
{
    std::vector<Ipv4Address> addresses; //!< the addresses it may make (un)reachable
    std::string lan;                    //!< only for clients on this LAN ("" for every LAN)
    bool ignored = false;               //!< it changes nothing (ZosStack EventIgnored)
    /** Scheduled link activations (activateAt) just before it that change nothing: a link
     * started by an earlier linkStart event, or on a failed stack (they report EventIgnored
     * too). */
    std::vector<std::string> ignoredActivations;
};

/**
 * For each event (in `events` order, sorted by time): the addresses it touches and for
 * which clients, and whether it changes nothing.
 *  - an event on a link (port failure or repair, link stop or start) of LAN X changes which
 *    link of the stack answers on LAN X: it touches the HOME addresses of the stack's links
 *    on LAN X and the stack's VIPAs, for clients on LAN X (a station reaches the stack only
 *    through its own LAN);
 *  - a stack failure touches every address of the stack, for every client;
 *  - a vipaAdd touches the VIPA it adds, for every client;
 *  - an event that changes nothing touches nothing. Which events change nothing is replayed
 *    here from the scenario with ZosStack's rules (a start of a started link or on a failed
 *    stack, a repair of a healthy port, ...); the run checks the replay against the
 *    EventIgnored trace.
 */
std::vector<EventReach>
EventReaches(const Scenario& sc, const std::vector<EventSpec>& events)
{
    struct LinkState
    {
        std::string lan;
        Ipv4Address home;
        double activateAt;
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
            st.links[l.name] = {l.lan, ParsePrefixed(l.address).GetLocal(), l.activateAt};
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
            for (const auto& name : st.order)
            {
                if (st.links.at(name).lan == l.lan)
                {
                    r.addresses.push_back(st.links.at(name).home);
                }
            }
            r.addresses.insert(r.addresses.end(), st.vipaList.begin(), st.vipaList.end());
        }
        out.push_back(r);
    }
    return out;
}

} // namespace

namespace
{

/** The network of an "a.b.c.d/len" address. */
Ipv4InterfaceAddress
Network(const std::string& prefixed)
{
    Ipv4InterfaceAddress a = ParsePrefixed(prefixed);
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

std::vector<std::string>
ScenarioRunner::CheckStationRoutes(const Scenario& scenario)
{
    // A station sends to a target only if the target is on its subnet or behind one of its
    // routes; otherwise ns-3 drops every probe before it reaches the LAN.
    std::vector<std::string> warnings;
    for (const auto& st : scenario.stations)
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
                warnings.push_back("station '" + st.name + "' probes " + target +
                                   " but has no route to it (not in its subnet " + PrefixStr(own) +
                                   ", no route covers it): every probe to it is dropped by "
                                   "the station and its outage rows are not measured");
            }
        }
    }
    return warnings;
}

std::vector<std::string>
ScenarioRunner::CheckSubnetsAcrossLans(const Scenario& scenario)
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
ScenarioRunner::Check(const Scenario& scenario)
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
    return warnings;
}

RunResult
ScenarioRunner::Run()
{
    RunResult result;
    result.scenario = m_scenario;
    result.warnings = Check(m_scenario);
    const Scenario& sc = m_scenario;

    // Nothing a previous run in this process left behind may change this one: MAC
    // addresses restart (Simulator::Destroy also does it), every random variable gets a
    // fixed stream below (ns-3's automatic stream counter never restarts), and the
    // generator state comes from (seed, run) only.
    Mac48Address::ResetAllocationIndex();
    RngSeedManager::SetSeed(1);
    RngSeedManager::SetRun(RngRunFor(sc.seed, sc.run));
    int64_t stream = 1000;
    RunRecorder recorder(result, m_frameObserver, m_stacks);

    // ---- LANs
    std::map<std::string, Ptr<Lan>> lans;
    std::vector<std::unique_ptr<PcapCapture>> pcaps;
    m_pcapError.clear();
    for (const auto& spec : sc.lans)
    {
        LanHelper helper;
        std::string lanType = LanHelper::TypeNameOf(spec.kind); // LAN kind -> TypeId
        helper.SetLanType(lanType,
                          "DataRate",
                          DataRateValue(DataRate(spec.dataRate)),
                          "Delay",
                          TimeValue(MicroSeconds(spec.delayUs)));
        TypeId::AttributeInformation info;
        if (TypeId::LookupByName(lanType).LookupAttributeByName("MaxPortsPerSwitch", &info))
        {
            helper.SetLanAttribute("MaxPortsPerSwitch", UintegerValue(spec.maxPortsPerSwitch));
        }
        Ptr<Lan> lan = helper.Create(spec.name);
        lans[spec.name] = lan;
        if (!m_pcapDir.empty() || m_frameObserver)
        {
            lan->EnableCapture();
        }
        if (!m_pcapDir.empty())
        {
            auto capture = std::make_unique<PcapCapture>();
            capture->name = spec.name + ".pcap";
            capture->error = &m_pcapError;
            capture->file = CreateObject<PcapFileWrapper>();
            errno = 0;
            capture->file->Open(m_pcapDir + "/" + capture->name, std::ios::out | std::ios::binary);
            capture->file->Init(PcapHelper::DLT_EN10MB);
            capture->Check();
            lan->TraceConnect("Frame", spec.name, MakeCallback(&PcapCapture::Frame, capture.get()));
            pcaps.push_back(std::move(capture));
        }
        lan->TraceConnect("Frame", spec.name, MakeCallback(&RunRecorder::Frame, &recorder));
    }

    // ---- z/OS stacks
    std::map<std::string, Ptr<ProbeServer>> servers;
    NodeContainer ipNodes; // stacks and stations, in scenario order (for their streams)
    for (const auto& spec : sc.stacks)
    {
        ZosStackHelper helper;
        helper.SetStackAttribute("DetectionDelay", TimeValue(Seconds(spec.detectionDelay)));
        helper.SetStackAttribute("LanGroupLearningTime", TimeValue(Seconds(spec.learningTime)));
        helper.SetStackAttribute("GratuitousArpCount", UintegerValue(spec.gratuitousArpCount));
        helper.SetStackAttribute("GratuitousArpInterval",
                                 TimeValue(Seconds(spec.gratuitousArpInterval)));
        helper.SetStackAttribute("GratuitousArpLossProbability",
                                 DoubleValue(spec.gratuitousArpLoss));
        helper.SetStackAttribute("GratuitousArpLossScope",
                                 EnumValue(spec.gratuitousArpLossScope == "receiver"
                                               ? ZosStack::LOSS_RECEIVER
                                               : ZosStack::LOSS_FRAME));
        helper.SetStackAttribute("Pq23444", BooleanValue(spec.fixes.pq23444));
        helper.SetStackAttribute("Pq26689", BooleanValue(spec.fixes.pq26689));
        helper.SetStackAttribute("VipaGiveBack", BooleanValue(spec.vipaGiveBack));
        helper.SetStackAttribute(
            "BackupPolicy",
            EnumValue(static_cast<int>(spec.backupPolicy == "LowestName"
                                           ? ArpOwnership::BackupPolicy::LowestName
                                           : ArpOwnership::BackupPolicy::LongestActive)));
        helper.SetStackAttribute(
            "VipaOwnerPolicy",
            EnumValue(static_cast<int>(spec.vipaOwnerPolicy == "LowestName"
                                           ? ArpOwnership::VipaOwnerPolicy::LowestName
                                           : ArpOwnership::VipaOwnerPolicy::FirstActive)));
        Ptr<Node> node = CreateObject<Node>();
        Names::Add(spec.name, node);
        Ptr<ZosStack> stack = helper.Install(node, spec.name);
        ipNodes.Add(node);
        stream += stack->AssignStreams(stream);
        m_stacks[spec.name] = stack;
        for (const auto& link : spec.links)
        {
            helper.AddLink(stack,
                           link.name,
                           link.kind,
                           lans.at(link.lan),
                           ParsePrefixed(link.address));
        }
        for (const auto& route : spec.routes)
        {
            Ipv4InterfaceAddress dest = ParsePrefixed(route.destination);
            stack->AddRoute(route.link,
                            dest.GetLocal(),
                            dest.GetMask(),
                            route.gateway.empty() ? Ipv4Address::GetZero()
                                                  : Ipv4Address(route.gateway.c_str()));
        }
        for (const auto& vipa : spec.vipas)
        {
            stack->AddVipa(Ipv4Address(vipa.c_str()));
        }
        for (const auto& link : spec.links)
        {
            Simulator::Schedule(Seconds(link.activateAt), &ZosStack::StartLink, stack, link.name);
        }
        ProbeServerHelper serverHelper;
        ApplicationContainer apps = serverHelper.Install(NodeContainer(node));
        apps.Start(Seconds(0));
        servers[spec.name] = DynamicCast<ProbeServer>(apps.Get(0));

        stack->TraceConnectWithoutContext("PortState",
                                          MakeCallback(&RunRecorder::PortState, &recorder));
        stack->TraceConnectWithoutContext("LinkState",
                                          MakeCallback(&RunRecorder::LinkState, &recorder));
        stack->TraceConnectWithoutContext("OwnershipChange",
                                          MakeCallback(&RunRecorder::OwnershipChange, &recorder));
        stack->TraceConnectWithoutContext("GratuitousArpTx",
                                          MakeCallback(&RunRecorder::GratuitousArpTx, &recorder));
        stack->TraceConnectWithoutContext("EventIgnored",
                                          MakeCallback(&RunRecorder::EventIgnored, &recorder));
        stack->TraceConnectWithoutContext(
            "GratuitousArpTxFailed",
            MakeCallback(&RunRecorder::GratuitousArpTxFailed, &recorder));
        stack->TraceConnectWithoutContext("GratuitousArpLost",
                                          MakeCallback(&RunRecorder::GratuitousArpLost, &recorder));
        stack->TraceConnectWithoutContext("ArpReplyTx",
                                          MakeCallback(&RunRecorder::ArpReplyTx, &recorder));
    }

    // ---- stations
    struct ClientInfo
    {
        std::string name;
        std::string arp;
        Ptr<ProbeClient> client;
        Time stop;
    };

    std::vector<ClientInfo> clients;
    Time end = Seconds(sc.duration);
    // Per-receiver loss of gratuitous ARPs: each station draws for itself.
    bool receiverLoss = false;
    for (const auto& spec : sc.stacks)
    {
        receiverLoss = receiverLoss ||
                       (spec.gratuitousArpLossScope == "receiver" && spec.gratuitousArpLoss > 0);
    }
    std::vector<Ptr<GratuitousArpLossModel>> lossModels;
    for (const auto& spec : sc.stations)
    {
        Ptr<Node> node = CreateObject<Node>();
        Names::Add(spec.name, node);
        m_stations[spec.name] = node;
        InternetStackHelper internet;
        internet.Install(node);
        ipNodes.Add(node);
        LanHelper lanHelper;
        Ptr<NetDevice> device = lanHelper.Install(NodeContainer(node), lans.at(spec.lan)).Get(0);
        if (receiverLoss)
        {
            Ptr<GratuitousArpLossModel> loss = CreateObject<GratuitousArpLossModel>();
            DynamicCast<CsmaNetDevice>(device)->SetReceiveErrorModel(loss);
            loss->TraceConnect("Drop",
                               spec.name,
                               MakeCallback(&RunRecorder::GratuitousArpMissed, &recorder));
            lossModels.push_back(loss);
        }
        Ptr<Ipv4L3Protocol> ipv4 = node->GetObject<Ipv4L3Protocol>();
        uint32_t ifIndex = ipv4->AddInterface(device);
        ipv4->AddAddress(ifIndex, ParsePrefixed(spec.address));
        ipv4->SetUp(ifIndex);
        Ptr<ArpCache> cache = ipv4->GetInterface(ifIndex)->GetArpCache();
        cache->SetAttribute("AliveTimeout", TimeValue(Seconds(spec.aliveTimeout)));
        cache->SetAttribute("DeadTimeout", TimeValue(Seconds(spec.deadTimeout)));
        cache->SetAttribute("WaitReplyTimeout", TimeValue(Seconds(spec.waitReplyTimeout)));
        cache->SetAttribute("MaxRetries", UintegerValue(spec.maxRetries));
        Ipv4StaticRoutingHelper routingHelper;
        Ptr<Ipv4StaticRouting> routing = routingHelper.GetStaticRouting(ipv4);
        for (const auto& route : spec.routes)
        {
            // A zero gateway makes an on-link route (ns-3 sends to the destination itself).
            Ipv4InterfaceAddress dest = ParsePrefixed(route.destination);
            routing->AddNetworkRouteTo(dest.GetLocal(),
                                       dest.GetMask(),
                                       route.gateway.empty() ? Ipv4Address::GetZero()
                                                             : Ipv4Address(route.gateway.c_str()),
                                       ifIndex);
        }
        StationArpHelper arpHelper;
        arpHelper.SetModel(spec.arp);
        if (spec.arp == "linux")
        {
            arpHelper.SetAttribute("Locktime", TimeValue(Seconds(spec.locktime)));
            arpHelper.SetAttribute("BaseReachableTime", TimeValue(Seconds(spec.baseReachableTime)));
            arpHelper.SetAttribute("DelayFirstProbeTime",
                                   TimeValue(Seconds(spec.delayFirstProbeTime)));
            arpHelper.SetAttribute("UcastSolicit", UintegerValue(spec.ucastSolicit));
            arpHelper.SetAttribute("RetransTime", TimeValue(Seconds(spec.retransTime)));
            arpHelper.SetAttribute("GratuitousOverridesLocktime",
                                   BooleanValue(spec.gratuitousOverridesLocktime));
        }
        Ptr<StationArp> model = arpHelper.Install(node);
        stream += model->AssignStreams(stream);
        model->TraceConnect("CacheUpdated",
                            spec.name,
                            MakeCallback(&RunRecorder::CacheUpdated, &recorder));
        if (spec.probe)
        {
            std::vector<Ipv4Address> targets;
            for (const auto& t : spec.probe->targets)
            {
                targets.emplace_back(t.c_str());
            }
            ProbeClientHelper probeHelper(targets);
            probeHelper.SetAttribute("Interval", TimeValue(Seconds(spec.probe->interval)));
            probeHelper.SetAttribute("RemotePort", UintegerValue(spec.probe->port));
            ApplicationContainer apps = probeHelper.Install(NodeContainer(node));
            Time stop = spec.probe->stop < 0 ? end : std::min(end, Seconds(spec.probe->stop));
            apps.Start(Seconds(spec.probe->start));
            apps.Stop(stop);
            clients.push_back({spec.name, spec.arp, DynamicCast<ProbeClient>(apps.Get(0)), stop});
        }
    }

    // ---- the remaining random variables: CSMA backoff, ARP request jitter and the other
    // internet-stack variables (after the stacks' and stations' own, which keep theirs).
    std::vector<Ptr<Lan>> lanList;
    for (const auto& spec : sc.lans)
    {
        lanList.push_back(lans.at(spec.name));
    }
    stream += LanHelper().AssignStreams(lanList, stream);
    stream += InternetStackHelper().AssignStreams(ipNodes, stream);
    for (const auto& loss : lossModels)
    {
        stream += loss->AssignStreams(stream);
    }

    // ---- events, with DEVLINKS displays before the first and after each
    std::vector<EventSpec> events = sc.events;
    std::stable_sort(events.begin(), events.end(), [](const EventSpec& a, const EventSpec& b) {
        return a.at < b.at;
    });
    for (uint32_t i = 0; i < events.size(); ++i)
    {
        const EventSpec& ev = events[i];
        std::string subject = ev.stack + (ev.link.empty() ? "" : "/" + ev.link);
        if (i == 0)
        {
            std::string label = "before " + ev.type + " " + subject;
            Simulator::Schedule(Seconds(ev.at), &RunRecorder::Snapshot, &recorder, label);
        }
        Ptr<ZosStack> stack = m_stacks.at(ev.stack);
        if (ev.type == "portFailure")
        {
            Simulator::Schedule(Seconds(ev.at), &ZosStack::FailPort, stack, ev.link);
        }
        else if (ev.type == "portRepair")
        {
            Simulator::Schedule(Seconds(ev.at), &ZosStack::RepairPort, stack, ev.link);
        }
        else if (ev.type == "linkStop")
        {
            Simulator::Schedule(Seconds(ev.at), &ZosStack::StopLink, stack, ev.link);
        }
        else if (ev.type == "linkStart")
        {
            Simulator::Schedule(Seconds(ev.at), &ZosStack::StartLink, stack, ev.link);
        }
        else if (ev.type == "stackFailure")
        {
            Simulator::Schedule(Seconds(ev.at), &ZosStack::Fail, stack);
        }
        else if (ev.type == "vipaAdd")
        {
            Ipv4Address vipa(ev.address.c_str());
            Ptr<ProbeServer> server = servers.at(ev.stack);
            Simulator::Schedule(Seconds(ev.at), &VipaAdd, stack, server, vipa);
        }
        const StackSpec* spec = nullptr;
        for (const auto& s : sc.stacks)
        {
            if (s.name == ev.stack)
            {
                spec = &s;
            }
        }
        // The display after an event: once the stack noticed it and a starting link learned
        // its LanGroup.
        double settle =
            (IsPortEvent(ev.type) ? spec->detectionDelay : 0.0) + spec->learningTime + 0.001;
        Time at = std::min(Seconds(ev.at + settle), end);
        std::string label = "after " + ev.type + " " + subject;
        Simulator::Schedule(at, &RunRecorder::Snapshot, &recorder, label);
    }
    for (double t : sc.devlinksAt)
    {
        std::ostringstream label;
        label << "requested at " << t << " s";
        Simulator::Schedule(Seconds(t), &RunRecorder::Snapshot, &recorder, label.str());
    }

    // ---- outage measurement, beside the model: told the events and the clients, fed by
    // the clients' Tx and Rtt trace sources
    OutageMonitor monitor;
    std::vector<EventReach> reaches = EventReaches(sc, events);
    for (uint32_t i = 0; i < events.size(); ++i)
    {
        if (reaches[i].ignored)
        {
            monitor.AddIgnoredEvent(Seconds(events[i].at));
        }
        else
        {
            monitor.AddEvent(Seconds(events[i].at), reaches[i].addresses, reaches[i].lan);
        }
    }
    for (const auto& c : clients)
    {
        for (const auto& spec : sc.stations)
        {
            if (spec.name == c.name)
            {
                monitor.Connect(c.client, c.name, Seconds(spec.probe->start), c.stop, spec.lan);
            }
        }
    }

    if (m_buildObserver)
    {
        m_buildObserver(*this);
    }

    // Probes stop at the end; one more second lets the last replies arrive.
    Simulator::Stop(end + Seconds(1));
    Simulator::Run();
    // The outage windows were built from a replay of the events (EventReaches): it must
    // agree with what the stacks reported (per time, operation and subject: an event may
    // be listed twice, and only its second instance change nothing).
    std::map<std::string, size_t> predicted;
    for (uint32_t i = 0; i < events.size(); ++i)
    {
        const EventSpec& ev = events[i];
        std::string key =
            RunRecorder::IgnoredKey(Seconds(ev.at),
                                    ev.type,
                                    ev.stack + (ev.link.empty() ? "" : "/" + ev.link));
        predicted[key] += reaches[i].ignored ? 1 : 0;
    }
    for (const auto& r : reaches)
    {
        for (const auto& key : r.ignoredActivations)
        {
            if (predicted.count(key) != 0)
            {
                ++predicted[key]; // same instant, operation and link as an event
            }
        }
    }
    for (const auto& [key, n] : predicted)
    {
        if (n != recorder.TimesIgnored(key))
        {
            // Not an abort: the run is valid, only the outage windows may be off. The
            // random-schedule checker reports such a warning as a violation.
            result.warnings.push_back("internal: the outage windows assumed " + std::to_string(n) +
                                      " ignored event(s) at [" + key + "], the stack reported " +
                                      std::to_string(recorder.TimesIgnored(key)) +
                                      "; please report this scenario");
        }
    }

    result.events = Simulator::GetEventCount();
    for (auto& capture : pcaps)
    {
        capture->Close();
    }

    // ---- outage figures (one row per event x client x target) and probes
    std::map<std::string, std::vector<OutageMonitor::Record>> byModel;
    for (const OutageMonitor::Record& r : monitor.GetRecords())
    {
        const EventSpec& ev = events[r.event];
        std::string subject = ev.stack + (ev.link.empty() ? "" : "/" + ev.link);
        std::string arp;
        for (const auto& c : clients)
        {
            arp = c.name == r.client ? c.arp : arp;
        }
        byModel[arp].push_back(r);
        OutageRow row;
        row.eventIndex = r.event;
        row.eventType = ev.type;
        row.eventSubject = subject;
        row.eventAt = r.eventAt;
        row.windowEnd = r.windowEnd;
        row.client = r.client;
        row.arpModel = arp;
        row.target = Str(r.target);
        row.measured = r.IsMeasured();
        row.reachableAtEvent = r.reachableAtEvent;
        row.reason = OutageMonitor::GetReasonName(r.reason);
        row.recovered = r.recovered;
        row.outage = r.outage;
        row.firstSuccess = r.firstSuccess;
        row.longestGap = r.longestGap;
        row.sent = r.sent;
        row.lost = r.lost;
        result.outages.push_back(row);
        if (r.IsMeasured() && r.recovered)
        {
            result.timeline.push_back({r.firstSuccess,
                                       r.client,
                                       "first-success",
                                       row.target,
                                       "after " + ev.type + " " + subject});
        }
    }
    for (const auto& [model, records] : byModel)
    {
        result.outageByModel[model] = OutageMonitor::Summarize(records);
    }
    for (const auto& c : clients)
    {
        const auto& targets = c.client->GetTargets();
        for (uint32_t t = 0; t < targets.size(); ++t)
        {
            const auto& records = c.client->GetRecords(t);
            for (uint32_t s = 0; s < records.size(); ++s)
            {
                result.probes.push_back(
                    {c.name, Str(targets[t]), s, records[s].sent, records[s].received});
            }
        }
    }
    std::stable_sort(result.timeline.begin(),
                     result.timeline.end(),
                     [](const TimelineRow& a, const TimelineRow& b) { return a.time < b.time; });

    m_stacks.clear();
    m_stations.clear();
    Simulator::Destroy();
    Names::Clear();
    return result;
}

} // namespace zos
} // namespace ns3
