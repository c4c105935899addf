/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "zos-stack.h"

#include "ns3/arp-takeover-protocol.h"
#include "ns3/boolean.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/ipv4-static-routing-helper.h"
#include "ns3/ipv4-static-routing.h"
#include "ns3/ipv4.h"
#include "ns3/log.h"
#include "ns3/node.h"
#include "ns3/pointer.h"
#include "ns3/simulator.h"
#include "ns3/uinteger.h"
#include "ns3/vipa-net-device.h"

#include <iomanip>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("ZosStack");
NS_OBJECT_ENSURE_REGISTERED(ZosStack);

TypeId
ZosStack::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::ZosStack")
            .SetParent<Object>()
            .SetGroupName("ZosTakeover")
            .AddConstructor<ZosStack>()
            .AddAttribute("DetectionDelay",
                          "Time from an OSA port failure (or repair) until the stack notices "
                          "it and the link becomes inactive (active). Not in the seeds; default "
                          "100 ms like Linux bonding's miimon.",
                          TimeValue(MilliSeconds(100)),
                          MakeTimeAccessor(&ZosStack::m_detectionDelay),
                          MakeTimeChecker(Time(0)))
            .AddAttribute("LanGroupLearningTime",
                          "How long a starting link listens for its siblings before it takes "
                          "LanGroup roles (VipaOwner, backup). Membership does not depend on "
                          "it: two links join whenever one hears the other (seeds 000, 003: "
                          "learned at link initialization).",
                          TimeValue(MilliSeconds(10)),
                          MakeTimeAccessor(&ZosStack::m_learningTime),
                          MakeTimeChecker(Time(0)))
            .AddAttribute("GratuitousArpCount",
                          "Gratuitous ARPs sent per address announced (seed 001: one).",
                          UintegerValue(1),
                          MakeUintegerAccessor(&ZosStack::m_garpCount),
                          MakeUintegerChecker<uint32_t>(0, 100))
            .AddAttribute("GratuitousArpInterval",
                          "Time between repeated gratuitous ARPs for one address.",
                          TimeValue(Seconds(1)),
                          MakeTimeAccessor(&ZosStack::m_garpInterval),
                          MakeTimeChecker(Time(0)))
            .AddAttribute("GratuitousArpLossProbability",
                          "Probability that a gratuitous ARP announcing a takeover, a new "
                          "VipaOwner or an added VIPA is lost before reaching the LAN (drawn "
                          "from this stack's random stream). The LanGroup discovery probe a "
                          "starting link sends is not an announcement and is not subject to "
                          "it.",
                          DoubleValue(0.0),
                          MakeDoubleAccessor(&ZosStack::m_garpLoss),
                          MakeDoubleChecker<double>(0.0, 1.0))
            .AddAttribute(
                "GratuitousArpLossScope",
                "What a lost gratuitous ARP means. Frame (default): the frame never reaches the "
                "LAN, so no station hears it (a drop in the adapter or the switch; the worst "
                "case, and the one compared with a real kernel). Receiver: the frame is on the "
                "wire and each station misses it independently with the loss probability "
                "(a busy receiver), drawn by a GratuitousArpLossModel on each station.",
                EnumValue(ZosStack::LOSS_FRAME),
                MakeEnumAccessor(&ZosStack::m_garpLossScope),
                MakeEnumChecker(ZosStack::LOSS_FRAME, "Frame", ZosStack::LOSS_RECEIVER, "Receiver"))
            .AddAttribute("Pq23444",
                          "APAR PQ23444 applied: only the owner answers ARP, and takeover with "
                          "gratuitous ARP. Without it every link answers for every HOME "
                          "address with its own MAC, and nothing is taken over.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&ZosStack::SetPq23444, &ZosStack::GetPq23444),
                          MakeBooleanChecker())
            .AddAttribute("Pq26689",
                          "APAR PQ26689 applied: a new VipaOwner announces every VIPA at once. "
                          "Without it a VIPA moves only when the new owner is asked for it.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&ZosStack::SetPq26689, &ZosStack::GetPq26689),
                          MakeBooleanChecker())
            .AddAttribute(
                "VipaGiveBack",
                "A link that becomes active again takes the VipaOwner role back.",
                BooleanValue(false),
                MakeBooleanAccessor(&ZosStack::SetVipaGiveBack, &ZosStack::GetVipaGiveBack),
                MakeBooleanChecker())
            .AddAttribute("ArpLearnFromRequests",
                          "A link that answers an ARP request adds (or refreshes) the "
                          "requester in its ARP cache, as RFC 826 asks of the target; the "
                          "stack then need not ask for the requester's MAC itself. Stock "
                          "ns-3 ARP does not (its bug 107 defence). The same as attribute "
                          "LearnFromRequests of the stack's ArpTakeoverProtocol.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&ZosStack::SetArpLearnFromRequests,
                                              &ZosStack::GetArpLearnFromRequests),
                          MakeBooleanChecker())
            .AddAttribute(
                "BackupPolicy",
                "Which active link takes over an inactive link's addresses.",
                EnumValue(static_cast<int>(ArpOwnership::BackupPolicy::LongestActive)),
                MakeEnumAccessor(&ZosStack::SetBackupPolicy, &ZosStack::GetBackupPolicy),
                MakeEnumChecker(static_cast<int>(ArpOwnership::BackupPolicy::LongestActive),
                                "LongestActive",
                                static_cast<int>(ArpOwnership::BackupPolicy::LowestName),
                                "LowestName"))
            .AddAttribute(
                "VipaOwnerPolicy",
                "Which link of a LanGroup becomes VipaOwner (seed 001 has OSA1 in group 001 and "
                "OSA4 in group 002: the default is the first link to become active).",
                EnumValue(static_cast<int>(ArpOwnership::VipaOwnerPolicy::FirstActive)),
                MakeEnumAccessor(&ZosStack::SetVipaOwnerPolicy, &ZosStack::GetVipaOwnerPolicy),
                MakeEnumChecker(static_cast<int>(ArpOwnership::VipaOwnerPolicy::FirstActive),
                                "FirstActive",
                                static_cast<int>(ArpOwnership::VipaOwnerPolicy::LowestName),
                                "LowestName"))
            .AddTraceSource("LinkState",
                            "A link became active or inactive: (stack, link, active, cause).",
                            MakeTraceSourceAccessor(&ZosStack::m_linkStateTrace),
                            "ns3::ZosStack::LinkStateTracedCallback")
            .AddTraceSource("PortState",
                            "An OSA port under a link failed or was repaired, at the instant it "
                            "happened (before detection): (stack, link, up).",
                            MakeTraceSourceAccessor(&ZosStack::m_portStateTrace),
                            "ns3::ZosStack::PortStateTracedCallback")
            .AddTraceSource("OwnershipChange",
                            "The ARP owner of an address changed: (stack, address, from, to, "
                            "what).",
                            MakeTraceSourceAccessor(&ZosStack::m_ownershipTrace),
                            "ns3::ZosStack::OwnershipTracedCallback")
            .AddTraceSource("GratuitousArpTx",
                            "A gratuitous ARP was sent: (stack, link, address).",
                            MakeTraceSourceAccessor(&ZosStack::m_garpTxTrace),
                            "ns3::ZosStack::ArpTracedCallback")
            .AddTraceSource("GratuitousArpTxFailed",
                            "A gratuitous ARP could not be sent because the port has failed "
                            "(the stack has not noticed yet): (stack, link, address).",
                            MakeTraceSourceAccessor(&ZosStack::m_garpTxFailedTrace),
                            "ns3::ZosStack::ArpTracedCallback")
            .AddTraceSource("EventIgnored",
                            "An operation changed nothing (a link start on a failed stack, the "
                            "repair of a healthy port, ...): (stack, link or empty, operation, "
                            "why).",
                            MakeTraceSourceAccessor(&ZosStack::m_ignoredTrace),
                            "ns3::ZosStack::IgnoredTracedCallback")
            .AddTraceSource("GratuitousArpLost",
                            "A gratuitous ARP was lost by the loss model before reaching the "
                            "LAN (loss scope Frame): (stack, link, address).",
                            MakeTraceSourceAccessor(&ZosStack::m_garpLostTrace),
                            "ns3::ZosStack::ArpTracedCallback")
            .AddTraceSource("ArpReplyTx",
                            "A link answered an ARP request: (stack, link, address).",
                            MakeTraceSourceAccessor(&ZosStack::m_arpReplyTrace),
                            "ns3::ZosStack::ArpTracedCallback");
    return tid;
}

