/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "lan.h"

#include "ns3/drop-tail-queue.h"
#include "ns3/enum.h"
#include "ns3/log.h"
#include "ns3/mac48-address.h"
#include "ns3/pcap-file-wrapper.h"
#include "ns3/simulator.h"
#include "ns3/trace-helper.h"
#include "ns3/uinteger.h"

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("Lan");
NS_OBJECT_ENSURE_REGISTERED(Lan);

TypeId
Lan::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::Lan")
            .SetParent<Object>()
            .SetGroupName("ZosTakeover")
            .AddConstructor<Lan>()
            .AddAttribute("Kind",
                          "Shared medium (one CSMA channel) or switched (a learning bridge).",
                          EnumValue(Lan::SWITCHED),
                          MakeEnumAccessor(&Lan::m_kind),
                          MakeEnumChecker(Lan::SHARED, "Shared", Lan::SWITCHED, "Switched"))
            .AddAttribute("DataRate",
                          "Data rate of the CSMA channel(s).",
                          DataRateValue(DataRate("1Gbps")),
                          MakeDataRateAccessor(&Lan::m_dataRate),
                          MakeDataRateChecker())
            .AddAttribute("Delay",
                          "Propagation delay of the CSMA channel(s).",
                          TimeValue(MicroSeconds(1)),
                          MakeTimeAccessor(&Lan::m_delay),
                          MakeTimeChecker())
            .AddAttribute("MaxPortsPerSwitch",
                          "Switched LAN: 0 = one switch; N >= 2 = access switches of at most N "
                          "ports (one is the uplink) under one core switch.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&Lan::m_maxPorts),
                          MakeUintegerChecker<uint32_t>())
            .AddTraceSource("Frame",
                            "A frame crossed the LAN (once per frame; needs EnableCapture).",
                            MakeTraceSourceAccessor(&Lan::m_frameTrace),
                            "ns3::Lan::FrameTracedCallback");
    return tid;
}

Lan::Lan() = default;
Lan::~Lan() = default;

void
Lan::DoDispose()
{
    m_channel = nullptr;
    m_switch = nullptr;
    m_bridge = nullptr;
    m_access = nullptr;
    m_accessBridge = nullptr;
    m_ports.clear();
    m_switchPorts.clear();
    m_devices.clear();
    m_pcaps.clear();
    Object::DoDispose();
}

void
Lan::SetName(const std::string& name)
{
    m_name = name;
}

const std::string&
Lan::GetName() const
{
    return m_name;
}

Lan::Kind
Lan::GetKind() const
{
    return m_kind;
}

Ptr<CsmaChannel>
Lan::NewChannel() const
{
    Ptr<CsmaChannel> channel = CreateObject<CsmaChannel>();
    channel->SetAttribute("DataRate", DataRateValue(m_dataRate));
    channel->SetAttribute("Delay", TimeValue(m_delay));
    return channel;
}

void
Lan::Build()
{
    if (m_built)
    {
        return;
    }
    m_built = true;
    NS_ABORT_MSG_IF(m_maxPorts == 1, "Lan MaxPortsPerSwitch must be 0 or >= 2");
    if (m_kind == SHARED)
    {
        m_channel = NewChannel();
    }
    else
    {
        m_switch = NewSwitch(m_bridge);
    }
}

Ptr<Node>
Lan::NewSwitch(Ptr<BridgeNetDevice>& bridge)
{
    Ptr<Node> sw = CreateObject<Node>();
    bridge = CreateObject<BridgeNetDevice>();
    bridge->SetAddress(Mac48Address::Allocate());
    sw->AddDevice(bridge);
    return sw;
}

static void
PrepareDevice(Ptr<Node> node, Ptr<CsmaNetDevice> device)
{
    device->SetAddress(Mac48Address::Allocate());
    device->SetQueue(CreateObject<DropTailQueue<Packet>>());
    node->AddDevice(device);
}

