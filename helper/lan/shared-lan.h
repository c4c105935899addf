/*
 * zos-takeover: a shared-medium LAN (one CSMA channel, a hub).
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_SHARED_LAN_H
#define ZOS_TAKEOVER_SHARED_LAN_H

#include "lan.h"

namespace ns3
{

namespace zos
{

/**
 * \ingroup zos-takeover
 * \brief A LAN of one CsmaChannel: every frame reaches every device (scenario kind
 * "shared").
 *
 * Capture: a shared channel carries one frame at a time, each put there by one attached
 * device, so each attached device's PhyTxEnd reports the frames crossing the LAN once.
 */
class SharedLan : public Lan
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    SharedLan();
    ~SharedLan() override;

    /** \return the channel (null before the first Attach or EnableCapture). */
    Ptr<CsmaChannel> GetChannel() const;

  protected:
    void DoDispose() override;
    void DoBuild() override;
    void DoAttach(Ptr<Node> node, Ptr<CsmaNetDevice> device) override;
    void DoAttachBeside(Ptr<Node> node,
                        Ptr<CsmaNetDevice> device,
                        Ptr<CsmaNetDevice> beside) override;
    void DoEnableCapture() override;

  private:
    /**
     * Report the frames an attached device completes on the channel.
     * \param device the device
     */
    void HookSender(Ptr<CsmaNetDevice> device);

    Ptr<CsmaChannel> m_channel;
};

} // namespace zos
} // namespace ns3

#endif
