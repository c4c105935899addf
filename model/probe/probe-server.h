/*
 * zos-takeover: the probe responder on a z/OS stack.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_PROBE_SERVER_H
#define ZOS_TAKEOVER_PROBE_SERVER_H

#include "ns3/application.h"
#include "ns3/ipv4-address.h"
#include "ns3/socket.h"

#include <map>

namespace ns3
{

namespace zos
{

/**
 * \ingroup zos-takeover
 * \brief Echoes probe requests (atomic request/response UDP). It binds one socket per
 * address of the node (HOME addresses and VIPAs) so that each reply leaves from the address
 * the client targeted, as a z/OS UDP server bound to that address would answer.
 */
class ProbeServer : public Application
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    ProbeServer();
    ~ProbeServer() override;

    /**
     * Bind to one more local address (e.g. a VIPA added later).
     * \param address the local address
     */
    void AddAddress(Ipv4Address address);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;
    void HandleRead(Ptr<Socket> socket);
    void Bind(Ipv4Address address);

    uint16_t m_port;
    bool m_running = false;
    std::map<Ipv4Address, Ptr<Socket>> m_sockets;
};

} // namespace zos
} // namespace ns3

#endif
