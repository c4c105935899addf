/*
 * zos-takeover: random schedules of link activations and failures, and the takeover
 * invariants checked on each of them (issue 7, item 2).
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_SCHEDULE_CHECKER_H
#define ZOS_TAKEOVER_SCHEDULE_CHECKER_H

#include "ns3/scenario.h"

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

namespace ns3
{
namespace zos
{

class ScenarioRunner;

/**
 * \ingroup zos-takeover
 * \brief Makes random scenarios ("schedules"): small topologies, random stack settings and
 * random events, deterministic for a (base seed, index) pair on every platform.
 *
 * Only the raw output of std::mt19937_64 is used (its sequence is fixed by the C++
 * standard); integers, choices and probabilities are derived from it by hand, not by the
 * library's distributions, whose output differs between standard library versions. A
 * printed (seed, index) therefore regenerates the same scenario anywhere.
 *
 * What a schedule contains:
 *  - 1 to 3 LANs, each shared, switched or fast; LAN subnets 192.168.N.0/24, sometimes the same
 *    subnet on two LANs;
 *  - 1 to 3 stacks with 1 to 6 links spread over the LANs (often several links of one stack
 *    on one LAN), MPCIPA or LCS, 0 to 3 static VIPAs;
 *  - per stack: fix levels (mostly applied), detection delay (0 to 0.2 s), learning time
 *    (0 to 0.05 s), gratuitous ARP count (0 to 3), sometimes a loss probability, VIPA
 *    give-back and the policies;
 *  - link activation times: all zero, several links of one LAN at the same instant, or
 *    times on a coarse grid (so that links start within the learning time of each other);
 *  - 1 to 4 stations (probing HOME addresses and VIPAs every 0.1 to 0.2 s, with a short ARP
 *    cache lifetime so they keep asking) that put ARP requests and replies on the wire;
 *  - 2 to 8 events: port failures (some repaired within the detection delay), repairs,
 *    link stops and starts, VIPA adds and, rarely, a stack failure, on a coarse time grid
 *    (several events at one instant happen).
 * Schedules last 2 to 4 simulated seconds.
 */
class ScheduleGenerator
{
  public:
    /** \param baseSeed the seed of the whole series */
    explicit ScheduleGenerator(uint64_t baseSeed);

    /**
     * \param index the schedule's number in the series (0, 1, ...)
     * \return the schedule as a scenario (valid for LoadScenario once serialised), named
     *         "schedule-<seed>-<index>"
     */
    Scenario Generate(uint64_t index) const;

    /**
     * \param baseSeed the seed of the series
     * \param index the schedule's number
     * \return the seed of the random engine for that schedule (splitmix64 of both)
     */
    static uint64_t ScheduleSeed(uint64_t baseSeed, uint64_t index);

  private:
    uint64_t m_baseSeed; //!< seed of the series
};

/**
 * \ingroup zos-takeover
 * One violated invariant, at one checked instant.
 */
struct InvariantViolation
{
    char invariant;    //!< 'a' ... 'f' (see ScheduleChecker), or 's' (settling)
    double time;       //!< seconds: the checked instant (or the start of the checked interval)
    std::string stack; //!< the stack concerned
    std::string text;  //!< what was seen, one line
};

/**
 * \ingroup zos-takeover
 * The outcome of checking one schedule.
 */
struct ScheduleCheckResult
{
    std::vector<InvariantViolation> violations; //!< in time order per invariant
    uint32_t checkpoints = 0;                   //!< settled instants checked (all stacks)
    uint64_t arpFrames = 0;                     //!< ARP frames seen on the LANs
    /** Per invariant, how many individual conditions were evaluated (0: vacuous run). */
    std::map<char, uint64_t> evaluated;

    /** \return the violations of one invariant. */
    std::vector<InvariantViolation> Of(char invariant) const;
    /** \return the invariants violated, as letters in order ("bf"). */
    std::string Violated() const;
};

