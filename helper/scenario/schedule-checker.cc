/*
 * zos-takeover: random schedules and the takeover invariants. See schedule-checker.h.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "schedule-checker.h"

#include "scenario-runner.h"

#include "ns3/arp-util.h"
#include "ns3/ethernet-header.h"
#include "ns3/ipv4-address.h"
#include "ns3/log.h"
#include "ns3/mac48-address.h"
#include "ns3/simulator.h"
#include "ns3/zos-stack.h"

#include <algorithm>
#include <iomanip>
#include <random>
#include <set>
#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("ScheduleChecker");

namespace zos
{

namespace
{

// ------------------------------------------------------------------------------------------
// Portable random numbers: only the raw mt19937_64 sequence (fixed by the standard).
// ------------------------------------------------------------------------------------------

/** Integers, choices and chances from the raw output of std::mt19937_64. */
class Random
{
  public:
    explicit Random(uint64_t seed)
        : m_engine(seed)
    {
    }

    /** \return uniform in [0, n) (rejection sampling, no modulo bias); n > 0. */
    uint32_t Below(uint32_t n)
    {
        const uint64_t range = n;
        const uint64_t threshold = (0 - range) % range; // 2^64 mod n
        while (true)
        {
            uint64_t x = m_engine();
            if (x >= threshold)
            {
                return static_cast<uint32_t>(x % range);
            }
        }
    }

    /** \return true with probability percent / 100. */
    bool Chance(uint32_t percent)
    {
        return Below(100) < percent;
    }

    /** \return an element of a non-empty list, uniformly. */
    template <typename T>
    T Pick(const std::vector<T>& values)
    {
        return values[Below(static_cast<uint32_t>(values.size()))];
    }

    /** \return an index drawn with the given integer weights. */
    uint32_t Weighted(const std::vector<uint32_t>& weights)
    {
        uint32_t total = 0;
        for (uint32_t w : weights)
        {
            total += w;
        }
        uint32_t x = Below(total);
        for (uint32_t i = 0; i < weights.size(); ++i)
        {
            if (x < weights[i])
            {
                return i;
            }
            x -= weights[i];
        }
        return static_cast<uint32_t>(weights.size() - 1);
    }

  private:
    std::mt19937_64 m_engine;
};

/** Milliseconds as seconds (exact decimal text in the JSON file). */
double
Ms(uint32_t ms)
{
    return ms / 1000.0;
}

std::string
Str(Ipv4Address a)
{
    std::ostringstream os;
    os << a;
    return os.str();
}

std::string
Seconds3(double t)
{
    std::ostringstream os;
    os << std::fixed << std::setprecision(4) << t;
    return os.str();
}

// ------------------------------------------------------------------------------------------
// What a run leaves for the evaluation
// ------------------------------------------------------------------------------------------

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

/** True if the value was `value` at any instant of [a, b] (initially `initial`). */
bool
WasDuring(const std::vector<std::pair<double, bool>>& changes,
          bool initial,
          bool value,
          double a,
          double b)
{
    bool state = initial;
    for (const auto& [t, v] : changes)
    {
        if (t <= a)
        {
            state = v;
            continue;
        }
        if (state == value)
        {
            return true;
        }
        if (t > b)
        {
            return false;
        }
        state = v;
    }
    return state == value;
}

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

    void LinkState(const std::string& s, const std::string& l, bool active, const std::string&)
    {
        LinkLog& log = Link(s, l);
        if (log.active.empty() ? active : log.active.back().second != active)
        {
            log.active.emplace_back(Simulator::Now().GetSeconds(), active);
        }
    }

    void PortState(const std::string& s, const std::string& l, bool up)
    {
        Link(s, l).portUp.emplace_back(Simulator::Now().GetSeconds(), up);
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
            names.push_back(Str(stack->GetHomeAddress(i)));
        }
        for (ArpOwnership::GroupId g : table.GetGroups())
        {
            snap.vipaOwner[g] = table.GetVipaOwner(g);
        }
        snap.vipas.clear();
        for (Ipv4Address v : stack->GetVipas())
        {
            snap.vipas.push_back(Str(v));
            addresses.emplace_back(v);
            names.push_back(Str(v));
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

    LinkLog& Link(const std::string& s, const std::string& l)
    {
        StackLog& log = m_stacks.at(m_stackIndex.at(s));
        return log.links.at(log.linkIndex.at(l));
    }

    std::vector<StackLog> m_stacks;
    std::map<std::string, uint32_t> m_stackIndex;
    std::map<std::string, std::vector<WireFrame>> m_frames; //!< per LAN
    uint64_t m_arpFrames = 0;
};

