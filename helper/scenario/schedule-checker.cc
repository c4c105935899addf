/*
 * zos-takeover: the takeover invariants on a run of a scenario. See schedule-checker.h.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "schedule-checker.h"

#include "scenario-runner.h"
#include "schedule-evaluator.h"
#include "schedule-recorder.h"

#include "ns3/log.h"
#include "ns3/mac48-address.h"
#include "ns3/simulator.h"

#include <sstream>

namespace ns3
{

NS_LOG_COMPONENT_DEFINE("ScheduleChecker");

namespace zos
{

using namespace schedule;

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
            // On the object, with the context of its Names path (see RunRecorder::ConnectStack)
            const std::string path = "/Names/" + log.spec->name + "/$ns3::zos::ZosStack/";
            log.stack->TraceConnect("LinkState",
                                    path + "LinkState",
                                    MakeCallback(&Recorder::LinkState, &recorder));
            log.stack->TraceConnect("PortState",
                                    path + "PortState",
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
    Evaluate(recorder, m_invariants, result);
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
