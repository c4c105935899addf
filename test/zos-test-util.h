/*
 * zos-takeover GoogleTest files (standalone only): the shared helpers of
 * zos-test-utilities.h, with the source and data directories the build passes in.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_TEST_UTIL_H
#define ZOS_TAKEOVER_TEST_UTIL_H

#include "zos-test-utilities.h"

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

} // namespace zostest

#endif
