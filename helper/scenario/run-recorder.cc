/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "run-recorder.h"

#include "ns3/abort.h"
#include "ns3/connection-route-cache.h"
#include "ns3/ipv4.h"
#include "ns3/mac48-address.h"
#include "ns3/node.h"
#include "ns3/simulator.h"

#include <iomanip>
#include <sstream>

namespace ns3
{
namespace zos
{

std::string
AddressText(Ipv4Address a)
{
    std::ostringstream os;
    os << a;
    return os.str();
}

RunRecorder::RunRecorder(RunResult& result,
                         RowStream& rows,
                         const FrameObserver& frameObserver,
                         const std::map<std::string, Ptr<ZosStack>>& stacks)
    : m_result(result),
      m_rows(rows),
      m_frameObserver(frameObserver),
      m_stacks(stacks)
{
}

std::string
RunRecorder::MacText(const Address& a)
{
    if (a.IsInvalid())
    {
        return "none";
    }
    std::ostringstream os;
    os << Mac48Address::ConvertFrom(a);
    return os.str();
}

std::string
RunRecorder::LinkName(const std::string& stack, uint32_t link) const
{
    return link == ZosStack::NO_LINK ? std::string() : m_stacks.at(stack)->GetLinkName(link);
}

std::string
RunRecorder::LinkSubject(const std::string& context, uint32_t link) const
{
    std::string stack = ContextName(context);
    return stack + "/" + LinkName(stack, link);
}

void
RunRecorder::ConnectStack(const std::string& stack)
{
    // TraceConnect on the object with the context Config::Connect on its Names path gives:
    // ns-3.37's resolver cannot reach a name that starts with "Names" (it takes such a path
    // element for the "/Names" prefix), and the schema allows such names.
    Ptr<ZosStack> object = m_stacks.at(stack);
    const std::string path = "/Names/" + stack + "/$ns3::zos::ZosStack/";
    auto connect = [&object, &path](const std::string& source, auto callback) {
        NS_ABORT_MSG_IF(!object->TraceConnect(source, path + source, callback),
                        "ZosStack has no trace source " << source);
    };
    connect("PortState", MakeCallback(&RunRecorder::PortState, this));
    connect("LinkState", MakeCallback(&RunRecorder::LinkState, this));
    connect("OwnershipChange", MakeCallback(&RunRecorder::OwnershipChange, this));
    connect("GratuitousArpTx", MakeCallback(&RunRecorder::GratuitousArpTx, this));
    connect("EventIgnored", MakeCallback(&RunRecorder::EventIgnored, this));
    connect("GratuitousArpTxFailed", MakeCallback(&RunRecorder::GratuitousArpTxFailed, this));
    connect("GratuitousArpLost", MakeCallback(&RunRecorder::GratuitousArpLost, this));
    connect("ArpReplyTx", MakeCallback(&RunRecorder::ArpReplyTx, this));
    object->GetConnectionRouteCache()->TraceConnect(
        "RouteFailure",
        "/Names/" + stack + "/$ns3::zos::ConnectionRouteCache/RouteFailure",
        MakeCallback(&RunRecorder::TcpRouteFailure, this));
}

void
RunRecorder::ConnectTcpClient(const std::string& station, Ptr<TcpProbeClient> client)
{
    const std::string path = "/Names/" + station + "/$ns3::zos::TcpProbeClient/";
    client->TraceConnect("ConnectionOpened",
                         path + "ConnectionOpened",
                         MakeCallback(&RunRecorder::TcpOpened, this));
    client->TraceConnect("ConnectionClosed",
                         path + "ConnectionClosed",
                         MakeCallback(&RunRecorder::TcpClosed, this));
}

void
RunRecorder::ConnectProbeClient(const std::string& station, Ptr<ProbeClient> client)
{
    m_rows.AddClient(station, client->GetTargets());
    // As ConnectStack: on the object, with its Names path as context.
    client->TraceConnect("ProbeDone",
                         "/Names/" + station + "/$ns3::zos::ProbeClient/ProbeDone",
                         MakeCallback(&RunRecorder::ProbeDone, this));
}

void
RunRecorder::ProbeDone(std::string context,
                       Ipv4Address target,
                       uint32_t sequence,
                       Time sent,
                       Time received)
{
    uint32_t client = m_rows.FindClient(ContextName(context));
    m_rows.AddProbe(client, m_rows.FindTarget(client, target), sequence, sent, received);
}

void
RunRecorder::SetEventLabels(const std::vector<std::string>& labels)
{
    m_eventLabels = labels;
}

void
RunRecorder::FirstSuccess(uint32_t event, const std::string& client, Ipv4Address target, Time at)
{
    uint32_t c = m_rows.FindClient(client);
    m_rows.AddFirstSuccess(
        event,
        c,
        m_rows.FindTarget(c, target),
        {at, client, "first-success", AddressText(target), m_eventLabels.at(event)});
}

void
RunRecorder::TcpOpened(std::string context, Ipv4Address target)
{
    std::ostringstream address;
    address << target;
    Record(ContextName(context), "tcp-open", address.str(), "");
}

void
RunRecorder::TcpClosed(std::string context, Ipv4Address target, const std::string& reason)
{
    std::ostringstream address;
    address << target;
    Record(ContextName(context), "tcp-close", address.str(), reason);
}

void
RunRecorder::TcpRouteFailure(std::string context,
                             uint32_t interface,
                             uint32_t connections,
                             bool rerouted)
{
    std::string stack = ContextName(context);
    Ptr<ZosStack> object = m_stacks.at(stack);
    Ptr<Ipv4> ipv4 = object->GetNode()->GetObject<Ipv4>();
    std::string link;
    for (uint32_t i = 0; i < object->GetNLinks(); ++i)
    {
        if (ipv4->GetInterfaceForDevice(object->GetLinkDevice(i)) ==
            static_cast<int32_t>(interface))
        {
            link = object->GetLinkName(i);
        }
    }
    std::ostringstream detail;
    detail << connections << (connections == 1 ? " connection " : " connections ")
           << (rerouted ? "routed again (PQ25476)" : "keep the failed route (no PQ25476)");
    Record(stack + "/" + link, "tcp-route-failure", "", detail.str());
}

void
RunRecorder::ConnectStation(const std::string& station,
                            Ptr<StationArp> model,
                            Ptr<GratuitousArpLossModel> loss)
{
    // As ConnectStack: on the objects, with their Names path as context.
    const std::string path = "/Names/" + station;
    model->TraceConnect("CacheUpdated",
                        path + "/$ns3::zos::StationArp/CacheUpdated",
                        MakeCallback(&RunRecorder::CacheUpdated, this));
    if (loss)
    {
        loss->TraceConnect("Drop",
                           path + "/$ns3::zos::GratuitousArpLossModel/Drop",
                           MakeCallback(&RunRecorder::GratuitousArpMissed, this));
    }
}

void
RunRecorder::PortState(std::string context, uint32_t link, bool up)
{
    Record(LinkSubject(context, link), up ? "port-repair" : "port-failure", "", "");
}

void
RunRecorder::LinkState(std::string context, uint32_t link, bool active, ZosStack::LinkCause cause)
{
    Record(LinkSubject(context, link),
           active ? "link-active" : "link-inactive",
           "",
           ZosStack::GetCauseText(cause));
}

void
RunRecorder::OwnershipChange(std::string context,
                             Ipv4Address address,
                             bool vipa,
                             ArpOwnership::Reason reason,
                             uint32_t from,
                             uint32_t to)
{
    std::string stack = ContextName(context);
    std::string fromName = LinkName(stack, from);
    std::string toName = LinkName(stack, to);
    Record(stack + "/" + toName,
           "ownership-change",
           AddressText(address),
           std::string(vipa ? "VIPA " : "HOME ") + ArpOwnership::GetReasonText(reason) + " from " +
               (fromName.empty() ? "-" : fromName) + " to " + (toName.empty() ? "-" : toName));
}

void
RunRecorder::GratuitousArpTx(std::string context, uint32_t link, Ipv4Address address)
{
    ++m_result.gratuitousArpSent;
    Record(LinkSubject(context, link), "gratuitous-arp", AddressText(address), "sent");
}

void
RunRecorder::EventIgnored(std::string context,
                          uint32_t link,
                          ZosStack::Operation operation,
                          Ipv4Address address,
                          ZosStack::IgnoredReason reason)
{
    std::string stack = ContextName(context);
    std::string subject = link == ZosStack::NO_LINK ? stack : stack + "/" + LinkName(stack, link);
    std::string operationName = ZosStack::GetOperationName(operation);
    std::string what = operationName;
    if (operation == ZosStack::Operation::VipaAdd)
    {
        what += " " + AddressText(address);
    }
    std::string why = ZosStack::GetReasonText(reason);
    std::ostringstream os;
    os << "at " << std::fixed << std::setprecision(3) << Simulator::Now().GetSeconds()
       << " s: " << what << " " << subject << " changed nothing: " << why;
    m_result.warnings.push_back(os.str());
    Record(subject, "event-ignored", "", what + ": " + why);
    m_ignored.insert(IgnoredKey(Simulator::Now(), operationName, subject));
}

void
RunRecorder::GratuitousArpTxFailed(std::string context, uint32_t link, Ipv4Address address)
{
    ++m_result.gratuitousArpSendFailed;
    Record(LinkSubject(context, link),
           "gratuitous-arp-send-failed",
           AddressText(address),
           "port failed, not yet detected: nothing sent");
}

void
RunRecorder::GratuitousArpLost(std::string context, uint32_t link, Ipv4Address address)
{
    ++m_result.gratuitousArpLost;
    Record(LinkSubject(context, link),
           "gratuitous-arp-lost",
           AddressText(address),
           "lost before reaching the LAN");
}

void
RunRecorder::ArpReplyTx(std::string context, uint32_t link, Ipv4Address address)
{
    Record(LinkSubject(context, link), "arp-reply", AddressText(address), "");
}

void
RunRecorder::OatDrop(std::string port, Ptr<const Packet> packet, Ipv4Address destination)
{
    Record(port, "oat-drop", AddressText(destination), "not in the OSA Address Table");
}

void
RunRecorder::GratuitousArpMissed(std::string context, Ipv4Address a)
{
    ++m_result.gratuitousArpMissed;
    Record(ContextName(context), "gratuitous-arp-lost", AddressText(a), "missed by this station");
}

void
RunRecorder::CacheUpdated(std::string context,
                          uint32_t,
                          Ipv4Address neighbour,
                          const Address& before,
                          const Address& after,
                          StationArp::CacheCause cause)
{
    Record(ContextName(context),
           "station-cache-updated",
           AddressText(neighbour),
           MacText(before) + " -> " + MacText(after) + " (" + StationArp::GetCauseText(cause) +
               ")");
}

} // namespace zos
} // namespace ns3
