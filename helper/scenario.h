/*
 * zos-takeover: scenario files (JSON) and their validated, typed form.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_SCENARIO_H
#define ZOS_TAKEOVER_SCENARIO_H

#include <cstdint>
#include <map>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace ns3
{
namespace zos
{

/**
 * \ingroup zos-takeover
 * A scenario that cannot be used. what() is the one-line message:
 * "<file>: <json path>: <reason>", e.g.
 * "scenarios/x.json: $.stacks[0].links[1].lan: unknown LAN 'LAN9'".
 */
class ScenarioError : public std::runtime_error
{
  public:
    ScenarioError(const std::string& file, const std::string& jsonPath, const std::string& reason)
        : std::runtime_error(file + ": " + jsonPath + ": " + reason),
          m_file(file),
          m_jsonPath(jsonPath),
          m_reason(reason)
    {
    }

    const std::string& File() const
    {
        return m_file;
    }

    const std::string& JsonPath() const
    {
        return m_jsonPath;
    }

    const std::string& Reason() const
    {
        return m_reason;
    }

  private:
    std::string m_file;
    std::string m_jsonPath;
    std::string m_reason;
};

/** A LAN: one broadcast domain. */
struct LanSpec
{
    std::string name;
    std::string kind = "switched";  //!< "shared" (one CSMA channel) or "switched" (bridge)
    std::string dataRate = "1Gbps"; //!< ns-3 DataRate string
    double delayUs = 1.0;           //!< propagation delay of each CSMA segment, microseconds
    uint32_t maxPortsPerSwitch = 0; //!< switched: 0 = one switch; else access switches of at
                                    //!< most this many ports under one core switch
};

/** A static route. gateway empty = on-link (directly reachable on that link). */
struct RouteSpec
{
    std::string destination; //!< "a.b.c.d/len"
    std::string gateway;     //!< "" for on-link
    std::string link;        //!< link (stack) or "" (station: its only interface)
};

/** One link of a z/OS stack, on one OSA port. */
struct LinkSpec
{
    std::string name;            //!< e.g. "OSA1"
    std::string kind = "MPCIPA"; //!< "MPCIPA" or "LCS"
    std::string lan;             //!< LAN name
    std::string address;         //!< HOME address "a.b.c.d/len"
    double activateAt = 0.0;     //!< seconds; link start order decides VipaOwner
};

/** Fix levels (seed 003). true = applied. */
struct FixSpec
{
    bool pq23444 = true;
    bool pq26689 = true;
};

/** A z/OS TCP/IP stack. */
struct StackSpec
{
    std::string name;
    std::vector<LinkSpec> links;
    std::vector<std::string> vipas; //!< static VIPAs "a.b.c.d"
    std::vector<RouteSpec> routes;  //!< extra static routes (each names its link)
    FixSpec fixes;
    double detectionDelay = 0.1;        //!< seconds from port failure to the stack noticing
    double learningTime = 0.01;         //!< seconds a starting link listens for siblings
    uint32_t gratuitousArpCount = 1;    //!< gratuitous ARPs per address announced
    double gratuitousArpInterval = 1.0; //!< seconds between them
    double gratuitousArpLoss = 0.0;     //!< probability each one is lost
    std::string gratuitousArpLossScope = "frame"; //!< "frame" (nobody hears it) or "receiver"
    bool vipaGiveBack = false;                    //!< recovered link takes VipaOwner back
    std::string backupPolicy = "LongestActive";   //!< or "LowestName"
    std::string vipaOwnerPolicy = "FirstActive";  //!< or "LowestName"
};

/** Probe traffic sent by a station. */
struct ProbeSpec
{
    std::vector<std::string> targets; //!< addresses (HOME or VIPA) "a.b.c.d"
    double interval = 0.1;            //!< seconds between requests to each target
    double start = 1.0;               //!< seconds
    double stop = -1.0;               //!< seconds; < 0 = end of the simulation
    uint16_t port = 7;                //!< UDP port of the stack's probe responder
};

/** A LAN station (client or router). */
struct StationSpec
{
    std::string name;
    std::string lan;
    std::string address;        //!< "a.b.c.d/len"
    std::string arp = "rfc826"; //!< "stock", "rfc826" or "linux"
    std::vector<RouteSpec> routes;
    std::optional<ProbeSpec> probe;
    // ARP cache knobs (ns-3 ArpCache defaults; linux-like knobs from arp(7))
    double aliveTimeout = 120.0;
    double deadTimeout = 100.0;
    double waitReplyTimeout = 1.0;
    uint32_t maxRetries = 3;
    double locktime = 1.0;
    double baseReachableTime = 30.0;
    double delayFirstProbeTime = 5.0;
    uint32_t ucastSolicit = 3;
    double retransTime = 1.0;
    bool gratuitousOverridesLocktime = true;
};

/** A scheduled event. */
struct EventSpec
{
    double at = 0.0;     //!< seconds
    std::string type;    //!< portFailure, portRepair, linkStop, linkStart, stackFailure, vipaAdd
    std::string stack;   //!< stack name
    std::string link;    //!< link name (not for stackFailure / vipaAdd)
    std::string address; //!< vipaAdd only
};

/** A whole scenario. */
struct Scenario
{
    std::string file; //!< where it was read from ("" if built in code)
    std::string name;
    std::string description;
    uint32_t seed = 1;      //!< ns-3 RngSeed
    uint32_t run = 1;       //!< ns-3 RngRun
    double duration = 30.0; //!< seconds
    std::vector<LanSpec> lans;
    std::vector<StackSpec> stacks;
    std::vector<StationSpec> stations;
    std::vector<EventSpec> events;
    /** Extra Netstat DEVLINKS displays of every stack at these times (seconds). */
    std::vector<double> devlinksAt;
};

/**
 * Read, check and convert a scenario file. `overrides` are "--set PATH=VALUE" strings
 * applied to the JSON before validation (PATH is dotted, with [i] for arrays, e.g.
 * "stacks[0].detectionDelay=0.5"; VALUE is JSON, or a bare string).
 * \throws ScenarioError on any problem (unreadable file, bad JSON, unknown key, wrong type,
 *         out-of-range value, dangling name, duplicate name or address).
 */
Scenario LoadScenario(const std::string& file, const std::vector<std::string>& overrides = {});

/** Same, from JSON text; `file` is only used in messages. */
Scenario ParseScenario(const std::string& text,
                       const std::string& file,
                       const std::vector<std::string>& overrides = {});

/** The scenario as canonical JSON text (every field, defaults filled in). */
std::string ScenarioToJson(const Scenario& scenario, int indent = 2);

} // namespace zos
} // namespace ns3

#endif
