/*
 * zos-takeover tests: what the ns-3 TestSuites (and the GoogleTest files, through
 * zos-test-util.h) share: running a scenario and observing its ARP frames on the wire, the
 * test-case base class that finds the module's files, and the list of the module's cases.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_TEST_UTILITIES_H
#define ZOS_TAKEOVER_TEST_UTILITIES_H

#include "ns3/arp-header.h"
#include "ns3/ethernet-header.h"
#include "ns3/ipv4-address.h"
#include "ns3/mac48-address.h"
#include "ns3/memory-row-sink.h"
#include "ns3/nstime.h"
#include "ns3/scenario-runner.h"
#include "ns3/scenario.h"
#include "ns3/test.h"
#include "ns3/zos-stack.h"

#include <functional>
#include <map>
#include <memory>
#include <ostream>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace zostest
{

using namespace ns3;
using namespace ns3::zos;

/** An ARP frame seen on a LAN. */
struct WireArp
{
    Time time;                   //!< when it was on the wire
    std::string lan;             //!< the LAN it was seen on
    Mac48Address ethSource;      //!< Ethernet source
    Mac48Address ethDestination; //!< Ethernet destination
    bool request;                //!< request (true) or reply
    Ipv4Address senderIp;        //!< ARP sender protocol address
    Ipv4Address targetIp;        //!< ARP target protocol address
    Mac48Address senderMac;      //!< ARP sender hardware address

    /** \return whether this is a gratuitous ARP (a request for the sender's own address) */
    bool Gratuitous() const
    {
        return request && senderIp == targetIp;
    }

    /** \return whether this is an ARP probe (sender IP 0.0.0.0): LanGroup discovery */
    bool Probe() const
    {
        return request && senderIp == Ipv4Address::GetAny();
    }
};

/**
 * \param path a file
 * \return its content (empty if it cannot be read)
 */
std::string ReadFile(const std::string& path);

/**
 * \param moduleDir the module's source directory
 * \param overrides scenario overrides ("duration=40", ...)
 * \return the seed-001 scenario (scenarios/seed-001-osa1-osa4.json) with the overrides
 */
Scenario LoadSeed001(const std::string& moduleDir, const std::vector<std::string>& overrides);

/** Runs a scenario and keeps every ARP frame, each link's MAC, and (through a MemoryRowSink)
 * every timeline and probe row. */
class Observed
{
  public:
    /** \param scenario the scenario to run */
    explicit Observed(const Scenario& scenario);

    /**
     * \param from start (s, included)
     * \param to end (s, excluded)
     * \return the gratuitous ARPs in [from, to)
     */
    std::vector<WireArp> Gratuitous(double from, double to) const;

    /**
     * \param event event index
     * \param client client name
     * \param target target name
     * \return the outage row of (event, client, target); throws if there is none
     */
    const OutageRow& Outage(uint32_t event,
                            const std::string& client,
                            const std::string& target) const;

    /**
     * \param client client name
     * \param target target address
     * \return the TCP probe connection of (client, target); throws if there is none
     */
    const TcpRow& Tcp(const std::string& client, const std::string& target) const;

    /**
     * \param label the start of a display's label
     * \return the DEVLINKS display whose label starts with label; throws if there is none
     */
    std::string Devlinks(const std::string& label) const;

    /**
     * \param event an event name
     * \return the timeline rows with this event name
     */
    std::vector<TimelineRow> Timeline(const std::string& event) const;

    RunResult result;                        //!< what the run returned
    std::vector<TimelineRow> timeline;       //!< the rows of timeline.csv (MemoryRowSink)
    std::vector<ProbeRow> probes;            //!< the rows of probes.csv (MemoryRowSink)
    std::vector<WireArp> arps;               //!< every ARP frame, in order
    std::map<std::string, Mac48Address> mac; //!< each stack link's MAC
    std::map<std::string, uint64_t> frames;  //!< frames seen per LAN
};

/**
 * \param text some text
 * \return the text with every run of whitespace collapsed to one space, trimmed
 */
std::string NormaliseWhitespace(const std::string& text);

/**
 * \param a an address
 * \return its dotted-decimal text
 */
std::string Str(Ipv4Address a);

/**
 * \param arps ARP frames
 * \return their sender IP addresses, as text
 */
std::multiset<std::string> Addresses(const std::vector<WireArp>& arps);

/**
 * A test case of the module: its data directory is test/ (NS_TEST_SOURCEDIR, in an ns-3 tree
 * and in the standalone build alike), from which it finds the module's files.
 */
class ZosTestCase : public TestCase
{
  public:
    /** \param name the case's name */
    explicit ZosTestCase(std::string name);