/**
 * \ingroup zos-takeover
 * \brief Runs a scenario with ScenarioRunner and checks the takeover invariants of
 * DOMAIN.md sections 2-3 from the ARP frames on the wire and from each stack's ownership
 * table, at every *settled* instant.
 *
 * **Settled.** Every activation (`activateAt`) and event of a stack opens a settling window
 * of `detectionDelay` (port failures and repairs only) + `learningTime` + `Margin()`
 * seconds: the time the stack needs to notice the change, the time a starting link listens
 * for its siblings, and a margin for frames in flight. The windows of one stack that
 * overlap are merged; the stack is *settled* from the end of a merged window until its next
 * event (a checkpoint at the start of that interval, a second snapshot just before its
 * end). Other stacks' events do not unsettle a stack. Nothing is checked for a failed
 * stack, nor, except (f), for a stack without PQ23444 (there every link answers by
 * design).
 *
 * **Invariants** (letters as in issue 7):
 *  - (a) with PQ23444, in a LanGroup with an active link, every HOME address of its links is
 *    answered by exactly one of its links (which is then active);
 *  - (b) with PQ23444, on one LAN no address of a stack is answered by two links: in the
 *    state, and on the wire (no two sender MACs in the ARP replies and gratuitous ARPs
 *    for one address during a settled interval);
 *  - (c) with PQ23444, a LanGroup with an active link has one VipaOwner, an active member
 *    of the group, and it alone answers for every VIPA in the group;
 *  - (d) with PQ23444 (and PQ26689 for VIPAs), `gratuitousArpCount` > 0 and no loss: when
 *    the one link answering for an address on a LAN is a new one (takeover, reclaim, new
 *    VipaOwner, VIPA added), it sent a gratuitous ARP for it on that LAN since the previous
 *    checkpoint (a link's first activation need not announce its own HOME address; several
 *    links answering is (b)'s business);
 *  - (e) same conditions: a link that comes back while no other link of the stack on its
 *    LAN is active announces every VIPA of the stack, including VIPAs added while it was
 *    down;
 *  - (f) any fix level: active links of a stack on one LAN are in one LanGroup; links on
 *    different LANs never share one;
 *  - (s) the ownership state does not change during a settled interval (a check of the
 *    settling rule itself).
 *
 * **Not required** (transients and cases DOMAIN.md does not decide): two active links of
 * one LAN that could not hear each other because one of their ports had failed (not yet
 * detected, or repaired within the detection delay) while the later one was learning, are
 * exempt from (f), and the stack's addresses on that LAN from (b); a link whose port had
 * failed during the interval is exempt from (d) and (e) (its announcement never reached
 * the wire).
 */
class ScheduleChecker
{
  public:
    ScheduleChecker();

    /** \param letters the invariants to check, e.g. "abcdefs" (the default) or "ac". */
    void SetInvariants(const std::string& letters);
    /** \return the invariants checked. */
    const std::string& GetInvariants() const;

    /**
     * Called after the topology is built and the checker's own observers are connected,
     * before the run: lets a test change the model behind the checker's back (set a stack
     * attribute against its scenario, schedule an unlisted event) to see that the checker
     * notices.
     * \param hook called with the runner
     */
    void SetBuildHook(std::function<void(ScenarioRunner&)> hook);

    /**
     * Run the scenario and check it (Simulator::Destroy at the end, as ScenarioRunner).
     * \param scenario a valid scenario (from ScheduleGenerator or LoadScenario)
     * \return the violations found
     */
    ScheduleCheckResult Check(const Scenario& scenario) const;

    /** \return the seconds added to each settling window for frames in flight (0.01). */
    static double Margin();
    /** \return one line saying what an invariant letter means. */
    static std::string Describe(char invariant);
    /** \return all invariant letters, "abcdefs". */
    static std::string AllInvariants();

  private:
    std::string m_invariants;                    //!< letters checked
    std::function<void(ScenarioRunner&)> m_hook; //!< see SetBuildHook
};

/**
 * \ingroup zos-takeover
 * One line per violated invariant of a checked schedule: "<file>: (<x>) <first violation>
 * [(+N more)]".
 * \param file the path printed at the start of each line
 * \param result the check result
 * \return the lines, each ending in a newline
 */
std::string FormatViolations(const std::string& file, const ScheduleCheckResult& result);

} // namespace zos
} // namespace ns3

#endif
