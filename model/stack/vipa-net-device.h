/*
 * zos-takeover: the VIRTUAL device that carries a stack's static VIPAs.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_VIPA_NET_DEVICE_H
#define ZOS_TAKEOVER_VIPA_NET_DEVICE_H

#include "ns3/mac48-address.h"
#include "ns3/net-device.h"

namespace ns3
{

namespace zos
{

/**
 * \ingroup zos-takeover
 * \brief A VIRTUAL link (seed 002): exists only in software, is always active, has no
 * physical attachment and keeps no interface counters. It never sends nor receives a frame:
 * packets for a VIPA arrive on any active OSA link and are accepted by the IP layer.
 */
class VipaNetDevice : public NetDevice
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    VipaNetDevice();

    void SetIfIndex(const uint32_t index) override;
    uint32_t GetIfIndex() const override;
    Ptr<Channel> GetChannel() const override;
    void SetAddress(Address address) override;
    Address GetAddress() const override;
    bool SetMtu(const uint16_t mtu) override;
    uint16_t GetMtu() const override;
    bool IsLinkUp() const override;
    void AddLinkChangeCallback(Callback<void> callback) override;
    bool IsBroadcast() const override;
    Address GetBroadcast() const override;
    bool IsMulticast() const override;
    Address GetMulticast(Ipv4Address multicastGroup) const override;
    Address GetMulticast(Ipv6Address addr) const override;
    bool IsBridge() const override;
    bool IsPointToPoint() const override;
    bool Send(Ptr<Packet> packet, const Address& dest, uint16_t protocolNumber) override;
    bool SendFrom(Ptr<Packet> packet,
                  const Address& source,
                  const Address& dest,
                  uint16_t protocolNumber) override;
    Ptr<Node> GetNode() const override;
    void SetNode(Ptr<Node> node) override;
    bool NeedsArp() const override;
    void SetReceiveCallback(NetDevice::ReceiveCallback cb) override;
    void SetPromiscReceiveCallback(PromiscReceiveCallback cb) override;
    bool SupportsSendFrom() const override;

  protected:
    void DoDispose() override;

  private:
    Ptr<Node> m_node;
    uint32_t m_ifIndex = 0;
    uint16_t m_mtu = 65535;
    Mac48Address m_address;
};

} // namespace zos
} // namespace ns3

#endif
