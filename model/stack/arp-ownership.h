/*
 * zos-takeover: the takeover decision. Who owns which address in which LanGroup.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_ARP_OWNERSHIP_H
#define ZOS_TAKEOVER_ARP_OWNERSHIP_H

#include "ns3/address.h"
#include "ns3/arp-util.h"
#include "ns3/fix-level.h"

#include <cstdint>
#include <limits>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace ns3
{

namespace zos
{

/**
 * \ingroup zos-takeover
 * \brief The ownership table of one z/OS stack for one IP version: LanGroups, the ARP owner
 * of every address, the VipaOwner of every group (seeds 001 and 003).
 *
 * Pure logic: no simulator, no packets. The stack tells it what happened on the wire
 * (a link became active, a link heard a frame of a sibling link, a link went inactive, a
 * VIPA was added) and it answers with the ownership changes, each saying whether a
 * gratuitous announcement is owed. Lookups (`Answers`) are hash lookups.
 *
 * Rules (DOMAIN.md section 2):
 *  - an active link owns its own HOME address;
 *  - LanGroups are learned on the wire, symmetrically: a link that starts founds a group of
 *    its own, and whenever an active link of the stack hears a frame from a sibling link (at
 *    start-up or at any later time, whichever of the two is learning), the groups of the two
 *    merge. Links on different LANs never hear each other, so they stay apart even with the
 *    same subnet. The result does not depend on the order or spacing of activations;
 *  - a link takes group roles (VipaOwner, backup) only after its learning window;
 *  - one VipaOwner per group answers for every VIPA; a group without an active VipaOwner
 *    takes the next link that completes activation (policy FirstActive) and announces every
 *    VIPA, including VIPAs added while the group had no active link. When two groups that
 *    each had a VipaOwner merge, one keeps the role (by the same policy) and announces the
 *    VIPAs again;
 *  - when a link becomes inactive, the backup (the active link of its group that has held a
 *    role longest, or the lowest name) takes its HOME address and everything it owned, and
 *    announces each address (takeover);
 *  - a returning link takes its HOME address back and announces it; VIPA give-back is
 *    optional.
 * Fix levels (FixLevel, in the configuration): without takeover (FixLevel::TakesOver)
 * nothing is taken over (who answers then is the stack's question, ZosStack::Answers);
 * without FixLevel::AnnouncesInheritedVipas a new VipaOwner does not announce the VIPAs it
 * inherits.
 */
class ArpOwnership
{
  public:
    using LinkId = uint32_t;
    using GroupId = uint32_t;
    static constexpr LinkId NO_LINK = std::numeric_limits<LinkId>::max();
    static constexpr GroupId NO_GROUP = std::numeric_limits<GroupId>::max();

    /** Which active link becomes backup for an inactive one. */
    enum class BackupPolicy
    {
        LongestActive, //!< the active link that has been active (held a role) longest
        LowestName,    //!< the active link with the lowest name
    };

    /** Which link becomes VipaOwner of a group that has none. */
    enum class VipaOwnerPolicy
    {
        FirstActive, //!< the first link of the group to complete activation
        LowestName,  //!< the active link with the lowest name (re-evaluated at each change)
    };

    /** Configuration: fix levels and the choices the seeds leave open. */
    struct Config
    {
        FixLevel fixLevel;         //!< the APARs applied (default: all)
        bool vipaGiveBack = false; //!< a returning VipaOwner takes the role back
        BackupPolicy backupPolicy = BackupPolicy::LongestActive;
        VipaOwnerPolicy vipaOwnerPolicy = VipaOwnerPolicy::FirstActive;
    };

    /** Why an ownership changed. */
    enum class Reason
    {
        Activation, //!< a link started and owns its HOME address
        Takeover,   //!< a backup took an inactive link's address
        Reclaim,    //!< a returning link took its HOME address back
        VipaAdded,  //!< a VIPA was added to the stack
        VipaOwner,  //!< the group's VipaOwner changed
    };

    /**
     * \param reason a reason
     * \return its text ("takeover", ...)
     */
    static const char* GetReasonText(Reason reason);

    /** One ownership change. */
    struct Change
    {
        Address address; //!< the address whose owner changed
        GroupId group;   //!< in which group
        LinkId from;     //!< previous owner (NO_LINK if none)
        LinkId to;       //!< new owner (NO_LINK if none)
        bool vipa;       //!< address is a VIPA
        bool announce;   //!< a gratuitous announcement is owed by `to`
        Reason reason;   //!< why
    };

    using Changes = std::vector<Change>;

    ArpOwnership() = default;
    /**
     * \param config the configuration (fix level, policies)
     */
    explicit ArpOwnership(const Config& config);

    /**
     * Set the configuration (before links start).
     * \param config the configuration (fix level, policies)
     */
    void SetConfig(const Config& config);
    /** \return the configuration. */
    const Config& GetConfig() const;

    /**
     * Add a link (inactive) with its HOME address.
     * \param name the link name
     * \param home its HOME address
     * \return its id (0, 1, ...)
     */
    LinkId AddLink(const std::string& name, const Address& home);

    /**
     * Add a VIPA. Every group with an active VipaOwner announces it.
     * \param vipa the address
     * \return the ownership changes
     */
    Changes AddVipa(const Address& vipa);

