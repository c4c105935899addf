/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fast-switched-lan.h"

#include "ns3/ethernet-header.h"
#include "ns3/log.h"
#include "ns3/mac48-address.h"
#include "ns3/nstime.h"
#include "ns3/simulator.h"

#include <algorithm>
#include <vector>

namespace ns3
{

namespace zos
{

NS_LOG_COMPONENT_DEFINE("FastSwitchedLan");
NS_OBJECT_ENSURE_REGISTERED(FastSwitchedLan);

TypeId
FastSwitchedLan::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::zos::FastSwitchedLan")
            .SetParent<Lan>()
            .SetGroupName("ZosTakeover")
            .AddConstructor<FastSwitchedLan>()
            .AddAttribute("ExpirationTime",
                          "How long a learned MAC address is used after it was last seen as "
                          "a source (ns-3's BridgeNetDevice default).",
                          TimeValue(Seconds(300)),
                          MakeTimeAccessor(&FastSwitchedLan::m_expirationTime),
                          MakeTimeChecker(Time(0)))
            .AddTraceSource("EgressDrop",
                            "A frame was dropped because a switch port's queue was full.",
                            MakeTraceSourceAccessor(&FastSwitchedLan::m_egressDropTrace),
                            "ns3::zos::FastSwitchedLan::EgressDropTracedCallback");
    return tid;
}

FastSwitchedLan::FastSwitchedLan()
{
    NS_LOG_FUNCTION(this);
}

FastSwitchedLan::~FastSwitchedLan() = default;

void
FastSwitchedLan::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_switch = nullptr;
    m_ports.clear();
    m_table.clear();
    m_portOf.clear();
    Lan::DoDispose();
}

uint32_t
FastSwitchedLan::GetNPorts() const
{
    return static_cast<uint32_t>(m_ports.size());
}

void
FastSwitchedLan::DoBuild()
{
    NS_LOG_FUNCTION(this);
    m_switch = CreateObject<Node>();
    // The switch's own address, as SwitchedLan's bridge has one: the devices then get the
    // same MAC addresses on both kinds, and their timelines compare line by line.
    m_address = Mac48Address::Allocate();
}

void
FastSwitchedLan::DoAttach(Ptr<Node> node, Ptr<CsmaNetDevice> device)
{
    NS_LOG_FUNCTION(this << node << device);
    auto index = static_cast<uint32_t>(m_ports.size());
    Ptr<CsmaChannel> segment = NewChannel();
    device->Attach(segment);

    // The switch side of the segment: a receiver that hands every frame to Ingress. Its
    // receive path is disabled, so CsmaNetDevice::Receive fires PhyRxEnd with the whole
    // frame and stops there (no header parsing, no node protocol handlers).
    Ptr<CsmaNetDevice> receiver = CreateObject<CsmaNetDevice>();
    PrepareDevice(m_switch, receiver);
    receiver->Attach(segment);
    receiver->SetReceiveEnable(false);
    receiver->SetSendEnable(false);
    receiver->TraceConnectWithoutContext("PhyRxEnd",
                                         MakeCallback(&FastSwitchedLan::Ingress, this, index));

    Port port;
    port.receiver = receiver;
    port.devices.push_back(device);
    m_ports.push_back(std::move(port));
    m_portOf[PeekPointer(device)] = index;
}

void
FastSwitchedLan::DoAttachBeside(Ptr<Node> node,
                                Ptr<CsmaNetDevice> device,
                                Ptr<CsmaNetDevice> beside)
{
    NS_LOG_FUNCTION(this << node << device << beside);
    uint32_t index = m_portOf.at(PeekPointer(beside));
    device->Attach(DynamicCast<CsmaChannel>(beside->GetChannel()));
    m_ports[index].devices.push_back(device);
    m_portOf[PeekPointer(device)] = index;
}

void
FastSwitchedLan::DoEnableCapture()
{
    NS_LOG_FUNCTION(this);
    // Ingress reports frames while IsCapturing(): nothing to connect.
}

std::vector<Ptr<CsmaNetDevice>>
FastSwitchedLan::DoGetOwnDevices() const
{
    std::vector<Ptr<CsmaNetDevice>> own;
    own.reserve(m_ports.size());
    for (const auto& port : m_ports)
    {
        own.push_back(port.receiver);
    }
    return own;
}

