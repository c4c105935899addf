/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "gratuitous-arp-loss-model.h"

#include "ns3/arp-util.h"
#include "ns3/ethernet-header.h"
#include "ns3/gratuitous-arp-loss-tag.h"
#include "ns3/log.h"

namespace ns3
{

namespace zos
{

NS_LOG_COMPONENT_DEFINE("GratuitousArpLossModel");
NS_OBJECT_ENSURE_REGISTERED(GratuitousArpLossModel);

TypeId
GratuitousArpLossModel::GetTypeId()
{
    static TypeId tid =
        TypeId("ns3::zos::GratuitousArpLossModel")
            .SetParent<ErrorModel>()
            .SetGroupName("ZosTakeover")
            .AddConstructor<GratuitousArpLossModel>()
            .AddTraceSource("Drop",
                            "This station missed a gratuitous ARP (per-receiver loss): "
                            "(address announced).",
                            MakeTraceSourceAccessor(&GratuitousArpLossModel::m_dropTrace),
                            "ns3::zos::GratuitousArpLossModel::DropTracedCallback");
    return tid;
}

GratuitousArpLossModel::GratuitousArpLossModel()
{
    NS_LOG_FUNCTION(this);
    m_rng = CreateObject<UniformRandomVariable>();
}

GratuitousArpLossModel::~GratuitousArpLossModel()
{
    NS_LOG_FUNCTION(this);
}

void
GratuitousArpLossModel::DoDispose()
{
    m_rng = nullptr;
    ErrorModel::DoDispose();
}

int64_t
GratuitousArpLossModel::AssignStreams(int64_t stream)
{
    NS_LOG_FUNCTION(this << stream);
    m_rng->SetStream(stream);
    return 1;
}

bool
GratuitousArpLossModel::DoCorrupt(Ptr<Packet> packet)
{
    GratuitousArpLossTag tag;
    if (!packet->PeekPacketTag(tag))
    {
        return false; // not an announcement under the per-receiver scope
    }
    if (m_rng->GetValue() >= tag.GetProbability())
    {
        return false;
    }
    if (!m_dropTrace.IsEmpty())
    {
        Ptr<Packet> copy = packet->Copy();
        EthernetHeader eth(false);
        copy->RemoveHeader(eth);
        ArpFields arp;
        if (ArpFields::Peek(copy, arp))
        {
            m_dropTrace(arp.GetSourceIpv4Address());
        }
    }
    NS_LOG_LOGIC("gratuitous ARP missed");
    return true;
}

void
GratuitousArpLossModel::DoReset()
{
    NS_LOG_FUNCTION(this);
}

} // namespace zos
} // namespace ns3
