/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "row-sink.h"

namespace ns3
{
namespace zos
{

RowSink::~RowSink() = default;

} // namespace zos
} // namespace ns3