ZosStack::ZosStack()
{
    NS_LOG_FUNCTION(this);
    m_lossRng = CreateObject<UniformRandomVariable>();
    // Before the attributes are set: ArpLearnFromRequests is the protocol's.
    m_arp = CreateObject<ArpTakeoverProtocol>();
    m_arp->SetStack(this);
}

ZosStack::~ZosStack()
{
    NS_LOG_FUNCTION(this);
}

void
ZosStack::DoDispose()
{
    for (auto& link : m_links)
    {
        link.detection.Cancel();
        link.learning.Cancel();
        link.device = nullptr;
    }
    m_links.clear();
    m_vipaDevice = nullptr;
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
    m_node = node;
    m_ipv4 = node->GetObject<Ipv4>();
    NS_ABORT_MSG_IF(!m_ipv4, "ZosStack needs an InternetStack on the node");
    m_vipaDevice = CreateObject<VipaNetDevice>();
    node->AddDevice(m_vipaDevice);
    m_vipaIfIndex = m_ipv4->AddInterface(m_vipaDevice);
    m_ipv4->SetUp(m_vipaIfIndex);
}

Ptr<Node>
ZosStack::GetNode() const
{
    return m_node;
}

void
ZosStack::SetName(const std::string& name)
{
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
    m_lossRng->SetStream(stream);
    return 1;
}

