/*
 * zos-takeover (internal to the schedule checker): what a run leaves for the evaluation of
 * the takeover invariants. See schedule-checker.h.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_SCHEDULE_RECORDER_H
#define ZOS_TAKEOVER_SCHEDULE_RECORDER_H

#include "run-recorder.h"
#include "schedule-checker.h"

#include "ns3/arp-util.h"
#include "ns3/ethernet-header.h"
#include "ns3/ipv4-address.h"
#include "ns3/mac48-address.h"
#include "ns3/packet.h"
#include "ns3/simulator.h"
#include "ns3/zos-stack.h"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace ns3
{
namespace zos
{
namespace schedule
{

/**
 * \param t seconds
 * \return with 4 decimals
 */
std::string Seconds3(double t);

/** An ARP frame seen on a LAN. */
struct WireFrame
{
    double time;
    bool reply;
    Ipv4Address senderIp;
    Ipv4Address targetIp;
    Mac48Address senderMac;
};

/** A stack's ownership state at one instant. */
struct Snapshot
{
    double time = 0;
    bool failed = false;
    std::vector<bool> active;
    std::vector<uint32_t> group;
    std::map<uint32_t, uint32_t> vipaOwner;               //!< group -> link
    std::vector<std::string> vipas;                       //!< VIPAs of the stack
    std::map<std::string, std::vector<uint32_t>> answers; //!< address -> links answering

    bool SameState(const Snapshot& o) const
    {
        return failed == o.failed && active == o.active && group == o.group &&
               vipaOwner == o.vipaOwner && vipas == o.vipas && answers == o.answers;
    }
};

/** State changes of one link: (time, new value), in time order. */
struct LinkLog
{
    std::vector<std::pair<double, bool>> active;
    std::vector<std::pair<double, bool>> portUp;
    Mac48Address mac;
};

/**
 * \param changes (time, new value) in time order
 * \param initial the value before the first change
 * \param value the value looked for
 * \param a start of the interval
 * \param b its end
 * \return true if the value was `value` at any instant of [a, b]
 */
bool WasDuring(const std::vector<std::pair<double, bool>>& changes,
               bool initial,
               bool value,
               double a,
               double b);

/** One settled interval of a stack and its two snapshots. */
struct Interval
{
    double start;
    double end;
    Snapshot begin;
    Snapshot last;
    bool haveLast = false;
};

/** Everything recorded for one stack. */
struct StackLog
{
    const StackSpec* spec = nullptr;
    Ptr<ZosStack> stack;
    std::vector<LinkLog> links;
    std::map<std::string, uint32_t> linkIndex;
    std::vector<Interval> intervals;
};

/** Fills the logs during a run (trace sinks and scheduled snapshots). */
class Recorder
{
  public:
    explicit Recorder(const Scenario& scenario)
    {
        m_stacks.resize(scenario.stacks.size());
        for (uint32_t s = 0; s < scenario.stacks.size(); ++s)
        {
            const StackSpec& spec = scenario.stacks[s];
            m_stackIndex[spec.name] = s;
            m_stacks[s].spec = &spec;
            m_stacks[s].links.resize(spec.links.size());
            for (uint32_t i = 0; i < spec.links.size(); ++i)
            {
                m_stacks[s].linkIndex[spec.links[i].name] = i;
            }
        }
    }

    void Frame(const std::string& lan, Time t, Ptr<const Packet> frame)
    {
        Ptr<Packet> copy = frame->Copy();
        EthernetHeader eth(false);
        if (copy->RemoveHeader(eth) == 0 || eth.GetLengthType() != kArpProtocol)
        {
            return;
        }
        ArpFields arp;
        if (!ArpFields::Peek(copy, arp))
        {
            return;
        }
        m_frames[lan].push_back({t.GetSeconds(),
                                 arp.IsReply(),
                                 arp.GetSourceIpv4Address(),
                                 arp.GetDestinationIpv4Address(),
                                 arp.GetSourceHardwareAddress()});
        ++m_arpFrames;
    }

    void LinkState(std::string context, uint32_t l, bool active, ZosStack::LinkCause)
    {
        LinkLog& log = Link(context, l);
        if (log.active.empty() ? active : log.active.back().second != active)
        {
            log.active.emplace_back(Simulator::Now().GetSeconds(), active);
        }
    }

    void PortState(std::string context, uint32_t l, bool up)
    {
        Link(context, l).portUp.emplace_back(Simulator::Now().GetSeconds(), up);
    }

    void Take(uint32_t s, uint32_t k, bool begin)
    {
        StackLog& log = m_stacks[s];
        Interval& interval = log.intervals[k];
        Snapshot& snap = begin ? interval.begin : interval.last;
        interval.haveLast = interval.haveLast || !begin;
        snap.time = Simulator::Now().GetSeconds();
        Ptr<ZosStack> stack = log.stack;
        snap.failed = stack->IsFailed();
        const ArpOwnership& table = stack->GetOwnership();
        uint32_t n = stack->GetNLinks();
        snap.vipaOwner.clear();
        snap.answers.clear();
        snap.active.assign(n, false);
        snap.group.assign(n, ArpOwnership::NO_GROUP);
        std::vector<Address> addresses;
        std::vector<std::string> names;
        for (uint32_t i = 0; i < n; ++i)
        {
            snap.active[i] = stack->IsLinkActive(i);
            snap.group[i] = table.GetGroup(i);
            addresses.emplace_back(stack->GetHomeAddress(i));
            names.push_back(AddressText(stack->GetHomeAddress(i)));
        }
        for (ArpOwnership::GroupId g : table.GetGroups())
        {
            snap.vipaOwner[g] = table.GetVipaOwner(g);
        }
        snap.vipas.clear();
        for (Ipv4Address v : stack->GetVipas())
        {
            snap.vipas.push_back(AddressText(v));
            addresses.emplace_back(v);
            names.push_back(AddressText(v));
        }
        for (uint32_t a = 0; a < addresses.size(); ++a)
        {
            std::vector<uint32_t>& who = snap.answers[names[a]];
            for (uint32_t i = 0; i < n; ++i)
            {
                if (snap.active[i] && table.Answers(i, addresses[a]))
                {
                    who.push_back(i);
                }
            }
        }
    }

    /** The log of link `l` of the stack named in a "/Names/STACK/..." trace context. */
    LinkLog& Link(const std::string& context, uint32_t l)
    {
        StackLog& log = m_stacks.at(m_stackIndex.at(ContextName(context)));
        return log.links.at(log.linkIndex.at(log.stack->GetLinkName(l)));
    }

    std::vector<StackLog> m_stacks;
    std::map<std::string, uint32_t> m_stackIndex;
    std::map<std::string, std::vector<WireFrame>> m_frames; //!< per LAN
    uint64_t m_arpFrames = 0;
};

/**
 * \param scenario the scenario
 * \param spec one of its stacks
 * \return the merged settling windows of the stack -> its settled intervals [start, end)
 */
std::vector<std::pair<double, double>> SettledIntervals(const Scenario& scenario,
                                                        const StackSpec& spec);

} // namespace schedule
} // namespace zos
} // namespace ns3

#endif
