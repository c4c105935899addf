/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "zos-stack.h"

#include "ns3/arp-takeover-protocol.h"
#include "ns3/boolean.h"
#include "ns3/connection-route-cache.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/ipv4-list-routing.h"
#include "ns3/ipv4-routing-table-entry.h"
#include "ns3/ipv4-static-routing.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"
#include "ns3/vipa-net-device.h"

#include <iomanip>
#include <limits>
#include <sstream>

namespace ns3
{

namespace zos
{

NS_LOG_COMPONENT_DEFINE("ZosStack");
NS_OBJECT_ENSURE_REGISTERED(ZosStack);

ZosStack::ZosStack()
{
    NS_LOG_FUNCTION(this);
    m_lossRng = CreateObject<UniformRandomVariable>();
    // Before the attributes are set: ArpLearnFromRequests writes the protocol's setting.
    m_arp = CreateObject<ArpTakeoverProtocol>();
    m_arp->SetStack(this);
    // Before the attributes are set too: Pq25476 writes its setting.
    m_routeCache = CreateObject<ConnectionRouteCache>();
}

ZosStack::~ZosStack()
{
    NS_LOG_FUNCTION(this);
    if (m_arp)
    {
        m_arp->SetStack(nullptr); // the protocol may outlive the stack (device callbacks)
    }
}

void
ZosStack::DoDispose()
{
    NS_LOG_FUNCTION(this);
    for (auto& link : m_links)
    {
        link.detection.Cancel();
        link.learning.Cancel();
        link.device = nullptr;
    }
    m_links.clear();
    m_vipaDevice = nullptr;
    if (m_routeCache)
    {
        m_routeCache->Dispose(); // Ipv4ListRouting does not dispose its protocols
        m_routeCache = nullptr;
    }
    m_ipv4 = nullptr;
    m_node = nullptr;
    m_lossRng = nullptr;
    if (m_arp)
    {
        m_arp->Dispose();
        m_arp = nullptr;
    }
    Object::DoDispose();
}

void
ZosStack::SetNode(Ptr<Node> node)
{
    NS_LOG_FUNCTION(this << node);
    m_node = node;
    m_ipv4 = node->GetObject<Ipv4>();
    NS_ABORT_MSG_IF(!m_ipv4, "ZosStack needs an InternetStack on the node");
    m_vipaDevice = CreateObject<VipaNetDevice>();
    node->AddDevice(m_vipaDevice);
    m_vipaIfIndex = m_ipv4->AddInterface(m_vipaDevice);
    m_ipv4->SetUp(m_vipaIfIndex);
    // TCP connections keep the route they were given (PQ25476 decides what a route failure
    // does to it): first in the list, above the protocols that choose it.
    if (Ptr<Ipv4ListRouting> list = DynamicCast<Ipv4ListRouting>(m_ipv4->GetRoutingProtocol()))
    {
        list->AddRoutingProtocol(m_routeCache, std::numeric_limits<int16_t>::max());
    }
    else
    {
        NS_LOG_WARN("stack " << m_name << ": no Ipv4ListRouting, TCP routes are not kept");
    }
}

Ptr<Node>
ZosStack::GetNode() const
{
    return m_node;
}

void
ZosStack::SetName(const std::string& name)
{
    NS_LOG_FUNCTION(this << name);
    m_name = name;
}

const std::string&
ZosStack::GetName() const
{
    return m_name;
}

int64_t
ZosStack::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    m_lossRng->SetStream(stream);
    return 1;
}

Ipv4Address
ZosStack::ToIpv4(const Address& a)
{
    return Ipv4Address::ConvertFrom(a);
}

Ptr<Ipv4StaticRouting>
ZosStack::StaticRouting() const
{
    // As Ipv4StaticRoutingHelper::GetStaticRouting finds it (a model includes no helper).
    Ptr<Ipv4RoutingProtocol> protocol = m_ipv4->GetRoutingProtocol();
    if (Ptr<Ipv4StaticRouting> routing = DynamicCast<Ipv4StaticRouting>(protocol))
    {
        return routing;
    }
    if (Ptr<Ipv4ListRouting> list = DynamicCast<Ipv4ListRouting>(protocol))
    {
        for (uint32_t i = 0; i < list->GetNRoutingProtocols(); ++i)
        {
            int16_t priority;
            if (Ptr<Ipv4StaticRouting> routing =
                    DynamicCast<Ipv4StaticRouting>(list->GetRoutingProtocol(i, priority)))
            {
                return routing;
            }
        }
    }
    NS_ABORT_MSG("stack " << m_name << ": the node has no Ipv4StaticRouting");
    return nullptr;
}

uint32_t
ZosStack::AddLink(const std::string& name, Ptr<OsaNetDevice> device, Ipv4InterfaceAddress home)
{
    NS_LOG_FUNCTION(this << name << home);
    NS_ABORT_MSG_IF(!m_node, "ZosStack::SetNode first");
    NS_ABORT_MSG_IF(FindLink(name) >= 0, "duplicate link name " << name);
    Link link;
    link.name = name;
    link.device = device;
    link.mac = Mac48Address::ConvertFrom(device->GetAddress());
    link.home = home;
    int32_t existing = m_ipv4->GetInterfaceForDevice(device);
    link.ifIndex = existing >= 0 ? existing : m_ipv4->AddInterface(device);
    m_ipv4->AddAddress(link.ifIndex, home);
    m_ipv4->SetDown(link.ifIndex);
    link.id = m_ownership.AddLink(name, home.GetLocal());
    uint32_t index = m_links.size();
    NS_ASSERT_MSG(link.id == index, "ownership link ids follow the stack's link indices");
    m_linkByMac[link.mac] = index;
    device->SetArpHandler(MakeCallback(&AddressTakeoverProtocol::Receive, m_arp));
    device->SetPortStateHandler(MakeCallback(&ZosStack::PortStateChanged, this));
    m_links.push_back(link);
    return index;
}

void
ZosStack::AddRoute(const std::string& link,
                   Ipv4Address destination,
                   Ipv4Mask mask,
                   Ipv4Address gateway)
{
    NS_LOG_FUNCTION(this << link << destination << mask << gateway);
    uint32_t i = LinkIndex(link);
    m_links[i].routes.push_back({destination, mask, gateway});
    if (m_ownership.IsActive(m_links[i].id))
    {
        // A zero gateway makes an on-link route (ns-3 sends to the destination itself).
        StaticRouting()->AddNetworkRouteTo(destination, mask, gateway, m_links[i].ifIndex);
    }
}

void
ZosStack::AddVipa(Ipv4Address vipa)
{
    NS_LOG_FUNCTION(this << vipa);
    bool known = m_ownership.IsVipa(vipa);
    if (known || m_failed)
    {
        m_ignoredTrace(NO_LINK,
                       Operation::VipaAdd,
                       vipa,
                       known ? IgnoredReason::VipaAlreadyDefined
                             : IgnoredReason::VipaOnFailedStack);
        if (known)
        {
            return;
        }
    }
    m_ipv4->AddAddress(m_vipaIfIndex, Ipv4InterfaceAddress(vipa, Ipv4Mask::GetOnes()));
    Apply(m_ownership.AddVipa(vipa));
}

uint32_t
ZosStack::LinkIndex(const std::string& name) const
{
    int32_t i = FindLink(name);
    NS_ABORT_MSG_IF(i < 0, "stack " << m_name << " has no link " << name);
    return static_cast<uint32_t>(i);
}

int32_t
ZosStack::FindLink(const std::string& name) const
{
    for (uint32_t i = 0; i < m_links.size(); ++i)
    {
        if (m_links[i].name == name)
        {
            return static_cast<int32_t>(i);
        }
    }
    return -1;
}

void
ZosStack::StartLink(const std::string& name)
{
    NS_LOG_FUNCTION(this << name);
    uint32_t i = LinkIndex(name);
    if (m_failed)
    {
        m_ignoredTrace(i, Operation::LinkStart, Ipv4Address::GetZero(), IgnoredReason::StackFailed);
        return;
    }
    if (m_links[i].started)
    {
        m_ignoredTrace(i,
                       Operation::LinkStart,
                       Ipv4Address::GetZero(),
                       IgnoredReason::LinkAlreadyStarted);
        return;
    }
    m_links[i].started = true;
    if (m_links[i].portUp)
    {
        Activate(i, LinkCause::LinkStart);
    }
}

void
ZosStack::StopLink(const std::string& name)
{
    NS_LOG_FUNCTION(this << name);
    uint32_t i = LinkIndex(name);
    if (m_failed)
    {
        m_ignoredTrace(i, Operation::LinkStop, Ipv4Address::GetZero(), IgnoredReason::StackFailed);
        return;
    }
    if (!m_links[i].started)
    {
        m_ignoredTrace(i,
                       Operation::LinkStop,
                       Ipv4Address::GetZero(),
                       IgnoredReason::LinkNotStarted);
        return;
    }
    m_links[i].started = false;
    Deactivate(i, LinkCause::LinkStop);
}

void
ZosStack::FailPort(const std::string& name)
{
    NS_LOG_FUNCTION(this << name);
    uint32_t i = LinkIndex(name);
    Ptr<OsaNetDevice> device = m_links[i].device;
    if (device->IsPortFailed())
    {
        m_ignoredTrace(i,
                       Operation::PortFailure,
                       Ipv4Address::GetZero(),
                       IgnoredReason::PortAlreadyFailed);
        return;
    }
    if (m_failed)
    {
        m_ignoredTrace(i,
                       Operation::PortFailure,
                       Ipv4Address::GetZero(),
                       IgnoredReason::NothingToTakeOver);
    }
    device->SetPortFailed(true);
}

void
ZosStack::RepairPort(const std::string& name)
{
    NS_LOG_FUNCTION(this << name);
    uint32_t i = LinkIndex(name);
    Ptr<OsaNetDevice> device = m_links[i].device;
    if (!device->IsPortFailed())
    {
        m_ignoredTrace(i,
                       Operation::PortRepair,
                       Ipv4Address::GetZero(),
                       IgnoredReason::PortNotFailed);
        return;
    }
    if (m_failed)
    {
        m_ignoredTrace(i,
                       Operation::PortRepair,
                       Ipv4Address::GetZero(),
                       IgnoredReason::LinkStaysDown);
    }
    device->SetPortFailed(false);
}

void
ZosStack::Fail()
{
    NS_LOG_FUNCTION(this);
    if (m_failed)
    {
        m_ignoredTrace(NO_LINK,
                       Operation::StackFailure,
                       Ipv4Address::GetZero(),
                       IgnoredReason::StackAlreadyFailed);
        return;
    }
    m_failed = true;
    for (uint32_t i = 0; i < m_links.size(); ++i)
    {
        Link& link = m_links[i];
        link.detection.Cancel();
        link.learning.Cancel();
        link.device->SetStackAvailable(false);
        if (m_ipv4->IsUp(link.ifIndex))
        {
            m_ipv4->SetDown(link.ifIndex);
        }
        m_linkStateTrace(i, false, LinkCause::StackFailure);
    }
}

bool
ZosStack::IsFailed() const
{
    return m_failed;
}

void
ZosStack::PortStateChanged(Ptr<OsaNetDevice> device, bool up)
{
    NS_LOG_FUNCTION(this << device << up);
    uint32_t i = m_linkByMac.at(Mac48Address::ConvertFrom(device->GetAddress()));
    m_portStateTrace(i, up);
    if (m_failed)
    {
        return;
    }
    // A failure repaired within the detection delay is never noticed.
    m_links[i].detection.Cancel();
    m_links[i].detection =
        Simulator::Schedule(m_detectionDelay, &ZosStack::PortStateNoticed, this, i, up);
}

void
ZosStack::PortStateNoticed(uint32_t i, bool up)
{
    NS_LOG_FUNCTION(this << i << up);
    NS_ASSERT_MSG(i < m_links.size(), "no link " << i << " in stack " << m_name);
    Link& link = m_links[i];
    link.portUp = up;
    if (!up)
    {
        Deactivate(i, LinkCause::PortFailureDetected);
    }
    else if (link.started)
    {
        Activate(i, LinkCause::PortRepairDetected);
    }
}

void
ZosStack::Activate(uint32_t i, LinkCause cause)
{
    NS_LOG_FUNCTION(this << i << GetCauseText(cause));
    NS_ASSERT_MSG(i < m_links.size(), "no link " << i << " in stack " << m_name);
    Link& link = m_links[i];
    if (m_failed || m_ownership.IsActive(link.id))
    {
        return;
    }
    NS_LOG_INFO(m_name << " " << link.name << " active (" << GetCauseText(cause) << ")");
    m_ipv4->SetUp(link.ifIndex);
    // After SetUp: a routing protocol told of the interface (ns-3 Rip) turns forwarding on.
    m_ipv4->SetForwarding(link.ifIndex, m_ipForwarding);
    if (m_advertiseInactiveHome)
    {
        // The HOME address is reachable through this link again: no longer a host route.
        m_ipv4->RemoveAddress(m_vipaIfIndex, link.home.GetLocal());
    }
    Ptr<Ipv4StaticRouting> routing = StaticRouting();
    if (m_staticRouting)
    {
        // Coming up, ns-3 added the route to the link's subnet; static routing has only the
        // listed routes (and the link has no other route now: they went with SetDown).
        for (uint32_t r = routing->GetNRoutes(); r-- > 0;)
        {
            if (routing->GetRoute(r).GetInterface() == link.ifIndex)
            {
                routing->RemoveRoute(r);
            }
        }
    }
    // ns-3 dropped this link's routes when it went down: install them again.
    for (const auto& r : link.routes)
    {
        routing->AddNetworkRouteTo(r.destination, r.mask, r.gateway, link.ifIndex);
    }
    m_linkStateTrace(i, true, cause);
    Apply(m_ownership.StartLink(link.id));
    m_arp->SendLanGroupProbe(i);
    link.learning = Simulator::Schedule(m_learningTime, &ZosStack::CompleteActivation, this, i);
}

void
ZosStack::CompleteActivation(uint32_t i)
{
    NS_LOG_FUNCTION(this << i);
    NS_ASSERT_MSG(i < m_links.size(), "no link " << i << " in stack " << m_name);
    Apply(m_ownership.CompleteActivation(m_links[i].id));
}

void
ZosStack::Deactivate(uint32_t i, LinkCause cause)
{
    NS_LOG_FUNCTION(this << i << GetCauseText(cause));
    NS_ASSERT_MSG(i < m_links.size(), "no link " << i << " in stack " << m_name);
    Link& link = m_links[i];
    if (m_failed || !m_ownership.IsActive(link.id))
    {
        return;
    }
    NS_LOG_INFO(m_name << " " << link.name << " not active (" << GetCauseText(cause) << ")");
    link.learning.Cancel();
    if (m_ipv4->IsUp(link.ifIndex))
    {
        m_ipv4->SetDown(link.ifIndex); // ns-3 drops this interface's routes
    }
    if (m_advertiseInactiveHome)
    {
        // Still a HOME address of the stack (accepted on any active link): a host route on
        // the VIPA interface, which a routing protocol on the node advertises.
        m_ipv4->AddAddress(m_vipaIfIndex,
                           Ipv4InterfaceAddress(link.home.GetLocal(), Ipv4Mask::GetOnes()));
    }
    m_linkStateTrace(i, false, cause);
    Apply(m_ownership.StopLink(link.id));
}

void
ZosStack::Apply(const ArpOwnership::Changes& changes)
{
    for (const auto& change : changes)
    {
        NS_ASSERT_MSG(change.from == ArpOwnership::NO_LINK || change.from < m_links.size(),
                      "ownership change from an unknown link");
        NS_ASSERT_MSG(change.to == ArpOwnership::NO_LINK || change.to < m_links.size(),
                      "ownership change to an unknown link");
        NS_ASSERT_MSG(change.to == ArpOwnership::NO_LINK ||
                          m_ownership.IsActive(m_links[change.to].id),
                      "link " << m_links[change.to].name << " of " << m_name
                              << " takes an address while not active");
        Ipv4Address address = ToIpv4(change.address);
        m_ownershipTrace(address,
                         change.vipa,
                         change.reason,
                         change.from == ArpOwnership::NO_LINK ? NO_LINK : change.from,
                         change.to == ArpOwnership::NO_LINK ? NO_LINK : change.to);
        bool vipaArp = !change.vipa || m_ownership.GetConfig().fixLevel.SupportsVipaArp();
        if (change.announce && vipaArp && change.to != ArpOwnership::NO_LINK && m_garpCount > 0)
        {
            Announce(change.to, address, m_garpCount);
        }
    }
}

void
ZosStack::Announce(uint32_t i, Ipv4Address address, uint32_t remaining)
{
    // Per announcement (hot path of the benchmark): no NS_LOG_FUNCTION.
    NS_ASSERT_MSG(i < m_links.size(), "no link " << i << " in stack " << m_name);
    Link& link = m_links[i];
    if (m_failed || !m_ownership.Answers(link.id, address))
    {
        return; // the link lost the address (or went down) in the meantime
    }
    if (m_garpLossScope == LOSS_FRAME && m_garpLoss > 0 && m_lossRng->GetValue() < m_garpLoss)
    {
        m_garpLostTrace(i, address);
    }
    else if (m_arp->SendAnnouncement(i,
                                     address,
                                     m_garpLossScope == LOSS_RECEIVER ? m_garpLoss : 0.0))
    {
        m_garpTxTrace(i, address);
    }
    else
    {
        m_garpTxFailedTrace(i, address);
    }
    if (remaining > 1)
    {
        Simulator::Schedule(m_garpInterval, &ZosStack::Announce, this, i, address, remaining - 1);
    }
}

int32_t
ZosStack::FindLinkByMac(Mac48Address mac) const
{
    auto it = m_linkByMac.find(mac);
    return it == m_linkByMac.end() ? -1 : static_cast<int32_t>(it->second);
}

void
ZosStack::NoteHeard(uint32_t heard, uint32_t hearer)
{
    NS_LOG_FUNCTION(this << heard << hearer);
    NS_ASSERT_MSG(heard < m_links.size() && hearer < m_links.size(),
                  "no such link in stack " << m_name);
    Apply(m_ownership.NoteHeard(m_links[heard].id, m_links[hearer].id));
}

bool
ZosStack::Answers(uint32_t i, const Address& address) const
{
    NS_ASSERT_MSG(i < m_links.size(), "no link " << i << " in stack " << m_name);
    return m_ownership.GetConfig().fixLevel.OnlyOwnerAnswers()
               ? m_ownership.Answers(m_links[i].id, address)
               // without it every link answers for every HOME address
               : m_ownership.IsHome(address);
}

void
ZosStack::NotifyReplySent(uint32_t i, Ipv4Address address)
{
    NS_ASSERT_MSG(i < m_links.size(), "no link " << i << " in stack " << m_name);
    m_arpReplyTrace(i, address);
}

void
ZosStack::PrintDevlinks(std::ostream& os) const
{
    NS_LOG_FUNCTION(this);
    uint32_t number = 0;
    for (ArpOwnership::GroupId g : m_ownership.GetGroups())
    {
        os << "LanGroup: " << std::setw(3) << std::setfill('0') << ++number << std::setfill(' ')
           << "\n";
        os << "  LnkName   LnkStatus   ArpOwner   VipaOwner\n";
        os << "  -------   ---------   --------   ---------\n";
        ArpOwnership::LinkId vipaOwner = m_ownership.GetVipaOwner(g);
        for (ArpOwnership::LinkId id : m_ownership.GetGroupLinks(g))
        {
            bool active = !m_failed && m_ownership.IsActive(id);
            ArpOwnership::LinkId owner = m_ownership.OwnerOf(g, m_ownership.GetHome(id));
            std::string ownerName =
                owner == ArpOwnership::NO_LINK ? "" : m_ownership.GetLinkName(owner);
            os << "  " << std::left << std::setw(10) << m_ownership.GetLinkName(id) << std::setw(12)
               << (active ? "Active" : "Not Active") << std::setw(11) << ownerName
               << (vipaOwner == id ? "yes" : "no") << std::right << "\n";
        }
    }
}

std::string
ZosStack::GetDevlinks() const
{
    std::ostringstream os;
    PrintDevlinks(os);
    return os.str();
}

uint32_t
ZosStack::GetNLinks() const
{
    return m_links.size();
}

Ptr<ConnectionRouteCache>
ZosStack::GetConnectionRouteCache() const
{
    return m_routeCache;
}

const std::string&
ZosStack::GetLinkName(uint32_t i) const
{
    return m_links.at(i).name;
}

Ptr<OsaNetDevice>
ZosStack::GetLinkDevice(uint32_t i) const
{
    return m_links.at(i).device;
}

uint32_t
ZosStack::GetLinkInterface(uint32_t i) const
{
    return m_links.at(i).ifIndex;
}

Ipv4Address
ZosStack::GetHomeAddress(uint32_t i) const
{
    return m_links.at(i).home.GetLocal();
}

bool
ZosStack::IsLinkActive(uint32_t i) const
{
    return !m_failed && m_ownership.IsActive(m_links.at(i).id);
}

std::vector<Ipv4Address>
ZosStack::GetVipas() const
{
    std::vector<Ipv4Address> out;
    for (const auto& a : m_ownership.GetVipas())
    {
        out.push_back(ToIpv4(a));
    }
    return out;
}

const ArpOwnership&
ZosStack::GetOwnership() const
{
    return m_ownership;
}

Ptr<AddressTakeoverProtocol>
ZosStack::GetTakeoverProtocol() const
{
    return m_arp;
}

} // namespace zos
} // namespace ns3
