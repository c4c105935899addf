/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "schedule-evaluator.h"

#include <algorithm>
#include <set>
#include <sstream>

namespace ns3
{
namespace zos
{
namespace schedule
{

namespace
{

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
        double to = from + log.spec->settings.Number("learningTime") + ScheduleChecker::Margin();
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
                AddressText(f.senderIp) == address)
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
        const bool pq23444 = spec.settings.Bool("fixes.PQ23444");
        const bool announce = spec.settings.Unsigned("gratuitousArpCount") > 0 &&
                              spec.settings.Number("gratuitousArpLoss") == 0;
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
                std::string address = AddressText(f.senderIp);
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
            if (back < 0 || PortDown(log, m, back, to) || !spec.settings.Bool("fixes.PQ26689"))
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
                if (vipa && !spec.settings.Bool("fixes.PQ26689"))
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

void
Evaluate(const Recorder& recorder, const std::string& invariants, ScheduleCheckResult& result)
{
    Evaluator(recorder, invariants, result).Run();
}

} // namespace schedule
} // namespace zos
} // namespace ns3