/** The merged settling windows of a stack -> its settled intervals [start, end). */
std::vector<std::pair<double, double>>
SettledIntervals(const Scenario& scenario, const StackSpec& spec)
{
    std::vector<std::pair<double, double>> windows;
    const double margin = ScheduleChecker::Margin();
    for (const LinkSpec& link : spec.links)
    {
        windows.emplace_back(link.activateAt, link.activateAt + spec.learningTime + margin);
    }
    for (const EventSpec& ev : scenario.events)
    {
        if (ev.stack != spec.name)
        {
            continue;
        }
        bool port = ev.type == "portFailure" || ev.type == "portRepair";
        windows.emplace_back(ev.at,
                             ev.at + (port ? spec.detectionDelay : 0.0) + spec.learningTime +
                                 margin);
    }
    std::sort(windows.begin(), windows.end());
    std::vector<std::pair<double, double>> merged;
    for (const auto& w : windows)
    {
        if (!merged.empty() && w.first <= merged.back().second)
        {
            merged.back().second = std::max(merged.back().second, w.second);
        }
        else
        {
            merged.push_back(w);
        }
    }
    std::vector<std::pair<double, double>> settled;
    for (uint32_t i = 0; i < merged.size(); ++i)
    {
        double start = merged[i].second;
        double end = i + 1 < merged.size() ? merged[i + 1].first : scenario.duration;
        if (start < end)
        {
            settled.emplace_back(start, end);
        }
    }
    return settled;
}

// ------------------------------------------------------------------------------------------
// Evaluation (after the run)
// ------------------------------------------------------------------------------------------

class Evaluator
{
  public:
    Evaluator(const Recorder& recorder, const std::string& invariants, ScheduleCheckResult& result)
        : m_recorder(recorder),
          m_invariants(invariants),
          m_result(result)
    {
    }

    void Run()
    {
        for (const StackLog& log : m_recorder.m_stacks)
        {
            Stack(log);
        }
        std::stable_sort(m_result.violations.begin(),
                         m_result.violations.end(),
                         [](const InvariantViolation& a, const InvariantViolation& b) {
                             return a.invariant < b.invariant;
                         });
    }

  private:
    bool On(char invariant) const
    {
        return m_invariants.find(invariant) != std::string::npos;
    }

    void Report(char invariant, double t, const StackLog& log, const std::string& text)
    {
        m_result.violations.push_back({invariant, t, log.spec->name, text});
    }

    const std::string& Name(const StackLog& log, uint32_t link) const
    {
        return log.spec->links[link].name;
    }

    const std::string& Lan(const StackLog& log, uint32_t link) const
    {
        return log.spec->links[link].lan;
    }

    std::string Home(const StackLog& log, uint32_t link) const
    {
        const std::string& a = log.spec->links[link].address;
        return a.substr(0, a.find('/'));
    }

    std::string Names(const StackLog& log, const std::vector<uint32_t>& links) const
    {
        if (links.empty())
        {
            return "nobody";
        }
        std::string out;
        for (uint32_t l : links)
        {
            out += (out.empty() ? "" : ", ") + Name(log, l);
        }
        return out;
    }

    /** The link owning a MAC (any stack), or the MAC as text. */
    std::string MacOwner(Mac48Address mac) const
    {
        for (const StackLog& log : m_recorder.m_stacks)
        {
            for (uint32_t i = 0; i < log.links.size(); ++i)
            {
                if (log.links[i].mac == mac)
                {
                    return log.spec->name + "/" + Name(log, i);
                }
            }
        }
        std::ostringstream os;
        os << mac;
        return os.str();
    }

    bool PortDown(const StackLog& log, uint32_t link, double a, double b) const
    {
        return WasDuring(log.links[link].portUp, true, false, a, b);
    }

    bool ActiveDuring(const StackLog& log, uint32_t link, double a, double b) const
    {
        return WasDuring(log.links[link].active, false, true, a, b);
    }

    /** Time of the last activation of `link` at or before t (-1 if none). */
    double LastActivation(const StackLog& log, uint32_t link, double t) const
    {
        double last = -1;
        for (const auto& [when, active] : log.links[link].active)
        {
            if (when <= t && active)
            {
                last = when;
            }
        }
        return last;
    }

    /** Time of the first activation of `link` (-1 if none). */
    double FirstActivation(const StackLog& log, uint32_t link) const
    {
        for (const auto& [when, active] : log.links[link].active)
        {
            if (active)
            {
                return when;
            }
        }
        return -1;
    }

