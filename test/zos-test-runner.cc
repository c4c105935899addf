/*
 * zos-takeover-test-runner: the module's ns-3 test cases without an ns-3 tree (standalone
 * build). Besides the suite "zos-takeover" (all cases, as ./test.py -s zos-takeover runs it
 * in a tree), it registers each case as a suite of its own, "zos-takeover/<case>", so that
 * ctest runs and reports every case on its own (test/CMakeLists.txt lists them with
 * --print-test-name-list after the build).
 *
 *   zos-takeover-test-runner --suite=zos-takeover [--verbose]
 *   zos-takeover-test-runner --suite='zos-takeover/Devices.OsaPortFailsAndRecovers'
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "zos-test-utilities.h"

#include "ns3/test.h"

#include <memory>
#include <vector>

namespace
{

/** A suite holding one case of the module, named "zos-takeover/<case>". */
class SingleCaseSuite : public ns3::TestSuite
{
  public:
    /** \param c the case (the suite owns it) */
    explicit SingleCaseSuite(ns3::TestCase* c)
        : TestSuite("zos-takeover/" + c->GetName(), UNIT)
    {
        AddTestCase(c, TestCase::QUICK);
    }
};

} // namespace

int
main(int argc, char** argv)
{
    std::vector<std::unique_ptr<ns3::TestSuite>> single;
    const zostest::CaseList cases = zostest::AllCases();
    for (const auto& make : cases.Makers())
    {
        single.push_back(std::make_unique<SingleCaseSuite>(make()));
    }
    return ns3::TestRunner::Run(argc, argv);
}
