/*
 * zos-takeover (internal to the scenario runner): trace sinks that fill a RunResult and give
 * the timeline and probe rows to the RowStream.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_RUN_RECORDER_H
#define ZOS_TAKEOVER_RUN_RECORDER_H

#include "row-stream.h"
#include "scenario-runner.h"
#include "trace-context.h"

#include "ns3/address.h"
#include "ns3/gratuitous-arp-loss-model.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/probe-client.h"
#include "ns3/station-arp.h"
#include "ns3/tcp-probe-client.h"
#include "ns3/zos-stack.h"

#include <functional>
#include <map>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace ns3
{
namespace zos
{

/**
 * \param a an IPv4 address
 * \return its dotted text
 */
std::string AddressText(Ipv4Address a);

/**
 * Fills a RunResult from the trace sources and the scheduled DEVLINKS displays during a run,
 * and gives the timeline rows and the probes to a RowStream as they come (it keeps none).
 * Member functions rather than lambdas: ns-3 <= 3.36 cannot make a Callback from a lambda
 * (nor, <= 3.35, schedule one).
 */
class RunRecorder
{
  public:
    using FrameObserver = std::function<void(const std::string&, Time, Ptr<const Packet>)>;

    /**
     * \param result filled during the run
     * \param rows where the timeline rows and the probes go
     * \param frameObserver called with every frame (may be empty)
     * \param stacks the stacks, for the DEVLINKS displays
     */
    RunRecorder(RunResult& result,
                RowStream& rows,
                const FrameObserver& frameObserver,
                const std::map<std::string, Ptr<ZosStack>>& stacks);

    /** Lan "Frame", connected with the LAN name as context. */
    void Frame(std::string lan, Ptr<const Packet> frame)
    {
        ++m_result.framesOnLans;
        if (m_frameObserver)
        {
            m_frameObserver(lan, Simulator::Now(), frame);
        }
    }

    // The stack sinks take the trace context "/Names/STACK/$ns3::zos::ZosStack/SOURCE" (as
    // Config::Connect on the stack's Names path gives it; ConnectStack) and turn the typed
    // payloads into timeline rows.

    /** ZosStack "PortState". */
    void PortState(std::string context, uint32_t link, bool up);
    /** ZosStack "LinkState". */
    void LinkState(std::string context, uint32_t link, bool active, ZosStack::LinkCause cause);
    /** ZosStack "OwnershipChange". */
    void OwnershipChange(std::string context,
                         Ipv4Address address,
                         bool vipa,
                         ArpOwnership::Reason reason,
                         uint32_t from,
                         uint32_t to);
    /** ZosStack "GratuitousArpTx". */
    void GratuitousArpTx(std::string context, uint32_t link, Ipv4Address address);
    /** ZosStack "EventIgnored": a warning and a timeline row. */
    void EventIgnored(std::string context,
                      uint32_t link,
                      ZosStack::Operation operation,
                      Ipv4Address address,
                      ZosStack::IgnoredReason reason);
    /** ZosStack "GratuitousArpTxFailed". */
    void GratuitousArpTxFailed(std::string context, uint32_t link, Ipv4Address address);
    /** ZosStack "GratuitousArpLost" (loss scope frame). */
    void GratuitousArpLost(std::string context, uint32_t link, Ipv4Address address);
    /** ZosStack "ArpReplyTx". */
    void ArpReplyTx(std::string context, uint32_t link, Ipv4Address address);

    /**
     * Connect the stack sinks to every trace source of a stack, through its name.
     * \param stack the stack's name (Names of its node)
     */
    void ConnectStack(const std::string& stack);
    /**
     * Connect the station sinks (CacheUpdated; Drop of a receiver loss model if any), the
     * context naming the station.
     * \param station the station's name (Names of its node)
     * \param model its ARP model
     * \param loss its receiver loss model (null: none)
     */
    void ConnectStation(const std::string& station,
                        Ptr<StationArp> model,
                        Ptr<GratuitousArpLossModel> loss);
    /**
     * Connect the TCP probe sinks (ConnectionOpened, ConnectionClosed), the context naming
     * the station.
     * \param station the station's name
     * \param client its TCP probe client
     */
    void ConnectTcpClient(const std::string& station, Ptr<TcpProbeClient> client);