    /**
     * Two links of one LAN that may never have heard each other: one of their ports was
     * down while the later of the two was learning.
     */
    bool Deaf(const StackLog& log, uint32_t i, uint32_t j, double t) const
    {
        double ai = LastActivation(log, i, t);
        double aj = LastActivation(log, j, t);
        double from = std::max(ai, aj);
        double to = from + log.spec->learningTime + ScheduleChecker::Margin();
        return PortDown(log, i, from, to) || PortDown(log, j, from, to);
    }

    bool Garp(const StackLog& log,
              uint32_t link,
              const std::string& address,
              double a,
              double b) const
    {
        auto it = m_recorder.m_frames.find(Lan(log, link));
        if (it == m_recorder.m_frames.end())
        {
            return false;
        }
        Mac48Address mac = log.links[link].mac;
        for (const WireFrame& f : it->second)
        {
            if (f.time >= a && f.time <= b && f.senderMac == mac && f.senderIp == f.targetIp &&
                Str(f.senderIp) == address)
            {
                return true;
            }
        }
        return false;
    }

    /** `link` became active again in (a, b] with no other link of its LAN active. */
    double ReturningLone(const StackLog& log, uint32_t link, double a, double b) const
    {
        double t = LastActivation(log, link, b);
        if (t <= a || FirstActivation(log, link) >= t)
        {
            return -1;
        }
        for (uint32_t o = 0; o < log.links.size(); ++o)
        {
            if (o != link && Lan(log, o) == Lan(log, link) && ActiveDuring(log, o, t, b))
            {
                return -1;
            }
        }
        return t;
    }

    std::vector<uint32_t> OnLan(const StackLog& log,
                                const std::vector<uint32_t>& links,
                                const std::string& lan) const
    {
        std::vector<uint32_t> out;
        for (uint32_t l : links)
        {
            if (Lan(log, l) == lan)
            {
                out.push_back(l);
            }
        }
        return out;
    }

    void Stack(const StackLog& log)
    {
        const StackSpec& spec = *log.spec;
        const bool pq23444 = spec.fixes.pq23444;
        const bool announce = spec.gratuitousArpCount > 0 && spec.gratuitousArpLoss == 0;
        const uint32_t n = spec.links.size();
        std::set<std::string> lans;
        for (const LinkSpec& l : spec.links)
        {
            lans.insert(l.lan);
        }
        Snapshot initial; // before anything starts: nothing active, nothing answered
        initial.active.assign(n, false);
        const Snapshot* previous = &initial;
        for (const Interval& iv : log.intervals)
        {
            const Snapshot& now = iv.begin;
            if (now.failed)
            {
                break; // nothing answers a failed stack; nothing to check from here on
            }
            ++m_result.checkpoints;
            const double t = now.time;

            // Pairs of one LAN that may legitimately not have met (see Deaf), and their LANs.
            std::set<std::pair<uint32_t, uint32_t>> deaf;
            std::set<std::string> deafLans;
            for (uint32_t i = 0; i < n; ++i)
            {
                for (uint32_t j = i + 1; j < n; ++j)
                {
                    if (Lan(log, i) == Lan(log, j) && now.active[i] && now.active[j] &&
                        Deaf(log, i, j, t))
                    {
                        deaf.insert({i, j});
                        deafLans.insert(Lan(log, i));
                    }
                }
            }

            // Links that never met may still meet on any later frame: not a settled state.
            const bool stable = iv.haveLast && !iv.last.failed && deaf.empty();
            m_result.evaluated['s'] += stable ? 1 : 0;
            if (On('s') && stable && !now.SameState(iv.last))
            {
                Report('s',
                       t,
                       log,
                       "ownership state changed between " + Seconds3(t) + " s and " +
                           Seconds3(iv.last.time) + " s with no event of the stack");
            }
            if (On('f'))
            {
                CheckGroups(log, now, deaf);
            }
            if (pq23444 && On('a'))
            {
                CheckOwners(log, now);
            }
            if (pq23444 && On('c'))
            {
                CheckVipaOwner(log, now);
            }
            if (pq23444 && On('b'))
            {
                CheckOneMacPerLan(log, iv, lans, deafLans);
            }
            if (pq23444 && announce && (On('d') || On('e')))
            {
                CheckAnnouncements(log, *previous, now, lans);
            }
            previous = iv.haveLast && !iv.last.failed ? &iv.last : &iv.begin;
        }
    }