  protected:
    /**
     * \param relative a path relative to the module's directory ("scenarios/x.json")
     * \return the file's path
     */
    std::string ModuleFile(const std::string& relative);

    /**
     * \param name a file in test/data
     * \return the file's path
     */
    std::string DataFile(const std::string& name);

    /**
     * \param overrides scenario overrides ("duration=40", ...)
     * \return the seed-001 scenario with the overrides
     */
    Scenario Seed001(const std::vector<std::string>& overrides = {});
};

/** The module's test cases: each makes a new case (the suites own what they are given). */
class CaseList
{
  public:
    /** Adds a case of type T (default-constructible). */
    template <class T>
    void Add()
    {
        m_makers.emplace_back([] { return new T(); });
    }

    /** \return one maker per case, in the order added */
    const std::vector<std::function<TestCase*()>>& Makers() const
    {
        return m_makers;
    }

  private:
    std::vector<std::function<TestCase*()>> m_makers; //!< the cases' makers
};

/** \return every model test case of the module, one file's cases after another */
CaseList AllCases();

// Each *-test.cc adds its cases.
void AddArpOwnershipCases(CaseList& cases);       //!< arp-ownership-test.cc
void AddArpOwnershipGroupsCases(CaseList& cases); //!< arp-ownership-groups-test.cc
void AddDevicesCases(CaseList& cases);            //!< devices-test.cc
void AddTakeoverWireCases(CaseList& cases);       //!< takeover-wire-test.cc
void AddTakeoverWireEventsCases(CaseList& cases); //!< takeover-wire-events-test.cc
void AddGratuitousArpCases(CaseList& cases);      //!< gratuitous-arp-test.cc
void AddLanGroupsCases(CaseList& cases);          //!< langroups-test.cc
void AddLinuxStationCases(CaseList& cases);       //!< linux-station-test.cc
void AddFixLevelsCases(CaseList& cases);          //!< fix-levels-test.cc
void AddDevlinksCases(CaseList& cases);           //!< devlinks-test.cc
void AddKindTableCases(CaseList& cases);          //!< kind-table-test.cc
void AddStackTracesCases(CaseList& cases);        //!< stack-traces-test.cc
void AddOsaPortCases(CaseList& cases);            //!< osa-port-test.cc
void AddWarmStartCases(CaseList& cases);          //!< warm-start-test.cc

} // namespace zostest

// The NS_TEST_* macros print both sides of a failed comparison with operator<<: these print
// the containers the tests compare (declared in the global namespace, where the test cases'
// unqualified lookup finds them).
template <class T>
std::ostream& operator<<(std::ostream& os, const std::vector<T>& v);
template <class T>
std::ostream& operator<<(std::ostream& os, const std::set<T>& v);
template <class T>
std::ostream& operator<<(std::ostream& os, const std::multiset<T>& v);
template <class K, class V>
std::ostream& operator<<(std::ostream& os, const std::map<K, V>& v);
template <class A, class B>
std::ostream& operator<<(std::ostream& os, const std::pair<A, B>& p);

/** Prints a pair as (first, second). */
template <class A, class B>
std::ostream&
operator<<(std::ostream& os, const std::pair<A, B>& p)
{
    return os << "(" << p.first << ", " << p.second << ")";
}

/** Prints a vector as {a, b, ...}. */
template <class T>
std::ostream&
operator<<(std::ostream& os, const std::vector<T>& v)
{
    os << "{";
    for (size_t i = 0; i < v.size(); ++i)
    {
        os << (i ? ", " : "") << v[i];
    }
    return os << "}";
}

/** Prints the elements of a container as {a, b, ...}. */
template <class C>
std::ostream&
PrintElements(std::ostream& os, const C& v)
{
    os << "{";
    bool first = true;
    for (const auto& x : v)
    {
        os << (first ? "" : ", ") << x;
        first = false;
    }
    return os << "}";
}

/** Prints a set as {a, b, ...}. */
template <class T>
std::ostream&
operator<<(std::ostream& os, const std::set<T>& v)
{
    return PrintElements(os, v);
}

/** Prints a multiset as {a, a, b, ...}. */
template <class T>
std::ostream&
operator<<(std::ostream& os, const std::multiset<T>& v)
{
    return PrintElements(os, v);
}

/** Prints a map as {k: v, ...}. */
template <class K, class V>
std::ostream&
operator<<(std::ostream& os, const std::map<K, V>& v)
{
    os << "{";
    bool first = true;
    for (const auto& x : v)
    {
        os << (first ? "" : ", ") << x.first << ": " << x.second;
        first = false;
    }
    return os << "}";
}

#endif
