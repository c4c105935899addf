/*
 * zos-takeover: the takeover decision. See arp-ownership.h for the rules.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "arp-ownership.h"

#include "ns3/log.h"

#include <algorithm>

namespace ns3
{

namespace zos
{

NS_LOG_COMPONENT_DEFINE("ArpOwnership");

const char*
ArpOwnership::GetReasonText(Reason reason)
{
    switch (reason)
    {
    case Reason::Activation:
        return "activation";
    case Reason::Takeover:
        return "takeover";
    case Reason::Reclaim:
        return "reclaim";
    case Reason::VipaAdded:
        return "vipa added";
    case Reason::VipaOwner:
        return "vipa owner";
    }
    return "?";
}

ArpOwnership::ArpOwnership(const Config& config)
    : m_config(config)
{
}

void
ArpOwnership::SetConfig(const Config& config)
{
    NS_LOG_FUNCTION(this);
    m_config = config;
}

const ArpOwnership::Config&
ArpOwnership::GetConfig() const
{
    return m_config;
}

ArpOwnership::LinkId
ArpOwnership::AddLink(const std::string& name, const Address& home)
{
    NS_LOG_FUNCTION(this << name << home);
    Link link;
    link.name = name;
    link.home = home;
    m_links.push_back(link);
    LinkId id = static_cast<LinkId>(m_links.size() - 1);
    m_homeOf[home] = id;
    return id;
}

ArpOwnership::Changes
ArpOwnership::AddVipa(const Address& vipa)
{
    NS_LOG_FUNCTION(this << vipa);
    Changes out;
    if (!m_vipaSet.insert(vipa).second)
    {
        return out;
    }
    m_vipas.push_back(vipa);
    for (GroupId g : GetGroups())
    {
        LinkId owner = ActiveOrNone(m_groups.at(g).vipaOwner);
        if (owner != NO_LINK)
        {
            out.push_back({vipa, g, NO_LINK, owner, true, true, Reason::VipaAdded});
        }
    }
    return out;
}

ArpOwnership::Changes
ArpOwnership::StartLink(LinkId id)
{
    NS_LOG_FUNCTION(this << id);
    Changes out;
    Link& link = m_links.at(id);
    if (link.active)
    {
        return out;
    }
    link.active = true;
    link.learning = true;
    link.activeSince = ++m_sequence;
    if (link.group == NO_GROUP)
    {
        // First start: the link founds a group of its own, which merges with its siblings'
        // as soon as one of them hears it or it hears one of them (NoteHeard).
        GroupId g = m_nextGroup++;
        m_groups[g].created = ++m_sequence;
        link.group = g;
        m_groups[g].owner[link.home] = id;
        out.push_back({link.home, g, NO_LINK, id, false, true, Reason::Activation});
        return out;
    }
    Group& group = m_groups.at(link.group);
    auto it = group.owner.find(link.home);
    if (it == group.owner.end() || it->second == id)
    {
        group.owner[link.home] = id;
        out.push_back({link.home, link.group, NO_LINK, id, false, true, Reason::Activation});
    }
    else
    {
        SetOwner(link.group, link.home, id, Reason::Reclaim, true, out);
    }
    return out;
}

ArpOwnership::Changes
ArpOwnership::NoteHeard(LinkId heard, LinkId hearer)
{
    NS_LOG_FUNCTION(this << heard << hearer);
    Changes out;
    if (heard == hearer || !m_links.at(hearer).active)
    {
        return out; // an inactive link processes nothing it receives
    }
    GroupId a = m_links.at(heard).group;
    GroupId b = m_links.at(hearer).group;
    if (a == NO_GROUP || b == NO_GROUP || a == b)
    {
        return out;
    }
    // The two links share a LAN: one group, numbered as the older of the two.
    if (m_groups.at(b).created < m_groups.at(a).created)
    {
        std::swap(a, b);
    }
    Merge(a, b, out);
    return out;
}

void
ArpOwnership::Merge(GroupId keep, GroupId drop, Changes& out)
{
    Group dropped = std::move(m_groups.at(drop));
    m_groups.erase(drop);
    Group& group = m_groups.at(keep);
    for (Link& link : m_links)
    {
        if (link.group == drop)
        {
            link.group = keep;
        }
    }
    for (const auto& [address, owner] : dropped.owner)
    {
        group.owner[address] = owner;
    }
    group.unannounced.insert(dropped.unannounced.begin(), dropped.unannounced.end());
    if (group.originalVipaOwner == NO_LINK)
    {
        group.originalVipaOwner = dropped.originalVipaOwner;
    }
    // Both groups may have had an active VipaOwner (links that started together, or a
    // learning time shorter than the LAN's delay): one keeps the role, by the VipaOwner
    // policy, and announces the VIPAs again, since the LAN heard both.
    LinkId a = ActiveOrNone(group.vipaOwner);
    LinkId b = ActiveOrNone(dropped.vipaOwner);
    if (a != NO_LINK && b != NO_LINK)
    {
        LinkId winner = PreferredVipaOwner(a, b);
        LinkId loser = winner == a ? b : a;
        group.vipaOwner = winner;
        group.vipasOrphaned = false;
        for (const Address& vipa : m_vipas)
        {
            out.push_back({vipa,
                           keep,
                           loser,
                           winner,
                           true,
                           m_config.fixLevel.AnnouncesInheritedVipas(),
                           Reason::VipaOwner});
        }
    }
    else if (a != NO_LINK || b != NO_LINK)
    {
        group.vipaOwner = a != NO_LINK ? a : b;
        group.vipasOrphaned = false;
    }
    else
    {
        // Neither has an active VipaOwner: keep the one displayed, and whether the VIPAs
        // still owe an announcement.
        if (group.vipaOwner == NO_LINK)
        {
            group.vipaOwner = dropped.vipaOwner;
        }
        group.vipasOrphaned = group.vipasOrphaned || dropped.vipasOrphaned;
    }
    Settle(keep, out);
}

ArpOwnership::LinkId
ArpOwnership::ActiveOrNone(LinkId id) const
{
    return id != NO_LINK && m_links[id].active && !m_links[id].learning ? id : NO_LINK;
}

ArpOwnership::LinkId
ArpOwnership::PreferredVipaOwner(LinkId a, LinkId b) const
{
    if (m_config.vipaOwnerPolicy == VipaOwnerPolicy::LowestName)
    {
        return m_links[b].name < m_links[a].name ? b : a;
    }
    return m_links[b].activeSince < m_links[a].activeSince ? b : a;
}

ArpOwnership::Changes
ArpOwnership::CompleteActivation(LinkId id)
{
    NS_LOG_FUNCTION(this << id);
    Changes out;
    Link& link = m_links.at(id);
    if (!link.active || !link.learning)
    {
        return out;
    }
    link.learning = false;
    Settle(link.group, out);
    return out;
}

ArpOwnership::Changes
ArpOwnership::StopLink(LinkId id)
{
    NS_LOG_FUNCTION(this << id);
    Changes out;
    Link& link = m_links.at(id);
    if (!link.active)
    {
        return out;
    }
    link.active = false;
    link.learning = false;
    if (link.group == NO_GROUP || !m_config.fixLevel.TakesOver())
    {
        return out; // nobody answers for this link's addresses any more
    }
    Settle(link.group, out);
    return out;
}

void
ArpOwnership::Settle(GroupId g, Changes& out)
{
    Group& group = m_groups.at(g);
    // Addresses owned by an inactive link go to the backup (takeover). With no backup they
    // are left unanswered; an address a link held for a sibling is then owed an
    // announcement by whoever answers for it next (its own HOME address is announced when
    // the link starts again).
    if (m_config.fixLevel.TakesOver())
    {
        LinkId backup = ChooseBackup(g);
        for (LinkId other : GetGroupLinks(g))
        {
            const Address& home = m_links[other].home;
            auto it = group.owner.find(home);
            if (it == group.owner.end())
            {
                continue;
            }
            LinkId owner = it->second;
            if (!m_links[owner].active)
            {
                if (backup != NO_LINK)
                {
                    SetOwner(g, home, backup, Reason::Takeover, true, out);
                }
                else if (owner != other)
                {
                    group.unannounced.insert(home);
                }
            }
            else if (ActiveOrNone(owner) != NO_LINK && group.unannounced.erase(home) != 0)
            {
                // Its owner is back: nobody answered for it meanwhile.
                out.push_back({home, g, NO_LINK, owner, false, true, Reason::Takeover});
            }
        }
    }
    // One active VipaOwner per group that has an active (grouped) link.
    LinkId current = group.vipaOwner;
    if (current != NO_LINK && m_links[current].learning)
    {
        return; // a returning VipaOwner settles when its learning window ends
    }
    if (current != NO_LINK && m_links[current].active && group.vipasOrphaned)
    {
        // The VipaOwner is back after its group had no active link: nobody answered for the
        // VIPAs meanwhile (some may have been added then), so it announces every one.
        group.vipasOrphaned = false;
        for (const Address& vipa : m_vipas)
        {
            out.push_back({vipa, g, NO_LINK, current, true, true, Reason::VipaOwner});
        }
    }
    else if (current == NO_LINK || !m_links[current].active)
    {
        LinkId next = ChooseVipaOwner(g);
        if (next == NO_LINK)
        {
            // Nobody left to answer for the VIPAs on this LAN. The display keeps the last
            // VipaOwner; the next link to take the role announces every VIPA.
            group.vipasOrphaned = current != NO_LINK;
            return;
        }
        // A group's first VipaOwner (or the first after the group was left without one)
        // always announces; one inheriting from a failed owner only with PQ26689 (before it,
        // the VIPA moves when an ARP request for it arrives).
        bool announce = current == NO_LINK || group.vipasOrphaned ||
                        m_config.fixLevel.AnnouncesInheritedVipas();
        group.vipasOrphaned = false;
        SetVipaOwner(g, next, Reason::VipaOwner, announce, out);
    }
    else if (m_config.vipaGiveBack && ActiveOrNone(group.originalVipaOwner) != NO_LINK &&
             group.originalVipaOwner != current)
    {
        SetVipaOwner(g, group.originalVipaOwner, Reason::VipaOwner, true, out);
    }
    else if (m_config.vipaOwnerPolicy == VipaOwnerPolicy::LowestName)
    {
        SetVipaOwner(g, ChooseVipaOwner(g), Reason::VipaOwner, true, out);
    }
}

bool
ArpOwnership::Answers(LinkId id, const Address& address) const
{
    const Link& link = m_links[id];
    if (!link.active)
    {
        return false;
    }
    if (address == link.home)
    {
        return true; // an active link always owns its own HOME address
    }
    if (link.learning || link.group == NO_GROUP)
    {
        return false;
    }
    const Group& group = m_groups.at(link.group);
    if (m_vipaSet.count(address) != 0)
    {
        return group.vipaOwner == id;
    }
    auto it = group.owner.find(address);
    return it != group.owner.end() && it->second == id;
}

ArpOwnership::LinkId
ArpOwnership::OwnerOf(GroupId g, const Address& address) const
{
    auto git = m_groups.find(g);
    if (git == m_groups.end())
    {
        return NO_LINK;
    }
    if (m_vipaSet.count(address) != 0)
    {
        return git->second.vipaOwner;
    }
    auto it = git->second.owner.find(address);
    return it == git->second.owner.end() ? NO_LINK : it->second;
}

bool
ArpOwnership::IsVipa(const Address& address) const
{
    return m_vipaSet.count(address) != 0;
}

bool
ArpOwnership::IsHome(const Address& address) const
{
    return m_homeOf.count(address) != 0;
}

uint32_t
ArpOwnership::GetNLinks() const
{
    return static_cast<uint32_t>(m_links.size());
}

const std::string&
ArpOwnership::GetLinkName(LinkId id) const
{
    return m_links.at(id).name;
}

const Address&
ArpOwnership::GetHome(LinkId id) const
{
    return m_links.at(id).home;
}

bool
ArpOwnership::IsActive(LinkId id) const
{
    return m_links.at(id).active;
}

bool
ArpOwnership::IsLearning(LinkId id) const
{
    return m_links.at(id).learning;
}

ArpOwnership::GroupId
ArpOwnership::GetGroup(LinkId id) const
{
    return m_links.at(id).group;
}

std::vector<ArpOwnership::GroupId>
ArpOwnership::GetGroups() const
{
    std::vector<GroupId> ids;
    for (const auto& [id, group] : m_groups)
    {
        ids.push_back(id);
    }
    std::sort(ids.begin(), ids.end(), [this](GroupId a, GroupId b) {
        return m_groups.at(a).created < m_groups.at(b).created;
    });
    return ids;
}

std::vector<ArpOwnership::LinkId>
ArpOwnership::GetGroupLinks(GroupId g) const
{
    std::vector<LinkId> ids;
    for (LinkId id = 0; id < m_links.size(); ++id)
    {
        if (m_links[id].group == g)
        {
            ids.push_back(id);
        }
    }
    return ids;
}

ArpOwnership::LinkId
ArpOwnership::GetVipaOwner(GroupId g) const
{
    auto it = m_groups.find(g);
    return it == m_groups.end() ? NO_LINK : it->second.vipaOwner;
}

const std::vector<Address>&
ArpOwnership::GetVipas() const
{
    return m_vipas;
}

ArpOwnership::LinkId
ArpOwnership::ChooseBackup(GroupId g) const
{
    return ChooseActive(g, m_config.backupPolicy == BackupPolicy::LowestName);
}

ArpOwnership::LinkId
ArpOwnership::ChooseVipaOwner(GroupId g) const
{
    return ChooseActive(g, m_config.vipaOwnerPolicy == VipaOwnerPolicy::LowestName);
}

ArpOwnership::LinkId
ArpOwnership::ChooseActive(GroupId g, bool byName) const
{
    LinkId best = NO_LINK;
    for (LinkId id : GetGroupLinks(g))
    {
        const Link& l = m_links[id];
        if (ActiveOrNone(id) == NO_LINK)
        {
            continue;
        }
        if (best == NO_LINK ||
            (byName ? l.name < m_links[best].name : l.activeSince < m_links[best].activeSince))
        {
            best = id;
        }
    }
    return best;
}

void
ArpOwnership::SetOwner(GroupId g,
                       const Address& address,
                       LinkId to,
                       Reason reason,
                       bool announce,
                       Changes& out)
{
    Group& group = m_groups.at(g);
    auto it = group.owner.find(address);
    LinkId from = it == group.owner.end() ? NO_LINK : it->second;
    if (from == to)
    {
        return;
    }
    group.owner[address] = to;
    group.unannounced.erase(address);
    out.push_back({address, g, from, to, false, announce && to != NO_LINK, reason});
}

void
ArpOwnership::SetVipaOwner(GroupId g, LinkId to, Reason reason, bool announce, Changes& out)
{
    Group& group = m_groups.at(g);
    LinkId from = group.vipaOwner;
    if (from == to || to == NO_LINK)
    {
        return;
    }
    group.vipaOwner = to;
    if (group.originalVipaOwner == NO_LINK)
    {
        group.originalVipaOwner = to;
    }
    for (const Address& vipa : m_vipas)
    {
        out.push_back({vipa, g, from, to, true, announce, reason});
    }
}

} // namespace zos
} // namespace ns3
