/*
 * zos-takeover: the one table from scenario kind names to ns-3 TypeIds.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_KIND_TABLE_H
#define ZOS_TAKEOVER_KIND_TABLE_H

#include "ns3/type-id.h"

#include <string>
#include <vector>

namespace ns3
{

namespace zos
{

/**
 * \ingroup zos-takeover
 * \brief Maps the kind names of scenarios ("MPCIPA", "linux", ...) to the TypeIds of the
 * classes that implement them.
 *
 * Every kind is a class chosen by TypeId (ZosStackHelper::SetDeviceType,
 * StationArpHelper::SetModel, LanHelper::SetLanType); this table is the only place where a
 * scenario's name for it appears. A new kind is its class and one line in kind-table.cc.
 */
class KindTable
{
  public:
    /** One kind: the scenario's name for it and the TypeId of its class. */
    struct Entry
    {
        std::string name;   //!< e.g. "MPCIPA"
        std::string typeId; //!< e.g. "ns3::zos::MpcipaNetDevice"
    };

    /** \return the OSA device kinds (subclasses of ns3::zos::OsaNetDevice). */
    static const std::vector<Entry>& GetDeviceKinds();
    /** \return the station ARP models (subclasses of ns3::zos::StationArp). */
    static const std::vector<Entry>& GetStationModels();
    /** \return the LAN kinds (subclasses of ns3::Lan). */
    static const std::vector<Entry>& GetLanKinds();

    /**
     * \param kind a device kind name ("MPCIPA", "LCS") or the TypeId name of a subclass of
     * OsaNetDevice
     * \return the TypeId; aborts with the known names if there is none
     */
    static TypeId LookupDevice(const std::string& kind);
    /**
     * \param model a station model name ("stock", "rfc826", "linux") or the TypeId name of a
     * subclass of StationArp
     * \return the TypeId; aborts with the known names if there is none
     */
    static TypeId LookupStationModel(const std::string& model);
    /**
     * \param kind a LAN kind name ("shared", "switched") or the TypeId name of a subclass of
     * Lan
     * \return the TypeId; aborts with the known names if there is none
     */
    static TypeId LookupLan(const std::string& kind);

    /**
     * \param entries one of the tables above
     * \param name a kind name or a TypeId name
     * \return the TypeId name for a kind name, `name` itself if it is no kind name
     */
    static std::string TypeNameOf(const std::vector<Entry>& entries, const std::string& name);

  private:
    /**
     * Resolve `name` through `entries`, check the TypeId is a `base`.
     * \param entries the table
     * \param name a kind name or TypeId name
     * \param base the TypeId every kind of the table derives from
     * \param what what a kind is, for the error message
     * \return the TypeId
     */
    static TypeId Lookup(const std::vector<Entry>& entries,
                         const std::string& name,
                         TypeId base,
                         const std::string& what);
};

} // namespace zos
} // namespace ns3

#endif
