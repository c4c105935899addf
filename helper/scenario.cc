/*
 * zos-takeover: scenario files (JSON) and their validated, typed form.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * This file deliberately includes no ns-3 header: it only needs the C++ library,
 * nlohmann/json and valijson, so the fuzzer (fuzz/) builds it alone.
 *
 * The schema (scenarios/scenario.schema.json, ScenarioSchema) is the contract: it states
 * every key, type, range, enumeration and default. This file only
 *  1. reads the text within limits (size, nesting depth, string length, duplicate keys),
 *  2. applies the --set overrides,
 *  3. asks the schema for the first problem,
 *  4. converts the valid document to the structures of scenario.h (a key left out keeps
 *     the structure's default, which is the schema's),
 *  5. checks what a schema cannot say: names unique and references resolved, addresses
 *     unique, interface addresses not a network or broadcast address, route destinations
 *     without host bits, data rates within ns-3's range, times within the duration, a
 *     probe's stop after its start, probe targets owned by a stack, the work estimate.
 * The first problem found is reported (doc/scenario-format.rst, "Error messages").
 */

#include "scenario.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <functional>
#include <map>
#include <cstdio>
#include <cstring>
#include <locale>
#include <set>
#include <sstream>

namespace ns3
{
namespace zos
{
namespace
{

using Json = ScenarioJson;

/// The file name of messages about a --set override itself.
const char* const kOverrideFile = "--set";

/// A pointer one level down.
JsonPointer
operator+(JsonPointer p, const std::string& token)
{
    p.push_back(token);
    return p;
}

// ------------------------------------------------------------------------------------------
// Addresses and data rates (what the schema's patterns leave to the code)
// ------------------------------------------------------------------------------------------

/// "a.b.c.d" or "a.b.c.d/len" (already matched by the schema's pattern) as numbers.
void
ParseAddress(const std::string& s, uint32_t& address, uint32_t& length)
{
    address = 0;
    length = 32;
    size_t pos = 0;
    for (int i = 0; i < 4; ++i)
    {
        uint32_t octet = 0;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9')
        {
            octet = octet * 10 + static_cast<uint32_t>(s[pos++] - '0');
        }
        address = (address << 8) | octet;
        ++pos; // '.' or '/'
    }
    if (pos <= s.size() && s.find('/') != std::string::npos)
    {
        length = static_cast<uint32_t>(std::stoul(s.substr(s.find('/') + 1)));
    }
}

uint32_t
HostOf(const std::string& s)
{
    uint32_t address = 0;
    uint32_t length = 0;
    ParseAddress(s, address, length);
    return address;
}

std::string
FormatIpv4(uint32_t a)
{
    return std::to_string(a >> 24) + "." + std::to_string((a >> 16) & 0xff) + "." +
           std::to_string((a >> 8) & 0xff) + "." + std::to_string(a & 0xff);
}

uint32_t
PrefixMask(uint32_t length)
{
    return length == 0 ? 0 : ~uint32_t{0} << (32 - length);
}

/// Bits per second of a data rate the schema's pattern accepted ("1.5Gbps").
double
DataRateBps(const std::string& s)
{
    size_t unit = s.find_first_not_of("0123456789.");
    std::istringstream iss(s.substr(0, unit));
    iss.imbue(std::locale::classic());
    double value = 0;
    iss >> value;
    const std::string u = s.substr(unit);
    double multiplier = u == "Gbps" ? 1e9 : u == "Mbps" ? 1e6 : u == "bps" ? 1 : 1e3;
    return value * multiplier;
}

std::string
Text(double d)
{
    return Json(d).dump();
}

// ------------------------------------------------------------------------------------------
// Reading JSON text within limits
// ------------------------------------------------------------------------------------------

/// A problem found while reading: where and what.
struct ReadProblem
{
    JsonPointer pointer;
    std::string reason;
};

/// nlohmann's message without its "[json.exception.parse_error.101] " prefix.
std::string
ParseErrorText(const std::exception& e)
{
    std::string what = e.what();
    if (!what.empty() && what[0] == '[')
    {
        size_t end = what.find("] ");
        if (end != std::string::npos)
        {
            what = what.substr(end + 2);
        }
    }
    // nlohmann quotes the offending text raw; keep the message one printable line.
    std::string out;
    for (unsigned char c : what)
    {
        if (c < 0x20 || c == 0x7f || c >= 0x80)
        {
            char buffer[8];
            std::snprintf(buffer, sizeof(buffer), "\\x%02x", c);
            out += buffer;
        }
        else
        {
            out += static_cast<char>(c);
        }
    }
    return out;
}

/**
 * Parse JSON text, refusing (before the tree grows) nesting deeper than kMaxDepth, strings
 * longer than kMaxStringBytes and duplicate keys (nlohmann would keep the last one).
 * Linear in the size of the text.
 * \throws ReadProblem
 */
Json
ReadJson(const std::string& text, const JsonPointer& base)
{
    struct Frame
    {
        bool isArray;
        size_t index;    // arrays: index of the next element
        std::string key; // objects: the last key read
        std::set<std::string> keys;
    };
    std::vector<Frame> frames;
    auto here = [&]() {
        JsonPointer p = base;
        for (const Frame& f : frames)
        {
            p.push_back(f.isArray ? std::to_string(f.index) : f.key);
        }
        return p;
    };
    auto valueDone = [&]() {
        if (!frames.empty() && frames.back().isArray)
        {
            ++frames.back().index;
        }
    };
    auto callback = [&](int, Json::parse_event_t event, Json& parsed) {
        switch (event)
        {
        case Json::parse_event_t::object_start:
        case Json::parse_event_t::array_start:
            if (frames.size() + 1 > ScenarioLimits::kMaxDepth)
            {
                throw ReadProblem{here(),
                                  "JSON nested deeper than " +
                                      std::to_string(ScenarioLimits::kMaxDepth) +
                                      " levels (expected at most " +
                                      std::to_string(ScenarioLimits::kMaxDepth) + ")"};
            }
            frames.push_back({event == Json::parse_event_t::array_start, 0, "", {}});
            break;
        case Json::parse_event_t::key: {
            std::string key = parsed.get<std::string>();
            if (key.size() > ScenarioLimits::kMaxStringBytes)
            {
                frames.back().key = key.substr(0, 16) + "...";
                throw ReadProblem{here(),
                                  "key of " + std::to_string(key.size()) +
                                      " bytes (expected at most " +
                                      std::to_string(ScenarioLimits::kMaxStringBytes) + ")"};
            }
            frames.back().key = key;
            if (!frames.back().keys.insert(key).second)
            {
                throw ReadProblem{here(),
                                  "duplicate key " + QuoteForMessage(key) +
                                      " (expected each key once per object)"};
            }
            break;
        }
        case Json::parse_event_t::object_end:
        case Json::parse_event_t::array_end:
            frames.pop_back();
            valueDone();
            break;
        case Json::parse_event_t::value:
            if (parsed.is_string() &&
                parsed.get_ref<const std::string&>().size() > ScenarioLimits::kMaxStringBytes)
            {
                throw ReadProblem{here(),
                                  "string of " +
                                      std::to_string(parsed.get_ref<const std::string&>().size()) +
                                      " bytes (expected at most " +
                                      std::to_string(ScenarioLimits::kMaxStringBytes) + ")"};
            }
            valueDone();
            break;
        }
        return true;
    };
    try
    {
        return Json::parse(text, callback);
    }
    catch (const Json::exception& e)
    {
        // a syntax error, or a number too large for a double
        throw ReadProblem{here(), "invalid JSON: " + ParseErrorText(e)};
    }
}

/**
 * JSON has one number type; JSON Schema draft 7 counts 3.0 as an integer, valijson does
 * not. Give such numbers (if exactly representable) the integer type before validation.
 */
void
MakeIntegralNumbersIntegers(Json& j)
{
    if (j.is_number_float())
    {
        double d = j.get<double>();
        if (std::isfinite(d) && d == std::floor(d) && std::fabs(d) <= 9007199254740992.0)
        {
            j = static_cast<int64_t>(d);
        }
    }
    else if (j.is_structured())
    {
        for (Json& child : j)
        {
            MakeIntegralNumbersIntegers(child);
        }
    }
}

// ------------------------------------------------------------------------------------------
// --set overrides
// ------------------------------------------------------------------------------------------

/**
 * A path as --set takes it: a JSON pointer "/stacks/0/detectionDelay" (RFC 6901: "~1" is
 * "/", "~0" is "~"), or the dotted form "stacks[0].detectionDelay".
 * \return false if malformed
 */
bool
ParseSetPath(const std::string& path, JsonPointer& pointer)
{
    if (path.empty())
    {
        return false;
    }
    if (path[0] == '/')
    {
        std::string token;
        for (size_t i = 1; i <= path.size(); ++i)
        {
            if (i == path.size() || path[i] == '/')
            {
                pointer.push_back(token);
                token.clear();
            }
            else if (path[i] == '~')
            {
                if (i + 1 >= path.size() || (path[i + 1] != '0' && path[i + 1] != '1'))
                {
                    return false;
                }
                token += path[++i] == '0' ? '~' : '/';
            }
            else
            {
                token += path[i];
            }
        }
        return true;
    }
    size_t pos = 0;
    while (true)
    {
        std::string key;
        while (pos < path.size() && path[pos] != '.' && path[pos] != '[' && path[pos] != ']')
        {
            key += path[pos++];
        }
        if (key.empty())
        {
            return false;
        }
        pointer.push_back(key);
        while (pos < path.size() && path[pos] == '[')
        {
            size_t close = path.find(']', pos);
            std::string index = path.substr(pos + 1, close == std::string::npos ? 0 : close - pos - 1);
            if (close == std::string::npos || index.empty() || index.size() > 9 ||
                index.find_first_not_of("0123456789") != std::string::npos)
            {
                return false;
            }
            pointer.push_back(index);
            pos = close + 1;
        }
        if (pos == path.size())
        {
            return true;
        }
        if (path[pos] != '.')
        {
            return false;
        }
        ++pos;
    }
}

/**
 * Apply one "PATH=VALUE" override.
 * \return the pointer of what it changed: the value set, or the first key it had to create
 * \throws ScenarioError (file "--set") if the path is malformed or does not exist
 */
JsonPointer
ApplyOverride(Json& root, const std::string& assignment)
{
    size_t eq = assignment.find('=');
    if (eq == std::string::npos)
    {
        throw ScenarioError(kOverrideFile,
                            "/",
                            "got " + QuoteForMessage(assignment) +
                                " (expected PATH=VALUE, e.g. /stacks/0/detectionDelay=0.5)");
    }
    const std::string path = assignment.substr(0, eq);
    const std::string valueText = assignment.substr(eq + 1);
    JsonPointer pointer;
    if (!ParseSetPath(path, pointer) || pointer.empty())
    {
        throw ScenarioError(kOverrideFile,
                            QuoteForMessage(path),
                            "malformed path (expected a JSON pointer such as "
                            "/stacks/0/detectionDelay, or stacks[0].detectionDelay)");
    }
    Json value;
    try
    {
        value = ReadJson(valueText, pointer);
    }
    catch (const ReadProblem& p)
    {
        if (p.reason.rfind("invalid JSON", 0) != 0)
        {
            throw ScenarioError(kOverrideFile, FormatPointer(p.pointer), p.reason);
        }
        value = Json(valueText); // not JSON: a bare string
    }
    Json* node = &root;
    JsonPointer created; // the first key this override adds on its way, if any
    for (size_t i = 0; i < pointer.size(); ++i)
    {
        const std::string& token = pointer[i];
        JsonPointer at(pointer.begin(), pointer.begin() + static_cast<long>(i));
        bool last = i + 1 == pointer.size();
        if (node->is_object())
        {
            // A missing key is created (an object if the path goes on): the schema then
            // says whether it may be there, against --set.
            if (!node->contains(token) && !last)
            {
                (*node)[token] = Json::object();
                if (created.empty())
                {
                    created.assign(pointer.begin(), pointer.begin() + static_cast<long>(i) + 1);
                }
            }
            node = &(*node)[token];
        }
        else if (node->is_array())
        {
            bool digits = !token.empty() && token.size() <= 9 &&
                          token.find_first_not_of("0123456789") == std::string::npos &&
                          (token == "0" || token[0] != '0');
            size_t index = digits ? std::stoul(token) : 0;
            if (!digits || index > node->size() || (index == node->size() && !last))
            {
                throw ScenarioError(kOverrideFile,
                                    FormatPointer(JsonPointer(pointer.begin(),
                                                              pointer.begin() + static_cast<long>(i) + 1)),
                                    "no such element (expected an index below " +
                                        std::to_string(node->size()) + ", or " +
                                        std::to_string(node->size()) + " to append)");
            }
            if (index == node->size())
            {
                node->push_back(Json());
            }
            node = &(*node)[index];
        }
        else
        {
            throw ScenarioError(kOverrideFile,
                                FormatPointer(at),
                                "got " + ValueForMessage(*node) +
                                    " (expected an object or an array to set " +
                                    QuoteForMessage(token) + " in)");
        }
    }
    *node = value;
    return created.empty() ? pointer : created;
}

// ------------------------------------------------------------------------------------------
// Conversion of a valid document
// ------------------------------------------------------------------------------------------

/// Set `field` from j[key] if present (the schema has checked its type).
template <typename T>
void
Read(const Json& j, const char* key, T& field)
{
    auto it = j.find(key);
    if (it != j.end())
    {
        field = it->template get<T>();
    }
}

RouteSpec
ToRoute(const Json& j)
{
    RouteSpec r;
    Read(j, "destination", r.destination);
    Read(j, "gateway", r.gateway);
    Read(j, "link", r.link);
    return r;
}

std::vector<RouteSpec>
ToRoutes(const Json& j)
{
    std::vector<RouteSpec> routes;
    auto it = j.find("routes");
    if (it != j.end())
    {
        for (const Json& r : *it)
        {
            routes.push_back(ToRoute(r));
        }
    }
    return routes;
}

LanSpec
ToLan(const Json& j)
{
    LanSpec lan;
    Read(j, "name", lan.name);
    Read(j, "kind", lan.kind);
    Read(j, "dataRate", lan.dataRate);
    Read(j, "delayUs", lan.delayUs);
    Read(j, "maxPortsPerSwitch", lan.maxPortsPerSwitch);
    return lan;
}

StackSpec
ToStack(const Json& j)
{
    StackSpec st;
    Read(j, "name", st.name);
    for (const Json& l : j.at("links"))
    {
        LinkSpec link;
        Read(l, "name", link.name);
        Read(l, "kind", link.kind);
        Read(l, "lan", link.lan);
        Read(l, "address", link.address);
        Read(l, "activateAt", link.activateAt);
        st.links.push_back(link);
    }
    Read(j, "vipas", st.vipas);
    st.routes = ToRoutes(j);
    if (j.contains("fixes"))
    {
        Read(j["fixes"], "PQ23444", st.fixes.pq23444);
        Read(j["fixes"], "PQ26689", st.fixes.pq26689);
    }
    Read(j, "detectionDelay", st.detectionDelay);
    Read(j, "learningTime", st.learningTime);
    Read(j, "gratuitousArpCount", st.gratuitousArpCount);
    Read(j, "gratuitousArpInterval", st.gratuitousArpInterval);
    Read(j, "gratuitousArpLoss", st.gratuitousArpLoss);
    Read(j, "gratuitousArpLossScope", st.gratuitousArpLossScope);
    Read(j, "vipaGiveBack", st.vipaGiveBack);
    Read(j, "backupPolicy", st.backupPolicy);
    Read(j, "vipaOwnerPolicy", st.vipaOwnerPolicy);
    return st;
}

StationSpec
ToStation(const Json& j)
{
    StationSpec st;
    Read(j, "name", st.name);
    Read(j, "lan", st.lan);
    Read(j, "address", st.address);
    Read(j, "arp", st.arp);
    st.routes = ToRoutes(j);
    if (j.contains("probe"))
    {
        const Json& p = j["probe"];
        ProbeSpec probe;
        Read(p, "targets", probe.targets);
        Read(p, "interval", probe.interval);
        Read(p, "start", probe.start);
        Read(p, "stop", probe.stop);
        Read(p, "port", probe.port);
        st.probe = probe;
    }
    Read(j, "aliveTimeout", st.aliveTimeout);
    Read(j, "deadTimeout", st.deadTimeout);
    Read(j, "waitReplyTimeout", st.waitReplyTimeout);
    Read(j, "maxRetries", st.maxRetries);
    Read(j, "locktime", st.locktime);
    Read(j, "baseReachableTime", st.baseReachableTime);
    Read(j, "delayFirstProbeTime", st.delayFirstProbeTime);
    Read(j, "ucastSolicit", st.ucastSolicit);
    Read(j, "retransTime", st.retransTime);
    Read(j, "gratuitousOverridesLocktime", st.gratuitousOverridesLocktime);
    return st;
}

EventSpec
ToEvent(const Json& j)
{
    EventSpec ev;
    Read(j, "at", ev.at);
    Read(j, "type", ev.type);
    Read(j, "stack", ev.stack);
    Read(j, "link", ev.link);
    Read(j, "address", ev.address);
    return ev;
}

Scenario
ToScenario(const Json& root, const std::string& file)
{
    Scenario s;
    s.file = file;
    Read(root, "name", s.name);
    Read(root, "description", s.description);
    Read(root, "seed", s.seed);
    Read(root, "run", s.run);
    Read(root, "duration", s.duration);
    for (const Json& lan : root.at("lans"))
    {
        s.lans.push_back(ToLan(lan));
    }
    for (const Json& stack : root.at("stacks"))
    {
        s.stacks.push_back(ToStack(stack));
    }
    for (const Json& station : root.value("stations", Json::array()))
    {
        s.stations.push_back(ToStation(station));
    }
    for (const Json& ev : root.value("events", Json::array()))
    {
        s.events.push_back(ToEvent(ev));
    }
    Read(root, "devlinksAt", s.devlinksAt);
    return s;
}

// ------------------------------------------------------------------------------------------
// Cross-checks: what a schema cannot say
// ------------------------------------------------------------------------------------------

class CrossChecker
{
  public:
    CrossChecker(const Scenario& s, std::function<void(const JsonPointer&, const std::string&)> fail)
        : m_s(s),
          m_fail(std::move(fail))
    {
    }

