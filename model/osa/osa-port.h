/*
 * zos-takeover: an OSA-2 (LCS) port shared by several stacks, with its OSA Address Table.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_OSA_PORT_H
#define ZOS_TAKEOVER_OSA_PORT_H

#include "ns3/ipv4-address.h"
#include "ns3/mac48-address.h"
#include "ns3/object.h"
#include "ns3/packet.h"
#include "ns3/traced-callback.h"

#include <string>
#include <utility>
#include <vector>

namespace ns3
{

namespace zos
{

class OsaNetDevice;

/**
 * \ingroup zos-takeover
 * \brief One OSA-2 port in TCP/IP passthru mode shared by several partitions (stacks), with
 * its OSA Address Table (OAT).
 *
 * Seed 003 (II11926): "in Port Sharing Mode, the OAT must be configured with all destination
 * IP addresses that are to be handled by the TCP/IP stacks sharing the port. Datagrams (and
 * ARP packets) that do not match these configured IP addresses will either be discarded by
 * the adapter, or, if a PRIMARY or SECONDARY entry is defined in the OAT, these unrecognized
 * packets will be presented to the PRIMARY or SECONDARY TCP/IP Stacks."
 *
 * The port is one MAC address on the LAN. Each partition has its own OSA device on its own
 * node (a LcsNetDevice), all carrying the port's MAC and attached to the LAN at the same
 * place; each asks the port, for every frame it receives, whether the frame is its
 * partition's (`Delivers`). A frame no partition receives is discarded by the adapter: the
 * OatDrop trace fires once per frame. Failing the port (`SetFailed`) fails every partition's
 * device, so every stack using the port detects it after its own detection delay.
 */
class OsaPort : public Object
{
  public:
    /** How an OAT entry routes unknown destinations. */
    enum class Mode
    {
        Normal,    //!< only its own address
        Primary,   //!< also every address not in the table, while its stack is available
        Secondary, //!< also every address not in the table, when the PRIMARY is not available
    };

    /** One OAT entry. */
    struct Entry
    {
        Ipv4Address address;   //!< the destination IP address
        std::string partition; //!< the stack that receives it
        Mode mode;             //!< PRIMARY, SECONDARY or neither
    };

    /** At most this many IP addresses for all partitions together (seed 003). */
    static constexpr uint32_t kMaxEntries = 16;

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    OsaPort();
    ~OsaPort() override;

    /** \param name the port's name (for messages and traces) */
    void SetName(const std::string& name);
    /** \return the port's name */
    const std::string& GetName() const;

    /**
     * Add an OAT entry.
     * \param address the destination IP address
     * \param partition the stack (by name) that receives it
     * \param mode PRIMARY, SECONDARY or neither
     * \return false (and nothing added) if the table is full, the address is already in it,
     * or another partition is already PRIMARY (SECONDARY) with this mode
     */
    bool AddEntry(Ipv4Address address, const std::string& partition, Mode mode = Mode::Normal);
    /** \return the table, in the order added */
    const std::vector<Entry>& GetEntries() const;

    /**
     * Register a partition's device. The device's MAC must be the port's (the first device
     * registered gives it); the device asks this port what it may receive.
     * \param partition the stack's name
     * \param device its OSA device on the port
     */
    void AddPartition(const std::string& partition, Ptr<OsaNetDevice> device);
    /** \return the partitions' devices, in the order registered */
    std::vector<Ptr<OsaNetDevice>> GetDevices() const;
    /** \return the port's MAC address (the first device's; broadcast if none) */
    Mac48Address GetAddress() const;

    /**
     * \param destination an inbound frame's destination IP (IPv4 destination or ARP target;
     * 0.0.0.0 for a frame without one)
     * \return the partition that receives it ("" if the adapter discards it); limited
     * broadcast and multicast destinations are not routed by the table (see Delivers)
     */
    std::string Route(Ipv4Address destination) const;
    /**
     * The adapter's inbound filter, asked by each partition's device for each frame.
     * Fires OatDrop (once per frame) when no partition receives it.
     * \param partition the asking device's partition
     * \param packet the frame without its Ethernet header
     * \param protocol its EtherType
     * \return true if the frame goes to this partition
     */
    bool Delivers(const std::string& partition, Ptr<const Packet> packet, uint16_t protocol);
    /** \return how many frames the adapter discarded because of the OAT */
    uint64_t GetDropCount() const;

    /**
     * Fail or repair the port: every partition's device follows (SetPortFailed), so every
     * stack using the port sees it.
     * \param failed true to fail the port
     */
    void SetFailed(bool failed);
    /** \return whether the port has failed */
    bool IsFailed() const;

    /**
     * \param packet a frame without its Ethernet header
     * \param protocol its EtherType
     * \return its destination IP (IPv4 destination, ARP target), 0.0.0.0 if it has none
     */
    static Ipv4Address Destination(Ptr<const Packet> packet, uint16_t protocol);

    /**
     * Signature of OatDrop.
     * \param packet the frame discarded (without its Ethernet header)
     * \param destination its destination IP (0.0.0.0 if none)
     */
    typedef void (*OatDropTracedCallback)(Ptr<const Packet> packet, Ipv4Address destination);

  protected:
    void DoDispose() override;

  private:
    /** \return whether the partition's stack is available (its device is usable) */
    bool Available(const std::string& partition) const;
    /** \return the partition of the table's entry with this mode ("" if none) */
    std::string PartitionWithMode(Mode mode) const;

    std::string m_name;
    std::vector<Entry> m_entries;
    std::vector<std::pair<std::string, Ptr<OsaNetDevice>>> m_partitions;
    bool m_failed = false;
    uint64_t m_drops = 0;
    uint64_t m_lastDropUid = 0;
    bool m_dropped = false;
    TracedCallback<Ptr<const Packet>, Ipv4Address> m_oatDropTrace; //!< discarded by the OAT
};

} // namespace zos
} // namespace ns3

#endif
