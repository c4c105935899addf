/*
 * zos-takeover: the APARs (fixes) applied to a z/OS stack, and what they change.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_FIX_LEVEL_H
#define ZOS_TAKEOVER_FIX_LEVEL_H

#include <ostream>
#include <string>
#include <vector>

namespace ns3
{

namespace zos
{

/**
 * \ingroup zos-takeover
 * \brief The fix level of a z/OS stack: which of the modelled APARs are applied.
 *
 * The only place where an APAR name becomes behaviour. The ownership table (ArpOwnership)
 * and the stack (ZosStack) never test an APAR: they ask the questions below
 * (TakesOver(), OnlyOwnerAnswers(), ...). A new APAR is one more entry in Apar, one more
 * line in GetApars(), and the questions it changes.
 *
 * The modelled APARs (seed 003):
 *  - PQ23444: ARP takeover. Only the owner of an address answers ARP for it, a backup link
 *    takes over an inactive link's addresses and announces them with gratuitous ARP, and
 *    the stack answers ARP for its VIPAs. Before it every link answers for every HOME
 *    address with its own MAC, nothing is taken over, and VIPA ARP is not supported.
 *  - PQ25476: at a route failure the stack's TCP connections move to a backup route at
 *    once. Before it a connection open at the failure keeps its old route and times out
 *    (ConnectionRouteCache).
 *  - PQ26689: a new VipaOwner announces every VIPA it inherits at once. Before it a VIPA
 *    moves only when the new owner is asked for it.
 *
 * A value type: copied into the ownership table's configuration, no simulator involved.
 */
class FixLevel
{
  public:
    /** The APARs this model knows. */
    enum class Apar
    {
        PQ23444, //!< ARP takeover, only the owner answers, VIPA ARP
        PQ25476, //!< TCP connections move to a backup route at a route failure
        PQ26689, //!< a new VipaOwner announces inherited VIPAs
    };

    /** What the model knows of one APAR (for documentation and messages). */
    struct AparInfo
    {
        Apar apar;           //!< which
        std::string name;    //!< its IBM name, e.g. "PQ23444"
        std::string changes; //!< what applying it changes, one sentence
    };

    /** Every APAR applied (the behaviour of a current z/OS release). */
    FixLevel();

    /** \return a fix level with every modelled APAR applied. */
    static FixLevel AllApplied();
    /** \return a fix level with no modelled APAR applied. */
    static FixLevel NoneApplied();

    /** \return every APAR this model knows, in IBM's order. */
    static const std::vector<AparInfo>& GetApars();
    /**
     * \param apar an APAR
     * \return its IBM name ("PQ23444")
     */
    static const std::string& GetName(Apar apar);
    /**
     * Look an APAR up by its IBM name.
     * \param name e.g. "PQ23444" (exact spelling)
     * \param apar set to the APAR when found
     * \return true if the model knows the APAR
     */
    static bool FindApar(const std::string& name, Apar& apar);

    /**
     * Apply or remove an APAR.
     * \param apar the APAR
     * \param applied true to apply it
     */
    void SetApplied(Apar apar, bool applied);
    /**
     * \param apar an APAR
     * \return true if it is applied
     */
    bool IsApplied(Apar apar) const;

    // Behaviour questions: the rest of the model asks these, never for an APAR.

    /**
     * \return true if only the owner of an address answers ARP for it (PQ23444); false if
     * every link answers for every HOME address with its own MAC
     */
    bool OnlyOwnerAnswers() const;
    /**
     * \return true if a backup link takes over the addresses of an inactive link and
     * announces them (PQ23444)
     */
    bool TakesOver() const;
    /** \return true if the stack answers and announces ARP for its VIPAs (PQ23444) */
    bool SupportsVipaArp() const;
    /**
     * \return true if a VipaOwner that inherits the role from a failed owner announces every
     * VIPA at once (PQ26689); false if a VIPA moves only when an ARP request asks for it
     */
    bool AnnouncesInheritedVipas() const;
    /**
     * \return true if a route failure moves the TCP connections routed over it to a backup
     * route (PQ25476); false if they keep the failed route (and time out)
     */
    bool ReroutesConnections() const;

    /**
     * \return the applied APARs' names, space separated ("PQ23444 PQ26689"), or "none"
     */
    std::string GetAppliedNames() const;

    /**
     * \param other another fix level
     * \return true if both apply the same APARs
     */
    bool operator==(const FixLevel& other) const;
    /**
     * \param other another fix level
     * \return true if they differ
     */
    bool operator!=(const FixLevel& other) const;

  private:
    /** \return the bit of an APAR in m_applied */
    static unsigned Bit(Apar apar);

    unsigned m_applied; //!< one bit per Apar
};

/**
 * \ingroup zos-takeover
 * Print the applied APARs (FixLevel::GetAppliedNames()).
 * \param os the stream
 * \param level the fix level
 * \return the stream
 */
std::ostream& operator<<(std::ostream& os, const FixLevel& level);

} // namespace zos
} // namespace ns3

#endif
