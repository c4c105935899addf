/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "arp-takeover-protocol.h"

#include "ns3/arp-cache.h"
#include "ns3/arp-util.h"
#include "ns3/boolean.h"
#include "ns3/gratuitous-arp-loss-tag.h"
#include "ns3/ipv4-interface.h"
#include "ns3/ipv4-l3-protocol.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/osa-net-device.h"
#include "ns3/zos-stack.h"

namespace ns3
{

namespace zos
{

NS_LOG_COMPONENT_DEFINE("ArpTakeoverProtocol");
NS_OBJECT_ENSURE_REGISTERED(ArpTakeoverProtocol);

TypeId
ArpTakeoverProtocol::GetTypeId()
{
    static TypeId tid = TypeId("ns3::zos::ArpTakeoverProtocol")
                            .SetParent<AddressTakeoverProtocol>()
                            .SetGroupName("ZosTakeover")
                            .AddConstructor<ArpTakeoverProtocol>();
    return tid;
}

ArpTakeoverProtocol::ArpTakeoverProtocol()
    : m_learnFromRequests(true)
{
    NS_LOG_FUNCTION(this);
}

ArpTakeoverProtocol::~ArpTakeoverProtocol()
{
    NS_LOG_FUNCTION(this);
}

uint16_t
ArpTakeoverProtocol::GetProtocolNumber() const
{
    return kArpProtocol;
}

void
ArpTakeoverProtocol::SetLearnFromRequests(bool learn)
{
    NS_LOG_FUNCTION(this << learn);
    m_learnFromRequests = learn;
}

bool
ArpTakeoverProtocol::GetLearnFromRequests() const
{
    return m_learnFromRequests;
}

void
ArpTakeoverProtocol::SendLanGroupProbe(uint32_t i)
{
    // LanGroup discovery (seeds 000, 003: "learned dynamically at link initialization time";
    // how z/OS does it is not documented). Modelled as an RFC 5227 ARP probe for the link's
    // HOME address: sender IP 0.0.0.0, so no station cache changes, and every sibling link
    // on the same LAN hears the sender MAC. Sent at every activation, whatever the
    // gratuitous ARP count and loss, which are about announcements to stations.
    ZosStack* stack = GetStack();
    NS_ASSERT_MSG(stack, "ArpTakeoverProtocol::SetStack first");
    NS_LOG_FUNCTION(this << stack->GetLinkName(i));
    Ptr<OsaNetDevice> device = stack->GetLinkDevice(i);
    device->Send(MakeArpRequest(Ipv4Address::GetAny(),
                                Mac48Address::ConvertFrom(device->GetAddress()),
                                stack->GetHomeAddress(i)),
                 device->GetBroadcast(),
                 kArpProtocol);
}

bool
ArpTakeoverProtocol::SendAnnouncement(uint32_t i, const Address& address, double receiverLoss)
{
    // Per frame: no NS_LOG_FUNCTION (the benchmark's hot path).
    ZosStack* stack = GetStack();
    NS_ASSERT_MSG(stack, "ArpTakeoverProtocol::SetStack first");
    Ptr<OsaNetDevice> device = stack->GetLinkDevice(i);
    Ptr<Packet> frame = MakeGratuitousArp(Ipv4Address::ConvertFrom(address),
                                          Mac48Address::ConvertFrom(device->GetAddress()));
    if (receiverLoss > 0)
    {
        frame->AddPacketTag(GratuitousArpLossTag(receiverLoss));
    }
    // Only a frame the port accepts is on the wire: a port that failed and the stack has not
    // noticed yet sends nothing.
    return device->Send(frame, device->GetBroadcast(), kArpProtocol);
}

void
ArpTakeoverProtocol::Receive(Ptr<OsaNetDevice> device,
                             Ptr<const Packet> packet,
                             const Address& from)
{
    // Per frame: no NS_LOG_FUNCTION (the benchmark's hot path).
    ArpFields arp;
    if (!ArpFields::Peek(packet, arp))
    {
        return;
    }
    ZosStack* stack = GetStack();
    if (stack == nullptr)
    {
        return; // the stack is gone (disposed or destroyed): nobody processes the frame
    }
    // Which link heard it.
    int32_t heard = stack->FindLinkByMac(Mac48Address::ConvertFrom(device->GetAddress()));
    NS_ASSERT_MSG(heard >= 0, "ARP on a port that is no link of stack " << stack->GetName());
    uint32_t i = static_cast<uint32_t>(heard);
    if (!stack->IsLinkActive(i))
    {
        return;
    }
    // A frame sent by another link of this stack: the two links share a LAN. Whatever the
    // frame and whichever link is still learning, their LanGroups are one from now on.
    int32_t sibling = stack->FindLinkByMac(arp.GetSourceHardwareAddress());
    if (sibling >= 0)
    {
        stack->NoteHeard(static_cast<uint32_t>(sibling), i);
        return;
    }
    if (arp.IsReply())
    {
        // Replies to the stack's own requests (resolving clients) go to ns-3's ARP.
        device->ForwardUp(packet, kArpProtocol, from);
        return;
    }
    Ipv4Address target = arp.GetDestinationIpv4Address();
    if (IsGratuitous(arp))
    {
        return; // another station announcing itself; the stack keeps no cache of it here
    }
    if (!stack->Answers(i, target))
    {
        return;
    }
    Mac48Address mac = Mac48Address::ConvertFrom(device->GetAddress());
    device->Send(
        MakeArpReply(target, mac, arp.GetSourceIpv4Address(), arp.GetSourceHardwareAddress()),
        arp.GetSourceHardwareAddress(),
        kArpProtocol);
    stack->NotifyReplySent(i, target);
    if (m_learnFromRequests)
    {
        LearnRequester(device, arp.GetSourceIpv4Address(), arp.GetSourceHardwareAddress());
    }
}

void
ArpTakeoverProtocol::LearnRequester(Ptr<OsaNetDevice> device, Ipv4Address ip, Mac48Address mac)
{
    // RFC 826: "If I am the target protocol address ... add the triplet <protocol type,
    // sender protocol address, sender hardware address> to the table" (or merge it).
    ZosStack* stack = GetStack();
    NS_ASSERT_MSG(stack, "ArpTakeoverProtocol::SetStack first");
    Ptr<Ipv4L3Protocol> l3 = stack->GetNode()->GetObject<Ipv4L3Protocol>();
    int32_t ifIndex = l3 ? l3->GetInterfaceForDevice(device) : -1;
    Ptr<ArpCache> cache = ifIndex >= 0 ? l3->GetInterface(ifIndex)->GetArpCache() : nullptr;
    if (!cache)
    {
        return;
    }
    ArpCache::Entry* entry = cache->Lookup(ip);
    NS_LOG_INFO(stack->GetName() << " "
                                 << stack->GetLinkName(stack->FindLinkByMac(
                                        Mac48Address::ConvertFrom(device->GetAddress())))
                                 << " learns " << ip << " at " << mac
                                 << (entry ? " (known)" : " (new)"));
    if (entry == nullptr)
    {
        AddNeighbour(cache, ip, mac);
    }
    else
    {
        MergeNeighbour(cache, entry, ip, mac);
    }
}

} // namespace zos
} // namespace ns3
