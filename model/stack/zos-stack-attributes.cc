/*
 * zos-takeover: ZosStack's TypeId (attributes, trace sources), its attribute accessors and
 * the text of its trace vocabulary (causes, operations, reasons). The rest of ZosStack is in
 * zos-stack.cc.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "zos-stack.h"

#include "ns3/arp-takeover-protocol.h"
#include "ns3/boolean.h"
#include "ns3/connection-route-cache.h"
#include "ns3/double.h"
#include "ns3/enum.h"
#include "ns3/log.h"
#include "ns3/uinteger.h"

namespace ns3
{

namespace zos
{

NS_LOG_COMPONENT_DEFINE("ZosStackAttributes");

TypeId
ZosStack::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::zos::ZosStack")
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
            .AddAttribute("AdvertiseInactiveHome",
                          "While a link is inactive, its HOME address is also an address of "
                          "the VIPA interface (a /32), so a dynamic routing protocol on the "
                          "node (ns-3 Rip) advertises a host route to it over the active "
                          "links; the address goes back when the link is active again. The "
                          "stack accepts datagrams for any HOME address on any active link; "
                          "seed 003 item 5 relies on this ('RTR A may reroute traffic for ip@ "
                          "B over Network A'). Off by default: no static-routing scenario "
                          "needs it.",
                          BooleanValue(false),
                          MakeBooleanAccessor(&ZosStack::m_advertiseInactiveHome),
                          MakeBooleanChecker())
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
                "What a lost gratuitous ARP means. frame (default): the frame never reaches the "
                "LAN, so no station hears it (a drop in the adapter or the switch; the worst "
                "case, and the one compared with a real kernel). receiver: the frame is on the "
                "wire and each station misses it independently with the loss probability "
                "(a busy receiver), drawn by a GratuitousArpLossModel on each station.",
                EnumValue(ZosStack::LOSS_FRAME),
                MakeEnumAccessor(&ZosStack::m_garpLossScope),
                MakeEnumChecker(ZosStack::LOSS_FRAME, "frame", ZosStack::LOSS_RECEIVER, "receiver"))
            .AddAttribute("Pq23444",
                          "APAR PQ23444 applied: only the owner answers ARP, and takeover with "
                          "gratuitous ARP. Without it every link answers for every HOME "
                          "address with its own MAC, and nothing is taken over.",
                          BooleanValue(true),
                          MakeBooleanAccessor(&ZosStack::SetPq23444, &ZosStack::GetPq23444),
                          MakeBooleanChecker())
            .AddAttribute("Pq25476",
                          "APAR PQ25476 applied: at a route failure the stack's TCP "
                          "connections move to a backup route at once. Without it a "
                          "connection keeps the route it had and times out "
                          "(ConnectionRouteCache).",
                          BooleanValue(true),
                          MakeBooleanAccessor(&ZosStack::SetPq25476, &ZosStack::GetPq25476),
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
                          "ns-3 ARP does not (its bug 107 defence). "
                          "Forwarded to the stack's ArpTakeoverProtocol.",
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
            .AddAttribute(
                "StaticRouting",
                "false (default): a link that becomes active gets the route to its subnet, as "
                "ns-3 installs for every interface that comes up. true: z/OS static routing "
                "(a BEGINROUTES block): the stack's routes are exactly the ones added with "
                "AddRoute, so a link reaches its own subnet only over a route listed for it "
                "(seed 000: 'there needs to be a static route to the LAN subnet over each "
                "interface onto the LAN').",
                BooleanValue(false),
                MakeBooleanAccessor(&ZosStack::m_staticRouting),
                MakeBooleanChecker())
            .AddAttribute(
                "IpForwarding",
                "The stack forwards IP datagrams that are not for one of its addresses (IPCONFIG "
                "DATAGRAMFWD, z/OS's default). false: NODATAGRAMFWD, they are dropped. Set on "
                "each link's interface whenever it comes up (ns-3's Rip turns forwarding on "
                "for every interface it sees come up; this wins). Seed 003: a stack acting "
                "as the PRIMARY or SECONDARY router of a shared OSA-2 port 'must enable IP "
                "FORWARDING'.",
                BooleanValue(true),
                MakeBooleanAccessor(&ZosStack::m_ipForwarding),
                MakeBooleanChecker())
            .AddTraceSource("LinkState",
                            "A link became active or inactive: (link, active, cause).",
                            MakeTraceSourceAccessor(&ZosStack::m_linkStateTrace),
                            "ns3::zos::ZosStack::LinkStateTracedCallback")
            .AddTraceSource("PortState",
                            "An OSA port under a link failed or was repaired, at the instant it "
                            "happened (before detection): (link, up).",
                            MakeTraceSourceAccessor(&ZosStack::m_portStateTrace),
                            "ns3::zos::ZosStack::PortStateTracedCallback")
            .AddTraceSource("OwnershipChange",
                            "The ARP owner of an address changed: (address, VIPA or HOME, "
                            "reason, from link, to link).",
                            MakeTraceSourceAccessor(&ZosStack::m_ownershipTrace),
                            "ns3::zos::ZosStack::OwnershipTracedCallback")
            .AddTraceSource("GratuitousArpTx",
                            "A gratuitous ARP was sent: (link, address).",
                            MakeTraceSourceAccessor(&ZosStack::m_garpTxTrace),
                            "ns3::zos::ZosStack::ArpTracedCallback")
            .AddTraceSource("GratuitousArpTxFailed",
                            "A gratuitous ARP could not be sent because the port has failed "
                            "(the stack has not noticed yet): (link, address).",
                            MakeTraceSourceAccessor(&ZosStack::m_garpTxFailedTrace),
                            "ns3::zos::ZosStack::ArpTracedCallback")
            .AddTraceSource("EventIgnored",
                            "An operation changed nothing (a link start on a failed stack, the "
                            "repair of a healthy port, ...): (link or NO_LINK, operation, "
                            "VIPA of a VipaAdd, reason).",
                            MakeTraceSourceAccessor(&ZosStack::m_ignoredTrace),
                            "ns3::zos::ZosStack::IgnoredTracedCallback")
            .AddTraceSource("GratuitousArpLost",
                            "A gratuitous ARP was lost by the loss model before reaching the "
                            "LAN (loss scope frame): (link, address).",
                            MakeTraceSourceAccessor(&ZosStack::m_garpLostTrace),
                            "ns3::zos::ZosStack::ArpTracedCallback")
            .AddTraceSource("ArpReplyTx",
                            "A link answered an ARP request: (link, address).",
                            MakeTraceSourceAccessor(&ZosStack::m_arpReplyTrace),
                            "ns3::zos::ZosStack::ArpTracedCallback");
    return tid;
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
    if (m_routeCache)
    {
        m_routeCache->SetRerouteOnFailure(level.ReroutesConnections());
    }
}

// Attribute accessors: the ownership table's configuration is the only copy of these
// settings.

void
ZosStack::SetApar(FixLevel::Apar apar, bool applied)
{
    NS_LOG_FUNCTION(this << GetFixLevel().GetName(apar) << applied);
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
ZosStack::SetPq25476(bool applied)
{
    SetApar(FixLevel::Apar::PQ25476, applied);
}

bool
ZosStack::GetPq25476() const
{
    return GetFixLevel().IsApplied(FixLevel::Apar::PQ25476);
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
    NS_LOG_FUNCTION(this << giveBack);
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
    NS_LOG_FUNCTION(this << policy);
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
    NS_LOG_FUNCTION(this << policy);
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
    NS_LOG_FUNCTION(this << learn);
    m_arp->SetLearnFromRequests(learn);
}

bool
ZosStack::GetArpLearnFromRequests() const
{
    return m_arp->GetLearnFromRequests();
}

const char*
ZosStack::GetCauseText(LinkCause cause)
{
    switch (cause)
    {
    case LinkCause::LinkStart:
        return "link start";
    case LinkCause::LinkStop:
        return "link stop";
    case LinkCause::PortFailureDetected:
        return "port failure detected";
    case LinkCause::PortRepairDetected:
        return "port repair detected";
    case LinkCause::StackFailure:
        return "stack failure";
    }
    return "?";
}

const char*
ZosStack::GetOperationName(Operation operation)
{
    switch (operation)
    {
    case Operation::LinkStart:
        return "linkStart";
    case Operation::LinkStop:
        return "linkStop";
    case Operation::PortFailure:
        return "portFailure";
    case Operation::PortRepair:
        return "portRepair";
    case Operation::StackFailure:
        return "stackFailure";
    case Operation::VipaAdd:
        return "vipaAdd";
    }
    return "?";
}

const char*
ZosStack::GetReasonText(IgnoredReason reason)
{
    switch (reason)
    {
    case IgnoredReason::StackFailed:
        return "the stack has failed";
    case IgnoredReason::LinkAlreadyStarted:
        return "the link is already started";
    case IgnoredReason::LinkNotStarted:
        return "the link is not started";
    case IgnoredReason::PortAlreadyFailed:
        return "the port has already failed";
    case IgnoredReason::PortNotFailed:
        return "the port has not failed";
    case IgnoredReason::NothingToTakeOver:
        return "the stack has failed: nothing to take over";
    case IgnoredReason::LinkStaysDown:
        return "the stack has failed: the link stays down";
    case IgnoredReason::StackAlreadyFailed:
        return "the stack has already failed";
    case IgnoredReason::VipaAlreadyDefined:
        return "the VIPA is already defined";
    case IgnoredReason::VipaOnFailedStack:
        return "the stack has failed: nothing answers or announces it";
    }
    return "?";
}

} // namespace zos
} // namespace ns3