    /** (f) */
    void CheckGroups(const StackLog& log,
                     const Snapshot& now,
                     const std::set<std::pair<uint32_t, uint32_t>>& deaf)
    {
        const uint32_t n = now.active.size();
        for (uint32_t i = 0; i < n; ++i)
        {
            for (uint32_t j = i + 1; j < n; ++j)
            {
                ++m_result.evaluated['f'];
                bool sameLan = Lan(log, i) == Lan(log, j);
                bool sameGroup =
                    now.group[i] != ArpOwnership::NO_GROUP && now.group[i] == now.group[j];
                if (!sameLan && sameGroup)
                {
                    Report('f',
                           now.time,
                           log,
                           Name(log, i) + " (" + Lan(log, i) + ") and " + Name(log, j) + " (" +
                               Lan(log, j) + ") are on different LANs but in one LanGroup");
                }
                if (sameLan && !sameGroup && now.active[i] && now.active[j] &&
                    deaf.count({i, j}) == 0)
                {
                    Report('f',
                           now.time,
                           log,
                           Name(log, i) + " and " + Name(log, j) + " are active on " + Lan(log, i) +
                               " but in different LanGroups");
                }
            }
        }
    }

    std::map<uint32_t, std::vector<uint32_t>> Groups(const Snapshot& now) const
    {
        std::map<uint32_t, std::vector<uint32_t>> groups;
        for (uint32_t i = 0; i < now.group.size(); ++i)
        {
            if (now.group[i] != ArpOwnership::NO_GROUP)
            {
                groups[now.group[i]].push_back(i);
            }
        }
        return groups;
    }

    bool AnyActive(const Snapshot& now, const std::vector<uint32_t>& links) const
    {
        for (uint32_t l : links)
        {
            if (now.active[l])
            {
                return true;
            }
        }
        return false;
    }

    std::vector<uint32_t> Within(const std::vector<uint32_t>& who,
                                 const std::vector<uint32_t>& members) const
    {
        std::vector<uint32_t> out;
        for (uint32_t l : who)
        {
            if (std::find(members.begin(), members.end(), l) != members.end())
            {
                out.push_back(l);
            }
        }
        return out;
    }

    /** (a) */
    void CheckOwners(const StackLog& log, const Snapshot& now)
    {
        for (const auto& [g, members] : Groups(now))
        {
            if (!AnyActive(now, members))
            {
                continue;
            }
            for (uint32_t m : members)
            {
                ++m_result.evaluated['a'];
                std::string home = Home(log, m);
                std::vector<uint32_t> owners = Within(now.answers.at(home), members);
                if (owners.size() != 1)
                {
                    Report('a',
                           now.time,
                           log,
                           "HOME " + home + " of " + Name(log, m) + " has " +
                               std::to_string(owners.size()) + " ARP owners in the LanGroup of " +
                               Names(log, members) + " (" + Names(log, owners) + ")");
                }
            }
        }
    }

    /** (c) */
    void CheckVipaOwner(const StackLog& log, const Snapshot& now)
    {
        for (const auto& [g, members] : Groups(now))
        {
            if (!AnyActive(now, members))
            {
                continue;
            }
            ++m_result.evaluated['c'];
            auto it = now.vipaOwner.find(g);
            uint32_t owner = it == now.vipaOwner.end() ? ArpOwnership::NO_LINK : it->second;
            bool member = owner != ArpOwnership::NO_LINK &&
                          std::find(members.begin(), members.end(), owner) != members.end();
            if (!member || !now.active[owner])
            {
                Report('c',
                       now.time,
                       log,
                       "LanGroup of " + Names(log, members) + " has " +
                           (owner == ArpOwnership::NO_LINK
                                ? std::string("no VipaOwner")
                                : "VipaOwner " + Name(log, owner) +
                                      (member ? " (not active)" : " (not a member)")));
                continue;
            }
            for (const std::string& vipa : now.vipas)
            {
                std::vector<uint32_t> who = Within(now.answers.at(vipa), members);
                if (who != std::vector<uint32_t>{owner})
                {
                    Report('c',
                           now.time,
                           log,
                           "VIPA " + vipa + " is answered by " + Names(log, who) +
                               " in the LanGroup of " + Names(log, members) + " (VipaOwner " +
                               Name(log, owner) + ")");
                }
            }
        }
    }

