/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "zos-stack-helper.h"

#include "ns3/abort.h"
#include "ns3/csma-helper.h"
#include "ns3/internet-stack-helper.h"
#include "ns3/ipv4.h"

namespace ns3
{

namespace zos
{

ZosStackHelper::ZosStackHelper()
{
    m_stackFactory.SetTypeId(ZosStack::GetTypeId());
    m_deviceFactory.SetTypeId(KindTable::LookupDevice("MPCIPA"));
}

void
ZosStackHelper::SetStackAttribute(const std::string& name, const AttributeValue& value)
{
    m_stackFactory.Set(name, value);
}

void
ZosStackHelper::SetDeviceAttribute(const std::string& name, const AttributeValue& value)
{
    m_deviceFactory.Set(name, value);
}

Ptr<ZosStack>
ZosStackHelper::Install(Ptr<Node> node, const std::string& name) const
{
    if (!node->GetObject<Ipv4>())
    {
        InternetStackHelper internet;
        internet.Install(node);
    }
    Ptr<ZosStack> stack = m_stackFactory.Create<ZosStack>();
    stack->SetName(name);
    node->AggregateObject(stack);
    stack->SetNode(node);
    return stack;
}

std::vector<Ptr<ZosStack>>
ZosStackHelper::Install(const NodeContainer& nodes, const std::string& prefix) const
{
    std::vector<Ptr<ZosStack>> stacks;
    for (uint32_t i = 0; i < nodes.GetN(); ++i)
    {
        stacks.push_back(Install(nodes.Get(i), prefix + std::to_string(i + 1)));
    }
    return stacks;
}

Ptr<OsaNetDevice>
ZosStackHelper::AddLink(Ptr<ZosStack> stack,
                        const std::string& name,
                        const std::string& kind,
                        Ptr<Lan> lan,
                        Ipv4InterfaceAddress home) const
{
    ObjectFactory factory = m_deviceFactory;
    factory.SetTypeId(KindTable::LookupDevice(kind));
    Ptr<OsaNetDevice> device = factory.Create<OsaNetDevice>();
    lan->Attach(stack->GetNode(), device);
    stack->AddLink(name, device, home);
    return device;
}

Ptr<OsaNetDevice>
ZosStackHelper::AddLink(Ptr<ZosStack> stack,
                        const std::string& name,
                        Ptr<Lan> lan,
                        Ipv4InterfaceAddress home) const
{
    Ptr<OsaNetDevice> device = m_deviceFactory.Create<OsaNetDevice>();
    lan->Attach(stack->GetNode(), device);
    stack->AddLink(name, device, home);
    return device;
}

Ptr<LcsNetDevice>
ZosStackHelper::AddSharedLink(Ptr<ZosStack> stack,
                              const std::string& name,
                              Ptr<OsaPort> port,
                              Ptr<Lan> lan,
                              Ipv4InterfaceAddress home) const
{
    ObjectFactory factory = m_deviceFactory;
    factory.SetTypeId(LcsNetDevice::GetTypeId());
    Ptr<LcsNetDevice> device = factory.Create<LcsNetDevice>();
    std::vector<Ptr<OsaNetDevice>> partitions = port->GetDevices();
    if (partitions.empty())
    {
        lan->Attach(stack->GetNode(), device);
    }
    else
    {
        lan->AttachBeside(stack->GetNode(), device, partitions.front());
    }
    device->SetOsaPort(port, stack->GetName());
    stack->AddLink(name, device, home);
    return device;
}

int64_t
ZosStackHelper::AssignStreams(const std::vector<Ptr<ZosStack>>& stacks, int64_t stream) const
{
    int64_t used = 0;
    for (const auto& s : stacks)
    {
        used += s->AssignStreams(stream + used);
    }
    return used;
}

void
ZosStackHelper::EnablePcapInternal(std::string prefix,
                                   Ptr<NetDevice> nd,
                                   bool promiscuous,
                                   bool explicitFilename)
{
    // OSA ports are CSMA devices: reuse CsmaHelper's pcap wiring.
    CsmaHelper csma;
    csma.EnablePcap(prefix, nd, promiscuous, explicitFilename);
}

} // namespace zos
} // namespace ns3
