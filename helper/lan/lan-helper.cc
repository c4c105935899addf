/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "lan-helper.h"

#include "ns3/abort.h"
#include "ns3/kind-table.h"
#include "ns3/log.h"
#include "ns3/switched-lan.h"

#include <algorithm>
#include <map>

namespace ns3
{

namespace zos
{

NS_LOG_COMPONENT_DEFINE("LanHelper");

LanHelper::LanHelper()
{
    NS_LOG_FUNCTION(this);
    m_lanFactory.SetTypeId(SwitchedLan::GetTypeId());
    m_deviceFactory.SetTypeId(CsmaNetDevice::GetTypeId());
    m_channelFactory.SetTypeId(CsmaChannel::GetTypeId());
}

LanHelper::~LanHelper() = default;

void
LanHelper::SetLanAttribute(const std::string& name, const AttributeValue& value)
{
    NS_LOG_FUNCTION(this << name);
    m_lanFactory.Set(name, value);
}

void
LanHelper::SetAttribute(const std::string& name, const AttributeValue& value)
{
    SetLanAttribute(name, value);
}

void
LanHelper::SetDeviceAttribute(const std::string& name, const AttributeValue& value)
{
    NS_LOG_FUNCTION(this << name);
    m_deviceFactory.Set(name, value);
}

void
LanHelper::SetChannelAttribute(const std::string& name, const AttributeValue& value)
{
    NS_LOG_FUNCTION(this << name);
    m_channelFactory.Set(name, value);
}

Ptr<Lan>
LanHelper::Create(const std::string& name) const
{
    NS_LOG_FUNCTION(this << name);
    Ptr<Lan> lan = m_lanFactory.Create<Lan>();
    NS_ASSERT_MSG(lan, "LanHelper: " << m_lanFactory.GetTypeId().GetName() << " is not a Lan");
    lan->SetName(name);
    lan->SetChannelFactory(m_channelFactory);
    m_lans.push_back(lan);
    return lan;
}

NetDeviceContainer
LanHelper::Install(const NodeContainer& nodes, Ptr<Lan> lan) const
{
    NS_LOG_FUNCTION(this << lan);
    NS_ASSERT_MSG(lan, "LanHelper::Install needs a LAN");
    NetDeviceContainer devices;
    for (auto it = nodes.Begin(); it != nodes.End(); ++it)
    {
        Ptr<CsmaNetDevice> device = m_deviceFactory.Create<CsmaNetDevice>();
        lan->Attach(*it, device);
        devices.Add(device);
    }
    return devices;
}

NetDeviceContainer
LanHelper::Install(Ptr<Node> node, Ptr<Lan> lan) const
{
    return Install(NodeContainer(node), lan);
}

NetDeviceContainer
LanHelper::Install(const NodeContainer& nodes) const
{
    NS_LOG_FUNCTION(this);
    return Install(nodes, Create(""));
}

Ptr<Lan>
LanHelper::GetLan(Ptr<NetDevice> device) const
{
    for (const auto& lan : m_lans)
    {
        const auto& devices = lan->GetDevices();
        if (std::find(devices.begin(), devices.end(), device) != devices.end())
        {
            return lan;
        }
    }
    return nullptr;
}

int64_t
LanHelper::AssignStreams(NetDeviceContainer devices, int64_t stream) const
{
    NS_LOG_FUNCTION(this << stream);
    int64_t used = 0;
    for (auto it = devices.Begin(); it != devices.End(); ++it)
    {
        Ptr<CsmaNetDevice> csma = DynamicCast<CsmaNetDevice>(*it);
        NS_ASSERT_MSG(csma, "LanHelper::AssignStreams: not a CSMA device");
        used += csma->AssignStreams(stream + used);
    }
    return used;
}

int64_t
LanHelper::AssignStreams(const std::vector<Ptr<Lan>>& lans, int64_t stream) const
{
    NS_LOG_FUNCTION(this << stream);
    int64_t used = 0;
    for (const auto& lan : lans)
    {
        used += lan->AssignStreams(stream + used);
    }
    return used;
}

void
LanHelper::EnableLanPcap(const std::string& filename, Ptr<Lan> lan) const
{
    NS_LOG_FUNCTION(this << filename << lan);
    PcapHelper pcapHelper;
    Ptr<PcapFileWrapper> file =
        pcapHelper.CreateFile(filename, std::ios::out, PcapHelper::DLT_EN10MB);
    lan->EnableCapture();
    pcapHelper.HookDefaultSink<Lan>(lan, "Frame", file);
}

void
LanHelper::EnablePcapInternal(std::string prefix,
                              Ptr<NetDevice> nd,
                              bool promiscuous,
                              bool explicitFilename)
{
    NS_LOG_FUNCTION(this << prefix << nd << promiscuous << explicitFilename);
    Ptr<Lan> lan = GetLan(nd);
    NS_ABORT_MSG_UNLESS(lan, "LanHelper::EnablePcap: the device is on no LAN of this helper");
    std::string filename =
        explicitFilename ? prefix : PcapHelper().GetFilenameFromDevice(prefix, nd);
    EnableLanPcap(filename, lan);
}

} // namespace zos
} // namespace ns3
