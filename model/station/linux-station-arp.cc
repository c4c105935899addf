/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "linux-station-arp.h"

#include "ns3/boolean.h"
#include "ns3/ethernet-header.h"
#include "ns3/ipv4-header.h"
#include "ns3/ipv4-interface.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/ipv4-route.h"
#include "ns3/ipv4-routing-protocol.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/simulator.h"
#include "ns3/socket.h"
#include "ns3/uinteger.h"

namespace ns3
{

namespace zos
{

NS_LOG_COMPONENT_DEFINE("LinuxStationArp");
NS_OBJECT_ENSURE_REGISTERED(LinuxStationArp);

namespace
{
/// neigh_periodic_work redraws every interface's reachable time this often (hard-coded).
const Time kReachableRedraw = Seconds(300);
/// neigh_timer_handler never rearms sooner than HZ/100 from now.
const Time kMinRearm = MilliSeconds(10);
/// ns-3 ArpCache timeouts this model keeps out of the way: it owns the timers itself.
const Time kNever = Seconds(1e9);

bool
IsValid(LinuxStationArp::State s)
{
    // NUD_VALID without PERMANENT/NOARP: the entry has a usable MAC.
    return s == LinuxStationArp::State::Reachable || s == LinuxStationArp::State::Stale ||
           s == LinuxStationArp::State::Delay || s == LinuxStationArp::State::Probe;
}
} // namespace

TypeId
LinuxStationArp::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::zos::LinuxStationArp")
            .SetParent<StationArp>()
            .SetGroupName("ZosTakeover")
            .AddConstructor<LinuxStationArp>()
            .AddAttribute("Locktime",
                          "arp(7) locktime: a non-gratuitous ARP carrying a different MAC within "
                          "this time of the entry's last update is ignored (arp_process).",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&LinuxStationArp::m_locktime),
                          MakeTimeChecker(Time(0)))
            .AddAttribute("BaseReachableTime",
                          "base_reachable_time: each interface's reachable time is a random "
                          "0.5-1.5 times this, redrawn every 300 s (neigh_periodic_work).",
                          TimeValue(Seconds(30)),
                          MakeTimeAccessor(&LinuxStationArp::m_baseReachableTime),
                          MakeTimeChecker(MilliSeconds(1)))
            .AddAttribute("DelayFirstProbeTime",
                          "delay_first_probe_time: time in DELAY before the first unicast probe.",
                          TimeValue(Seconds(5)),
                          MakeTimeAccessor(&LinuxStationArp::m_delayFirstProbeTime),
                          MakeTimeChecker(Time(0)))
            .AddAttribute("RetransTime",
                          "retrans_time: time between two requests for the same entry, "
                          "unicast probes and broadcast resolution alike.",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&LinuxStationArp::m_retransTime),
                          MakeTimeChecker(MilliSeconds(10)))
            .AddAttribute("UcastSolicit",
                          "ucast_solicit: unicast probes in PROBE before the entry fails.",
                          UintegerValue(3),
                          MakeUintegerAccessor(&LinuxStationArp::m_ucastSolicit),
                          MakeUintegerChecker<uint32_t>(0, 100))
            .AddAttribute("McastSolicit",
                          "mcast_solicit: broadcast requests of one resolution (INCOMPLETE) "
                          "before the entry fails; the next packet starts a new resolution. "
                          "Replaces ns-3's ArpCache MaxRetries for this model.",
                          UintegerValue(3),
                          MakeUintegerAccessor(&LinuxStationArp::m_mcastSolicit),
                          MakeUintegerChecker<uint32_t>(1, 100))
            .AddAttribute("UnresQlen",
                          "unres_qlen: packets an INCOMPLETE entry holds; when full the oldest "
                          "is dropped. The kernel counts bytes (unres_qlen_bytes 212992, "
                          "about 101 full-size frames).",
                          UintegerValue(101),
                          MakeUintegerAccessor(&LinuxStationArp::m_unresQlen),
                          MakeUintegerChecker<uint32_t>(1, 100000))
            .AddAttribute("GratuitousOverridesLocktime",
                          "A gratuitous ARP overrides the entry even within Locktime (Linux "
                          "since 2017, commit 56022a8fdd87); false gives the older behaviour.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&LinuxStationArp::m_garpOverrides),
                          MakeBooleanChecker())
            .AddTraceSource("StateChanged",
                            "A neighbour entry changed state: (interface, neighbour, old state, "
                            "new state); StateName gives the kernel names (INCOMPLETE, "
                            "REACHABLE, STALE, DELAY, PROBE, FAILED; NONE for a new entry).",
                            MakeTraceSourceAccessor(&LinuxStationArp::m_stateTrace),
                            "ns3::zos::LinuxStationArp::StateChangedTracedCallback");
    return tid;
}

