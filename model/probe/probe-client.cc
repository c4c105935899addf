/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "probe-client.h"

#include "ns3/inet-socket-address.h"
#include "ns3/log.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/udp-socket-factory.h"
#include "ns3/uinteger.h"

#include <algorithm>

namespace ns3
{

namespace zos
{

NS_LOG_COMPONENT_DEFINE("ProbeClient");
NS_OBJECT_ENSURE_REGISTERED(ProbeClient);

TypeId
ProbeClient::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::zos::ProbeClient")
            .SetParent<Application>()
            .SetGroupName("ZosTakeover")
            .AddConstructor<ProbeClient>()
            .AddAttribute("Interval",
                          "Time between two requests to the same target.",
                          TimeValue(MilliSeconds(100)),
                          MakeTimeAccessor(&ProbeClient::m_interval),
                          MakeTimeChecker(MicroSeconds(1)))
            .AddAttribute(
                "LossHorizon",
                "A request still unanswered this long after it was sent is reported lost "
                "(ProbeDone) and forgotten; a later reply to it is ignored (GetLateReplies). It "
                "bounds the probes a client holds (LossHorizon / Interval per target) when a "
                "target stays unreachable. The default is longer than any reply ns-3 delivers "
                "with its defaults: a UDP request waits at most about 3 s for ARP (ArpCache "
                "WaitReplyTimeout x MaxRetries), a TCP connection gives up after DataRetries (6) "
                "retransmissions backed off up to MaxRto (60 s), about 2 minutes. Requests "
                "unanswered when the application stops are reported lost then.",
                TimeValue(Seconds(300)),
                MakeTimeAccessor(&ProbeClient::m_lossHorizon),
                MakeTimeChecker(MicroSeconds(1)))
            .AddAttribute("RemotePort",
                          "UDP port of the probe responder.",
                          UintegerValue(7),
                          MakeUintegerAccessor(&ProbeClient::m_port),
                          MakeUintegerChecker<uint16_t>(1))
            .AddTraceSource("Tx",
                            "A request was sent: (target, sequence).",
                            MakeTraceSourceAccessor(&ProbeClient::m_txTrace),
                            "ns3::zos::ProbeClient::TxTracedCallback")
            .AddTraceSource("Rtt",
                            "A reply arrived: (target, sequence, send time, round-trip time).",
                            MakeTraceSourceAccessor(&ProbeClient::m_rttTrace),
                            "ns3::zos::ProbeClient::RttTracedCallback")
            .AddTraceSource("FirstSuccess",
                            "The first reply after one or more lost requests to a target (the "
                            "end of an outage): (target, sequence, time since the previous "
                            "reply).",
                            MakeTraceSourceAccessor(&ProbeClient::m_firstSuccessTrace),
                            "ns3::zos::ProbeClient::FirstSuccessTracedCallback")
            .AddTraceSource("ProbeDone",
                            "A probe's fate is known, once per probe and per target in "
                            "sequence order: (target, sequence, send time, arrival time of "
                            "the reply, negative when lost: unanswered LossHorizon after it "
                            "was sent, or when the application stopped).",
                            MakeTraceSourceAccessor(&ProbeClient::m_probeDoneTrace),
                            "ns3::zos::ProbeClient::ProbeDoneTracedCallback");
    return tid;
}

ProbeClient::ProbeClient() = default;
ProbeClient::~ProbeClient() = default;

void
ProbeClient::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_socket = nullptr;
    Application::DoDispose();
}

uint32_t
ProbeClient::AddTarget(Ipv4Address target)
{
    NS_LOG_FUNCTION(this << target);
    m_targets.push_back(target);
    m_pending.emplace_back();
    return m_targets.size() - 1;
}

const std::vector<Ipv4Address>&
ProbeClient::GetTargets() const
{
    return m_targets;
}

uint32_t
ProbeClient::GetSentCount(uint32_t i) const
{
    const Pending& p = m_pending.at(i);
    return p.first + p.probes.size();
}

uint32_t
ProbeClient::GetAnsweredCount(uint32_t i) const
{
    return m_pending.at(i).answered;
}

uint32_t
ProbeClient::GetHeldCount() const
{
    return m_held;
}

uint32_t
ProbeClient::GetPeakHeldCount() const
{
    return m_peakHeld;
}

uint64_t
ProbeClient::GetLateReplies() const
{
    return m_lateReplies;
}

void
ProbeClient::StartApplication()
{
    NS_LOG_FUNCTION(this);
    OpenTransport();
    SendAll();
}

void
ProbeClient::StopApplication()
{
    NS_LOG_FUNCTION(this);
    m_sendEvent.Cancel();
    CloseTransport();
    // No reply is received any more: every probe's fate is known.
    ReportHeld();
}

