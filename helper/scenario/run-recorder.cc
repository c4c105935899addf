/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "run-recorder.h"

#include "ns3/mac48-address.h"
#include "ns3/simulator.h"

#include <iomanip>
#include <sstream>

namespace ns3
{
namespace zos
{

std::string
AddressText(Ipv4Address a)
{
    std::ostringstream os;
    os << a;
    return os.str();
}

RunRecorder::RunRecorder(RunResult& result,
                         const FrameObserver& frameObserver,
                         const std::map<std::string, Ptr<ZosStack>>& stacks)
    : m_result(result),
      m_frameObserver(frameObserver),
      m_stacks(stacks)
{
}

std::string
RunRecorder::MacText(const Address& a)
{
    if (a.IsInvalid())
    {
        return "none";
    }
    std::ostringstream os;
    os << Mac48Address::ConvertFrom(a);
    return os.str();
}

} // namespace zos
} // namespace ns3