LinuxStationArp::LinuxStationArp()
{
    m_reachableRng = CreateObject<UniformRandomVariable>();
}

void
LinuxStationArp::DoDispose()
{
    for (auto& [key, n] : m_neighbours)
    {
        n.timer.Cancel();
    }
    m_neighbours.clear();
    m_reachableRng = nullptr;
    StationArp::DoDispose();
}

std::string
LinuxStationArp::GetModelName() const
{
    return "linux";
}

std::string
LinuxStationArp::StateName(State state)
{
    switch (state)
    {
    case State::None:
        return "NONE";
    case State::Incomplete:
        return "INCOMPLETE";
    case State::Reachable:
        return "REACHABLE";
    case State::Stale:
        return "STALE";
    case State::Delay:
        return "DELAY";
    case State::Probe:
        return "PROBE";
    case State::Failed:
        return "FAILED";
    }
    return "?";
}

int64_t
LinuxStationArp::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    m_reachableRng->SetStream(stream);
    return 1;
}

void
LinuxStationArp::InterfaceAdded(Interface& iface)
{
    NS_LOG_FUNCTION(this << iface.address);
    // The model owns resolution and reachability: ns-3's ArpCache must never expire an entry,
    // retry a request or drop a queued packet on its own. Its MaxRetries, WaitReplyTimeout,
    // DeadTimeout and AliveTimeout therefore have no effect on this model.
    iface.cache->SetAliveTimeout(kNever);
    iface.cache->SetDeadTimeout(kNever);
    iface.cache->SetWaitReplyTimeout(kNever);
    iface.cache->SetAttribute("PendingQueueSize", UintegerValue(m_unresQlen));
    iface.cache->SetArpRequestCallback(MakeCallback(&LinuxStationArp::NoNs3Request, this));
    uint32_t ifIndex = iface.device->GetIfIndex();
    // The link-layer destination of each received frame: arp_process tells a unicast reply
    // (PACKET_HOST) from a broadcast one; ns-3 hands ARP handlers no packet type.
    iface.device->TraceConnect("MacRx",
                               std::to_string(ifIndex),
                               MakeCallback(&LinuxStationArp::MacRx, this));
    if (!m_txHooked)
    {
        Ptr<Ipv4L3Protocol> ipv4 = iface.device->GetNode()->GetObject<Ipv4L3Protocol>();
        NS_ASSERT_MSG(ipv4, "LinuxStationArp needs Ipv4L3Protocol");
        ipv4->TraceConnectWithoutContext("Tx", MakeCallback(&LinuxStationArp::Ipv4Tx, this));
        m_txHooked = true;
    }
}

void
LinuxStationArp::NoNs3Request(Ptr<const ArpCache> cache, Ipv4Address ip)
{
    // Never reached while kNever holds; the model sends every request itself (Solicit).
    NS_LOG_LOGIC("ns-3 ArpCache retry for " << ip << " ignored");
}

