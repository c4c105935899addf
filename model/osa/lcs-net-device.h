/*
 * zos-takeover: an OSA-2 port in TCP/IP passthru mode (LCS), alone or shared.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_LCS_NET_DEVICE_H
#define ZOS_TAKEOVER_LCS_NET_DEVICE_H

#include "ns3/osa-net-device.h"
#include "ns3/osa-port.h"

#include <string>

namespace ns3
{

namespace zos
{

/**
 * \ingroup zos-takeover
 * \brief An LCS device: OSA-2 in TCP/IP passthru mode (the stack does ARP).
 *
 * Alone on its port it accepts every frame, like MpcipaNetDevice. On a port shared by
 * several partitions (SetOsaPort) it is one partition's view of the port: it carries the
 * port's MAC and receives only what the port's OSA Address Table gives its partition
 * (OsaPort::Delivers); it does not hear the frames the port itself sends (a sibling
 * partition's broadcasts included), as an Ethernet port never receives its own frames.
 */
class LcsNetDevice : public OsaNetDevice
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    LcsNetDevice();
    ~LcsNetDevice() override;

    std::string GetKindName() const override;
    /**
     * Fail or repair the port. On a shared port the whole port fails (OsaPort::SetFailed):
     * every partition's device follows.
     * \param failed true to fail the port
     */
    void SetPortFailed(bool failed) override;

    /**
     * Make this device one partition's view of a shared port, and register it there.
     * \param port the shared port
     * \param partition the stack's name (as the port's OAT entries name it)
     */
    void SetOsaPort(Ptr<OsaPort> port, const std::string& partition);
    /** \return the shared port (null if the port is not shared) */
    Ptr<OsaPort> GetOsaPort() const;
    /** \return the partition's name on the shared port ("" if not shared) */
    const std::string& GetPartition() const;

  protected:
    void DoDispose() override;
    bool AcceptInbound(Ptr<const Packet> packet, uint16_t protocol, const Address& from) override;

  private:
    Ptr<OsaPort> m_port;     //!< the shared port, if any
    std::string m_partition; //!< this device's partition on it
};

} // namespace zos
} // namespace ns3

#endif
