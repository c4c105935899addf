/*
 * zos-takeover (internal to the scenario loader): what a schema cannot say about a
 * scenario. No ns-3 header (the fuzzer builds the loader alone).
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_SCENARIO_CROSS_CHECK_H
#define ZOS_TAKEOVER_SCENARIO_CROSS_CHECK_H

#include "scenario.h"

#include <functional>
#include <map>
#include <set>
#include <string>

namespace ns3
{
namespace zos
{

/**
 * A pointer one level down.
 * \param p a JSON pointer
 * \param token the key or index
 * \return the pointer to the child
 */
inline JsonPointer
operator+(JsonPointer p, const std::string& token)
{
    p.push_back(token);
    return p;
}

/**
 * The cross-checks of a converted scenario (scenario.cc, step 5): names unique and
 * references resolved, addresses unique, interface addresses not a network or broadcast
 * address, route destinations without host bits, data rates within ns-3's range, times
 * within the duration, a probe's stop after its start, probe targets owned by a stack, shared
 * ports (links and OAT entries), the work estimate. The first problem goes to `fail`, which throws.
 */
class CrossChecker
{
  public:
    /**
     * \param s the scenario
     * \param fail called with the first problem (JSON pointer, reason); throws
     */
    CrossChecker(const Scenario& s,
                 std::function<void(const JsonPointer&, const std::string&)> fail)
        : m_s(s),
          m_fail(std::move(fail))
    {
    }

    /**
     * Run every check.
     * \param limits the limits (work estimate)
     */
    void Run(const ScenarioLimits& limits);

  private:
    /// Names must be unique: `names` of this kind so far; `kind` for the message.
    void Unique(std::map<std::string, JsonPointer>& names,
                const std::string& name,
                const JsonPointer& at,
                const std::string& kind) const;
    void Resolves(const std::set<std::string>& names,
                  const std::string& name,
                  const JsonPointer& at,
                  const std::string& kind,
                  const std::string& where = "") const;
    void Claim(const std::string& address, const JsonPointer& at);
    void InterfaceAddress(const std::string& address, const JsonPointer& at) const;
    void Destination(const std::string& destination, const JsonPointer& at) const;
    void Before(double t, const JsonPointer& at, bool inclusive) const;
    /// A link on a shared port: the port exists, the link is LCS on the port's LAN, and its
    /// stack has no other link on the port (`partitions`: the port's stacks so far).
    void SharedPort(const LinkSpec& link,
                    const JsonPointer& lp,
                    const std::string& stack,
                    const std::set<std::string>& ports,
                    const std::map<std::string, std::string>& portLan,
                    std::map<std::string, JsonPointer>& partitions) const;
    /// A port's OAT: each entry names a stack with a link on the port, each address once,
    /// one stack per mode (PRIMARY, SECONDARY).
    void AddressTable(const PortSpec& port,
                      const JsonPointer& pp,
                      const std::map<std::string, JsonPointer>& stackNames,
                      const std::map<std::string, JsonPointer>& partitions) const;

    const Scenario& m_s;
    std::function<void(const JsonPointer&, const std::string&)> m_fail;
    std::map<uint32_t, JsonPointer> m_addresses;
};

} // namespace zos
} // namespace ns3

#endif