void
ProbeClient::ReportHeld()
{
    NS_LOG_FUNCTION(this << m_held);
    for (uint32_t i = 0; i < m_targets.size(); ++i)
    {
        Settle(i, false, true);
    }
}

uint16_t
ProbeClient::GetRemotePort() const
{
    return m_port;
}

void
ProbeClient::OpenTransport()
{
    NS_LOG_FUNCTION(this);
    if (!m_socket)
    {
        m_socket = Socket::CreateSocket(GetNode(), UdpSocketFactory::GetTypeId());
        m_socket->Bind();
        m_socket->SetRecvCallback(MakeCallback(&ProbeClient::HandleRead, this));
    }
}

void
ProbeClient::CloseTransport()
{
    NS_LOG_FUNCTION(this);
    if (m_socket)
    {
        m_socket->SetRecvCallback(MakeNullCallback<void, Ptr<Socket>>());
    }
}

bool
ProbeClient::SendRequest(uint32_t i, Ptr<Packet> request)
{
    m_socket->SendTo(request, 0, InetSocketAddress(m_targets[i], m_port));
    return true;
}

void
ProbeClient::SendAll()
{
    for (uint32_t i = 0; i < m_targets.size(); ++i)
    {
        Settle(i, true, false);
        Pending& pending = m_pending[i];
        ProbeHeader h;
        h.target = i;
        h.sequence = pending.first + pending.probes.size();
        h.sentNs = Simulator::Now().GetNanoSeconds();
        Ptr<Packet> p = Create<Packet>();
        p->AddHeader(h);
        if (!SendRequest(i, p))
        {
            continue; // not recorded: the sequence number is used by the next request
        }
        pending.probes.push_back({Simulator::Now(), Time(-1)});
        ++m_held;
        m_peakHeld = std::max(m_peakHeld, m_held);
        m_txTrace(m_targets[i], h.sequence);
    }
    m_sendEvent = Simulator::Schedule(m_interval, &ProbeClient::SendAll, this);
}

void
ProbeClient::Settle(uint32_t i, bool expire, bool all)
{
    Pending& pending = m_pending[i];
    const Time now = Simulator::Now();
    while (!pending.probes.empty())
    {
        const ProbeRecord& r = pending.probes.front();
        const bool lost = r.received.IsNegative();
        if (lost && !all && !(expire && now - r.sent > m_lossHorizon))
        {
            break;
        }
        NS_LOG_LOGIC("target " << i << " sequence " << pending.first
                               << (lost ? " lost" : " answered"));
        m_probeDoneTrace(m_targets[i], pending.first, r.sent, r.received);
        pending.lastWasLost = lost;
        pending.probes.pop_front();
        ++pending.first;
        --m_held;
    }
}

void
ProbeClient::HandleRead(Ptr<Socket> socket)
{
    Ptr<Packet> packet;
    Address from;
    while ((packet = socket->RecvFrom(from)))
    {
        if (packet->GetSize() < 16)
        {
            continue;
        }
        ProbeHeader h;
        packet->RemoveHeader(h);
        ReplyReceived(h);
    }
}

void
ProbeClient::ReplyReceived(const ProbeHeader& h)
{
    if (h.target >= m_pending.size())
    {
        return;
    }
    Pending& pending = m_pending[h.target];
    if (h.sequence < pending.first)
    {
        ++m_lateReplies; // already reported: answered, or lost after LossHorizon
        return;
    }
    if (h.sequence - pending.first >= pending.probes.size())
    {
        return; // never sent
    }
    ProbeRecord& r = pending.probes[h.sequence - pending.first];
    const Time now = Simulator::Now();
    if (!r.received.IsNegative() || now - r.sent > m_lossHorizon)
    {
        ++m_lateReplies; // answered already, or lost (reported at the next request)
        return;
    }
    r.received = now;
    ++pending.answered;
    m_rttTrace(m_targets[h.target], h.sequence, r.sent, r.received - r.sent);
    // An outage ends here if the request sent before this one is still unanswered.
    bool previousLost = false;
    if (h.sequence > pending.first)
    {
        previousLost = pending.probes[h.sequence - 1 - pending.first].received.IsNegative();
    }
    else if (h.sequence > 0)
    {
        previousLost = pending.lastWasLost;
    }
    if (previousLost)
    {
        Time& last = pending.lastReply;
        m_firstSuccessTrace(m_targets[h.target],
                            h.sequence,
                            last.IsNegative() ? Time(0) : r.received - last);
    }
    pending.lastReply = std::max(pending.lastReply, r.received);
    Settle(h.target, false, false);
}

} // namespace zos
} // namespace ns3