    void Run(const ScenarioLimits& limits);

  private:
    /// Names must be unique: `names` of this kind so far; `kind` for the message.
    void Unique(std::map<std::string, JsonPointer>& names,
                const std::string& name,
                const JsonPointer& at,
                const std::string& kind) const;
    void Resolves(const std::set<std::string>& names,
                  const std::string& name,
                  const JsonPointer& at,
                  const std::string& kind,
                  const std::string& where = "") const;
    void Claim(const std::string& address, const JsonPointer& at);
    void InterfaceAddress(const std::string& address, const JsonPointer& at) const;
    void Destination(const std::string& destination, const JsonPointer& at) const;
    void Before(double t, const JsonPointer& at, bool inclusive) const;

    const Scenario& m_s;
    std::function<void(const JsonPointer&, const std::string&)> m_fail;
    std::map<uint32_t, JsonPointer> m_addresses;
};

std::string
List(const std::set<std::string>& names)
{
    std::string out;
    size_t n = 0;
    for (const std::string& name : names)
    {
        if (n++ == 8)
        {
            return out + ", ...";
        }
        out += (out.empty() ? "" : ", ") + QuoteForMessage(name);
    }
    return out.empty() ? "none" : out;
}

void
CrossChecker::Unique(std::map<std::string, JsonPointer>& names,
                     const std::string& name,
                     const JsonPointer& at,
                     const std::string& kind) const
{
    auto inserted = names.emplace(name, at);
    if (!inserted.second)
    {
        m_fail(at,
               "duplicate " + kind + " name " + QuoteForMessage(name) + " (expected unique " +
                   kind + " names; also at " + FormatPointer(inserted.first->second) + ")");
    }
}

void
CrossChecker::Resolves(const std::set<std::string>& names,
                       const std::string& name,
                       const JsonPointer& at,
                       const std::string& kind,
                       const std::string& where) const
{
    if (names.count(name) == 0)
    {
        m_fail(at,
               "unknown " + kind + " " + QuoteForMessage(name) + where + " (expected one of " +
                   List(names) + ")");
    }
}

void
CrossChecker::Claim(const std::string& address, const JsonPointer& at)
{
    uint32_t a = HostOf(address);
    auto inserted = m_addresses.emplace(a, at);
    if (!inserted.second)
    {
        m_fail(at,
               "duplicate address " + FormatIpv4(a) + " (expected each address once; also at " +
                   FormatPointer(inserted.first->second) + ")");
    }
}

void
CrossChecker::InterfaceAddress(const std::string& text, const JsonPointer& at) const
{
    uint32_t address = 0;
    uint32_t length = 0;
    ParseAddress(text, address, length);
    uint32_t mask = PrefixMask(length);
    if (length <= 30 && (address & ~mask) == 0)
    {
        m_fail(at, "got " + QuoteForMessage(text) + ", the network address of its prefix (expected a host address)");
    }
    if (length <= 30 && (address & ~mask) == ~mask)
    {
        m_fail(at, "got " + QuoteForMessage(text) + ", the broadcast address of its prefix (expected a host address)");
    }
}

void
CrossChecker::Destination(const std::string& text, const JsonPointer& at) const
{
    uint32_t address = 0;
    uint32_t length = 0;
    ParseAddress(text, address, length);
    uint32_t network = address & PrefixMask(length);
    if (network != address)
    {
        m_fail(at,
               "got " + QuoteForMessage(text) + ", which has host bits set (expected a network: " +
                   FormatIpv4(network) + "/" + std::to_string(length) + ")");
    }
}

void
CrossChecker::Before(double t, const JsonPointer& at, bool inclusive) const
{
    if (inclusive ? t > m_s.duration : t >= m_s.duration)
    {
        m_fail(at,
               "got " + Text(t) + " (expected a time " + (inclusive ? "<= " : "< ") +
                   "duration, " + Text(m_s.duration) + ")");
    }
}

void
CrossChecker::Run(const ScenarioLimits& limits)
{
    const Scenario& s = m_s;
    auto at = [](std::initializer_list<std::string> tokens) { return JsonPointer(tokens); };
    auto idx = [](size_t i) { return std::to_string(i); };

    std::map<std::string, JsonPointer> lanNames;
    std::set<std::string> lans;
    for (size_t i = 0; i < s.lans.size(); ++i)
    {
        const LanSpec& lan = s.lans[i];
        Unique(lanNames, lan.name, at({"lans", idx(i), "name"}), "LAN");
        lans.insert(lan.name);
        double bps = DataRateBps(lan.dataRate);
        if (bps < 1 || bps > 1e12)
        {
            m_fail(at({"lans", idx(i), "dataRate"}),
                   "got " + QuoteForMessage(lan.dataRate) + " (expected a data rate in [1bps, 1000Gbps])");
        }
    }

    // Addresses a probe may target: HOMEs, VIPAs and VIPAs added by events.
    std::set<uint32_t> owned;
    std::map<std::string, JsonPointer> stackNames;
    std::map<std::string, std::set<std::string>> linksOf;
    for (size_t i = 0; i < s.stacks.size(); ++i)
    {
        const StackSpec& stack = s.stacks[i];
        Unique(stackNames, stack.name, at({"stacks", idx(i), "name"}), "stack");
        std::map<std::string, JsonPointer> linkNames;
        for (size_t k = 0; k < stack.links.size(); ++k)
        {
            const LinkSpec& link = stack.links[k];
            JsonPointer lp = at({"stacks", idx(i), "links", idx(k)});
            Unique(linkNames, link.name, lp + "name", "link");
            linksOf[stack.name].insert(link.name);
            Resolves(lans, link.lan, lp + "lan", "LAN");
            InterfaceAddress(link.address, lp + "address");
            Claim(link.address, lp + "address");
            owned.insert(HostOf(link.address));
        }
        for (size_t k = 0; k < stack.vipas.size(); ++k)
        {
            Claim(stack.vipas[k], at({"stacks", idx(i), "vipas", idx(k)}));
            owned.insert(HostOf(stack.vipas[k]));
        }
        for (size_t k = 0; k < stack.routes.size(); ++k)
        {
            JsonPointer rp = at({"stacks", idx(i), "routes", idx(k)});
            Destination(stack.routes[k].destination, rp + "destination");
            Resolves(linksOf[stack.name], stack.routes[k].link, rp + "link", "link", " in stack " + QuoteForMessage(stack.name));
        }
    }
    for (const EventSpec& ev : s.events)
    {
        if (ev.type == "vipaAdd")
        {
            owned.insert(HostOf(ev.address));
        }
    }

    std::map<std::string, JsonPointer> stationNames;
    for (size_t i = 0; i < s.stations.size(); ++i)
    {
        const StationSpec& st = s.stations[i];
        JsonPointer sp = at({"stations", idx(i)});
        Unique(stationNames, st.name, sp + "name", "station");
        if (stackNames.count(st.name) != 0)
        {
            m_fail(sp + "name",
                   "station name " + QuoteForMessage(st.name) +
                       " is also a stack name (expected names distinct from stack names)");
        }
        Resolves(lans, st.lan, sp + "lan", "LAN");
        InterfaceAddress(st.address, sp + "address");
        Claim(st.address, sp + "address");
        for (size_t k = 0; k < st.routes.size(); ++k)
        {
            Destination(st.routes[k].destination, sp + "routes" + idx(k) + "destination");
        }
        if (!st.probe)
        {
            continue;
        }
        JsonPointer pp = sp + "probe";
        std::map<uint32_t, JsonPointer> targets;
        for (size_t k = 0; k < st.probe->targets.size(); ++k)
        {
            JsonPointer tp = pp + "targets" + idx(k);
            uint32_t a = HostOf(st.probe->targets[k]);
            if (owned.count(a) == 0)
            {
                m_fail(tp,
                       "no stack owns address " + FormatIpv4(a) +
                           " (expected a HOME address, VIPA or vipaAdd address)");
            }
            auto inserted = targets.emplace(a, tp);
            if (!inserted.second)
            {
                m_fail(tp,
                       "duplicate target " + FormatIpv4(a) + " (expected each target once; also at " +
                           FormatPointer(inserted.first->second) + ")");
            }
        }
        if (st.probe->stop >= 0 && st.probe->stop <= st.probe->start)
        {
            m_fail(pp + "stop",
                   "got " + Text(st.probe->stop) + " (expected -1 or a time > start, " +
                       Text(st.probe->start) + ")");
        }
    }

    for (size_t i = 0; i < s.devlinksAt.size(); ++i)
    {
        Before(s.devlinksAt[i], at({"devlinksAt", idx(i)}), true);
    }

    std::set<std::string> stacks;
    for (const auto& entry : stackNames)
    {
        stacks.insert(entry.first);
    }
    for (size_t i = 0; i < s.events.size(); ++i)
    {
        const EventSpec& ev = s.events[i];
        JsonPointer ep = at({"events", idx(i)});
        Before(ev.at, ep + "at", false);
        Resolves(stacks, ev.stack, ep + "stack", "stack");
        if (!ev.link.empty())
        {
            Resolves(linksOf[ev.stack], ev.link, ep + "link", "link", " in stack " + QuoteForMessage(ev.stack));
        }
        if (ev.type == "vipaAdd")
        {
            Claim(ev.address, ep + "address");
        }
    }

    double work = EstimateWork(s);
    if (limits.maxWork > 0 && work > limits.maxWork)
    {
        char text[128];
        std::snprintf(text,
                      sizeof(text),
                      "estimated work %.3g probe requests and events (expected at most %.3g; ",
                      work,
                      limits.maxWork);
        m_fail({},
               std::string(text) +
                   "shorten the duration, lengthen probe intervals, or raise the limit with "
                   "--max-work)");
    }
}

} // namespace

double
EstimateWork(const Scenario& s)
{
    double work = static_cast<double>(s.events.size());
    for (const StationSpec& st : s.stations)
    {
        if (st.probe)
        {
            double stop = st.probe->stop < 0 ? s.duration : std::min(st.probe->stop, s.duration);
            double span = std::max(0.0, stop - st.probe->start);
            work += static_cast<double>(st.probe->targets.size()) * std::ceil(span / st.probe->interval);
        }
    }
    return work;
}

Scenario
LoadScenario(const std::string& file,
             const std::vector<std::string>& overrides,
             const ScenarioLimits& limits)
{
    const std::string shown = FormatFileName(file);
    std::FILE* f = std::fopen(file.c_str(), "rb");
    if (f == nullptr)
    {
        throw ScenarioError(shown, "/", std::string("cannot read file (") + std::strerror(errno) + ")");
    }
    std::string text;
    char buffer[65536];
    size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof(buffer), f)) > 0)
    {
        text.append(buffer, n);
        if (text.size() > ScenarioLimits::kMaxFileBytes)
        {
            std::fclose(f);
            throw ScenarioError(shown, "/", "file larger than 16 MiB (expected at most 16 MiB)");
        }
    }
    if (std::ferror(f))
    {
        int error = errno;
        std::fclose(f);
        throw ScenarioError(shown, "/", std::string("cannot read file (") + std::strerror(error) + ")");
    }
    std::fclose(f);
    return ParseScenario(text, file, overrides, limits);
}