Time
LinuxStationArp::GetReachableTime(uint32_t ifIndex)
{
    // neigh_parms_alloc draws one reachable_time per interface; neigh_periodic_work redraws
    // all of them every 300 s. Drawn lazily (no perpetual event), in interface order.
    auto epoch =
        static_cast<int64_t>(Simulator::Now().GetTimeStep() / kReachableRedraw.GetTimeStep());
    while (m_drawnEpoch < epoch)
    {
        ++m_drawnEpoch;
        for (auto& [index, iface] : m_interfaces)
        {
            m_reachableTime[index] = m_baseReachableTime * m_reachableRng->GetValue(0.5, 1.5);
        }
    }
    NS_ASSERT_MSG(m_reachableTime.count(ifIndex), "unknown interface " << ifIndex);
    return m_reachableTime[ifIndex];
}

void
LinuxStationArp::MacRx(std::string context, Ptr<const Packet> packet)
{
    EthernetHeader eth(false);
    if (packet->PeekHeader(eth) != 0)
    {
        m_rxDestination[std::stoul(context)] = eth.GetDestination();
    }
}

bool
LinuxStationArp::IsGarp(const Interface& iface, const ArpFields& arp) const
{
    // arp_is_garp: sender IP == target IP; a reply also needs target MAC == sender MAC; the
    // sender must be a unicast address (inet_addr_type RTN_UNICAST).
    Ipv4Address sip = arp.GetSourceIpv4Address();
    if (sip != arp.GetDestinationIpv4Address())
    {
        return false;
    }
    if (arp.IsReply() && arp.GetDestinationHardwareAddress() != arp.GetSourceHardwareAddress())
    {
        return false;
    }
    return !sip.IsBroadcast() && !sip.IsMulticast() && sip != Ipv4Address::GetZero();
}

uint32_t
LinuxStationArp::MaxProbes(const Neighbour& n) const
{
    // neigh_max_probes: ucast + app (0) + (PROBE ? mcast_reprobes (0) : mcast_probes).
    return m_ucastSolicit + (n.state == State::Probe ? 0 : m_mcastSolicit);
}

bool
LinuxStationArp::HandleArp(Interface& iface, const ArpFields& arp, bool toUs)
{
    NS_LOG_FUNCTION(this << iface.address << arp.GetSourceIpv4Address());
    uint32_t ifIndex = iface.device->GetIfIndex();
    Ipv4Address sender = arp.GetSourceIpv4Address();
    if (sender == Ipv4Address::GetZero() || IsForUs(iface, sender))
    {
        return false; // RFC 5227 probe (only answered), or our own address
    }
    Address mac = arp.GetSourceHardwareAddress();
    auto it = m_neighbours.find({ifIndex, sender});
    if (arp.IsRequest() && IsForUs(iface, arp.GetDestinationIpv4Address()))
    {
        // neigh_event_ns: a request for us creates the entry or overrides it, STALE.
        if (it == m_neighbours.end())
        {
            it = m_neighbours.emplace(Key{ifIndex, sender}, Neighbour()).first;
            it->second.state = State::Failed; // NUD_NONE: not valid, nothing queued
        }
        Update(iface, sender, it->second, mac, State::Stale, true);
        return true;
    }
    if (it == m_neighbours.end())
    {
        return false; // arp_accept=0: unsolicited ARP creates no entry
    }
    Neighbour& n = it->second;
    bool garp = IsGarp(iface, arp);
    bool override = Simulator::Now() > n.updated + m_locktime || (garp && m_garpOverrides);
    // "Broadcast replies and request packets do not assert neighbour reachability."
    auto dst = m_rxDestination.find(ifIndex);
    bool host = dst != m_rxDestination.end() ? dst->second == iface.mac : toUs;
    State state = (arp.IsReply() && host) ? State::Reachable : State::Stale;
    Update(iface, sender, n, mac, state, override);
    return true;
}

