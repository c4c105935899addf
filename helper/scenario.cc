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
 *  1. reads the text within limits (size here; nesting depth, string length and duplicate
 *     keys in scenario-json.cc),
 *  2. applies the --set overrides (scenario-json.cc),
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

#include "scenario-json.h"

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <locale>
#include <map>
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
// Conversion: one list of keys per structure, used to read a valid document and to write
// the canonical form
// ------------------------------------------------------------------------------------------

/// Written only if not empty (optional keys without a default).
constexpr bool kOmitEmpty = true;

template <typename F>
void
Fields(LanSpec& l, F f)
{
    f("name", l.name);
    f("kind", l.kind);
    f("dataRate", l.dataRate);
    f("delayUs", l.delayUs);
    f("maxPortsPerSwitch", l.maxPortsPerSwitch);
}

template <typename F>
void
Fields(LinkSpec& l, F f)
{
    f("name", l.name);
    f("kind", l.kind);
    f("lan", l.lan);
    f("address", l.address);
    f("activateAt", l.activateAt);
}

template <typename F>
void
Fields(RouteSpec& r, F f)
{
    f("destination", r.destination);
    f("gateway", r.gateway, kOmitEmpty);
    f("link", r.link, kOmitEmpty);
}

template <typename F>
void
Fields(FixSpec& x, F f)
{
    f("PQ23444", x.pq23444);
    f("PQ26689", x.pq26689);
}

template <typename F>
void
Fields(StackSpec& st, F f)
{
    f("name", st.name);
    f("links", st.links);
    f("vipas", st.vipas);
    f("routes", st.routes);
    f("fixes", st.fixes);
    f("detectionDelay", st.detectionDelay);
    f("learningTime", st.learningTime);
    f("gratuitousArpCount", st.gratuitousArpCount);
    f("gratuitousArpInterval", st.gratuitousArpInterval);
    f("gratuitousArpLoss", st.gratuitousArpLoss);
    f("gratuitousArpLossScope", st.gratuitousArpLossScope);
    f("vipaGiveBack", st.vipaGiveBack);
    f("backupPolicy", st.backupPolicy);
    f("vipaOwnerPolicy", st.vipaOwnerPolicy);
}

template <typename F>
void
Fields(ProbeSpec& p, F f)
{
    f("targets", p.targets);
    f("interval", p.interval);
    f("start", p.start);
    f("stop", p.stop);
    f("port", p.port);
}

template <typename F>
void
Fields(StationSpec& st, F f)
{
    f("name", st.name);
    f("lan", st.lan);
    f("address", st.address);
    f("arp", st.arp);
    f("routes", st.routes);
    f("probe", st.probe);
    f("aliveTimeout", st.aliveTimeout);
    f("deadTimeout", st.deadTimeout);
    f("waitReplyTimeout", st.waitReplyTimeout);
    f("maxRetries", st.maxRetries);
    f("locktime", st.locktime);
    f("baseReachableTime", st.baseReachableTime);
    f("delayFirstProbeTime", st.delayFirstProbeTime);
    f("ucastSolicit", st.ucastSolicit);
    f("retransTime", st.retransTime);
    f("gratuitousOverridesLocktime", st.gratuitousOverridesLocktime);
}

template <typename F>
void
Fields(EventSpec& ev, F f)
{
    f("at", ev.at);
    f("type", ev.type);
    f("stack", ev.stack);
    f("link", ev.link, kOmitEmpty);
    f("address", ev.address, kOmitEmpty);
}

template <typename F>
void
Fields(Scenario& s, F f)
{
    f("name", s.name);
    f("description", s.description);
    f("seed", s.seed);
    f("run", s.run);
    f("duration", s.duration);
    f("lans", s.lans);
    f("stacks", s.stacks);
    f("stations", s.stations);
    f("events", s.events);
    f("devlinksAt", s.devlinksAt);
}

/// A Fields() visitor that does nothing (to detect structures).
struct AnyField
{
    template <typename... A>
    void operator()(A&&...) const
    {
    }
};

/// Whether T has a Fields() list (a structure of scenario.h).
template <typename T, typename = void>
struct IsSpec : std::false_type
{
};

template <typename T>
struct IsSpec<T, decltype(Fields(std::declval<T&>(), AnyField{}))> : std::true_type
{
};

template <typename T>
void FromJson(const Json& j, T& value);
template <typename T>
void FromJson(const Json& j, std::vector<T>& values);
template <typename T>
void FromJson(const Json& j, std::optional<T>& value);

/// Reads the keys present; the others keep the structure's (the schema's) default.
struct Reader
{
    const Json& j;

    template <typename T>
    void operator()(const char* key, T& field, bool = false) const
    {
        auto it = j.find(key);
        if (it != j.end())
        {
            FromJson(*it, field);
        }
    }
};

template <typename T>
void
FromJson(const Json& j, T& value)
{
    if constexpr (IsSpec<T>::value)
    {
        Fields(value, Reader{j});
    }
    else
    {
        value = j.get<T>();
    }
}

