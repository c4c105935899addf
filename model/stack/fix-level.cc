/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "fix-level.h"

#include "ns3/assert.h"
#include "ns3/log.h"

namespace ns3
{

namespace zos
{

NS_LOG_COMPONENT_DEFINE("FixLevel");

const std::vector<FixLevel::AparInfo>&
FixLevel::GetApars()
{
    static const std::vector<AparInfo> apars = {
        {Apar::PQ23444,
         "PQ23444",
         "only the owner answers ARP, a backup takes over an inactive link's addresses with "
         "gratuitous ARP, and the stack answers ARP for its VIPAs"},
        {Apar::PQ25476,
         "PQ25476",
         "TCP connections open at a route failure move to a backup route at once instead of "
         "keeping the failed route and timing out"},
        {Apar::PQ26689, "PQ26689", "a new VipaOwner announces every VIPA it inherits at once"},
    };
    return apars;
}

unsigned
FixLevel::Bit(Apar apar)
{
    unsigned index = static_cast<unsigned>(apar);
    NS_ASSERT_MSG(index < GetApars().size(), "unknown APAR " << index);
    return 1U << index;
}

FixLevel::FixLevel()
    : m_applied(0)
{
    for (const auto& info : GetApars())
    {
        m_applied |= Bit(info.apar);
    }
}

FixLevel
FixLevel::AllApplied()
{
    return FixLevel();
}

FixLevel
FixLevel::NoneApplied()
{
    FixLevel level;
    level.m_applied = 0;
    return level;
}

const std::string&
FixLevel::GetName(Apar apar)
{
    const auto& apars = GetApars();
    unsigned index = static_cast<unsigned>(apar);
    NS_ASSERT_MSG(index < apars.size() && apars[index].apar == apar,
                  "GetApars() must list the APARs in enum order");
    return apars[index].name;
}

bool
FixLevel::FindApar(const std::string& name, Apar& apar)
{
    for (const auto& info : GetApars())
    {
        if (info.name == name)
        {
            apar = info.apar;
            return true;
        }
    }
    return false;
}

void
FixLevel::SetApplied(Apar apar, bool applied)
{
    NS_LOG_FUNCTION(this << GetName(apar) << applied);
    if (applied)
    {
        m_applied |= Bit(apar);
    }
    else
    {
        m_applied &= ~Bit(apar);
    }
}

bool
FixLevel::IsApplied(Apar apar) const
{
    return (m_applied & Bit(apar)) != 0;
}

bool
FixLevel::OnlyOwnerAnswers() const
{
    return IsApplied(Apar::PQ23444);
}

bool
FixLevel::TakesOver() const
{
    return IsApplied(Apar::PQ23444);
}

bool
FixLevel::SupportsVipaArp() const
{
    // Seed 003: VIPA ARP came with the takeover APAR.
    return IsApplied(Apar::PQ23444);
}

bool
FixLevel::AnnouncesInheritedVipas() const
{
    return IsApplied(Apar::PQ26689);
}

bool
FixLevel::ReroutesConnections() const
{
    return IsApplied(Apar::PQ25476);
}

std::string
FixLevel::GetAppliedNames() const
{
    std::string out;
    for (const auto& info : GetApars())
    {
        if (IsApplied(info.apar))
        {
            out += (out.empty() ? "" : " ") + info.name;
        }
    }
    return out.empty() ? "none" : out;
}

bool
FixLevel::operator==(const FixLevel& other) const
{
    return m_applied == other.m_applied;
}

bool
FixLevel::operator!=(const FixLevel& other) const
{
    return !(*this == other);
}

std::ostream&
operator<<(std::ostream& os, const FixLevel& level)
{
    return os << level.GetAppliedNames();
}

} // namespace zos
} // namespace ns3
