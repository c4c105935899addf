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
    m_ports.clear();
    m_devices.clear();
    m_monitorNode = nullptr;
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
    if (m_kind == SHARED)
    {
        m_channel = NewChannel();
    }
    else
    {
        m_switch = CreateObject<Node>();
        m_bridge = CreateObject<BridgeNetDevice>();
        m_bridge->SetAddress(Mac48Address::Allocate());
        m_switch->AddDevice(m_bridge);
    }
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
        return;
    }
    Ptr<CsmaChannel> segment = NewChannel();
    Ptr<CsmaNetDevice> port = CreateObject<CsmaNetDevice>();
    PrepareDevice(m_switch, port);
    device->Attach(segment);
    port->Attach(segment);
    m_bridge->AddBridgePort(port);
    m_ports.push_back(port);
    if (m_capturing)
    {
        HookPort(port);
    }
}

const std::vector<Ptr<CsmaNetDevice>>&
Lan::GetDevices() const
{
    return m_devices;
}

void
Lan::HookPort(Ptr<CsmaNetDevice> port)
{
    // Each frame enters the switch exactly once, through the port of its sender's segment.
    port->TraceConnectWithoutContext("MacPromiscRx", MakeCallback(&Lan::FrameSeen, this));
}

void
Lan::EnableCapture()
{
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
    // Shared medium: a passive monitor station sees every frame.
    m_monitorNode = CreateObject<Node>();
    Ptr<CsmaNetDevice> monitor = CreateObject<CsmaNetDevice>();
    PrepareDevice(m_monitorNode, monitor);
    monitor->Attach(m_channel);
    m_monitorNode->RegisterProtocolHandler(MakeCallback(&Lan::MonitorReceive, this),
                                           0,
                                           monitor,
                                           true);
    monitor->TraceConnectWithoutContext("MacPromiscRx", MakeCallback(&Lan::FrameSeen, this));
}

void
Lan::MonitorReceive(Ptr<NetDevice> device,
                    Ptr<const Packet> packet,
                    uint16_t protocol,
                    const Address& from,
                    const Address& to,
                    NetDevice::PacketType type)
{
    // Frames are reported by the MacPromiscRx trace; nothing to deliver.
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