template <typename T>
void
FromJson(const Json& j, std::vector<T>& values)
{
    values.resize(j.size());
    for (size_t i = 0; i < j.size(); ++i)
    {
        FromJson(j[i], values[i]);
    }
}

template <typename T>
void
FromJson(const Json& j, std::optional<T>& value)
{
    value.emplace();
    FromJson(j, *value);
}

template <typename T>
Json ToJson(const T& value);
template <typename T>
Json ToJson(const std::vector<T>& values);
template <typename T>
Json ToJson(const std::optional<T>& value);

/// Writes every key (a default too), except empty optional ones.
struct Writer
{
    Json& j;

    template <typename T>
    void operator()(const char* key, const T& field, bool omitEmpty = false) const
    {
        if constexpr (std::is_same_v<T, std::string>)
        {
            if (omitEmpty && field.empty())
            {
                return;
            }
        }
        Json v = ToJson(field);
        if (!v.is_null())
        {
            j[key] = v;
        }
    }
};

template <typename T>
Json
ToJson(const T& value)
{
    if constexpr (IsSpec<T>::value)
    {
        Json j = Json::object();
        Fields(const_cast<T&>(value), Writer{j});
        return j;
    }
    else
    {
        return Json(value);
    }
}

template <typename T>
Json
ToJson(const std::vector<T>& values)
{
    Json a = Json::array();
    for (const T& v : values)
    {
        a.push_back(ToJson(v));
    }
    return a;
}

template <typename T>
Json
ToJson(const std::optional<T>& value)
{
    return value ? ToJson(*value) : Json();
}

// ------------------------------------------------------------------------------------------
// Cross-checks: what a schema cannot say
// ------------------------------------------------------------------------------------------

class CrossChecker
{
  public:
    CrossChecker(const Scenario& s,
                 std::function<void(const JsonPointer&, const std::string&)> fail)
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
        m_fail(at,
               "got " + QuoteForMessage(text) +
                   ", the network address of its prefix (expected a host address)");
    }
    if (length <= 30 && (address & ~mask) == ~mask)
    {
        m_fail(at,
               "got " + QuoteForMessage(text) +
                   ", the broadcast address of its prefix (expected a host address)");
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
               "got " + Text(t) + " (expected a time " + (inclusive ? "<= " : "< ") + "duration, " +
                   Text(m_s.duration) + ")");
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
                   "got " + ValueForMessage(Json(lan.dataRate)) +
                       " (expected a data rate in [1bps, 1000Gbps])");
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
            Resolves(linksOf[stack.name],
                     stack.routes[k].link,
                     rp + "link",
                     "link",
                     " in stack " + QuoteForMessage(stack.name));
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
                       "duplicate target " + FormatIpv4(a) +
                           " (expected each target once; also at " +
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
            Resolves(linksOf[ev.stack],
                     ev.link,
                     ep + "link",
                     "link",
                     " in stack " + QuoteForMessage(ev.stack));
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
                      "estimated work %.3g probe requests, start-up broadcasts and events "
                      "(expected at most %.3g; ",
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
    // Start-up broadcasts: every link and every probing station sends at least one ARP
    // broadcast, which reaches every attachment of its LAN.
    std::map<std::string, std::pair<double, double>> lans; // LAN -> (senders, attachments)
    for (const StackSpec& stack : s.stacks)
    {
        for (const LinkSpec& link : stack.links)
        {
            lans[link.lan].first += 1;
            lans[link.lan].second += 1;
        }
    }
    for (const StationSpec& st : s.stations)
    {
        lans[st.lan].first += st.probe ? 1 : 0;
        lans[st.lan].second += 1;
    }
    for (const auto& lan : lans)
    {
        work += lan.second.first * lan.second.second;
    }
    for (const StationSpec& st : s.stations)
    {
        if (st.probe)
        {
            double stop = st.probe->stop < 0 ? s.duration : std::min(st.probe->stop, s.duration);
            double span = std::max(0.0, stop - st.probe->start);
            work += static_cast<double>(st.probe->targets.size()) *
                    std::ceil(span / st.probe->interval);
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
        throw ScenarioError(shown,
                            "/",
                            std::string("cannot read file (") + std::strerror(errno) + ")");
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
        throw ScenarioError(shown,
                            "/",
                            std::string("cannot read file (") + std::strerror(error) + ")");
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
        root = ReadJsonWithinLimits(text, {});
    }
    catch (const JsonInputError& e)
    {
        throw ScenarioError(shown, e.where, e.reason);
    }
    std::vector<JsonPointer> overridden;
    for (const std::string& assignment : overrides)
    {
        try
        {
            overridden.push_back(ApplyJsonOverride(root, assignment));
        }
        catch (const JsonInputError& e)
        {
            throw ScenarioError(kOverrideFile, e.where, e.reason);
        }
    }
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
    Scenario s;
    FromJson(root, s);
    s.file = file;
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

std::string
ScenarioToJson(const Scenario& scenario, int indent)
{
    return ToJson(scenario).dump(indent < 0 ? -1 : indent,
                                 ' ',
                                 false,
                                 Json::error_handler_t::replace);
}

} // namespace zos
} // namespace ns3
