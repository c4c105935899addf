/*
 * zos-takeover: the takeover decision. See arp-ownership.h for the rules.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "arp-ownership.h"

#include <algorithm>

namespace ns3
{

ArpOwnership::ArpOwnership(const Config& config)
    : m_config(config)
{
}

void
ArpOwnership::SetConfig(const Config& config)
{
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
    Changes out;
    if (!m_vipaSet.insert(vipa).second)
    {
        return out;
    }
    m_vipas.push_back(vipa);
    for (GroupId g : GetGroups())
    {
        LinkId owner = m_groups.at(g).vipaOwner;
        if (owner != NO_LINK && m_links[owner].active)
        {
            out.push_back({vipa, g, NO_LINK, owner, true, true, Reason::VipaAdded});
        }
    }
    return out;
}

ArpOwnership::Changes
ArpOwnership::StartLink(LinkId id)
{
    Changes out;
    Link& link = m_links.at(id);
    if (link.active)
    {
        return out;
    }
    link.active = true;
    link.learning = true;
    link.heardBy = NO_GROUP;
    link.activeSince = ++m_sequence;
    if (link.group == NO_GROUP)
    {
        // First start: the link owns its HOME address and announces it. That announcement is
        // the frame its siblings on the same LAN hear (LanGroup learning).
        out.push_back({link.home, NO_GROUP, NO_LINK, id, false, true, Reason::Activation});
        return out;
    }
    Group& group = m_groups.at(link.group);
    LinkId previous = group.owner[link.home];
    if (previous == id)
    {
        out.push_back({link.home, link.group, NO_LINK, id, false, true, Reason::Activation});
    }
    else
    {
        SetOwner(link.group, link.home, id, Reason::Reclaim, true, out);
    }
    return out;
}

void
ArpOwnership::NoteHeard(LinkId id, LinkId hearer)
{
    Link& link = m_links.at(id);
    const Link& other = m_links.at(hearer);
    if (id == hearer || !link.learning || link.heardBy != NO_GROUP || !other.active ||
        other.learning || other.group == NO_GROUP)
    {
        return;
    }
    link.heardBy = other.group;
}

ArpOwnership::Changes
ArpOwnership::CompleteActivation(LinkId id)
{
    Changes out;
    Link& link = m_links.at(id);
    if (!link.active || !link.learning)
    {
        return out;
    }
    link.learning = false;

    GroupId target = link.heardBy;
    if (target == NO_GROUP)
    {
        target = link.group;
    }
    if (target != link.group && link.group != NO_GROUP)
    {
        LeaveGroup(id);
    }
    if (target == NO_GROUP)
    {
        target = m_nextGroup++;
        m_groups[target].created = ++m_sequence;
    }
    link.group = target;
    Group& group = m_groups.at(target);
    if (group.owner.find(link.home) == group.owner.end())
    {
        group.owner[link.home] = id; // announced at StartLink
    }

    // Addresses of inactive links that nobody could take over (no active link was left).
    if (m_config.takeover)
    {
        for (LinkId other : GetGroupLinks(target))
        {
            const Address& home = m_links[other].home;
            LinkId owner = group.owner[home];
            if (owner != id && !m_links[owner].active)
            {
                SetOwner(target, home, id, Reason::Takeover, true, out);
            }
        }
    }

    // VipaOwner: a group without an active VipaOwner gets one; give-back; policy.
    LinkId current = group.vipaOwner;
    if (current == NO_LINK || !m_links[current].active)
    {
        // The first VipaOwner of a group always announces; an inheriting one only with
        // PQ26689 (before it, the VIPA moves when an ARP request for it arrives).
        bool announce = current == NO_LINK || m_config.announceInheritedVipas;
        SetVipaOwner(target, ChooseVipaOwner(target), Reason::VipaOwner, announce, out);
    }
    else if (m_config.vipaGiveBack && group.originalVipaOwner == id)
    {
        SetVipaOwner(target, id, Reason::VipaOwner, true, out);
    }
    else if (m_config.vipaOwnerPolicy == VipaOwnerPolicy::LowestName)
    {
        SetVipaOwner(target, ChooseVipaOwner(target), Reason::VipaOwner, true, out);
    }
    return out;
}

ArpOwnership::Changes
ArpOwnership::StopLink(LinkId id)
{
    Changes out;
    Link& link = m_links.at(id);
    if (!link.active)
    {
        return out;
    }
    link.active = false;
    link.learning = false;
    if (link.group == NO_GROUP || !m_config.takeover)
    {
        return out; // nobody answers for this link's addresses any more
    }
    GroupId g = link.group;
    LinkId backup = ChooseBackup(g, id);
    if (backup == NO_LINK)
    {
        return out; // orphaned until a link of the group becomes active
    }
    Group& group = m_groups.at(g);
    for (LinkId other : GetGroupLinks(g))
    {
        const Address& home = m_links[other].home;
        if (group.owner[home] == id)
        {
            SetOwner(g, home, backup, Reason::Takeover, true, out);
        }
    }
    if (group.vipaOwner == id)
    {
        SetVipaOwner(g,
                     ChooseVipaOwner(g),
                     Reason::VipaOwner,
                     m_config.announceInheritedVipas,
                     out);
    }
    return out;
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
ArpOwnership::ChooseBackup(GroupId g, LinkId failed) const
{
    return ChooseActive(g, failed, m_config.backupPolicy == BackupPolicy::LowestName);
}

ArpOwnership::LinkId
ArpOwnership::ChooseVipaOwner(GroupId g) const
{
    return ChooseActive(g, NO_LINK, m_config.vipaOwnerPolicy == VipaOwnerPolicy::LowestName);
}

ArpOwnership::LinkId
ArpOwnership::ChooseActive(GroupId g, LinkId excluded, bool byName) const
{
    LinkId best = NO_LINK;
    for (LinkId id : GetGroupLinks(g))
    {
        const Link& l = m_links[id];
        if (id == excluded || !l.active || l.learning)
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

void
ArpOwnership::LeaveGroup(LinkId id)
{
    Link& link = m_links[id];
    GroupId g = link.group;
    Group& group = m_groups.at(g);
    group.owner.erase(link.home);
    link.group = NO_GROUP;
    if (GetGroupLinks(g).empty())
    {
        m_groups.erase(g);
        return;
    }
    if (group.vipaOwner == id)
    {
        Changes ignored; // the old LAN's new VipaOwner is chosen without announcement
        group.vipaOwner = NO_LINK;
        SetVipaOwner(g, ChooseVipaOwner(g), Reason::VipaOwner, false, ignored);
    }
}

} // namespace ns3
