/*
 * zos-takeover: the module's ns-3 TestSuite, "zos-takeover" (./test.py -s zos-takeover in an
 * ns-3 tree). Its cases come from the *-test.cc files (zostest::AllCases()).
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "zos-test-utilities.h"

#include "ns3/test.h"

namespace zostest
{

CaseList
AllCases()
{
    CaseList cases;
    AddArpOwnershipCases(cases);
    AddArpOwnershipGroupsCases(cases);
    AddDevicesCases(cases);
    AddTakeoverWireCases(cases);
    AddTakeoverWireEventsCases(cases);
    AddGratuitousArpCases(cases);
    AddLanGroupsCases(cases);
    AddLinuxStationCases(cases);
    AddFixLevelsCases(cases);
    AddDevlinksCases(cases);
    AddKindTableCases(cases);
    AddStackTracesCases(cases);
    AddOsaPortCases(cases);
    AddWarmStartCases(cases);
    return cases;
}

} // namespace zostest

namespace
{

/**
 * \ingroup zos-takeover-tests
 * Every model test case of the module: ownership decisions, devices, takeover on the wire,
 * gratuitous ARPs, LanGroups, station models, fix levels and the DEVLINKS display.
 */
class ZosTakeoverTestSuite : public ns3::TestSuite
{
  public:
    ZosTakeoverTestSuite()
        : TestSuite("zos-takeover", UNIT)
    {
        const zostest::CaseList cases = zostest::AllCases();
        for (const auto& make : cases.Makers())
        {
            AddTestCase(make(), TestCase::QUICK);
        }
    }
};

/** The static instance that registers the suite with the test runner. */
ZosTakeoverTestSuite g_zosTakeoverTestSuite;

} // namespace
