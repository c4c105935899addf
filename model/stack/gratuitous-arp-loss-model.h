/*
 * zos-takeover: a station's receive-side loss of gratuitous ARPs (per-receiver scope).
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_GRATUITOUS_ARP_LOSS_MODEL_H
#define ZOS_TAKEOVER_GRATUITOUS_ARP_LOSS_MODEL_H

#include "ns3/error-model.h"
#include "ns3/ipv4-address.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

namespace ns3
{

namespace zos
{

/**
 * \ingroup zos-takeover
 * \brief Receive error model of one LAN station: drops a gratuitous ARP carrying a
 * GratuitousArpLossTag with the tag's probability, drawn from this station's own stream,
 * so each station misses announcements independently of the others. Every other frame
 * passes untouched. Installed as the station device's `ReceiveErrorModel` when a stack
 * uses the per-receiver loss scope (ZosStack attribute `GratuitousArpLossScope`).
 */
class GratuitousArpLossModel : public ErrorModel
{
  public:
    /** \return the TypeId. */
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    GratuitousArpLossModel();
    ~GratuitousArpLossModel() override;

    /**
     * Assign a fixed random stream.
     * \param stream the first stream index to use
     * \return the number of streams used (1)
     */
    int64_t AssignStreams(int64_t stream);

    /**
     * Signature of the Drop trace.
     * \param address the address the dropped gratuitous ARP announced
     */
    typedef void (*DropTracedCallback)(Ipv4Address address);

  protected:
    void DoDispose() override;

  private:
    bool DoCorrupt(Ptr<Packet> packet) override;
    void DoReset() override;

    Ptr<UniformRandomVariable> m_rng;        //!< this station's draws
    TracedCallback<Ipv4Address> m_dropTrace; //!< a gratuitous ARP this station missed
};

} // namespace zos
} // namespace ns3

#endif