bool
LinuxStationArp::AddResolvedNeighbour(uint32_t ifIndex, Ipv4Address neighbour, const Address& mac)
{
    NS_LOG_FUNCTION(this << ifIndex << neighbour << mac);
    auto itf = m_interfaces.find(ifIndex);
    NS_ASSERT_MSG(itf != m_interfaces.end(), "no ARP interface " << ifIndex);
    Interface& iface = itf->second;
    if (IsForUs(iface, neighbour) || m_neighbours.count({ifIndex, neighbour}) != 0 ||
        iface.cache->Lookup(neighbour) != nullptr)
    {
        return false;
    }
    auto it = m_neighbours.emplace(Key{ifIndex, neighbour}, Neighbour()).first;
    it->second.state = State::Failed; // NUD_NONE, as Use creates it
    // The reply to the station's own request: REACHABLE, the reachable time drawn as then.
    Update(iface, neighbour, it->second, mac, State::Reachable, true);
    NoteEntry(iface, neighbour, CacheCause::WarmStart);
    return true;
}

void
LinuxStationArp::SetState(Interface& iface, Ipv4Address ip, Neighbour& n, State state)
{
    if (n.state != state || n.fresh)
    {
        State from = n.fresh ? State::None : n.state;
        NS_LOG_LOGIC(ip << " " << StateName(from) << " -> " << StateName(state));
        m_stateTrace(iface.device->GetIfIndex(), ip, from, state);
        n.state = state;
        n.fresh = false;
    }
}

void
LinuxStationArp::Arm(uint32_t ifIndex, Ipv4Address ip, Neighbour& n, Time at)
{
    n.timer.Cancel();
    Time delay = std::max(at - Simulator::Now(), Time(0));
    n.timer = Simulator::Schedule(delay, &LinuxStationArp::Timer, this, ifIndex, ip);
}

void
LinuxStationArp::Update(Interface& iface,
                        Ipv4Address ip,
                        Neighbour& n,
                        Address mac,
                        State state,
                        bool override)
{
    // __neigh_update, for the two states ARP asks for (REACHABLE, STALE).
    NS_ASSERT(state == State::Reachable || state == State::Stale);
    uint32_t ifIndex = iface.device->GetIfIndex();
    Time now = Simulator::Now();
    State old = n.state;
    bool oldValid = IsValid(old);
    bool newMac = !oldValid || n.mac != mac;
    if (state == State::Reachable)
    {
        n.confirmed = now;
    }
    if (oldValid)
    {
        if (newMac && !override)
        {
            NS_LOG_LOGIC("locktime: ignoring " << ip << " at " << mac);
            return;
        }
        if (!newMac && state == State::Stale)
        {
            state = old; // same MAC: a request or broadcast reply changes nothing
        }
    }
    if (state != old || newMac)
    {
        n.updated = now;
    }
    if (newMac)
    {
        n.mac = mac;
        if (state != State::Reachable)
        {
            n.confirmed = now - 2 * m_baseReachableTime;
        }
    }
    // ns-3's entry gets the MAC; a waiting entry releases its queue (neigh_update_process_
    // arp_queue). ns-3 itself already did so for a reply addressed to this station.
    ArpCache::Entry* entry = iface.cache->Lookup(ip);
    bool flushed = false;
    if (entry == nullptr)
    {
        AddNeighbour(iface.cache, ip, mac);
    }
    else if (entry->IsWaitReply())
    {
        entry->MarkAlive(mac);
        ArpCache::Ipv4PayloadHeaderPair pending = entry->DequeuePending();
        while (pending.first)
        {
            flushed = true;
            iface.cache->GetInterface()->Send(pending.first, pending.second, ip);
            pending = entry->DequeuePending();
        }
    }
    else if (entry->IsDead())
    {
        iface.cache->Remove(entry);
        AddNeighbour(iface.cache, ip, mac);
    }
    else
    {
        entry->SetMacAddress(mac);
    }
    flushed = flushed || (old == State::Incomplete && n.queued > 0);
    n.queued = 0;
    if (state == old)
    {
        return;
    }
    n.timer.Cancel();
    n.probes = 0;
    SetState(iface, ip, n, state);
    if (state == State::Reachable)
    {
        Arm(ifIndex, ip, n, now + GetReachableTime(ifIndex));
    }
    else if (flushed)
    {
        // The queued packets leave through neigh_resolve_output: a STALE entry is in use.
        n.used = now;
        n.updated = now;
        SetState(iface, ip, n, State::Delay);
        Arm(ifIndex, ip, n, now + m_delayFirstProbeTime);
    }
}

