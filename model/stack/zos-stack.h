/*
 * zos-takeover: a z/OS TCP/IP stack with OSA links, static VIPAs and interface takeover.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_ZOS_STACK_H
#define ZOS_TAKEOVER_ZOS_STACK_H

#include "ns3/address-takeover-protocol.h"
#include "ns3/arp-ownership.h"
#include "ns3/event-id.h"
#include "ns3/fix-level.h"
#include "ns3/ipv4-interface-address.h"
#include "ns3/nstime.h"
#include "ns3/object.h"
#include "ns3/osa-net-device.h"
#include "ns3/random-variable-stream.h"
#include "ns3/traced-callback.h"

#include <iosfwd>
#include <string>
#include <unordered_map>
#include <vector>

namespace ns3
{

class Node;
class Ipv4;
class Ipv4StaticRouting;

namespace zos
{

class VipaNetDevice;
class ArpTakeoverProtocol;
class ConnectionRouteCache;

/**
 * \ingroup zos-takeover
 * \brief The z/OS TCP/IP stack of one partition, aggregated to an ns-3 node that has an
 * InternetStack.
 *
 * Each link is one OSA port with one HOME address (an Ipv4 interface). Static VIPAs live on
 * a VIRTUAL device that is always up. ns-3's weak end-system model makes the stack accept
 * packets for any HOME address or VIPA on any active link. ARP received on an OSA port
 * comes here: the `ArpOwnership` table decides which link answers, and ownership changes
 * produce gratuitous ARPs (count, spacing and loss are attributes). Port failures are
 * noticed after `DetectionDelay`; a link stop takes effect at once.
 *
 * IPv4 only for now; IPv6 (IPAQENET6) will add a second ownership table with neighbor
 * discovery announcements.
 */
class ZosStack : public Object
{
  public:
    /** What a lost gratuitous ARP means (attribute GratuitousArpLossScope). */
    enum LossScope
    {
        LOSS_FRAME,    //!< the frame never reaches the LAN: no station hears it
        LOSS_RECEIVER, //!< each station misses it independently
    };

    /** Why a link became active or inactive (trace source LinkState). */
    enum class LinkCause
    {
        LinkStart,           //!< the operator started it
        LinkStop,            //!< the operator stopped it
        PortFailureDetected, //!< its port failed, noticed after DetectionDelay
        PortRepairDetected,  //!< its port was repaired, noticed after DetectionDelay
        StackFailure,        //!< the whole stack failed
    };

    /** An operation on the stack (trace source EventIgnored). */
    enum class Operation
    {
        LinkStart,    //!< StartLink
        LinkStop,     //!< StopLink
        PortFailure,  //!< FailPort
        PortRepair,   //!< RepairPort
        StackFailure, //!< Fail
        VipaAdd,      //!< AddVipa
    };

    /** Why an operation changed nothing (trace source EventIgnored). */
    enum class IgnoredReason
    {
        StackFailed,        //!< the stack has failed
        LinkAlreadyStarted, //!< StartLink on a started link
        LinkNotStarted,     //!< StopLink on a stopped link
        PortAlreadyFailed,  //!< FailPort on a failed port
        PortNotFailed,      //!< RepairPort on a healthy port
        NothingToTakeOver,  //!< FailPort on a failed stack (the port still fails)
        LinkStaysDown,      //!< RepairPort on a failed stack (the port is repaired)
        StackAlreadyFailed, //!< Fail on a failed stack
        VipaAlreadyDefined, //!< AddVipa of a known VIPA
        VipaOnFailedStack,  //!< AddVipa on a failed stack (the VIPA is defined)
    };

    /** Link index meaning "no link" in trace sources. */
    static constexpr uint32_t NO_LINK = UINT32_MAX;

    /**
     * \param cause a cause
     * \return its text ("port failure detected", ...)
     */
    static const char* GetCauseText(LinkCause cause);
    /**
     * \param operation an operation
     * \return the scenario's event type for it ("portFailure", ...)
     */
    static const char* GetOperationName(Operation operation);
    /**
     * \param reason a reason
     * \return its text ("the port has not failed", ...)
     */
    static const char* GetReasonText(IgnoredReason reason);

