/*
 * zos-takeover GoogleTest files (standalone only): the shared helpers of
 * zos-test-utilities.h, with the source and data directories the build passes in.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_TEST_UTIL_H
#define ZOS_TAKEOVER_TEST_UTIL_H

#include "zos-test-utilities.h"

#include <cmath>
#include <gtest/gtest.h>

namespace zostest
{

/** \return the module's source directory */
inline std::string
SourceDir()
{
    return ZOS_SOURCE_DIR;
}

/** \return test/data */
inline std::string
DataDir()
{
    return ZOS_TEST_DATA_DIR;
}

/**
 * \param overrides scenario overrides ("duration=40", ...)
 * \return the seed-001 scenario with the overrides
 */
inline Scenario
Seed001(const std::vector<std::string>& overrides = {})
{
    return LoadSeed001(SourceDir(), overrides);
}

/**
 * Expect two runs' outage rows to agree: the same rows, measured, recovered, probes sent
 * and lost, and outages and longest gaps within `tolerance` seconds.
 * \param a one run's rows
 * \param b the other's
 * \param tolerance seconds
 * \param what what is compared (for messages)
 */
inline void
ExpectSameOutageFigures(const std::vector<OutageRow>& a,
                        const std::vector<OutageRow>& b,
                        double tolerance,
                        const std::string& what)
{
    ASSERT_EQ(a.size(), b.size()) << what;
    for (size_t i = 0; i < a.size(); ++i)
    {
        const OutageRow& x = a[i];
        const OutageRow& y = b[i];
        std::string row =
            what + ": event " + std::to_string(x.eventIndex) + " " + x.client + " -> " + x.target;
        EXPECT_EQ(x.client, y.client) << row;
        EXPECT_EQ(x.target, y.target) << row;
        EXPECT_EQ(x.measured, y.measured) << row;
        EXPECT_EQ(x.reason, y.reason) << row;
        EXPECT_EQ(x.recovered, y.recovered) << row;
        EXPECT_EQ(x.sent, y.sent) << row;
        EXPECT_EQ(x.lost, y.lost) << row;
        // Abs first: ns-3's Time::GetSeconds of a negative time shifts a negative value
        // (undefined behaviour UBSan reports).
        EXPECT_LE(Abs(x.outage - y.outage).GetSeconds(), tolerance) << row;
        EXPECT_LE(Abs(x.longestGap - y.longestGap).GetSeconds(), tolerance) << row;
    }
}

} // namespace zostest

#endif
