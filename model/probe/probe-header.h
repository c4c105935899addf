/*
 * zos-takeover: the payload of probe requests and echoes.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_PROBE_HEADER_H
#define ZOS_TAKEOVER_PROBE_HEADER_H

#include "ns3/header.h"

#include <cstdint>

namespace ns3
{

namespace zos
{

/**
 * \ingroup zos-takeover
 * \brief Payload of a probe request and of its echo: target index, sequence number, send
 * time (16 bytes).
 */
class ProbeHeader : public Header
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;
    void Print(std::ostream& os) const override;
    uint32_t GetSerializedSize() const override;
    void Serialize(Buffer::Iterator start) const override;
    uint32_t Deserialize(Buffer::Iterator start) override;

    uint32_t target = 0;   //!< index of the target at the client
    uint32_t sequence = 0; //!< per-target sequence number
    int64_t sentNs = 0;    //!< send time, ns
};
} // namespace zos
} // namespace ns3

#endif