    /**
     * \brief Get the type ID.
     * \return the object TypeId
     */
    static TypeId GetTypeId();
    ZosStack();
    ~ZosStack() override;

    /**
     * Bind to the node (which must already have an InternetStack). Done by the helper.
     * \param node the node this stack runs on
     */
    void SetNode(Ptr<Node> node);
    /** \return the node. */
    Ptr<Node> GetNode() const;

    /**
     * \param name the stack name (the TCP/IP proc name, e.g. "TCPIPA")
     */
    void SetName(const std::string& name);
    /** \return the stack name. */
    const std::string& GetName() const;

    /**
     * Add a link on an OSA port already installed on the node and attached to a LAN. The
     * link starts inactive.
     * \param name the link name (unique in the stack)
     * \param device the OSA port
     * \param home the link's HOME address
     * \return the link index
     */
    uint32_t AddLink(const std::string& name, Ptr<OsaNetDevice> device, Ipv4InterfaceAddress home);

    /**
     * A static route over one link, (re)installed whenever that link becomes active.
     * \param link the link name
     * \param destination the destination network
     * \param mask its mask
     * \param gateway the next hop (zero: the destination is on the link)
     */
    void AddRoute(const std::string& link,
                  Ipv4Address destination,
                  Ipv4Mask mask,
                  Ipv4Address gateway = Ipv4Address::GetZero());

    /**
     * Add a static VIPA; if links are active, each LanGroup announces it.
     * \param vipa the address
     */
    void AddVipa(Ipv4Address vipa);

    /**
     * Start a link (operator START): active now if its port is up. On a failed stack, or a
     * link already started, nothing happens and EventIgnored fires (so for the other
     * operations below).
     * \param link the link name
     */
    void StartLink(const std::string& link);
    /**
     * Stop a link (operator STOP): inactive at once, no detection delay.
     * \param link the link name
     */
    void StopLink(const std::string& link);
    /**
     * The port under a link fails now; the stack notices after DetectionDelay.
     * \param link the link name
     */
    void FailPort(const std::string& link);
    /**
     * The port under a link is repaired now; the stack notices after DetectionDelay.
     * \param link the link name
     */
    void RepairPort(const std::string& link);
    /** The whole stack fails: nothing answers, nothing is taken over. */
    void Fail();

    /** \return true after Fail(). */
    bool IsFailed() const;

    /**
     * Netstat DEVLINKS LanGroup display (seed 001 layout), as of now.
     * \param os where to print it
     */
    void PrintDevlinks(std::ostream& os) const;
    /** \return the Netstat DEVLINKS display, as a string. */
    std::string GetDevlinks() const;

    /** \return number of links. */
    uint32_t GetNLinks() const;
    /**
     * \return the routes of the stack's TCP connections (in the node's Ipv4ListRouting
     * once SetNode was called; PQ25476 decides what a route failure does to them)
     */
    Ptr<ConnectionRouteCache> GetConnectionRouteCache() const;
    /**
     * \param name a link name
     * \return link index by name, or -1
     */
    int32_t FindLink(const std::string& name) const;
    /**
     * \param i a link index
     * \return name of link i
     */
    const std::string& GetLinkName(uint32_t i) const;
    /**
     * \param i a link index
     * \return the OSA port of link i
     */
    Ptr<OsaNetDevice> GetLinkDevice(uint32_t i) const;
    /**
     * \param i a link index
     * \return the node's Ipv4 interface index of link i
     */
    uint32_t GetLinkInterface(uint32_t i) const;
    /**
     * \param i a link index
     * \return HOME address of link i
     */
    Ipv4Address GetHomeAddress(uint32_t i) const;
    /**
     * \param i a link index
     * \return true if link i is active (and the stack has not failed)
     */
    bool IsLinkActive(uint32_t i) const;
    /** \return the static VIPAs. */
    std::vector<Ipv4Address> GetVipas() const;
    /** \return the ownership table (read only). */
    const ArpOwnership& GetOwnership() const;

