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

#include "scenario-cross-check.h"
#include "scenario-ipv4.h"
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

// ------------------------------------------------------------------------------------------
// Conversion: one list of keys per structure, used to read a valid document and to write
// the canonical form
// ------------------------------------------------------------------------------------------

/// Written only if not empty (optional keys without a default), false or the empty list
/// (keys added later, so that the canonical form of older scenarios does not change).
constexpr bool kOmitEmpty = true;
/// A string key left out of the canonical form at this value (its default, for keys added
/// later: the summary.json of earlier scenarios stays byte-identical). Other visitors take
/// it as a true flag.
constexpr const char* kOmitUdp = "udp";

template <typename F>
void
Fields(LanSpec& l, F f)
{
    f("name", l.name);
    f("kind", l.kind);
    f("dataRate", l.dataRate);
    f("delayUs", l.delayUs);
    f("maxPortsPerSwitch", l.maxPortsPerSwitch);
    f("queueSize", l.queueSize);
}

template <typename F>
void
Fields(LinkSpec& l, F f)
{
    f("name", l.name);
    f("kind", l.kind);
    f("lan", l.lan);
    f("address", l.address);
    f("port", l.port, kOmitEmpty);
    f("activateAt", l.activateAt);
    f("ripInMetric", l.ripInMetric);
}

template <typename F>
void
Fields(OatEntrySpec& e, F f)
{
    f("address", e.address);
    f("stack", e.stack);
    f("mode", e.mode, kOmitEmpty);
}

template <typename F>
void
Fields(PortSpec& p, F f)
{
    f("name", p.name);
    f("kind", p.kind);
    f("lan", p.lan);
    f("oat", p.oat);
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
Fields(StackSpec& st, F f)
{
    f("name", st.name);
    f("links", st.links);
    f("vipas", st.vipas);
    f("routes", st.routes);
    f("", st.settings); // every x-ns3-attribute key, in the schema's order
    f("ipForwarding", st.ipForwarding, kOmitEmpty);
    f("rip", st.rip, kOmitEmpty);
}

template <typename F>
void
Fields(RouterInterfaceSpec& i, F f)
{
    f("lan", i.lan);
    f("address", i.address);
    f("ripInMetric", i.ripInMetric);
}

template <typename F>
void
Fields(RouterSpec& r, F f)
{
    f("name", r.name);
    f("interfaces", r.interfaces);
    f("rip", r.rip);
}

template <typename F>
void
Fields(RipSpec& r, F f)
{
    f("updateInterval", r.updateInterval);
    f("startupDelay", r.startupDelay);
    f("timeoutDelay", r.timeoutDelay);
    f("garbageCollectionDelay", r.garbageCollectionDelay);
    f("advertiseInactiveHome", r.advertiseInactiveHome);
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
    f("transport", p.transport, kOmitUdp);
    f("startJitter", p.startJitter);
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
    f("", st.settings);
}

template <typename F>
void
Fields(StationGroupSpec& g, F f)
{
    f("name", g.name);
    f("count", g.count);
    f("lan", g.lan);
    f("firstAddress", g.firstAddress);
    f("models", g.models);
    f("routes", g.routes);
    f("probe", g.probe);
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
    f("warmStart", s.warmStart);
    f("lans", s.lans);
    f("ports", s.ports, kOmitEmpty);
    f("stacks", s.stacks);
    f("stations", s.stations);
    f("stationGroups", s.stationGroups, kOmitEmpty);
    f("routers", s.routers, kOmitEmpty);
    f("rip", s.rip);
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

/// Whether T is a std::vector.
template <typename T>
struct IsVector : std::false_type
{
};

template <typename T>
struct IsVector<std::vector<T>> : std::true_type
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

    void operator()(const char*, ScenarioSettings& settings, bool = false) const
    {
        settings.Read(j);
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
        if constexpr (std::is_same_v<T, bool>)
        {
            if (omitEmpty && !field)
            {
                return;
            }
        }
        else if constexpr (std::is_same_v<T, std::string> || IsVector<T>::value)
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

    void operator()(const char* key, const std::string& field, const char* omitValue) const
    {
        if (field != omitValue)
        {
            j[key] = field;
        }
    }

    void operator()(const char*, const ScenarioSettings& settings, bool = false) const
    {
        settings.Write(j);
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

} // namespace

std::vector<StationSpec>
ExpandStationGroup(const StationGroupSpec& group)
{
    // "a.b.c.d/len", checked by the schema.
    const size_t slash = group.firstAddress.find('/');
    uint32_t first = 0;
    uint32_t prefix = 0;
    ParseIpv4Text(group.firstAddress, first, prefix);
    const std::string length = group.firstAddress.substr(slash);
    const size_t width = std::to_string(group.count).size();
    std::map<std::string, double> models =
        group.models.value_or(std::map<std::string, double>{{"rfc826", 1}});
    double total = 0;
    for (const auto& [model, share] : models)
    {
        total += share;
    }
    std::map<std::string, double> current; // smooth weighted round-robin
    std::vector<StationSpec> stations(group.count);
    for (uint32_t i = 0; i < group.count; ++i)
    {
        StationSpec& st = stations[i];
        std::string number = std::to_string(i + 1);
        st.name = group.name + std::string(width - number.size(), '0') + number;
        st.lan = group.lan;
        const uint32_t a = first + i;
        st.address = FormatIpv4Text(a) + length;
        const std::string* chosen = nullptr;
        for (const auto& [model, share] : models)
        {
            current[model] += share;
            if (share > 0 && (chosen == nullptr || current[model] > current[*chosen]))
            {
                chosen = &model;
            }
        }
        current[*chosen] -= total;
        st.arp = *chosen;
        st.routes = group.routes;
        st.probe = group.probe;
    }
    return stations;
}

std::vector<StationSpec>
AllStations(const Scenario& scenario)
{
    std::vector<StationSpec> all = scenario.stations;
    for (const auto& group : scenario.stationGroups)
    {
        std::vector<StationSpec> members = ExpandStationGroup(group);
        all.insert(all.end(), members.begin(), members.end());
    }
    return all;
}

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
    // A group's stations are alike: counted without expanding the group.
    auto probeWork = [&s](const std::optional<ProbeSpec>& probe) {
        if (!probe)
        {
            return 0.0;
        }
        double stop = probe->stop < 0 ? s.duration : std::min(probe->stop, s.duration);
        double span = std::max(0.0, stop - probe->start);
        return static_cast<double>(probe->targets.size()) * std::ceil(span / probe->interval);
    };
    // With a warm start the stations find their neighbours resolved: only the links
    // broadcast at start-up.
    const double probing = s.warmStart.value_or(false) ? 0.0 : 1.0;
    for (const StationSpec& st : s.stations)
    {
        lans[st.lan].first += st.probe ? probing : 0;
        lans[st.lan].second += 1;
        work += probeWork(st.probe);
    }
    for (const StationGroupSpec& g : s.stationGroups)
    {
        lans[g.lan].first += g.probe ? probing * g.count : 0;
        lans[g.lan].second += g.count;
        work += g.count * probeWork(g.probe);
    }
    for (const auto& lan : lans)
    {
        work += lan.second.first * lan.second.second;
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