Ipv4Address
ZosStack::ToIpv4(const Address& a)
{
    return Ipv4Address::ConvertFrom(a);
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
    uint32_t i = LinkIndex(link);
    m_links[i].routes.push_back({destination, mask, gateway});
    if (m_ownership.IsActive(m_links[i].id))
    {
        // A zero gateway makes an on-link route (ns-3 sends to the destination itself).
        Ipv4StaticRoutingHelper().GetStaticRouting(m_ipv4)->AddNetworkRouteTo(destination,
                                                                              mask,
                                                                              gateway,
                                                                              m_links[i].ifIndex);
    }
}

void
ZosStack::AddVipa(Ipv4Address vipa)
{
    NS_LOG_FUNCTION(this << vipa);
    bool known = m_ownership.IsVipa(vipa);
    if (known || m_failed)
    {
        std::ostringstream what;
        what << "vipaAdd " << vipa;
        m_ignoredTrace(m_name,
                       "",
                       what.str(),
                       known ? "the VIPA is already defined"
                             : "the stack has failed: nothing answers or announces it");
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
    uint32_t i = LinkIndex(name);
    if (m_failed)
    {
        m_ignoredTrace(m_name, name, "linkStart", "the stack has failed");
        return;
    }
    if (m_links[i].started)
    {
        m_ignoredTrace(m_name, name, "linkStart", "the link is already started");
        return;
    }
    m_links[i].started = true;
    if (m_links[i].portUp)
    {
        Activate(i, "link start");
    }
}

void
ZosStack::StopLink(const std::string& name)
{
    uint32_t i = LinkIndex(name);
    if (m_failed)
    {
        m_ignoredTrace(m_name, name, "linkStop", "the stack has failed");
        return;
    }
    if (!m_links[i].started)
    {
        m_ignoredTrace(m_name, name, "linkStop", "the link is not started");
        return;
    }
    m_links[i].started = false;
    Deactivate(i, "link stop");
}

void
ZosStack::FailPort(const std::string& name)
{
    Ptr<OsaNetDevice> device = m_links[LinkIndex(name)].device;
    if (device->IsPortFailed())
    {
        m_ignoredTrace(m_name, name, "portFailure", "the port has already failed");
        return;
    }
    if (m_failed)
    {
        m_ignoredTrace(m_name, name, "portFailure", "the stack has failed: nothing to take over");
    }
    device->SetPortFailed(true);
}

void
ZosStack::RepairPort(const std::string& name)
{
    Ptr<OsaNetDevice> device = m_links[LinkIndex(name)].device;
    if (!device->IsPortFailed())
    {
        m_ignoredTrace(m_name, name, "portRepair", "the port has not failed");
        return;
    }
    if (m_failed)
    {
        m_ignoredTrace(m_name, name, "portRepair", "the stack has failed: the link stays down");
    }
    device->SetPortFailed(false);
}

void
ZosStack::Fail()
{
    NS_LOG_FUNCTION(this);
    if (m_failed)
    {
        m_ignoredTrace(m_name, "", "stackFailure", "the stack has already failed");
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
        m_linkStateTrace(m_name, link.name, false, "stack failure");
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
    uint32_t i = m_linkByMac.at(Mac48Address::ConvertFrom(device->GetAddress()));
    m_portStateTrace(m_name, m_links[i].name, up);
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
    Link& link = m_links[i];
    link.portUp = up;
    if (!up)
    {
        Deactivate(i, "port failure detected");
    }
    else if (link.started)
    {
        Activate(i, "port repair detected");
    }
}

void
ZosStack::Activate(uint32_t i, const std::string& cause)
{
    Link& link = m_links[i];
    if (m_failed || m_ownership.IsActive(link.id))
    {
        return;
    }
    NS_LOG_INFO(m_name << " " << link.name << " active (" << cause << ")");
    m_ipv4->SetUp(link.ifIndex);
    // ns-3 dropped this link's routes when it went down: install them again.
    Ptr<Ipv4StaticRouting> routing = Ipv4StaticRoutingHelper().GetStaticRouting(m_ipv4);
    for (const auto& r : link.routes)
    {
        routing->AddNetworkRouteTo(r.destination, r.mask, r.gateway, link.ifIndex);
    }
    m_linkStateTrace(m_name, link.name, true, cause);
    Apply(m_ownership.StartLink(link.id));
    m_arp->SendLanGroupProbe(i);
    link.learning = Simulator::Schedule(m_learningTime, &ZosStack::CompleteActivation, this, i);
}

void
ZosStack::CompleteActivation(uint32_t i)
{
    Apply(m_ownership.CompleteActivation(m_links[i].id));
}

void
ZosStack::Deactivate(uint32_t i, const std::string& cause)
{
    Link& link = m_links[i];
    if (m_failed || !m_ownership.IsActive(link.id))
    {
        return;
    }
    NS_LOG_INFO(m_name << " " << link.name << " not active (" << cause << ")");
    link.learning.Cancel();
    if (m_ipv4->IsUp(link.ifIndex))
    {
        m_ipv4->SetDown(link.ifIndex); // ns-3 drops this interface's routes
    }
    m_linkStateTrace(m_name, link.name, false, cause);
    Apply(m_ownership.StopLink(link.id));
}

void
ZosStack::Apply(const ArpOwnership::Changes& changes)
{
    static const char* reasons[] = {"activation",
                                    "takeover",
                                    "reclaim",
                                    "vipa added",
                                    "vipa owner"};
    for (const auto& change : changes)
    {
        Ipv4Address address = ToIpv4(change.address);
        const std::string& from =
            change.from == ArpOwnership::NO_LINK ? std::string() : m_links[change.from].name;
        const std::string to =
            change.to == ArpOwnership::NO_LINK ? std::string() : m_links[change.to].name;
        std::string what =
            std::string(change.vipa ? "VIPA " : "HOME ") + reasons[static_cast<int>(change.reason)];
        m_ownershipTrace(m_name, address, from, to, what);
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
        m_garpLostTrace(m_name, link.name, address);
    }
    else if (m_arp->SendAnnouncement(i,
                                     address,
                                     m_garpLossScope == LOSS_RECEIVER ? m_garpLoss : 0.0))
    {
        m_garpTxTrace(m_name, link.name, address);
    }
    else
    {
        m_garpTxFailedTrace(m_name, link.name, address);
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
    m_arpReplyTrace(m_name, m_links[i].name, address);
}

void
ZosStack::PrintDevlinks(std::ostream& os) const
{
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

const FixLevel&
ZosStack::GetFixLevel() const
{
    return m_ownership.GetConfig().fixLevel;
}

void
ZosStack::SetFixLevel(const FixLevel& level)
{
    NS_LOG_FUNCTION(this << level);
    ArpOwnership::Config config = m_ownership.GetConfig();
    config.fixLevel = level;
    m_ownership.SetConfig(config);
}

// Attribute accessors: the ownership table's configuration is the only copy of these
// settings.

void
ZosStack::SetApar(FixLevel::Apar apar, bool applied)
{
    FixLevel level = GetFixLevel();
    level.SetApplied(apar, applied);
    SetFixLevel(level);
}

void
ZosStack::SetPq23444(bool applied)
{
    SetApar(FixLevel::Apar::PQ23444, applied);
}

bool
ZosStack::GetPq23444() const
{
    return GetFixLevel().IsApplied(FixLevel::Apar::PQ23444);
}

void
ZosStack::SetPq26689(bool applied)
{
    SetApar(FixLevel::Apar::PQ26689, applied);
}

bool
ZosStack::GetPq26689() const
{
    return GetFixLevel().IsApplied(FixLevel::Apar::PQ26689);
}

void
ZosStack::SetVipaGiveBack(bool giveBack)
{
    ArpOwnership::Config config = m_ownership.GetConfig();
    config.vipaGiveBack = giveBack;
    m_ownership.SetConfig(config);
}

bool
ZosStack::GetVipaGiveBack() const
{
    return m_ownership.GetConfig().vipaGiveBack;
}

void
ZosStack::SetBackupPolicy(int policy)
{
    ArpOwnership::Config config = m_ownership.GetConfig();
    config.backupPolicy = static_cast<ArpOwnership::BackupPolicy>(policy);
    m_ownership.SetConfig(config);
}

int
ZosStack::GetBackupPolicy() const
{
    return static_cast<int>(m_ownership.GetConfig().backupPolicy);
}

void
ZosStack::SetVipaOwnerPolicy(int policy)
{
    ArpOwnership::Config config = m_ownership.GetConfig();
    config.vipaOwnerPolicy = static_cast<ArpOwnership::VipaOwnerPolicy>(policy);
    m_ownership.SetConfig(config);
}

int
ZosStack::GetVipaOwnerPolicy() const
{
    return static_cast<int>(m_ownership.GetConfig().vipaOwnerPolicy);
}

void
ZosStack::SetArpLearnFromRequests(bool learn)
{
    m_arp->SetLearnFromRequests(learn);
}

bool
ZosStack::GetArpLearnFromRequests() const
{
    return m_arp->GetLearnFromRequests();
}

} // namespace ns3