    /** \return the fix level (attributes Pq23444, Pq25476, Pq26689). */
    const FixLevel& GetFixLevel() const;
    /**
     * Set the fix level (the same as the attributes Pq23444, Pq25476 and Pq26689).
     * \param level the APARs applied
     */
    void SetFixLevel(const FixLevel& level);

    /** \return the IPv4 takeover protocol (ARP frames) of this stack. */
    Ptr<AddressTakeoverProtocol> GetTakeoverProtocol() const;

    // For the takeover protocols (AddressTakeoverProtocol): the stack's decisions and events.

    /**
     * \param mac a MAC address
     * \return the index of the link whose port has that MAC, or -1
     */
    int32_t FindLinkByMac(Mac48Address mac) const;
    /**
     * Should link i answer address resolution for `address`? With PQ23444 (FixLevel::
     * OnlyOwnerAnswers) only the owner answers; before it every link answers for every HOME
     * address.
     * \param i a link index
     * \param address the address asked for
     * \return true if link i answers
     */
    bool Answers(uint32_t i, const Address& address) const;
    /**
     * Active link `hearer` heard a frame sent by sibling link `heard`: they share a LAN.
     * \param heard index of the link that sent the frame
     * \param hearer index of the link that received it
     */
    void NoteHeard(uint32_t heard, uint32_t hearer);
    /**
     * A link answered an address resolution request (fires ArpReplyTx).
     * \param i the link index
     * \param address the address answered for
     */
    void NotifyReplySent(uint32_t i, Ipv4Address address);

    /**
     * Assign a fixed random stream to the gratuitous ARP loss model.
     * \param stream the first stream index to use
     * \return the number of streams used (1).
     */
    int64_t AssignStreams(int64_t stream);

    // Trace source signatures. Every source identifies the stack by its context (connect
    // with Config::Connect on "/Names/STACK/$ns3::zos::ZosStack/SOURCE") and a link by its
    // index (GetLinkName), NO_LINK for none.

    /**
     * Signature of LinkState.
     * \param link the link index
     * \param active true if the link became active
     * \param cause why
     */
    typedef void (*LinkStateTracedCallback)(uint32_t link, bool active, LinkCause cause);
    /**
     * Signature of PortState.
     * \param link the link index
     * \param up true if the port was repaired, false if it failed
     */
    typedef void (*PortStateTracedCallback)(uint32_t link, bool up);
    /**
     * Signature of OwnershipChange.
     * \param address the address whose ARP owner changed
     * \param vipa true for a VIPA, false for a HOME address
     * \param reason why it changed
     * \param from the link that answered for it before (NO_LINK: none)
     * \param to the link that answers for it now (NO_LINK: none)
     */
    typedef void (*OwnershipTracedCallback)(Ipv4Address address,
                                            bool vipa,
                                            ArpOwnership::Reason reason,
                                            uint32_t from,
                                            uint32_t to);
    /**
     * Signature of GratuitousArpTx, GratuitousArpTxFailed, GratuitousArpLost and ArpReplyTx.
     * \param link the link index
     * \param address the address announced or answered for
     */
    typedef void (*ArpTracedCallback)(uint32_t link, Ipv4Address address);
    /**
     * Signature of EventIgnored.
     * \param link the link index (NO_LINK: the operation is on the whole stack)
     * \param operation the operation that changed nothing
     * \param address the VIPA of a VipaAdd (zero otherwise)
     * \param reason why it changed nothing
     */
    typedef void (*IgnoredTracedCallback)(uint32_t link,
                                          Operation operation,
                                          Ipv4Address address,
                                          IgnoredReason reason);

  protected:
    void DoDispose() override;

  private:
    struct Link
    {
        std::string name;
        Ptr<OsaNetDevice> device;
        Mac48Address mac;
        uint32_t ifIndex = 0;
        Ipv4InterfaceAddress home;
        ArpOwnership::LinkId id = 0;
        bool started = false; //!< administratively started
        bool portUp = true;   //!< port state as noticed by the stack
        EventId detection;
        EventId learning;

