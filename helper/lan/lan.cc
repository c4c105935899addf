/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "lan.h"

#include "ns3/abort.h"
#include "ns3/drop-tail-queue.h"
#include "ns3/log.h"
#include "ns3/mac48-address.h"
#include "ns3/queue-size.h"

#include <algorithm>

namespace ns3
{

namespace zos
{

NS_LOG_COMPONENT_DEFINE("Lan");
NS_OBJECT_ENSURE_REGISTERED(Lan);

TypeId
Lan::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::zos::Lan")
            .SetParent<Object>()
            .SetGroupName("ZosTakeover")
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
            .AddAttribute("QueueSize",
                          "Size of the DropTail transmit queue of every device on the LAN "
                          "(stations, stacks, routers and switch ports); ns-3's default is 100 "
                          "packets. A frame that finds the queue full is dropped.",
                          QueueSizeValue(QueueSize("100p")),
                          MakeQueueSizeAccessor(&Lan::m_queueSize),
                          MakeQueueSizeChecker())
            .AddTraceSource("Frame",
                            "A frame crossed the LAN (once per frame; needs EnableCapture).",
                            MakeTraceSourceAccessor(&Lan::m_frameTrace),
                            "ns3::zos::Lan::FrameTracedCallback");
    return tid;
}

Lan::Lan()
{
    NS_LOG_FUNCTION(this);
    m_channelFactory.SetTypeId(CsmaChannel::GetTypeId());
}

Lan::~Lan() = default;

void
Lan::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_devices.clear();
    Object::DoDispose();
}

void
Lan::SetName(const std::string& name)
{
    NS_LOG_FUNCTION(this << name);
    m_name = name;
}

const std::string&
Lan::GetName() const
{
    return m_name;
}

DataRate
Lan::GetDataRate() const
{
    return m_dataRate;
}

Time
Lan::GetDelay() const
{
    return m_delay;
}

QueueSize
Lan::GetQueueSize() const
{
    return m_queueSize;
}

void
Lan::SetChannelAttribute(const std::string& name, const AttributeValue& value)
{
    NS_LOG_FUNCTION(this << name);
    m_channelFactory.Set(name, value);
}

void
Lan::SetChannelFactory(const ObjectFactory& factory)
{
    NS_LOG_FUNCTION(this);
    NS_ASSERT_MSG(factory.GetTypeId().IsChildOf(CsmaChannel::GetTypeId()) ||
                      factory.GetTypeId() == CsmaChannel::GetTypeId(),
                  "Lan: the channel factory must create CsmaChannels");
    m_channelFactory = factory;
}

Ptr<CsmaChannel>
Lan::NewChannel() const
{
    Ptr<CsmaChannel> channel = m_channelFactory.Create<CsmaChannel>();
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
    DoBuild();
}

void
Lan::PrepareDevice(Ptr<Node> node, Ptr<CsmaNetDevice> device) const
{
    device->SetAddress(Mac48Address::Allocate());
    device->SetQueue(NewQueue());
    node->AddDevice(device);
}

Ptr<Queue<Packet>>
Lan::NewQueue() const
{
    Ptr<DropTailQueue<Packet>> queue = CreateObject<DropTailQueue<Packet>>();
    queue->SetMaxSize(m_queueSize);
    return queue;
}

void
Lan::Attach(Ptr<Node> node, Ptr<CsmaNetDevice> device)
{
    NS_LOG_FUNCTION(this << node << device);
    NS_ASSERT_MSG(node && device, "Lan::Attach needs a node and a device");
    Build();
    PrepareDevice(node, device);
    m_devices.push_back(device);
    DoAttach(node, device);
}

void
Lan::AttachBeside(Ptr<Node> node, Ptr<CsmaNetDevice> device, Ptr<CsmaNetDevice> beside)
{
    NS_LOG_FUNCTION(this << node << device << beside);
    NS_ASSERT_MSG(node && device && beside, "Lan::AttachBeside needs a node and two devices");
    NS_ABORT_MSG_IF(std::find(m_devices.begin(), m_devices.end(), beside) == m_devices.end(),
                    "Lan::AttachBeside: the device beside is not attached to LAN " << m_name);
    device->SetAddress(beside->GetAddress());
    device->SetQueue(NewQueue());
    node->AddDevice(device);
    m_devices.push_back(device);
    DoAttachBeside(node, device, beside);
}

void
Lan::DoAttachBeside(Ptr<Node> node, Ptr<CsmaNetDevice> device, Ptr<CsmaNetDevice> beside)
{
    NS_LOG_FUNCTION(this << node << device << beside);
    device->Attach(DynamicCast<CsmaChannel>(beside->GetChannel()));
}

const std::vector<Ptr<CsmaNetDevice>>&
Lan::GetDevices() const
{
    return m_devices;
}

std::vector<Ptr<CsmaNetDevice>>
Lan::DoGetOwnDevices() const
{
    return {};
}

NetDeviceContainer
Lan::GetAllDevices() const
{
    NetDeviceContainer all;
    for (const auto& device : m_devices)
    {
        all.Add(device);
    }
    for (const auto& device : DoGetOwnDevices())
    {
        all.Add(device);
    }
    return all;
}

int64_t
Lan::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    // Every CSMA device draws its backoff from its own stream: the attached devices in the
    // order attached, then the LAN's own devices (switch ports, uplinks included).
    int64_t used = 0;
    NetDeviceContainer all = GetAllDevices();
    for (auto it = all.Begin(); it != all.End(); ++it)
    {
        used += DynamicCast<CsmaNetDevice>(*it)->AssignStreams(stream + used);
    }
    return used;
}

bool
Lan::IsCapturing() const
{
    return m_capturing;
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
    DoEnableCapture();
}

void
Lan::FrameSeen(Ptr<const Packet> frame)
{
    m_frameTrace(frame);
}

} // namespace zos
} // namespace ns3
