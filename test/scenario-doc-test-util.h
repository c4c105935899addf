/*
 * zos-takeover tests: the scenario reference page, shared by test-scenario-doc*.cc.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_SCENARIO_DOC_TEST_UTIL_H
#define ZOS_TAKEOVER_SCENARIO_DOC_TEST_UTIL_H

#include "zos-test-util.h"

#include <string>

namespace zostest
{

/// doc/scenario-format.rst
inline std::string
PagePath()
{
    return SourceDir() + "/doc/scenario-format.rst";
}

/// Its text.
inline std::string
Page()
{
    return ReadFile(PagePath());
}

} // namespace zostest

#endif