Scenario
ParseScenario(const std::string& text,
              const std::string& file,
              const std::vector<std::string>& overrides,
              const ScenarioLimits& limits)
{
    const std::string shown = FormatFileName(file);
    if (text.size() > ScenarioLimits::kMaxFileBytes)
    {
        throw ScenarioError(shown,
                            "/",
                            "text of " + std::to_string(text.size()) +
                                " bytes (expected at most 16 MiB)");
    }
    Json root;
    try
    {
        root = ReadJson(text, {});
    }
    catch (const ReadProblem& p)
    {
        throw ScenarioError(shown, FormatPointer(p.pointer), p.reason);
    }
    std::vector<JsonPointer> overridden;
    for (const std::string& assignment : overrides)
    {
        overridden.push_back(ApplyOverride(root, assignment));
    }
    MakeIntegralNumbersIntegers(root);
    // A problem in a value that --set wrote is reported against --set.
    auto fail = [&](const JsonPointer& p, const std::string& reason) {
        std::string where = shown;
        for (const JsonPointer& o : overridden)
        {
            if (p.size() >= o.size() && std::equal(o.begin(), o.end(), p.begin()))
            {
                where = kOverrideFile;
            }
        }
        throw ScenarioError(where, FormatPointer(p), reason);
    };
    if (auto problem = ScenarioSchema::Get().Validate(root))
    {
        fail(problem->pointer, problem->reason);
    }
    Scenario s = ToScenario(root, file);
    CrossChecker(s, fail).Run(limits);
    return s;
}