    /**
     * Connect the probe sink (ProbeDone), the context naming the station, and tell the
     * RowStream the client (clients in scenario order).
     * \param station the station's name
     * \param client its probe client
     */
    void ConnectProbeClient(const std::string& station, Ptr<ProbeClient> client);
    /** ProbeClient "ProbeDone", station in the context: one row of probes.csv. */
    void ProbeDone(std::string context,
                   Ipv4Address target,
                   uint32_t sequence,
                   Time sent,
                   Time received);
    /**
     * The texts of the first-success rows' detail, one per event: "after TYPE SUBJECT".
     * \param labels per event index
     */
    void SetEventLabels(const std::vector<std::string>& labels);
    /**
     * OutageMonitor's recovery callback: an outage row that will be measured recovered now,
     * a first-success row.
     * \param event the event index
     * \param client the client's name
     * \param target the target
     * \param at when (now)
     */
    void FirstSuccess(uint32_t event, const std::string& client, Ipv4Address target, Time at);

    /** TcpProbeClient "ConnectionOpened", station in the context. */
    void TcpOpened(std::string context, Ipv4Address target);
    /** TcpProbeClient "ConnectionClosed", station in the context. */
    void TcpClosed(std::string context, Ipv4Address target, const std::string& reason);
    /** ConnectionRouteCache "RouteFailure", stack in the context. */
    void TcpRouteFailure(std::string context,
                         uint32_t interface,
                         uint32_t connections,
                         bool rerouted);

    /** The key of an ignored operation: time, operation, subject. */
    static std::string IgnoredKey(Time at, const std::string& what, const std::string& subject)
    {
        std::ostringstream key; // the format EventReaches uses for activations
        key << at.GetTimeStep() << " " << what << " " << subject;
        return key.str();
    }

    /** \return how many times this operation was reported by EventIgnored. */
    size_t TimesIgnored(const std::string& key) const
    {
        return m_ignored.count(key);
    }

    /**
     * OsaPort "OatDrop": the adapter discarded a frame (port name in the context).
     * \param port the port's name
     * \param packet the frame
     * \param destination its destination IP
     */
    void OatDrop(std::string port, Ptr<const Packet> packet, Ipv4Address destination);

    /** GratuitousArpLossModel "Drop" (loss scope receiver), station in the context. */
    void GratuitousArpMissed(std::string context, Ipv4Address a);
    /** StationArp "CacheUpdated", station in the context. */
    void CacheUpdated(std::string context,
                      uint32_t ifIndex,
                      Ipv4Address neighbour,
                      const Address& before,
                      const Address& after,
                      StationArp::CacheCause cause);

    /** A DEVLINKS display of every stack. */
    void Snapshot(const std::string& label)
    {
        for (const auto& [name, stack] : m_stacks)
        {
            m_result.devlinks.push_back({Simulator::Now(), label, name, stack->GetDevlinks()});
        }
    }

    /**
     * Add a timeline row at the current time.
     * \param node the stack, "stack/link", station or router
     * \param event what happened
     * \param address the address concerned ("" if none)
     * \param detail more
     */
    void Record(const std::string& node,
                const std::string& event,
                const std::string& address,
                const std::string& detail)
    {
        m_rows.AddTimelineRow({Simulator::Now(), node, event, address, detail});
    }

  private:
    /**
     * \param context a stack's trace context
     * \param link a link index of that stack (ZosStack::NO_LINK: none)
     * \return "STACK/LINK", or "STACK/" for no link
     */
    std::string LinkSubject(const std::string& context, uint32_t link) const;
    /**
     * \param stack a stack name
     * \param link one of its link indices, or ZosStack::NO_LINK
     * \return the link's name, empty for NO_LINK
     */
    std::string LinkName(const std::string& stack, uint32_t link) const;

    /**
     * \param a a MAC address (or invalid)
     * \return its text, "none" if invalid
     */
    static std::string MacText(const Address& a);

    RunResult& m_result;
    RowStream& m_rows;
    std::vector<std::string> m_eventLabels; //!< per event: "after TYPE SUBJECT"
    std::multiset<std::string> m_ignored;   //!< IgnoredKey of each EventIgnored
    const FrameObserver& m_frameObserver;
    const std::map<std::string, Ptr<ZosStack>>& m_stacks;
};

} // namespace zos
} // namespace ns3

#endif
