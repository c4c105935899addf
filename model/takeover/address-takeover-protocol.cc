/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "address-takeover-protocol.h"

#include "ns3/log.h"

namespace ns3
{

namespace zos
{

NS_LOG_COMPONENT_DEFINE("AddressTakeoverProtocol");
NS_OBJECT_ENSURE_REGISTERED(AddressTakeoverProtocol);

TypeId
AddressTakeoverProtocol::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::zos::AddressTakeoverProtocol").SetParent<Object>().SetGroupName("ZosTakeover");
    return tid;
}

AddressTakeoverProtocol::AddressTakeoverProtocol()
{
    NS_LOG_FUNCTION(this);
}

AddressTakeoverProtocol::~AddressTakeoverProtocol()
{
    NS_LOG_FUNCTION(this);
}

void
AddressTakeoverProtocol::SetStack(ZosStack* stack)
{
    NS_LOG_FUNCTION(this << stack);
    m_stack = stack;
}

ZosStack*
AddressTakeoverProtocol::GetStack() const
{
    return m_stack;
}

void
AddressTakeoverProtocol::DoDispose()
{
    NS_LOG_FUNCTION(this);
    m_stack = nullptr;
    Object::DoDispose();
}

} // namespace zos
} // namespace ns3
