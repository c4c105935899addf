/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "switched-lan.h"

#include "ns3/abort.h"
#include "ns3/log.h"
#include "ns3/mac48-address.h"
#include "ns3/uinteger.h"

namespace ns3
{

namespace zos
{

NS_LOG_COMPONENT_DEFINE("SwitchedLan");
NS_OBJECT_ENSURE_REGISTERED(SwitchedLan);

TypeId
SwitchedLan::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::zos::SwitchedLan")
            .SetParent<Lan>()
            .SetGroupName("ZosTakeover")
            .AddConstructor<SwitchedLan>()
            .AddAttribute("MaxPortsPerSwitch",
                          "0 = one switch; N >= 2 = access switches of at most N ports (one "
                          "is the uplink) under one core switch.",
                          UintegerValue(0),
                          MakeUintegerAccessor(&SwitchedLan::m_maxPorts),
                          MakeUintegerChecker<uint32_t>());
    return tid;
}

SwitchedLan::SwitchedLan()
{
    NS_LOG_FUNCTION(this);
}

SwitchedLan::~SwitchedLan() = default;

void
SwitchedLan::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_switch = nullptr;
    m_bridge = nullptr;
    m_access = nullptr;
    m_accessBridge = nullptr;
    m_ports.clear();
    m_switchPorts.clear();
    Lan::DoDispose();
}

void
SwitchedLan::DoBuild()
{
    NS_LOG_FUNCTION(this);
    NS_ABORT_MSG_IF(m_maxPorts == 1, "SwitchedLan MaxPortsPerSwitch must be 0 or >= 2");
    m_switch = NewSwitch(m_bridge);
}

Ptr<Node>
SwitchedLan::NewSwitch(Ptr<BridgeNetDevice>& bridge)
{
    Ptr<Node> sw = CreateObject<Node>();
    bridge = CreateObject<BridgeNetDevice>();
    bridge->SetAddress(Mac48Address::Allocate());
    sw->AddDevice(bridge);
    return sw;
}

void
SwitchedLan::DoAttach(Ptr<Node> node, Ptr<CsmaNetDevice> device)
{
    NS_LOG_FUNCTION(this << node << device);
    auto [sw, bridge] = EdgeSwitch();
    Ptr<CsmaChannel> segment = NewChannel();
    device->Attach(segment);
    Ptr<CsmaNetDevice> port = AddSwitchPort(sw, bridge, segment);
    m_ports.push_back(port);
    if (IsCapturing())
    {
        HookPort(port);
    }
}

Ptr<CsmaNetDevice>
SwitchedLan::AddSwitchPort(Ptr<Node> sw, Ptr<BridgeNetDevice> bridge, Ptr<CsmaChannel> segment)
{
    Ptr<CsmaNetDevice> port = CreateObject<CsmaNetDevice>();
    PrepareDevice(sw, port);
    port->Attach(segment);
    bridge->AddBridgePort(port);
    m_switchPorts.push_back(port);
    return port;
}

std::pair<Ptr<Node>, Ptr<BridgeNetDevice>>
SwitchedLan::EdgeSwitch()
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
    NS_ASSERT_MSG(m_accessPorts <= m_maxPorts, "access switch over its port count");
    return {m_access, m_accessBridge};
}

std::vector<Ptr<CsmaNetDevice>>
SwitchedLan::DoGetOwnDevices() const
{
    return m_switchPorts;
}

void
SwitchedLan::DoEnableCapture()
{
    NS_LOG_FUNCTION(this);
    for (auto& port : m_ports)
    {
        HookPort(port);
    }
}

void
SwitchedLan::HookPort(Ptr<CsmaNetDevice> port)
{
    NS_LOG_FUNCTION(this << port);
    // Each frame enters the switch fabric exactly once, through the station-facing port of
    // its sender's segment (uplinks are not hooked).
    port->TraceConnectWithoutContext("MacPromiscRx", MakeCallback(&SwitchedLan::FrameSeen, this));
}

} // namespace zos
} // namespace ns3