        struct Route
        {
            Ipv4Address destination;
            Ipv4Mask mask;
            Ipv4Address gateway;
        };

        std::vector<Route> routes;
    };

    uint32_t LinkIndex(const std::string& name) const;
    void Activate(uint32_t i, LinkCause cause);
    void Deactivate(uint32_t i, LinkCause cause);
    void CompleteActivation(uint32_t i);
    void PortStateChanged(Ptr<OsaNetDevice> device, bool up);
    void PortStateNoticed(uint32_t i, bool up);
    void Apply(const ArpOwnership::Changes& changes);
    /** \return the node's static routing (as Ipv4StaticRoutingHelper finds it) */
    Ptr<Ipv4StaticRouting> StaticRouting() const;
    /**
     * Announce that link i answers for `address`, `remaining` times GratuitousArpInterval
     * apart, unless the link loses it meanwhile (loss model here, frames by the protocol).
     */
    void Announce(uint32_t i, Ipv4Address address, uint32_t remaining);

    // Attribute accessors: the settings live in the ownership table's configuration (and
    // ArpLearnFromRequests in the ARP takeover protocol), nowhere else.
    void SetApar(FixLevel::Apar apar, bool applied);
    void SetPq23444(bool applied);
    bool GetPq23444() const;
    void SetPq25476(bool applied);
    bool GetPq25476() const;
    void SetPq26689(bool applied);
    bool GetPq26689() const;
    void SetVipaGiveBack(bool giveBack);
    bool GetVipaGiveBack() const;
    void SetBackupPolicy(int policy);
    int GetBackupPolicy() const;
    void SetVipaOwnerPolicy(int policy);
    int GetVipaOwnerPolicy() const;
    void SetArpLearnFromRequests(bool learn);
    bool GetArpLearnFromRequests() const;
    static Ipv4Address ToIpv4(const Address& a);

    Ptr<Node> m_node;
    Ptr<Ipv4> m_ipv4;
    std::string m_name;
    std::vector<Link> m_links;
    std::unordered_map<Mac48Address, uint32_t, Mac48AddressHash> m_linkByMac;
    Ptr<VipaNetDevice> m_vipaDevice;
    uint32_t m_vipaIfIndex = 0;
    ArpOwnership m_ownership;
    bool m_failed = false;

    // attributes
    Time m_detectionDelay;
    Time m_learningTime;
    uint32_t m_garpCount;
    Time m_garpInterval;
    double m_garpLoss;
    int m_garpLossScope; //!< LossScope
    bool m_staticRouting; //!< only AddRoute's routes, no automatic subnet route
    bool m_ipForwarding;  //!< forward datagrams not for the stack (DATAGRAMFWD)
    /// Keep an inactive link's HOME address on the VIPA interface (a host route RIP advertises)
    bool m_advertiseInactiveHome;
    Ptr<UniformRandomVariable> m_lossRng;
    Ptr<ArpTakeoverProtocol> m_arp; //!< IPv4 takeover frames
    /// The route of each TCP connection (PQ25476), in the node's Ipv4ListRouting.
    Ptr<ConnectionRouteCache> m_routeCache;

    // trace sources
    TracedCallback<uint32_t, bool, LinkCause> m_linkStateTrace;
    TracedCallback<uint32_t, bool> m_portStateTrace;
    TracedCallback<Ipv4Address, bool, ArpOwnership::Reason, uint32_t, uint32_t> m_ownershipTrace;
    TracedCallback<uint32_t, Ipv4Address> m_garpTxTrace;
    TracedCallback<uint32_t, Ipv4Address> m_garpTxFailedTrace;
    TracedCallback<uint32_t, Operation, Ipv4Address, IgnoredReason> m_ignoredTrace;
    TracedCallback<uint32_t, Ipv4Address> m_garpLostTrace;
    TracedCallback<uint32_t, Ipv4Address> m_arpReplyTrace;
};

} // namespace zos
} // namespace ns3

#endif