void
LinuxStationArp::Ipv4Tx(Ptr<const Packet> packet, Ptr<Ipv4> ipv4, uint32_t interface)
{
    // Ipv4L3Protocol fires Tx just before Ipv4Interface::Send asks ARP for the next hop:
    // this is where the kernel calls neigh_event_send on the route's neighbour.
    Ptr<NetDevice> device = ipv4->GetNetDevice(interface);
    auto it = m_interfaces.find(device->GetIfIndex());
    if (it == m_interfaces.end())
    {
        return;
    }
    Interface& iface = it->second;
    Ptr<Packet> copy = packet->Copy();
    Ipv4Header header;
    copy->RemoveHeader(header);
    Ipv4Address destination = header.GetDestination();
    Ipv4Mask mask = ipv4->GetAddress(interface, 0).GetMask();
    if (destination.IsBroadcast() || destination.IsMulticast() ||
        destination.IsSubnetDirectedBroadcast(mask) || IsForUs(iface, destination))
    {
        return; // no neighbour entry: ns-3 sends these without ARP
    }
    Ipv4Address nextHop = destination;
    Ptr<Ipv4RoutingProtocol> routing = ipv4->GetRoutingProtocol();
    if (routing)
    {
        Socket::SocketErrno error;
        Ptr<Ipv4Route> route = routing->RouteOutput(copy, header, device, error);
        if (route && route->GetGateway() != Ipv4Address::GetZero())
        {
            nextHop = route->GetGateway();
        }
    }
    Use(iface, nextHop);
}

void
LinuxStationArp::Use(Interface& iface, Ipv4Address ip)
{
    // neigh_event_send: used = now unless the entry is REACHABLE (the fast path,
    // neigh_hh_output, leaves it alone).
    NS_LOG_FUNCTION(this << ip);
    uint32_t ifIndex = iface.device->GetIfIndex();
    Time now = Simulator::Now();
    auto it = m_neighbours.find({ifIndex, ip});
    if (it == m_neighbours.end())
    {
        it = m_neighbours.emplace(Key{ifIndex, ip}, Neighbour()).first;
        it->second.state = State::Failed; // NUD_NONE: behaves as FAILED, reported as NONE
    }
    Neighbour& n = it->second;
    switch (n.state)
    {
    case State::Reachable:
        return;
    case State::Delay:
    case State::Probe:
        n.used = now;
        return;
    case State::Stale:
        n.used = now;
        n.updated = now;
        SetState(iface, ip, n, State::Delay);
        Arm(ifIndex, ip, n, now + m_delayFirstProbeTime);
        return;
    case State::Incomplete: {
        n.used = now;
        // ns-3 queues this packet next; like the kernel, make room by dropping the oldest.
        ArpCache::Entry* entry = iface.cache->Lookup(ip);
        NS_ASSERT(entry != nullptr && entry->IsWaitReply());
        if (n.queued >= m_unresQlen)
        {
            entry->DequeuePending();
        }
        else
        {
            ++n.queued;
        }
        return;
    }
    case State::None: // never stored: a new entry is Failed until it is reported
    case State::Failed:
        n.used = now;
        StartResolution(iface, ip, n);
        return;
    }
}