void
Lan::Attach(Ptr<Node> node, Ptr<CsmaNetDevice> device)
{
    Build();
    PrepareDevice(node, device);
    m_devices.push_back(device);
    if (m_kind == SHARED)
    {
        device->Attach(m_channel);
        if (m_capturing)
        {
            HookSender(device);
        }
        return;
    }
    auto [sw, bridge] = EdgeSwitch();
    Ptr<CsmaChannel> segment = NewChannel();
    device->Attach(segment);
    Ptr<CsmaNetDevice> port = AddSwitchPort(sw, bridge, segment);
    m_ports.push_back(port);
    if (m_capturing)
    {
        HookPort(port);
    }
}

Ptr<CsmaNetDevice>
Lan::AddSwitchPort(Ptr<Node> sw, Ptr<BridgeNetDevice> bridge, Ptr<CsmaChannel> segment)
{
    Ptr<CsmaNetDevice> port = CreateObject<CsmaNetDevice>();
    PrepareDevice(sw, port);
    port->Attach(segment);
    bridge->AddBridgePort(port);
    m_switchPorts.push_back(port);
    return port;
}

int64_t
Lan::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    // Every CSMA device draws its backoff from its own stream: the attached devices in the
    // order attached, then the switch ports (uplinks included) in the order built.
    int64_t used = 0;
    for (auto& device : m_devices)
    {
        used += device->AssignStreams(stream + used);
    }
    for (auto& port : m_switchPorts)
    {
        used += port->AssignStreams(stream + used);
    }
    return used;
}

std::pair<Ptr<Node>, Ptr<BridgeNetDevice>>
Lan::EdgeSwitch()
{
    if (m_maxPorts == 0)
    {
        return {m_switch, m_bridge};
    }
    if (!m_access || m_accessPorts >= m_maxPorts)
    {
        // A new access switch, with an uplink segment to the core switch.
        m_access = NewSwitch(m_accessBridge);
        Ptr<CsmaChannel> uplink = NewChannel();
        AddSwitchPort(m_access, m_accessBridge, uplink);
        AddSwitchPort(m_switch, m_bridge, uplink);
        m_accessPorts = 1;
    }
    ++m_accessPorts;
    return {m_access, m_accessBridge};
}

const std::vector<Ptr<CsmaNetDevice>>&
Lan::GetDevices() const
{
    return m_devices;
}

void
Lan::HookPort(Ptr<CsmaNetDevice> port)
{
    NS_LOG_FUNCTION(this << port);
    // Each frame enters the switch fabric exactly once, through the station-facing port of
    // its sender's segment (uplinks are not hooked).
    port->TraceConnectWithoutContext("MacPromiscRx", MakeCallback(&Lan::FrameSeen, this));
}

void
Lan::HookSender(Ptr<CsmaNetDevice> device)
{
    NS_LOG_FUNCTION(this << device);
    // A shared channel carries one frame at a time, each put there by one attached device:
    // its PhyTxEnd fires once per frame that completed on the wire (not for frames dropped
    // before the channel, by a failed port or a busy channel after the last backoff).
    // A trace sink adds no node, device, MAC address or simulator event: capture is passive.
    device->TraceConnectWithoutContext("PhyTxEnd", MakeCallback(&Lan::FrameSeen, this));
}

void
Lan::EnableCapture()
{
    NS_LOG_FUNCTION(this);
    Build();
    if (m_capturing)
    {
        return;
    }
    m_capturing = true;
    if (m_kind == SWITCHED)
    {
        for (auto& port : m_ports)
        {
            HookPort(port);
        }
        return;
    }
    for (auto& device : m_devices)
    {
        HookSender(device);
    }
}

void
Lan::EnablePcap(const std::string& filename)
{
    EnableCapture();
    Ptr<PcapFileWrapper> file = CreateObject<PcapFileWrapper>();
    file->Open(filename, std::ios::out | std::ios::binary);
    file->Init(PcapHelper::DLT_EN10MB);
    m_pcaps.push_back(file);
}

void
Lan::FrameSeen(Ptr<const Packet> frame)
{
    for (auto& pcap : m_pcaps)
    {
        pcap->Write(Simulator::Now(), frame);
    }
    m_frameTrace(frame);
}

} // namespace ns3
