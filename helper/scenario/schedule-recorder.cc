/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "schedule-recorder.h"

#include <algorithm>
#include <iomanip>
#include <sstream>

namespace ns3
{
namespace zos
{
namespace schedule
{

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

/** The merged settling windows of a stack -> its settled intervals [start, end). */
std::vector<std::pair<double, double>>
SettledIntervals(const Scenario& scenario, const StackSpec& spec)
{
    std::vector<std::pair<double, double>> windows;
    const double margin = ScheduleChecker::Margin();
    const double learning = spec.settings.Number("learningTime");
    const double detection = spec.settings.Number("detectionDelay");
    for (const LinkSpec& link : spec.links)
    {
        windows.emplace_back(link.activateAt, link.activateAt + learning + margin);
    }
    for (const EventSpec& ev : scenario.events)
    {
        if (ev.stack != spec.name)
        {
            continue;
        }
        bool port = ev.type == "portFailure" || ev.type == "portRepair";
        windows.emplace_back(ev.at, ev.at + (port ? detection : 0.0) + learning + margin);
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

std::string
Seconds3(double t)
{
    std::ostringstream os;
    os << std::fixed << std::setprecision(4) << t;
    return os.str();
}

} // namespace schedule
} // namespace zos
} // namespace ns3
