/*
 * zos-takeover (internal to the schedule checker): the takeover invariants, evaluated on
 * what a run recorded. See schedule-checker.h.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_SCHEDULE_EVALUATOR_H
#define ZOS_TAKEOVER_SCHEDULE_EVALUATOR_H

#include "schedule-recorder.h"

#include <string>

namespace ns3
{
namespace zos
{
namespace schedule
{

/**
 * Evaluate the invariants on a run's logs.
 * \param recorder what the run recorded
 * \param invariants the invariant letters to check
 * \param result gets the violations (sorted by invariant)
 */
void Evaluate(const Recorder& recorder, const std::string& invariants, ScheduleCheckResult& result);

} // namespace schedule
} // namespace zos
} // namespace ns3

#endif
