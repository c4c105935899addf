/*
 * zos-takeover: scenario files (JSON) and their validated, typed form.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_SCENARIO_H
#define ZOS_TAKEOVER_SCENARIO_H

#include "scenario-json.h"
#include "scenario-schema.h"
#include "scenario-settings.h"

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
 * A scenario that cannot be used. what() is the one-line message
 * "FILE: POINTER: REASON", e.g.
 * "scenarios/x.json: /stacks/0/links/1/lan: unknown LAN \"LAN9\" (LANs: \"LAN1\")".
 * POINTER is a JSON pointer as --set accepts it; REASON says what is wrong and, in
 * parentheses, what is allowed. Control characters are escaped: it is always one line.
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
    std::string kind = ScenarioDefaultString("lan", "kind");         //!< "shared" or "switched"
    std::string dataRate = ScenarioDefaultString("lan", "dataRate"); //!< ns-3 DataRate
    double delayUs = ScenarioDefaultNumber("lan", "delayUs");        //!< per CSMA segment, µs
    uint32_t maxPortsPerSwitch = ScenarioDefaultUnsigned("lan", "maxPortsPerSwitch"); //!< switched
    std::optional<uint32_t> queueSize; //!< packets per device transmit queue; unset = 100
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
    std::string name;                                                //!< e.g. "OSA1"
    std::string kind = ScenarioDefaultString("link", "kind");        //!< "MPCIPA" or "LCS"
    std::string lan;                                                 //!< LAN name
    std::string address;                                             //!< HOME address "a.b.c.d/len"
    double activateAt = ScenarioDefaultNumber("link", "activateAt"); //!< seconds
    std::string port; //!< shared OSA port (ports[].name) the link uses; "" for its own port
    /// RIP metric added to routes received on the link (OMPROUTE In_Metric); unset = 1
    std::optional<uint32_t> ripInMetric;
};

/** A z/OS TCP/IP stack. */
struct StackSpec
{
    std::string name;
    std::vector<LinkSpec> links;
    std::vector<std::string> vipas; //!< static VIPAs "a.b.c.d"
    std::vector<RouteSpec> routes;  //!< extra static routes (each names its link)
    /// Keys that set ZosStack attributes: "detectionDelay", "fixes.PQ23444", ...
    ScenarioSettings settings{"stack"};
    bool ipForwarding = ScenarioDefaultBool("stack", "ipForwarding"); //!< IPCONFIG DATAGRAMFWD
    bool rip = ScenarioDefaultBool("stack", "rip"); //!< runs RIP (ns-3 Rip) on its links
};

/** One interface of a router: on a LAN (or the LAN standing for a CLAW channel). */
struct RouterInterfaceSpec
{
    std::string lan;     //!< LAN name
    std::string address; //!< "a.b.c.d/len"
    /// RIP metric added to routes received on the interface; unset = 1
    std::optional<uint32_t> ripInMetric;
};

/** An IP router (seed 003 item 5: RTR A): forwards datagrams, optionally runs RIP. */
struct RouterSpec
{
    std::string name;
    std::vector<RouterInterfaceSpec> interfaces;
    bool rip = ScenarioDefaultBool("router", "rip"); //!< runs RIP (ns-3 Rip)
};

/** RIP timers and choices, for every node that runs RIP. */
struct RipSpec
{
    double updateInterval = ScenarioDefaultNumber("rip", "updateInterval"); //!< seconds
    double startupDelay = ScenarioDefaultNumber("rip", "startupDelay");     //!< seconds
    double timeoutDelay = ScenarioDefaultNumber("rip", "timeoutDelay");     //!< seconds
    double garbageCollectionDelay =
        ScenarioDefaultNumber("rip", "garbageCollectionDelay"); //!< seconds
    /// A stack advertises the HOME address of an inactive link as a host route
    bool advertiseInactiveHome = ScenarioDefaultBool("rip", "advertiseInactiveHome");
};

/** One OSA Address Table entry of a shared port. */
struct OatEntrySpec
{
    std::string address; //!< destination IP "a.b.c.d"
    std::string stack;   //!< the partition (stack) that receives it
    std::string mode;    //!< "PRIMARY", "SECONDARY" or "" (neither)
};

/** An OSA-2 (LCS) port shared by several stacks (partitions), with its OAT. */
struct PortSpec
{
    std::string name;
    std::string kind = ScenarioDefaultString("port", "kind"); //!< "LCS"
    std::string lan;                                          //!< LAN name
    std::vector<OatEntrySpec> oat;                            //!< at most 16 entries
};

/** Probe traffic sent by a station. */
struct ProbeSpec
{
    std::vector<std::string> targets; //!< addresses (HOME or VIPA) "a.b.c.d"
    double interval = ScenarioDefaultNumber("probe", "interval"); //!< seconds
    double start = ScenarioDefaultNumber("probe", "start");       //!< seconds
    double stop = ScenarioDefaultNumber("probe", "stop");         //!< seconds; < 0 = the end
    uint16_t port = static_cast<uint16_t>(ScenarioDefaultUnsigned("probe", "port"));
    std::string transport = ScenarioDefaultString("probe", "transport"); //!< "udp" or "tcp"
    /// A random offset in [0, startJitter) s added to start, per client; unset = 0
    std::optional<double> startJitter;
};