std::string
FormatFileName(const std::string& file)
{
    for (unsigned char c : file)
    {
        if (c < 0x20 || c == 0x7f)
        {
            return QuoteForMessage(file);
        }
    }
    return file;
}

// ------------------------------------------------------------------------------------------
// Canonical JSON
// ------------------------------------------------------------------------------------------

namespace
{

Json
RouteToJson(const RouteSpec& r)
{
    Json j = Json::object();
    j["destination"] = r.destination;
    if (!r.gateway.empty())
    {
        j["gateway"] = r.gateway;
    }
    if (!r.link.empty())
    {
        j["link"] = r.link;
    }
    return j;
}

Json
RoutesToJson(const std::vector<RouteSpec>& routes)
{
    Json a = Json::array();
    for (const RouteSpec& r : routes)
    {
        a.push_back(RouteToJson(r));
    }
    return a;
}

Json
StackToJson(const StackSpec& st)
{
    Json j = Json::object();
    j["name"] = st.name;
    j["links"] = Json::array();
    for (const LinkSpec& l : st.links)
    {
        Json link = Json::object();
        link["name"] = l.name;
        link["kind"] = l.kind;
        link["lan"] = l.lan;
        link["address"] = l.address;
        link["activateAt"] = l.activateAt;
        j["links"].push_back(link);
    }
    j["vipas"] = st.vipas;
    j["routes"] = RoutesToJson(st.routes);
    j["fixes"] = Json::object();
    j["fixes"]["PQ23444"] = st.fixes.pq23444;
    j["fixes"]["PQ26689"] = st.fixes.pq26689;
    j["detectionDelay"] = st.detectionDelay;
    j["learningTime"] = st.learningTime;
    j["gratuitousArpCount"] = st.gratuitousArpCount;
    j["gratuitousArpInterval"] = st.gratuitousArpInterval;
    j["gratuitousArpLoss"] = st.gratuitousArpLoss;
    j["gratuitousArpLossScope"] = st.gratuitousArpLossScope;
    j["vipaGiveBack"] = st.vipaGiveBack;
    j["backupPolicy"] = st.backupPolicy;
    j["vipaOwnerPolicy"] = st.vipaOwnerPolicy;
    return j;
}

Json
StationToJson(const StationSpec& st)
{
    Json j = Json::object();
    j["name"] = st.name;
    j["lan"] = st.lan;
    j["address"] = st.address;
    j["arp"] = st.arp;
    j["routes"] = RoutesToJson(st.routes);
    if (st.probe)
    {
        Json probe = Json::object();
        probe["targets"] = st.probe->targets;
        probe["interval"] = st.probe->interval;
        probe["start"] = st.probe->start;
        probe["stop"] = st.probe->stop;
        probe["port"] = st.probe->port;
        j["probe"] = probe;
    }
    j["aliveTimeout"] = st.aliveTimeout;
    j["deadTimeout"] = st.deadTimeout;
    j["waitReplyTimeout"] = st.waitReplyTimeout;
    j["maxRetries"] = st.maxRetries;
    j["locktime"] = st.locktime;
    j["baseReachableTime"] = st.baseReachableTime;
    j["delayFirstProbeTime"] = st.delayFirstProbeTime;
    j["ucastSolicit"] = st.ucastSolicit;
    j["retransTime"] = st.retransTime;
    j["gratuitousOverridesLocktime"] = st.gratuitousOverridesLocktime;
    return j;
}

} // namespace