    /** (b): the state at the checkpoint and the frames of the whole settled interval. */
    void CheckOneMacPerLan(const StackLog& log,
                           const Interval& iv,
                           const std::set<std::string>& lans,
                           const std::set<std::string>& deafLans)
    {
        const Snapshot& now = iv.begin;
        for (const std::string& lan : lans)
        {
            if (deafLans.count(lan) != 0)
            {
                continue;
            }
            for (const auto& [address, who] : now.answers)
            {
                ++m_result.evaluated['b'];
                std::vector<uint32_t> here = OnLan(log, who, lan);
                if (here.size() > 1)
                {
                    Report('b',
                           now.time,
                           log,
                           address + " is answered on " + lan + " by " + Names(log, here));
                }
            }
            auto frames = m_recorder.m_frames.find(lan);
            if (frames == m_recorder.m_frames.end())
            {
                continue;
            }
            std::map<std::string, std::set<Mac48Address>> macs;
            for (const WireFrame& f : frames->second)
            {
                if (f.time < iv.start || f.time >= iv.end || !(f.reply || f.senderIp == f.targetIp))
                {
                    continue;
                }
                std::string address = Str(f.senderIp);
                if (now.answers.count(address) != 0)
                {
                    macs[address].insert(f.senderMac);
                }
            }
            for (const auto& [address, set] : macs)
            {
                if (set.size() > 1)
                {
                    std::string who;
                    for (const Mac48Address& m : set)
                    {
                        who += (who.empty() ? "" : ", ") + MacOwner(m);
                    }
                    Report('b',
                           now.time,
                           log,
                           address + " answered on " + lan + " by " + std::to_string(set.size()) +
                               " MACs (" + who + ") between " + Seconds3(iv.start) + " s and " +
                               Seconds3(iv.end) + " s");
                }
            }
        }
    }

    /** (d) and (e) */
    void CheckAnnouncements(const StackLog& log,
                            const Snapshot& before,
                            const Snapshot& now,
                            const std::set<std::string>& lans)
    {
        const StackSpec& spec = *log.spec;
        const double from = before.time;
        const double to = now.time;
        std::set<std::string> vipas(now.vipas.begin(), now.vipas.end());
        std::vector<bool> lone(now.active.size(), false);
        for (uint32_t m = 0; m < now.active.size(); ++m)
        {
            double back = now.active[m] ? ReturningLone(log, m, from, to) : -1;
            if (back < 0 || PortDown(log, m, back, to) || !spec.fixes.pq26689)
            {
                continue;
            }
            lone[m] = true;
            if (!On('e'))
            {
                continue;
            }
            for (const std::string& vipa : now.vipas)
            {
                ++m_result.evaluated['e'];
                if (!Garp(log, m, vipa, back, to))
                {
                    Report('e',
                           to,
                           log,
                           Name(log, m) + " came back at " + Seconds3(back) + " s alone on " +
                               Lan(log, m) + " but sent no gratuitous ARP for VIPA " + vipa);
                }
            }
        }
        if (!On('d'))
        {
            return;
        }
        for (const std::string& lan : lans)
        {
            for (const auto& [address, who] : now.answers)
            {
                bool vipa = vipas.count(address) != 0;
                if (vipa && !spec.fixes.pq26689)
                {
                    continue;
                }
                std::vector<uint32_t> here = OnLan(log, who, lan);
                if (here.size() != 1)
                {
                    continue; // no single new owner: (b) reports it
                }
                auto b = before.answers.find(address);
                std::vector<uint32_t> earlier = b == before.answers.end()
                                                    ? std::vector<uint32_t>{}
                                                    : OnLan(log, b->second, lan);
                for (uint32_t m : here)
                {
                    if (std::find(earlier.begin(), earlier.end(), m) != earlier.end() ||
                        PortDown(log, m, from, to) || (vipa && lone[m]))
                    {
                        continue;
                    }
                    if (!vipa && earlier.empty() && address == Home(log, m) &&
                        FirstActivation(log, m) >= from)
                    {
                        continue; // a first activation need not announce its own address
                    }
                    ++m_result.evaluated['d'];
                    if (!Garp(log, m, address, from, to))
                    {
                        Report('d',
                               to,
                               log,
                               address + " is now answered on " + lan + " by " + Name(log, m) +
                                   " (before " + Seconds3(from) + " s: " + Names(log, earlier) +
                                   ") but " + Name(log, m) +
                                   " sent no gratuitous ARP for it since");
                    }
                }
            }
        }
    }

    const Recorder& m_recorder;
    const std::string& m_invariants;
    ScheduleCheckResult& m_result;
};

} // namespace

// ------------------------------------------------------------------------------------------
// ScheduleGenerator
// ------------------------------------------------------------------------------------------

ScheduleGenerator::ScheduleGenerator(uint64_t baseSeed)
    : m_baseSeed(baseSeed)
{
}

