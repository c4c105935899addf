/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "shared-lan.h"

#include "ns3/log.h"

namespace ns3
{

namespace zos
{

NS_LOG_COMPONENT_DEFINE("SharedLan");
NS_OBJECT_ENSURE_REGISTERED(SharedLan);

TypeId
SharedLan::GetTypeId()
{
    static TypeId tid = TypeId("ns3::zos::SharedLan")
                            .SetParent<Lan>()
                            .SetGroupName("ZosTakeover")
                            .AddConstructor<SharedLan>();
    return tid;
}

SharedLan::SharedLan()
{
    NS_LOG_FUNCTION(this);
}

SharedLan::~SharedLan() = default;

void
SharedLan::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_channel = nullptr;
    Lan::DoDispose();
}

Ptr<CsmaChannel>
SharedLan::GetChannel() const
{
    return m_channel;
}

void
SharedLan::DoBuild()
{
    NS_LOG_FUNCTION(this);
    m_channel = NewChannel();
}

void
SharedLan::DoAttach(Ptr<Node> node, Ptr<CsmaNetDevice> device)
{
    NS_LOG_FUNCTION(this << node << device);
    device->Attach(m_channel);
    if (IsCapturing())
    {
        HookSender(device);
    }
}

void
SharedLan::DoAttachBeside(Ptr<Node> node, Ptr<CsmaNetDevice> device, Ptr<CsmaNetDevice> beside)
{
    NS_LOG_FUNCTION(this << node << device << beside);
    DoAttach(node, device); // one channel: beside's place is the LAN
}

void
SharedLan::DoEnableCapture()
{
    NS_LOG_FUNCTION(this);
    for (auto& device : GetDevices())
    {
        HookSender(device);
    }
}

void
SharedLan::HookSender(Ptr<CsmaNetDevice> device)
{
    NS_LOG_FUNCTION(this << device);
    // A shared channel carries one frame at a time, each put there by one attached device:
    // its PhyTxEnd fires once per frame that completed on the wire (not for frames dropped
    // before the channel, by a failed port or a busy channel after the last backoff).
    // A trace sink adds no node, device, MAC address or simulator event: capture is passive.
    device->TraceConnectWithoutContext("PhyTxEnd", MakeCallback(&SharedLan::FrameSeen, this));
}

} // namespace zos
} // namespace ns3