std::string
ScenarioToJson(const Scenario& scenario, int indent)
{
    Json j = Json::object();
    j["name"] = scenario.name;
    j["description"] = scenario.description;
    j["seed"] = scenario.seed;
    j["run"] = scenario.run;
    j["duration"] = scenario.duration;
    j["lans"] = Json::array();
    for (const LanSpec& lan : scenario.lans)
    {
        Json l = Json::object();
        l["name"] = lan.name;
        l["kind"] = lan.kind;
        l["dataRate"] = lan.dataRate;
        l["delayUs"] = lan.delayUs;
        l["maxPortsPerSwitch"] = lan.maxPortsPerSwitch;
        j["lans"].push_back(l);
    }
    j["stacks"] = Json::array();
    for (const StackSpec& stack : scenario.stacks)
    {
        j["stacks"].push_back(StackToJson(stack));
    }
    j["stations"] = Json::array();
    for (const StationSpec& station : scenario.stations)
    {
        j["stations"].push_back(StationToJson(station));
    }
    j["events"] = Json::array();
    for (const EventSpec& ev : scenario.events)
    {
        Json e = Json::object();
        e["at"] = ev.at;
        e["type"] = ev.type;
        e["stack"] = ev.stack;
        if (!ev.link.empty())
        {
            e["link"] = ev.link;
        }
        if (!ev.address.empty())
        {
            e["address"] = ev.address;
        }
        j["events"].push_back(e);
    }
    j["devlinksAt"] = scenario.devlinksAt;
    return j.dump(indent < 0 ? -1 : indent, ' ', false, Json::error_handler_t::replace);
}

} // namespace zos
} // namespace ns3