uint64_t
ScheduleGenerator::ScheduleSeed(uint64_t baseSeed, uint64_t index)
{
    // splitmix64 of (seed, index): neighbouring indices give unrelated engine seeds.
    uint64_t z = baseSeed * 0x9e3779b97f4a7c15ULL + index + 1;
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
}

Scenario
ScheduleGenerator::Generate(uint64_t index) const
{
    Random r(ScheduleSeed(m_baseSeed, index));
    Scenario sc;
    sc.name = "schedule-" + std::to_string(m_baseSeed) + "-" + std::to_string(index);
    sc.description = "Random schedule " + std::to_string(index) + " of seed " +
                     std::to_string(m_baseSeed) + " (./zos-takeover check-schedules --seed " +
                     std::to_string(m_baseSeed) + " --first " + std::to_string(index) +
                     " --schedules 1).";
    sc.seed = 1;
    sc.run = 1;
    const uint32_t durationMs = 2000 + 500 * r.Below(5);
    sc.duration = Ms(durationMs);

    // LANs and their subnets (192.168.<octet>.0/24), sometimes one subnet on two LANs.
    const uint32_t nLans = 1 + r.Weighted({30, 45, 25});
    std::vector<uint32_t> octet;
    for (uint32_t i = 0; i < nLans; ++i)
    {
        LanSpec lan;
        lan.name = "LAN" + std::to_string(i + 1);
        lan.kind = r.Chance(50) ? "shared" : "switched";
        lan.dataRate = r.Pick<std::string>({"1Gbps", "1Gbps", "100Mbps"});
        sc.lans.push_back(lan);
        octet.push_back(i > 0 && r.Chance(20) ? 1 : i + 1);
    }
    std::map<uint32_t, uint32_t> nextHost; // per subnet octet
    auto hostAddress = [&](uint32_t lan, uint32_t base) {
        uint32_t o = octet[lan];
        uint32_t h = base + nextHost[o * 1000 + base]++;
        return "192.168." + std::to_string(o) + "." + std::to_string(h);
    };

    // Stacks.
    const uint32_t nStacks = 1 + r.Weighted({50, 35, 15});
    std::vector<std::string> allVipas;
    for (uint32_t s = 0; s < nStacks; ++s)
    {
        StackSpec st;
        const std::string letter(1, static_cast<char>('A' + s));
        st.name = "TCPIP" + letter;
        const uint32_t nLinks = 1 + r.Weighted({10, 25, 25, 20, 12, 8});
        for (uint32_t i = 0; i < nLinks; ++i)
        {
            LinkSpec link;
            link.name = "OSA" + std::to_string(i + 1);
            link.kind = r.Chance(25) ? "LCS" : "MPCIPA";
            uint32_t lan = r.Below(nLans);
            link.lan = sc.lans[lan].name;
            link.address = hostAddress(lan, 1) + "/24";
            st.links.push_back(link);
        }
        const uint32_t nVipas = r.Weighted({25, 35, 25, 15});
        for (uint32_t v = 0; v < nVipas; ++v)
        {
            st.vipas.push_back("10." + std::to_string(s + 1) + ".0." + std::to_string(v + 1));
            allVipas.push_back(st.vipas.back());
        }
        st.fixes.pq23444 = r.Chance(85);
        st.fixes.pq26689 = r.Chance(85);
        st.detectionDelay = Ms(r.Pick<uint32_t>({0, 10, 50, 100, 200}));
        st.learningTime = Ms(r.Pick<uint32_t>({0, 1, 10, 10, 50}));
        st.gratuitousArpCount = r.Pick<uint32_t>({0, 1, 1, 1, 2, 3});
        st.gratuitousArpInterval = Ms(r.Pick<uint32_t>({100, 250, 500}));
        st.gratuitousArpLoss = r.Chance(10) ? 0.5 : 0.0;
        st.vipaGiveBack = r.Chance(20);
        st.backupPolicy = r.Chance(30) ? "LowestName" : "LongestActive";
        st.vipaOwnerPolicy = r.Chance(30) ? "LowestName" : "FirstActive";

        // Activation times: all zero; one instant per LAN; or each on a coarse grid.
        switch (r.Weighted({20, 30, 50}))
        {
        case 0:
            break;
        case 1: {
            std::map<std::string, uint32_t> at;
            for (LinkSpec& link : st.links)
            {
                if (at.count(link.lan) == 0)
                {
                    at[link.lan] = r.Pick<uint32_t>({0, 5, 10, 50, 100, 300});
                }
                link.activateAt = Ms(at[link.lan]);
            }
            break;
        }
        default:
            for (LinkSpec& link : st.links)
            {
                link.activateAt = Ms(r.Pick<uint32_t>({0, 0, 5, 10, 20, 50, 100, 200, 300, 500}));
            }
        }
        sc.stacks.push_back(st);
    }

    // Events on a 50 ms grid from 0.1 s, some at the same instant as the previous one.
    const uint32_t nEvents = 2 + r.Below(7);
    const uint32_t slots = (durationMs - 400) / 50 + 1;
    std::vector<uint32_t> vipaCount(nStacks, 0);
    std::vector<bool> stackFailed(nStacks, false);
    uint32_t lastMs = 100;
    for (uint32_t e = 0; e < nEvents; ++e)
    {
        uint32_t atMs = e > 0 && r.Chance(25) ? lastMs : 100 + 50 * r.Below(slots);
        lastMs = atMs;
        uint32_t s = r.Below(nStacks);
        const StackSpec& st = sc.stacks[s];
        EventSpec ev;
        ev.at = Ms(atMs);
        ev.stack = st.name;
        const std::vector<std::string> types =
            {"portFailure", "portRepair", "linkStop", "linkStart", "vipaAdd", "stackFailure"};
        ev.type = types[r.Weighted({30, 15, 15, 15, 12, 3})];
        if (ev.type == "stackFailure" && stackFailed[s])
        {
            ev.type = "linkStop";
        }
        if (ev.type == "vipaAdd")
        {
            ev.address = "10." + std::to_string(s + 1) + ".1." + std::to_string(++vipaCount[s]);
            allVipas.push_back(ev.address);
        }
        else if (ev.type == "stackFailure")
        {
            stackFailed[s] = true;
        }
        else
        {
            ev.link = st.links[r.Below(st.links.size())].name;
        }
        sc.events.push_back(ev);
        if (ev.type == "portFailure" && r.Chance(50))
        {
            // A repair: within the detection delay (a blip never noticed), or later.
            uint32_t det = static_cast<uint32_t>(st.detectionDelay * 1000 + 0.5);
            uint32_t after = r.Pick<uint32_t>({det / 2, det + 50, 300, 600});
            if (after > 0 && atMs + after < durationMs)
            {
                sc.events.push_back({Ms(atMs + after), "portRepair", ev.stack, ev.link, ""});
            }
        }
    }
    std::stable_sort(sc.events.begin(),
                     sc.events.end(),
                     [](const EventSpec& a, const EventSpec& b) { return a.at < b.at; });

    // Stations: they probe what is on-link for them, with short-lived ARP entries, so ARP
    // requests and replies keep crossing the LANs.
    const uint32_t nStations = 1 + r.Below(4);
    for (uint32_t i = 0; i < nStations; ++i)
    {
        StationSpec st;
        st.name = "CLIENT" + std::to_string(i + 1);
        uint32_t lan = r.Below(nLans);
        st.lan = sc.lans[lan].name;
        st.address = hostAddress(lan, 101) + "/24";
        st.arp = std::vector<std::string>{"rfc826", "linux", "stock"}[r.Weighted({70, 15, 15})];
        st.aliveTimeout = r.Pick<double>({0.3, 0.5, 1.0});
        st.baseReachableTime = 1.0;
        st.delayFirstProbeTime = 0.2;
        ProbeSpec probe;
        const std::string prefix = "192.168." + std::to_string(octet[lan]) + ".";
        std::vector<std::string> candidates;
        for (const StackSpec& stack : sc.stacks)
        {
            for (const LinkSpec& link : stack.links)
            {
                if (link.address.compare(0, prefix.size(), prefix) == 0)
                {
                    candidates.push_back(link.address.substr(0, link.address.find('/')));
                }
            }
        }
        for (const std::string& vipa : allVipas)
        {
            st.routes.push_back({vipa + "/32", "", ""});
            candidates.push_back(vipa);
        }
        while (!candidates.empty() && probe.targets.size() < 8)
        {
            uint32_t k = r.Below(candidates.size());
            probe.targets.push_back(candidates[k]);
            candidates.erase(candidates.begin() + k);
        }
        probe.interval = r.Pick<double>({0.1, 0.2});
        probe.start = r.Pick<double>({0.05, 0.2, 0.5, 1.0});
        if (!probe.targets.empty())
        {
            st.probe = probe;
        }
        sc.stations.push_back(st);
    }
    return sc;
}