uint64_t
FastSwitchedLan::Key(const Mac48Address& mac)
{
    uint8_t bytes[6];
    mac.CopyTo(bytes);
    uint64_t key = 0;
    for (uint8_t b : bytes)
    {
        key = (key << 8) | b;
    }
    return key;
}

void
FastSwitchedLan::Ingress(uint32_t port, Ptr<const Packet> frame)
{
    NS_LOG_FUNCTION(this << port << frame);
    if (IsCapturing())
    {
        FrameSeen(frame);
    }
    EthernetHeader header(false);
    frame->PeekHeader(header);
    Time now = Simulator::Now();
    Mac48Address source = header.GetSource();
    Mac48Address destination = header.GetDestination();
    if (!source.IsGroup())
    {
        m_table[Key(source)] = Learned{port, now + m_expirationTime};
    }
    Time tx = GetDataRate().CalculateBytesTxTime(frame->GetSize());
    if (!destination.IsGroup())
    {
        auto it = m_table.find(Key(destination));
        if (it != m_table.end() && it->second.expires > now)
        {
            uint32_t out = it->second.port;
            if (out == port)
            {
                return; // learned on the port it came in by: filtered
            }
            Time at = Enqueue(out, frame, tx);
            if (!at.IsNegative())
            {
                Simulator::Schedule(at - now, &FastSwitchedLan::Deliver, this, out, frame);
            }
            return;
        }
    }
    // Broadcast, multicast or unknown unicast: every other port. The ports that were idle
    // all receive the frame at the same instant, in one event (in port order, as separate
    // events at that instant would run); the others when their queue has drained.
    Time idleArrival = now + tx + GetDelay();
    std::vector<uint32_t> idle;
    idle.reserve(m_ports.size());
    for (uint32_t out = 0; out < m_ports.size(); ++out)
    {
        if (out == port)
        {
            continue;
        }
        Time at = Enqueue(out, frame, tx);
        if (at == idleArrival)
        {
            idle.push_back(out);
        }
        else if (!at.IsNegative())
        {
            Simulator::Schedule(at - now, &FastSwitchedLan::Deliver, this, out, frame);
        }
    }
    if (!idle.empty())
    {
        Simulator::Schedule(idleArrival - now,
                            &FastSwitchedLan::DeliverToPorts,
                            this,
                            std::move(idle),
                            frame);
    }
}

Time
FastSwitchedLan::Enqueue(uint32_t index, Ptr<const Packet> frame, Time tx)
{
    Port& port = m_ports[index];
    Time now = Simulator::Now();
    while (!port.waiting.empty() && port.waiting.front().first <= now)
    {
        port.waitingBytes -= port.waiting.front().second; // started sending: out of the queue
        port.waiting.pop_front();
    }
    QueueSize limit = GetQueueSize();
    bool full = limit.GetUnit() == QueueSizeUnit::PACKETS
                    ? port.waiting.size() >= limit.GetValue()
                    : port.waitingBytes + frame->GetSize() > limit.GetValue();
    if (full)
    {
        NS_LOG_LOGIC("port " << index << " queue full: drop");
        m_egressDropTrace(index, frame);
        return Time(-1);
    }
    Time start = std::max(now, port.busyUntil);
    if (start > now)
    {
        port.waiting.emplace_back(start, frame->GetSize());
        port.waitingBytes += frame->GetSize();
    }
    port.busyUntil = start + tx;
    return port.busyUntil + GetDelay();
}

void
FastSwitchedLan::DeliverToPorts(const std::vector<uint32_t>& ports, Ptr<const Packet> frame)
{
    for (uint32_t index : ports)
    {
        Deliver(index, frame);
    }
}

void
FastSwitchedLan::Deliver(uint32_t index, Ptr<const Packet> frame)
{
    NS_LOG_FUNCTION(this << index << frame);
    const Port& port = m_ports[index];
    for (const auto& device : port.devices)
    {
        device->Receive(frame->Copy(), port.receiver);
    }
}

} // namespace zos
} // namespace ns3
