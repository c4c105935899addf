/*
 * zos-takeover: marks a gratuitous ARP that each receiving station may miss.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_GRATUITOUS_ARP_LOSS_TAG_H
#define ZOS_TAKEOVER_GRATUITOUS_ARP_LOSS_TAG_H

#include "ns3/tag.h"

namespace ns3
{

namespace zos
{

/**
 * \ingroup zos-takeover
 * \brief Packet tag on a gratuitous ARP sent under the per-receiver loss scope: the
 * probability with which each station independently misses it (see
 * GratuitousArpLossModel). Not part of the frame: pcap files do not show it.
 */
class GratuitousArpLossTag : public Tag
{
  public:
    /** \return the TypeId. */
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TypeId GetInstanceTypeId() const override;

    GratuitousArpLossTag();
    /** \param probability the probability that a receiver misses the frame */
    explicit GratuitousArpLossTag(double probability);

    /** \return the probability that a receiver misses the frame. */
    double GetProbability() const;

    uint32_t GetSerializedSize() const override;
    void Serialize(TagBuffer i) const override;
    void Deserialize(TagBuffer i) override;
    void Print(std::ostream& os) const override;

  private:
    double m_probability; //!< probability that a receiver misses the frame
};

} // namespace zos
} // namespace ns3

#endif