// ------------------------------------------------------------------------------------------
// ScheduleCheckResult, ScheduleChecker
// ------------------------------------------------------------------------------------------

std::vector<InvariantViolation>
ScheduleCheckResult::Of(char invariant) const
{
    std::vector<InvariantViolation> out;
    for (const auto& v : violations)
    {
        if (v.invariant == invariant)
        {
            out.push_back(v);
        }
    }
    return out;
}

std::string
ScheduleCheckResult::Violated() const
{
    std::string out;
    for (char c : ScheduleChecker::AllInvariants())
    {
        if (!Of(c).empty())
        {
            out += c;
        }
    }
    return out;
}

ScheduleChecker::ScheduleChecker()
    : m_invariants(AllInvariants())
{
}

void
ScheduleChecker::SetInvariants(const std::string& letters)
{
    m_invariants = letters;
}

const std::string&
ScheduleChecker::GetInvariants() const
{
    return m_invariants;
}

void
ScheduleChecker::SetBuildHook(std::function<void(ScenarioRunner&)> hook)
{
    m_hook = std::move(hook);
}

double
ScheduleChecker::Margin()
{
    return 0.01;
}

std::string
ScheduleChecker::AllInvariants()
{
    return "abcdefs";
}

std::string
ScheduleChecker::Describe(char invariant)
{
    switch (invariant)
    {
    case 'a':
        return "one ARP owner per address per LanGroup while a link in it is active";
    case 'b':
        return "with PQ23444, no address answered by two links (MACs) on one LAN";
    case 'c':
        return "one active VipaOwner per LanGroup with an active link, alone answering VIPAs";
    case 'd':
        return "every address taken over is announced on the LAN of the new owner";
    case 'e':
        return "a returning lone link announces all VIPAs";
    case 'f':
        return "active links on one LAN form one LanGroup; links on different LANs never do";
    case 's':
        return "the ownership state does not change while the stack is settled";
    default:
        return "unknown invariant";
    }
}

