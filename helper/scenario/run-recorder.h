/*
 * zos-takeover (internal to the scenario runner): trace sinks that fill a RunResult.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_RUN_RECORDER_H
#define ZOS_TAKEOVER_RUN_RECORDER_H

#include "scenario-runner.h"

#include "ns3/address.h"
#include "ns3/ipv4-address.h"
#include "ns3/nstime.h"
#include "ns3/packet.h"
#include "ns3/zos-stack.h"

#include <functional>
#include <map>
#include <set>
#include <string>

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
 * Fills a RunResult from the trace sources and the scheduled DEVLINKS displays during a run.
 * Member functions rather than lambdas: ns-3 <= 3.36 cannot make a Callback from a lambda
 * (nor, <= 3.35, schedule one).
 */
class RunRecorder
{
  public:
    using FrameObserver = std::function<void(const std::string&, Time, Ptr<const Packet>)>;

    /**
     * \param result filled during the run
     * \param frameObserver called with every frame (may be empty)
     * \param stacks the stacks, for the DEVLINKS displays
     */
    RunRecorder(RunResult& result,
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

    /** ZosStack "PortState". */
    void PortState(const std::string& s, const std::string& l, bool up)
    {
        Record(s + "/" + l, up ? "port-repair" : "port-failure", "", "");
    }

    /** ZosStack "LinkState". */
    void LinkState(const std::string& s,
                   const std::string& l,
                   bool active,
                   const std::string& cause)
    {
        Record(s + "/" + l, active ? "link-active" : "link-inactive", "", cause);
    }

    /** ZosStack "OwnershipChange". */
    void OwnershipChange(const std::string& s,
                         Ipv4Address a,
                         const std::string& from,
                         const std::string& to,
                         const std::string& what)
    {
        Record(s + "/" + to,
               "ownership-change",
               AddressText(a),
               what + " from " + (from.empty() ? "-" : from) + " to " + (to.empty() ? "-" : to));
    }

    /** ZosStack "GratuitousArpTx". */
    void GratuitousArpTx(const std::string& s, const std::string& l, Ipv4Address a)
    {
        ++m_result.gratuitousArpSent;
        Record(s + "/" + l, "gratuitous-arp", AddressText(a), "sent");
    }

    /** ZosStack "EventIgnored": a warning and a timeline row. */
    void EventIgnored(const std::string& s,
                      const std::string& l,
                      const std::string& what,
                      const std::string& why)
    {
        std::string subject = s + (l.empty() ? "" : "/" + l);
        std::ostringstream os;
        os << "at " << std::fixed << std::setprecision(3) << Simulator::Now().GetSeconds()
           << " s: " << what << " " << subject << " changed nothing: " << why;
        m_result.warnings.push_back(os.str());
        Record(subject, "event-ignored", "", what + ": " + why);
        m_ignored.insert(IgnoredKey(Simulator::Now(), what.substr(0, what.find(' ')), subject));
    }

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

    /** ZosStack "GratuitousArpTxFailed". */
    void GratuitousArpTxFailed(const std::string& s, const std::string& l, Ipv4Address a)
    {
        ++m_result.gratuitousArpSendFailed;
        Record(s + "/" + l,
               "gratuitous-arp-send-failed",
               AddressText(a),
               "port failed, not yet detected: nothing sent");
    }

    /** ZosStack "GratuitousArpLost" (loss scope frame). */
    void GratuitousArpLost(const std::string& s, const std::string& l, Ipv4Address a)
    {
        ++m_result.gratuitousArpLost;
        Record(s + "/" + l, "gratuitous-arp-lost", AddressText(a), "lost before reaching the LAN");
    }

    /** GratuitousArpLossModel "Drop" (loss scope receiver), with the station as context. */
    void GratuitousArpMissed(std::string station, Ipv4Address a)
    {
        ++m_result.gratuitousArpMissed;
        Record(station, "gratuitous-arp-lost", AddressText(a), "missed by this station");
    }

    /** ZosStack "ArpReplyTx". */
    void ArpReplyTx(const std::string& s, const std::string& l, Ipv4Address a)
    {
        Record(s + "/" + l, "arp-reply", AddressText(a), "");
    }

    /** StationArp "CacheUpdated", connected with the station name as context. */
    void CacheUpdated(std::string station,
                      uint32_t,
                      Ipv4Address neighbour,
                      const Address& before,
                      const Address& after,
                      const std::string& cause)
    {
        Record(station,
               "station-cache-updated",
               AddressText(neighbour),
               MacText(before) + " -> " + MacText(after) + " (" + cause + ")");
    }

    /** A DEVLINKS display of every stack. */
    void Snapshot(const std::string& label)
    {
        for (const auto& [name, stack] : m_stacks)
        {
            m_result.devlinks.push_back({Simulator::Now(), label, name, stack->GetDevlinks()});
        }
    }

  private:
    /**
     * \param a a MAC address (or invalid)
     * \return its text, "none" if invalid
     */
    static std::string MacText(const Address& a);

    /** Add a timeline row at the current time. */
    void Record(const std::string& node,
                const std::string& event,
                const std::string& address,
                const std::string& detail)
    {
        m_result.timeline.push_back({Simulator::Now(), node, event, address, detail});
    }

    RunResult& m_result;
    std::multiset<std::string> m_ignored; //!< IgnoredKey of each EventIgnored
    const FrameObserver& m_frameObserver;
    const std::map<std::string, Ptr<ZosStack>>& m_stacks;
};

} // namespace zos
} // namespace ns3

#endif