void
LinuxStationArp::StartResolution(Interface& iface, Ipv4Address ip, Neighbour& n)
{
    // __neigh_event_send from NONE/FAILED: INCOMPLETE, probes = ucast_probes, one broadcast
    // request at once (immediate_probe), the next ones RetransTime apart.
    uint32_t ifIndex = iface.device->GetIfIndex();
    ArpCache::Entry* entry = iface.cache->Lookup(ip);
    if (entry == nullptr)
    {
        entry = iface.cache->Add(ip);
    }
    if (!entry->IsWaitReply())
    {
        // An empty waiting entry: ns-3 queues the packet that triggered this and sends no
        // request of its own (the model does, below).
        entry->ClearPendingPacket();
        entry->MarkWaitReply(ArpCache::Ipv4PayloadHeaderPair(Create<Packet>(), Ipv4Header()));
        entry->ClearPendingPacket();
    }
    n.probes = m_ucastSolicit;
    n.queued = 1;
    n.updated = Simulator::Now();
    SetState(iface, ip, n, State::Incomplete);
    NoteEntry(iface, ip, CacheCause::Resolving);
    Arm(ifIndex, ip, n, Simulator::Now() + m_retransTime);
    Solicit(iface, ip, n);
}

void
LinuxStationArp::Solicit(Interface& iface, Ipv4Address ip, Neighbour& n)
{
    // neigh_probe -> arp_solicit: the first ucast_probes requests go to the cached MAC, the
    // rest are broadcast; the target MAC is left zero (arp_create with target_hw NULL).
    bool unicast = n.probes < m_ucastSolicit;
    ++n.probes;
    ArpHeader arp;
    arp.SetRequest(iface.mac, iface.address, Mac48Address("00:00:00:00:00:00"), ip);
    Ptr<Packet> packet = Create<Packet>();
    packet->AddHeader(arp);
    Address destination = unicast ? n.mac : iface.device->GetBroadcast();
    NS_LOG_LOGIC("request for " << ip << " to " << destination);
    iface.device->Send(packet, destination, kArpProtocol);
}

void
LinuxStationArp::Timer(uint32_t ifIndex, Ipv4Address ip)
{
    // neigh_timer_handler
    auto it = m_neighbours.find({ifIndex, ip});
    NS_ASSERT(it != m_neighbours.end());
    Neighbour& n = it->second;
    Interface& iface = m_interfaces.at(ifIndex);
    Time now = Simulator::Now();
    Time next = now + m_retransTime;
    switch (n.state)
    {
    case State::Reachable: {
        Time reachable = GetReachableTime(ifIndex);
        if (now <= n.confirmed + reachable)
        {
            // still alive (the interface's time was redrawn longer)
            Arm(ifIndex, ip, n, std::max(n.confirmed + reachable, now + kMinRearm));
            return;
        }
        n.updated = now;
        if (now <= n.used + m_delayFirstProbeTime)
        {
            SetState(iface, ip, n, State::Delay);
            Arm(ifIndex, ip, n, now + m_delayFirstProbeTime);
        }
        else
        {
            SetState(iface, ip, n, State::Stale); // waits for the next packet
        }
        return;
    }
    case State::Delay:
        n.updated = now;
        if (now <= n.confirmed + m_delayFirstProbeTime)
        {
            SetState(iface, ip, n, State::Reachable);
            Arm(ifIndex, ip, n, std::max(n.confirmed + GetReachableTime(ifIndex), now + kMinRearm));
            return;
        }
        SetState(iface, ip, n, State::Probe);
        n.probes = 0;
        break;
    case State::Probe:
    case State::Incomplete:
        break;
    case State::None:
    case State::Stale:
    case State::Failed:
        return;
    }
    if (n.probes >= MaxProbes(n))
    {
        // FAILED (neigh_invalidate): queued packets are dropped; the entry stays, so a later
        // ARP from this address still updates it, and the next packet resolves it again.
        n.updated = now;
        n.queued = 0;
        SetState(iface, ip, n, State::Failed);
        ArpCache::Entry* entry = iface.cache->Lookup(ip);
        if (entry != nullptr)
        {
            entry->ClearPendingPacket();
            entry->MarkDead();
        }
        NoteEntry(iface, ip, CacheCause::NeighbourFailed);
        return;
    }
    Arm(ifIndex, ip, n, next);
    Solicit(iface, ip, n);
}

} // namespace zos
} // namespace ns3