    /**
     * A link starts: it is active at once and owns (and announces) its HOME address. On its
     * first start it founds a LanGroup of its own, which merges with its siblings' groups as
     * they are heard (NoteHeard). It takes group roles after CompleteActivation.
     * \param link the link
     * \return the ownership changes
     */
    Changes StartLink(LinkId link);

    /**
     * `hearer` (an active link) heard a frame sent by its sibling `heard`: the two share a LAN,
     * so their groups merge. Symmetric: it does not matter which of the two is learning.
     * \param heard the link that sent the frame
     * \param hearer the link that received it
     * \return the changes that settle the merged group (one VipaOwner, orphans taken over).
     */
    Changes NoteHeard(LinkId heard, LinkId hearer);

    /**
     * The learning window of `link` is over: it takes group roles if the group needs them.
     * \param link the link
     * \return the ownership changes
     */
    Changes CompleteActivation(LinkId link);

    /**
     * A link became inactive (port failure detected, or stop).
     * \param link the link
     * \return the ownership changes (takeover by the backup)
     */
    Changes StopLink(LinkId link);

    /**
     * Should `link` answer an ARP request for `address`? (hash lookups)
     * \param link the link
     * \param address the address asked for
     * \return true if `link` owns `address` in its group
     */
    bool Answers(LinkId link, const Address& address) const;

    /**
     * \param group a group
     * \param address an address
     * \return the owner of `address` within `group` (NO_LINK if none)
     */
    LinkId OwnerOf(GroupId group, const Address& address) const;

    /**
     * \param address an address
     * \return true if `address` is a VIPA of the stack
     */
    bool IsVipa(const Address& address) const;
    /**
     * \param address an address
     * \return true if `address` is the HOME address of one of the links
     */
    bool IsHome(const Address& address) const;

    // Read access for displays (Netstat DEVLINKS) and tests.

    /** \return the number of links */
    uint32_t GetNLinks() const;
    /**
     * \param link a link
     * \return its name
     */
    const std::string& GetLinkName(LinkId link) const;
    /**
     * \param link a link
     * \return its HOME address
     */
    const Address& GetHome(LinkId link) const;
    /**
     * \param link a link
     * \return true if it is active
     */
    bool IsActive(LinkId link) const;
    /**
     * \param link a link
     * \return true while the link listens for siblings (between StartLink and
     * CompleteActivation)
     */
    bool IsLearning(LinkId link) const;
    /**
     * \param link a link
     * \return its group (NO_GROUP before its first start)
     */
    GroupId GetGroup(LinkId link) const;
    /** \return the groups in creation order (the order Netstat numbers them) */
    std::vector<GroupId> GetGroups() const;
    /**
     * \param group a group
     * \return its links in definition order
     */
    std::vector<LinkId> GetGroupLinks(GroupId group) const;
    /**
     * \param group a group
     * \return its VipaOwner (NO_LINK if none)
     */
    LinkId GetVipaOwner(GroupId group) const;
    /** \return the VIPAs in the order they were added */
    const std::vector<Address>& GetVipas() const;

  private:
    struct Link
    {
        std::string name;
        Address home;
        bool active = false;
        bool learning = false;
        GroupId group = NO_GROUP;
        uint64_t activeSince = 0; //!< activation sequence number (smaller = longer)
    };

    struct Group
    {
        uint64_t created;                   //!< creation sequence
        LinkId vipaOwner = NO_LINK;         //!< current VipaOwner
        LinkId originalVipaOwner = NO_LINK; //!< for give-back
        bool vipasOrphaned = false;         //!< the VipaOwner went inactive with no successor
        /** Addresses held for a sibling by a link that went inactive with no backup. */
        std::unordered_set<Address, AddressHash> unannounced;
        std::unordered_map<Address, LinkId, AddressHash> owner; //!< HOME address -> owner
    };

    /** \return the link of `group` that takes over addresses of inactive links (policy) */
    LinkId ChooseBackup(GroupId group) const;
    /** \return the link of `group` that becomes VipaOwner (policy) */
    LinkId ChooseVipaOwner(GroupId group) const;
    /** The active link of `group`, done learning, with the lowest name, or the one active
     * longest; NO_LINK if none. */
    LinkId ChooseActive(GroupId group, bool byName) const;
    void SetVipaOwner(GroupId group, LinkId to, Reason reason, bool announce, Changes& out);
    void SetOwner(GroupId group,
                  const Address& a,
                  LinkId to,
                  Reason reason,
                  bool announce,
                  Changes& out);
    /** Merge group `drop` into `keep` (the older) and settle the result. */
    void Merge(GroupId keep, GroupId drop, Changes& out);
    /**
     * Give a group what it lacks: a backup owner for addresses of inactive links (with
     * takeover), one active VipaOwner (or none if no link can take the role), give-back.
     */
    void Settle(GroupId group, Changes& out);
    /** \return `link` if it is active and done learning, else NO_LINK. */
    LinkId ActiveOrNone(LinkId link) const;
    /** \return which of two VipaOwners keeps the role when their groups merge. */
    LinkId PreferredVipaOwner(LinkId a, LinkId b) const;

    Config m_config;
    std::vector<Link> m_links;
    std::unordered_map<GroupId, Group> m_groups;
    std::vector<Address> m_vipas;
    std::unordered_set<Address, AddressHash> m_vipaSet;
    std::unordered_map<Address, LinkId, AddressHash> m_homeOf; //!< HOME address -> its link
    GroupId m_nextGroup = 0;
    uint64_t m_sequence = 0;
};

} // namespace zos
} // namespace ns3

#endif