/** A LAN station (client or router). */
struct StationSpec
{
    std::string name;
    std::string lan;
    std::string address;                                       //!< "a.b.c.d/len"
    std::string arp = ScenarioDefaultString("station", "arp"); //!< "stock", "rfc826", "linux"
    std::vector<RouteSpec> routes;
    std::optional<ProbeSpec> probe;
    /// Keys that set attributes of the station's ArpCache or ARP model: "aliveTimeout", ...
    ScenarioSettings settings{"station"};
};

/**
 * Many stations written once (issue 11): `count` stations named NAME followed by their
 * number (1-based, zero-padded to the width of count), on one LAN, with consecutive
 * addresses from `firstAddress`, the ARP models mixed by share, the same routes and probe.
 * ExpandStationGroup gives its stations.
 */
struct StationGroupSpec
{
    std::string name;         //!< name prefix
    uint32_t count = 1;       //!< stations
    std::string lan;          //!< LAN name
    std::string firstAddress; //!< address of the first station "a.b.c.d/len"
    /// share of each station ARP model ("stock", "rfc826", "linux"); unset = all rfc826
    std::optional<std::map<std::string, double>> models;
    std::vector<RouteSpec> routes;
    std::optional<ProbeSpec> probe;
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
    uint32_t seed = ScenarioDefaultUnsigned("", "seed");     //!< family of samples
    uint32_t run = ScenarioDefaultUnsigned("", "run");       //!< replication
    double duration = ScenarioDefaultNumber("", "duration"); //!< seconds
    /// Start with resolved neighbour caches (WarmStartHelper, issue 11); unset = false
    std::optional<bool> warmStart;
    std::vector<LanSpec> lans;
    std::vector<PortSpec> ports; //!< shared OSA ports
    std::vector<StackSpec> stacks;
    std::vector<StationSpec> stations;
    std::vector<StationGroupSpec> stationGroups; //!< stations written once (issue 11)
    std::vector<RouterSpec> routers; //!< IP routers (RIP)
    std::optional<RipSpec> rip;      //!< RIP settings; absent: the defaults
    std::vector<EventSpec> events;
    /** Extra Netstat DEVLINKS displays of every stack at these times (seconds). */
    std::vector<double> devlinksAt;
};

/** Limits of what a scenario may ask for (doc/scenario-format.rst, "Limits"). */
struct ScenarioLimits
{
    /// Largest scenario file, bytes.
    static constexpr size_t kMaxFileBytes = 16u << 20;
    /// Deepest JSON nesting (the format itself needs 5 levels).
    static constexpr size_t kMaxDepth = kJsonMaxDepth;
    /// Longest JSON string, bytes (names are at most 64 characters, descriptions 2000).
    static constexpr size_t kMaxStringBytes = kJsonMaxStringBytes;
    /// Default work limit: probe requests, start-up broadcasts and events (see EstimateWork).
    static constexpr double kDefaultMaxWork = 5e7;

    /// Work limit; 0 = none (the command-line option --max-work).
    double maxWork = kDefaultMaxWork;
};

/**
 * The stations of a group, in order: the i-th (0-based) is named NAME + (i+1) zero-padded
 * to the digits of count, has address firstAddress + i (same prefix length) and the ARP
 * model chosen by smooth weighted round-robin over the shares (models in name order; the
 * counts follow the shares within one station, and the models are interleaved).
 * \param group a cross-checked group
 * \return its stations
 */
std::vector<StationSpec> ExpandStationGroup(const StationGroupSpec& group);

/**
 * \param scenario a scenario
 * \return its stations, then the stations of each station group, in order
 */
std::vector<StationSpec> AllStations(const Scenario& scenario);

/**
 * The work a scenario asks for: the probe requests all stations send (for each station
 * with a probe, its targets times its probing time divided by its interval, rounded up),
 * plus the start-up broadcasts (per LAN, its links and probing stations times its
 * attachments: each of them broadcasts an ARP request that reaches every attachment; with
 * warmStart, its links only), plus
 * the events. A scenario above ScenarioLimits::maxWork is refused.
 */
double EstimateWork(const Scenario& scenario);

/**
 * Read, check and convert a scenario file: read (at most 16 MiB), parse (nesting at most
 * ScenarioLimits::kMaxDepth, no duplicate keys), apply the overrides, validate against the
 * schema (ScenarioSchema), convert, cross-check what the schema cannot say, check the work
 * estimate.
 *
 * `overrides` are "--set PATH=VALUE" strings applied to the JSON before validation, in
 * order. PATH is a JSON pointer as messages print it ("/stacks/0/detectionDelay"; the
 * dotted form "stacks[0].detectionDelay" is also accepted); VALUE is JSON, or else taken as
 * a string. Setting a key that does not exist adds it (and the schema then rejects it if it
 * is unknown); an array index may be the array's size (appends).
 *
 * \throws ScenarioError on any problem (one line: file, JSON pointer, reason).
 */
Scenario LoadScenario(const std::string& file,
                      const std::vector<std::string>& overrides = {},
                      const ScenarioLimits& limits = {});

/** Same, from JSON text; `file` is only used in messages. */
Scenario ParseScenario(const std::string& text,
                       const std::string& file,
                       const std::vector<std::string>& overrides = {},
                       const ScenarioLimits& limits = {});

/** A file name as messages show it: quoted and escaped if it has control characters. */
std::string FormatFileName(const std::string& file);

/** The scenario as canonical JSON text (every field, defaults filled in). */
std::string ScenarioToJson(const Scenario& scenario, int indent = 2);

} // namespace zos
} // namespace ns3

#endif
