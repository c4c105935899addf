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
                "bounds the probes a client holds (LossHorizon / Interval per target) when "
                "requests go unanswered. 0: the transport's own, longer than any reply ns-3 "
                "delivers with its defaults: 30 s for UDP (a request waits at most about 3 s "
                "for ARP: ArpCache WaitReplyTimeout x MaxRetries, or the Linux-like model's "
                "McastSolicit x RetransTime), 300 s for TCP (a connection gives up after "
                "DataRetries, 6, retransmissions backed off up to MaxRto, 60 s: about 2 "
                "minutes; its unanswered requests are lost when it closes). Requests "
                "unanswered when the application stops are reported lost then.",
                TimeValue(Seconds(0)),
                MakeTimeAccessor(&ProbeClient::m_lossHorizon),
                MakeTimeChecker(Seconds(0)))
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
                            "A probe's fate is known, once per probe, in the order the fates "
                            "become known: (target, sequence, send time, arrival time of the "
                            "reply, negative when lost: unanswered LossHorizon after it was "
                            "sent, or when the application stopped).",
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
    return m_pending.at(i).next;
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

Time
ProbeClient::GetDefaultLossHorizon() const
{
    return Seconds(30);
}

Time
ProbeClient::GetLossHorizon() const
{
    return m_lossHorizon.IsZero() ? GetDefaultLossHorizon() : m_lossHorizon;
}

void
ProbeClient::ReportUnansweredLost(uint32_t i)
{
    NS_LOG_FUNCTION(this << i);
    ReportLost(i, true);
}

void
ProbeClient::StartApplication()
{
    NS_LOG_FUNCTION(this);
    m_horizon = GetLossHorizon();
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
        ReportLost(i, true);
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
        ReportLost(i, false);
        Pending& pending = m_pending[i];
        ProbeHeader h;
        h.target = i;
        h.sequence = pending.next;
        h.sentNs = Simulator::Now().GetNanoSeconds();
        Ptr<Packet> p = Create<Packet>();
        p->AddHeader(h);
        if (!SendRequest(i, p))
        {
            continue; // not recorded: the sequence number is used by the next request
        }
        ++pending.next;
        pending.unanswered.push_back({h.sequence, Simulator::Now()});
        ++m_held;
        m_peakHeld = std::max(m_peakHeld, m_held);
        m_txTrace(m_targets[i], h.sequence);
    }
    m_sendEvent = Simulator::Schedule(m_interval, &ProbeClient::SendAll, this);
}

void
ProbeClient::ReportLost(uint32_t i, bool all)
{
    Pending& pending = m_pending[i];
    const Time now = Simulator::Now();
    // Sent in sequence order: the oldest first.
    while (!pending.unanswered.empty() &&
           (all || now - pending.unanswered.front().sent > m_horizon))
    {
        const Unanswered& u = pending.unanswered.front();
        NS_LOG_LOGIC("target " << i << " sequence " << u.sequence << " lost");
        m_probeDoneTrace(m_targets[i], u.sequence, u.sent, Time(-1));
        pending.lastLost = u.sequence;
        pending.unanswered.pop_front();
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
    if (h.sequence >= pending.next)
    {
        return; // never sent
    }
    auto& unanswered = pending.unanswered;
    // By sequence number; a reply is most often to the newest or the oldest request.
    auto it = std::lower_bound(unanswered.begin(),
                               unanswered.end(),
                               h.sequence,
                               [](const Unanswered& u, uint32_t s) { return u.sequence < s; });
    const Time now = Simulator::Now();
    if (it == unanswered.end() || it->sequence != h.sequence)
    {
        // Answered already (a duplicate, ignored as ever), or reported lost: the requests
        // lost are reported in sequence order, so only one not newer than the latest of
        // them may have been.
        m_lateReplies += int64_t(h.sequence) <= pending.lastLost ? 1 : 0;
        return;
    }
    if (now - it->sent > m_horizon)
    {
        ++m_lateReplies; // lost: it is reported at the next request
        return;
    }
    const Time sent = it->sent;
    // An outage ends here if the request sent before this one is still unanswered (or was
    // reported lost).
    bool previousLost = false;
    if (h.sequence > 0)
    {
        previousLost = (it != unanswered.begin() && std::prev(it)->sequence == h.sequence - 1) ||
                       pending.lastLost == int64_t(h.sequence) - 1;
    }
    if (it + 1 == unanswered.end())
    {
        unanswered.pop_back();
    }
    else if (it == unanswered.begin())
    {
        unanswered.pop_front();
    }
    else
    {
        unanswered.erase(it);
    }
    --m_held;
    ++pending.answered;
    m_rttTrace(m_targets[h.target], h.sequence, sent, now - sent);
    if (previousLost)
    {
        Time& last = pending.lastReply;
        m_firstSuccessTrace(m_targets[h.target],
                            h.sequence,
                            last.IsNegative() ? Time(0) : now - last);
    }
    pending.lastReply = std::max(pending.lastReply, now);
    m_probeDoneTrace(m_targets[h.target], h.sequence, sent, now);
}

} // namespace zos
} // namespace ns3
