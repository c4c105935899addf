/*
 * zos-takeover: the TCP probe responder on a z/OS stack.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_TCP_PROBE_SERVER_H
#define ZOS_TAKEOVER_TCP_PROBE_SERVER_H

#include "ns3/address.h"
#include "ns3/application.h"
#include "ns3/socket.h"
#include "ns3/traced-callback.h"

#include <map>
#include <vector>

namespace ns3
{

namespace zos
{

/**
 * \ingroup zos-takeover
 * \brief Answers TcpProbeClient requests: listens on Port on every address of the node
 * (HOME addresses and VIPAs) and echoes each whole 16-byte request on the connection it
 * came in on, as a z/OS TCP server bound to INADDR_ANY would.
 *
 * The application does nothing about routes: which link carries a connection's segments
 * is the stack's business (ZosStack, ConnectionRouteCache, PQ25476).
 */
class TcpProbeServer : public Application
{
  public:
    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    TcpProbeServer();
    ~TcpProbeServer() override;

    /** Signature of Accept: (the client's address and port). */
    typedef void (*AcceptTracedCallback)(const Address&);

  protected:
    void DoDispose() override;

  private:
    void StartApplication() override;
    void StopApplication() override;
    bool AcceptRequest(Ptr<Socket> socket, const Address& from);
    void NewConnection(Ptr<Socket> socket, const Address& from);
    void HandleRead(Ptr<Socket> socket);
    void HandleClose(Ptr<Socket> socket);

    uint16_t m_port;
    bool m_keepRtoBackoff = true; //!< attribute KeepRtoBackoff
    Ptr<Socket> m_listener;
    std::map<Ptr<Socket>, std::vector<uint8_t>> m_connections; //!< per socket: partial request
    TracedCallback<const Address&> m_acceptTrace;
};

} // namespace zos
} // namespace ns3

#endif
