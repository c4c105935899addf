/*
 * zos-takeover (internal to the scenario runner): the name in a trace context.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_TRACE_CONTEXT_H
#define ZOS_TAKEOVER_TRACE_CONTEXT_H

#include "ns3/assert.h"

#include <string>

namespace ns3
{
namespace zos
{

/**
 * The runner's sinks are connected with Config::Connect on "/Names/NAME/..." paths (the
 * stack, station or client named in the scenario); ns-3 passes the matched path as context.
 * \param context such a trace context, e.g. "/Names/TCPIPA/$ns3::zos::ZosStack/LinkState"
 * \return NAME ("TCPIPA")
 */
inline std::string
ContextName(const std::string& context)
{
    static const std::string prefix = "/Names/";
    NS_ASSERT_MSG(context.compare(0, prefix.size(), prefix) == 0,
                  "not a /Names/ trace context: " << context);
    return context.substr(prefix.size(), context.find('/', prefix.size()) - prefix.size());
}

} // namespace zos
} // namespace ns3

#endif
