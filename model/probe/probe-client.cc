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
                            "ns3::zos::ProbeClient::FirstSuccessTracedCallback");
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
    m_records.emplace_back();
    m_lastReply.emplace_back(-1);
    return m_targets.size() - 1;
}

const std::vector<Ipv4Address>&
ProbeClient::GetTargets() const
{
    return m_targets;
}

const std::vector<ProbeRecord>&
ProbeClient::GetRecords(uint32_t i) const
{
    return m_records.at(i);
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
        ProbeHeader h;
        h.target = i;
        h.sequence = m_records[i].size();
        h.sentNs = Simulator::Now().GetNanoSeconds();
        Ptr<Packet> p = Create<Packet>();
        p->AddHeader(h);
        m_records[i].push_back({Simulator::Now(), Time(-1)});
        if (!SendRequest(i, p))
        {
            m_records[i].pop_back();
            continue;
        }
        m_txTrace(m_targets[i], h.sequence);
    }
    m_sendEvent = Simulator::Schedule(m_interval, &ProbeClient::SendAll, this);
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
    if (h.target >= m_records.size() || h.sequence >= m_records[h.target].size())
    {
        return;
    }
    ProbeRecord& r = m_records[h.target][h.sequence];
    if (r.received.IsNegative())
    {
        r.received = Simulator::Now();
        m_rttTrace(m_targets[h.target], h.sequence, r.sent, r.received - r.sent);
        // An outage ends here if the request sent before this one is still unanswered.
        const auto& records = m_records[h.target];
        if (h.sequence > 0 && records[h.sequence - 1].received.IsNegative())
        {
            Time& last = m_lastReply[h.target];
            m_firstSuccessTrace(m_targets[h.target],
                                h.sequence,
                                last.IsNegative() ? Time(0) : r.received - last);
        }
        m_lastReply[h.target] = std::max(m_lastReply[h.target], r.received);
    }
}

} // namespace zos
} // namespace ns3