ScheduleCheckResult
ScheduleChecker::Check(const Scenario& scenario) const
{
    NS_LOG_FUNCTION(this << scenario.name);
    ScheduleCheckResult result;
    Recorder recorder(scenario);
    ScenarioRunner runner(scenario);
    runner.SetFrameObserver([&recorder](const std::string& lan, Time t, Ptr<const Packet> frame) {
        recorder.Frame(lan, t, frame);
    });
    runner.SetBuildObserver([this, &recorder, &scenario](ScenarioRunner& r) {
        for (uint32_t s = 0; s < scenario.stacks.size(); ++s)
        {
            StackLog& log = recorder.m_stacks[s];
            log.stack = r.GetStack(log.spec->name);
            for (uint32_t i = 0; i < log.stack->GetNLinks(); ++i)
            {
                log.links[i].mac =
                    Mac48Address::ConvertFrom(log.stack->GetLinkDevice(i)->GetAddress());
            }
            log.stack->TraceConnectWithoutContext("LinkState",
                                                  MakeCallback(&Recorder::LinkState, &recorder));
            log.stack->TraceConnectWithoutContext("PortState",
                                                  MakeCallback(&Recorder::PortState, &recorder));
            auto settled = SettledIntervals(scenario, *log.spec);
            for (uint32_t k = 0; k < settled.size(); ++k)
            {
                Interval iv;
                iv.start = settled[k].first;
                iv.end = settled[k].second;
                log.intervals.push_back(iv);
                Simulator::Schedule(Seconds(iv.start), &Recorder::Take, &recorder, s, k, true);
                Time last = Seconds(iv.end) - NanoSeconds(1);
                if (last > Seconds(iv.start))
                {
                    Simulator::Schedule(last, &Recorder::Take, &recorder, s, k, false);
                }
            }
        }
        if (m_hook)
        {
            m_hook(r);
        }
    });
    RunResult run = runner.Run();
    for (const auto& w : run.warnings)
    {
        if (w.rfind("internal:", 0) == 0)
        {
            result.violations.push_back({'s', 0.0, "", w});
        }
    }
    result.arpFrames = recorder.m_arpFrames;
    Evaluator(recorder, m_invariants, result).Run();
    return result;
}

std::string
FormatViolations(const std::string& file, const ScheduleCheckResult& result)
{
    std::ostringstream os;
    for (char c : ScheduleChecker::AllInvariants())
    {
        auto of = result.Of(c);
        if (of.empty())
        {
            continue;
        }
        const InvariantViolation& v = of.front();
        os << file << ": (" << c << ") at " << Seconds3(v.time) << " s, " << v.stack << ": "
           << v.text;
        if (of.size() > 1)
        {
            os << " (+" << of.size() - 1 << " more)";
        }
        os << "\n";
    }
    return os.str();
}

} // namespace zos
} // namespace ns3
