/*
 * zos-takeover: scenario files (JSON) and their validated, typed form.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * This file deliberately includes no ns-3 header: it only needs the C++ library and
 * nlohmann/json, so it can be compiled and unit-tested on its own.
 *
 * A scenario is checked in phases, and the first problem found is reported:
 *  1. the file is read;
 *  2. the text is parsed as JSON (syntax errors, duplicate keys);
 *  3. the --set overrides are applied, in the order given;
 *  4. the structure is checked while it is converted: for each object, its members in the
 *     order they appear in the text (unknown key, JSON type, enumeration, format, range,
 *     recursing into nested objects and arrays), then its missing required keys (in the
 *     order of the format description), then the keys that depend on an event's type and
 *     a probe's stop time;
 *  5. names and addresses are cross-checked, in the fixed order LANs, stacks (links,
 *     VIPAs, routes), stations (routes, probe), events.
 * doc/scenario-format.rst documents the format and every message.
 */

#include "scenario.h"

#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstring>
#include <functional>
#include <limits>
#include <locale>
#include <nlohmann/json.hpp>
#include <set>
#include <sstream>

namespace ns3
{
namespace zos
{
namespace
{

using Json = nlohmann::ordered_json;

/// The file name used in messages about --set overrides.
const char* const kOverrideFile = "--set";

/// Event types that act on one link of a stack (and so need "link").
const std::vector<std::string> kLinkEventTypes = {"portFailure",
                                                  "portRepair",
                                                  "linkStop",
                                                  "linkStart"};

/// Lower bound of a number.
enum class Bound
{
    Any,          //!< any finite number
    NonNegative,  //!< >= 0
    Positive,     //!< > 0
    UnitInterval, //!< in [0, 1]
};

// ------------------------------------------------------------------------------------------
// Text helpers
// ------------------------------------------------------------------------------------------

/// A string as a JSON string literal, e.g. "ring" with its double quotes.
std::string
Quote(const std::string& s)
{
    return Json(s).dump(-1, ' ', false, Json::error_handler_t::replace);
}

/// A JSON value as compact text (numbers as nlohmann prints them: 1, 1.5, 30.0).
std::string
Text(const Json& j)
{
    return j.dump(-1, ' ', false, Json::error_handler_t::replace);
}

/// A double as nlohmann prints it (shortest text that reads back to the same value).
std::string
Text(double d)
{
    return Json(d).dump();
}

/// The JSON type of a value, as used in "expected a number, got string".
std::string
TypeName(const Json& j)
{
    switch (j.type())
    {
    case Json::value_t::null:
        return "null";
    case Json::value_t::boolean:
        return "boolean";
    case Json::value_t::number_integer:
    case Json::value_t::number_unsigned:
    case Json::value_t::number_float:
        return "number";
    case Json::value_t::string:
        return "string";
    case Json::value_t::array:
        return "array";
    case Json::value_t::object:
        return "object";
    default:
        return "invalid value";
    }
}

/// The JSON type with its article: "a string", "an array", "null".
std::string
TypeWithArticle(const Json& j)
{
    std::string t = TypeName(j);
    if (t == "null")
    {
        return t;
    }
    if (t == "array" || t == "object")
    {
        return "an " + t;
    }
    return "a " + t;
}

/// Whether a key can be written after a dot in a JSON path.
bool
IsIdentifier(const std::string& key)
{
    if (key.empty())
    {
        return false;
    }
    for (size_t i = 0; i < key.size(); ++i)
    {
        char c = key[i];
        bool letter = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == '_';
        bool digit = c >= '0' && c <= '9';
        if (!letter && !(digit && i > 0))
        {
            return false;
        }
    }
    return true;
}

/// Path of member `key` of the object at `path`: "$.lans", or "$['a b']" for odd keys.
std::string
Child(const std::string& path, const std::string& key)
{
    if (IsIdentifier(key))
    {
        return path + "." + key;
    }
    std::string escaped;
    for (char c : key)
    {
        if (c == '\'' || c == '\\')
        {
            escaped += '\\';
        }
        escaped += c;
    }
    return path + "['" + escaped + "']";
}

/// Path of element `i` of the array at `path`: "$.lans[0]".
std::string
Index(const std::string& path, size_t i)
{
    return path + "[" + std::to_string(i) + "]";
}

/// "1 element", "3 elements".
std::string
Elements(size_t n)
{
    return std::to_string(n) + (n == 1 ? " element" : " elements");
}

// ------------------------------------------------------------------------------------------
// IPv4 addresses and data rates
// ------------------------------------------------------------------------------------------

/**
 * Read 1 to 3 decimal digits at `pos` (no leading zero unless the number is 0) whose
 * value is at most `maxValue`. Advances `pos`.
 */
bool
ParseSmallDecimal(const std::string& s, size_t& pos, uint32_t maxValue, uint32_t& value)
{
    size_t start = pos;
    uint32_t v = 0;
    while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9')
    {
        if (pos - start == 3)
        {
            return false;
        }
        v = v * 10 + static_cast<uint32_t>(s[pos] - '0');
        ++pos;
    }
    size_t n = pos - start;
    if (n == 0 || (n > 1 && s[start] == '0') || v > maxValue)
    {
        return false;
    }
    value = v;
    return true;
}

/// Parse "a.b.c.d" (decimal octets, no leading zeros) starting at `pos`.
bool
ParseDottedQuad(const std::string& s, size_t& pos, uint32_t& address)
{
    uint32_t a = 0;
    for (int i = 0; i < 4; ++i)
    {
        if (i > 0)
        {
            if (pos >= s.size() || s[pos] != '.')
            {
                return false;
            }
            ++pos;
        }
        uint32_t octet = 0;
        if (!ParseSmallDecimal(s, pos, 255, octet))
        {
            return false;
        }
        a = (a << 8) | octet;
    }
    address = a;
    return true;
}

/// Parse exactly "a.b.c.d".
bool
ParseIpv4(const std::string& s, uint32_t& address)
{
    size_t pos = 0;
    return ParseDottedQuad(s, pos, address) && pos == s.size();
}

/// Parse exactly "a.b.c.d/len" with len in [0, 32].
bool
ParseIpv4Prefix(const std::string& s, uint32_t& address, uint32_t& length)
{
    size_t pos = 0;
    if (!ParseDottedQuad(s, pos, address) || pos >= s.size() || s[pos] != '/')
    {
        return false;
    }
    ++pos;
    return ParseSmallDecimal(s, pos, 32, length) && pos == s.size();
}

/// The host part of "a.b.c.d" or "a.b.c.d/len" (the text must be valid).
uint32_t
HostOf(const std::string& s)
{
    uint32_t address = 0;
    size_t pos = 0;
    ParseDottedQuad(s, pos, address);
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

/**
 * Parse a data rate matching ^[0-9]+(\.[0-9]+)?(bps|kbps|Kbps|Mbps|Gbps)$ into bit/s.
 * \return false if the text does not match.
 */
bool
ParseDataRate(const std::string& s, double& bps)
{
    size_t pos = 0;
    auto digits = [&]() {
        size_t start = pos;
        while (pos < s.size() && s[pos] >= '0' && s[pos] <= '9')
        {
            ++pos;
        }
        return pos > start;
    };
    if (!digits())
    {
        return false;
    }
    if (pos < s.size() && s[pos] == '.')
    {
        ++pos;
        if (!digits())
        {
            return false;
        }
    }
    const std::string unit = s.substr(pos);
    double multiplier = 0;
    if (unit == "bps")
    {
        multiplier = 1;
    }
    else if (unit == "kbps" || unit == "Kbps")
    {
        multiplier = 1e3;
    }
    else if (unit == "Mbps")
    {
        multiplier = 1e6;
    }
    else if (unit == "Gbps")
    {
        multiplier = 1e9;
    }
    else
    {
        return false;
    }
    std::istringstream iss(s.substr(0, pos));
    iss.imbue(std::locale::classic());
    double value = 0;
    iss >> value;
    bps = value * multiplier;
    return true;
}

// ------------------------------------------------------------------------------------------
// JSON text with duplicate-key detection
// ------------------------------------------------------------------------------------------

/**
 * Parse JSON text, rejecting duplicate keys (nlohmann would silently keep the last one).
 * \param basePath JSON path of the parsed value, for messages
 * \throws Json::parse_error on a syntax error, Json::out_of_range on a number overflow
 * \throws ScenarioError (file, path of the key, "duplicate key 'k'") on a duplicate key
 */
Json
ParseJsonText(const std::string& text, const std::string& file, const std::string& basePath)
{
    struct Frame
    {
        bool isArray;
        size_t index;    // arrays: index of the next element
        std::string key; // objects: the last key read
        std::set<std::string> keys;
        std::string path;
    };

    std::vector<Frame> frames;
    auto valuePath = [&]() {
        if (frames.empty())
        {
            return basePath;
        }
        const Frame& f = frames.back();
        return f.isArray ? Index(f.path, f.index) : Child(f.path, f.key);
    };
    auto valueDone = [&]() {
        if (!frames.empty() && frames.back().isArray)
        {
            ++frames.back().index;
        }
    };
    Json::parser_callback_t callback = [&](int, Json::parse_event_t event, Json& parsed) {
        switch (event)
        {
        case Json::parse_event_t::object_start:
            frames.push_back(Frame{false, 0, "", {}, valuePath()});
            break;
        case Json::parse_event_t::array_start:
            frames.push_back(Frame{true, 0, "", {}, valuePath()});
            break;
        case Json::parse_event_t::key: {
            Frame& f = frames.back();
            const std::string key = parsed.get<std::string>();
            if (!f.keys.insert(key).second)
            {
                throw ScenarioError(file, Child(f.path, key), "duplicate key '" + key + "'");
            }
            f.key = key;
            break;
        }
        case Json::parse_event_t::object_end:
        case Json::parse_event_t::array_end:
            frames.pop_back();
            valueDone();
            break;
        case Json::parse_event_t::value:
            valueDone();
            break;
        }
        return true;
    };
    return Json::parse(text, callback);
}

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
            return what.substr(end + 2);
        }
    }
    return what;
}

// ------------------------------------------------------------------------------------------
// --set overrides
// ------------------------------------------------------------------------------------------

/// One part of an override path: a key followed by zero or more [index].
struct PathPart
{
    std::string key;
    std::vector<size_t> indices;
};

/// Split "stacks[0].links[1].lan" into parts; false if malformed.
bool
SplitOverridePath(const std::string& path, std::vector<PathPart>& parts)
{
    size_t pos = 0;
    while (true)
    {
        PathPart part;
        while (pos < path.size() && path[pos] != '.' && path[pos] != '[' && path[pos] != ']')
        {
            part.key += path[pos++];
        }
        if (part.key.empty())
        {
            return false;
        }
        while (pos < path.size() && path[pos] == '[')
        {
            ++pos;
            size_t start = pos;
            size_t index = 0;
            while (pos < path.size() && path[pos] >= '0' && path[pos] <= '9')
            {
                if (pos - start >= 9)
                {
                    return false;
                }
                index = index * 10 + static_cast<size_t>(path[pos] - '0');
                ++pos;
            }
            if (pos == start || pos >= path.size() || path[pos] != ']')
            {
                return false;
            }
            ++pos;
            part.indices.push_back(index);
        }
        parts.push_back(part);
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

/// Apply one "PATH=VALUE" override to the document.
void
ApplyOverride(Json& root, const std::string& assignment)
{
    size_t eq = assignment.find('=');
    if (eq == std::string::npos)
    {
        throw ScenarioError(kOverrideFile, "$", "expected PATH=VALUE, got " + Quote(assignment));
    }
    std::string pathText = assignment.substr(0, eq);
    const std::string valueText = assignment.substr(eq + 1);
    // Accept the "$." prefix of the paths printed in messages.
    if (pathText.compare(0, 2, "$.") == 0)
    {
        pathText = pathText.substr(2);
    }
    std::vector<PathPart> parts;
    if (!SplitOverridePath(pathText, parts))
    {
        throw ScenarioError(kOverrideFile,
                            "$." + pathText,
                            "malformed path (expected KEY or KEY[INDEX] parts separated by '.')");
    }
    std::string fullPath = "$";
    for (const PathPart& part : parts)
    {
        fullPath = Child(fullPath, part.key);
        for (size_t i : part.indices)
        {
            fullPath = Index(fullPath, i);
        }
    }

    Json value;
    try
    {
        value = ParseJsonText(valueText, kOverrideFile, fullPath);
    }
    catch (const Json::exception&)
    {
        // Not JSON (a syntax error, or a number too large for a double): a bare string.
        value = Json(valueText);
    }

    auto fail = [&](const std::string& reason) {
        throw ScenarioError(kOverrideFile, fullPath, reason);
    };
    Json* node = &root;
    std::string nodePath = "$";
    for (size_t p = 0; p < parts.size(); ++p)
    {
        const PathPart& part = parts[p];
        if (!node->is_object())
        {
            fail(nodePath + " is " + TypeWithArticle(*node) + ", not an object");
        }
        nodePath = Child(nodePath, part.key);
        bool lastPart = p + 1 == parts.size();
        if (!node->contains(part.key))
        {
            if (!part.indices.empty())
            {
                fail(nodePath + " does not exist");
            }
            if (!lastPart)
            {
                (*node)[part.key] = Json::object();
            }
        }
        if (lastPart && part.indices.empty())
        {
            (*node)[part.key] = value;
            return;
        }
        node = &(*node)[part.key];
        for (size_t k = 0; k < part.indices.size(); ++k)
        {
            size_t i = part.indices[k];
            if (!node->is_array())
            {
                fail(nodePath + " is " + TypeWithArticle(*node) + ", not an array");
            }
            if (i >= node->size())
            {
                fail("index " + std::to_string(i) + " out of range (" + nodePath + " has " +
                     Elements(node->size()) + ")");
            }
            nodePath = Index(nodePath, i);
            if (lastPart && k + 1 == part.indices.size())
            {
                (*node)[i] = value;
                return;
            }
            node = &(*node)[i];
        }
    }
}

// ------------------------------------------------------------------------------------------
// Structure (phase 4) and cross-checks (phase 5)
// ------------------------------------------------------------------------------------------

class Parser
{
  public:
    explicit Parser(const std::string& file)
        : m_file(file)
    {
    }

    Scenario Convert(const Json& root);

  private:
    [[noreturn]] void Fail(const std::string& path, const std::string& reason) const
    {
        throw ScenarioError(m_file, path, reason);
    }

    /**
     * Check that `j` is an object and call `member(key, value, path)` for each of its
     * members in document order; `member` returns false for an unknown key.
     */
    void Members(const Json& j,
                 const std::string& path,
                 const std::function<bool(const std::string&, const Json&, const std::string&)>&
                     member) const;
    /// Report the first of `keys` that `j` lacks.
    void Require(const Json& j,
                 const std::string& path,
                 const std::vector<std::string>& keys) const;

    const Json& Array(const Json& j, const std::string& path, bool nonEmpty) const;
    std::string String(const Json& j, const std::string& path) const;
    std::string Name(const Json& j, const std::string& path) const;
    std::string Enum(const Json& j,
                     const std::string& path,
                     const std::vector<std::string>& allowed) const;
    bool Bool(const Json& j, const std::string& path) const;
    double Number(const Json& j, const std::string& path, Bound bound) const;
    uint64_t Integer(const Json& j, const std::string& path, uint64_t min, uint64_t max) const;
    std::string DataRate(const Json& j, const std::string& path) const;
    std::string Ipv4(const Json& j, const std::string& path) const;
    /// "a.b.c.d/len" of an interface: len 1..32, not the network/broadcast address if <= 30.
    std::string HostPrefix(const Json& j, const std::string& path) const;
    /// "a.b.c.d/len" of a route destination: len 0..32, no host bits.
    std::string NetworkPrefix(const Json& j, const std::string& path) const;

    LanSpec Lan(const Json& j, const std::string& path) const;
    LinkSpec Link(const Json& j, const std::string& path) const;
    RouteSpec Route(const Json& j, const std::string& path, bool station) const;
    FixSpec Fixes(const Json& j, const std::string& path) const;
    StackSpec Stack(const Json& j, const std::string& path) const;
    ProbeSpec Probe(const Json& j, const std::string& path) const;
    StationSpec Station(const Json& j, const std::string& path) const;
    EventSpec Event(const Json& j, const std::string& path) const;

    void CrossCheck(const Scenario& s) const;

    std::string m_file;
};

void
Parser::Members(
    const Json& j,
    const std::string& path,
    const std::function<bool(const std::string&, const Json&, const std::string&)>& member) const
{
    if (!j.is_object())
    {
        Fail(path, "expected an object, got " + TypeName(j));
    }
    for (auto it = j.begin(); it != j.end(); ++it)
    {
        const std::string childPath = Child(path, it.key());
        if (!member(it.key(), it.value(), childPath))
        {
            Fail(childPath, "unknown key '" + it.key() + "'");
        }
    }
}

void
Parser::Require(const Json& j, const std::string& path, const std::vector<std::string>& keys) const
{
    for (const std::string& key : keys)
    {
        if (!j.contains(key))
        {
            Fail(path, "missing required key '" + key + "'");
        }
    }
}

const Json&
Parser::Array(const Json& j, const std::string& path, bool nonEmpty) const
{
    if (!j.is_array())
    {
        Fail(path, "expected an array, got " + TypeName(j));
    }
    if (nonEmpty && j.empty())
    {
        Fail(path, "must not be empty");
    }
    return j;
}

std::string
Parser::String(const Json& j, const std::string& path) const
{
    if (!j.is_string())
    {
        Fail(path, "expected a string, got " + TypeName(j));
    }
    return j.get<std::string>();
}

std::string
Parser::Name(const Json& j, const std::string& path) const
{
    std::string name = String(j, path);
    if (name.empty())
    {
        Fail(path, "must not be empty");
    }
    for (char c : name)
    {
        bool ok = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                  c == '_' || c == '.' || c == '-' || c == '@' || c == '#' || c == '$';
        if (!ok)
        {
            Fail(path, "not a valid name (letters, digits and _ . - @ # $ only): " + Quote(name));
        }
    }
    return name;
}

std::string
Parser::Enum(const Json& j, const std::string& path, const std::vector<std::string>& allowed) const
{
    std::string value = String(j, path);
    std::string list;
    for (const std::string& a : allowed)
    {
        if (a == value)
        {
            return value;
        }
        list += (list.empty() ? "" : ", ") + Quote(a);
    }
    Fail(path, "expected one of " + list + ", got " + Quote(value));
}

bool
Parser::Bool(const Json& j, const std::string& path) const
{
    if (!j.is_boolean())
    {
        Fail(path, "expected a boolean, got " + TypeName(j));
    }
    return j.get<bool>();
}

double
Parser::Number(const Json& j, const std::string& path, Bound bound) const
{
    if (!j.is_number())
    {
        Fail(path, "expected a number, got " + TypeName(j));
    }
    double v = j.get<double>();
    if (!std::isfinite(v))
    {
        Fail(path, "number out of range");
    }
    switch (bound)
    {
    case Bound::Any:
        break;
    case Bound::NonNegative:
        if (v < 0)
        {
            Fail(path, "must be >= 0, got " + Text(j));
        }
        break;
    case Bound::Positive:
        if (v <= 0)
        {
            Fail(path, "must be > 0, got " + Text(j));
        }
        break;
    case Bound::UnitInterval:
        if (v < 0 || v > 1)
        {
            Fail(path, "must be in [0, 1], got " + Text(j));
        }
        break;
    }
    return v;
}

uint64_t
Parser::Integer(const Json& j, const std::string& path, uint64_t min, uint64_t max) const
{
    const std::string range =
        "must be in [" + std::to_string(min) + ", " + std::to_string(max) + "], got " + Text(j);
    if (j.is_number_unsigned())
    {
        uint64_t v = j.get<uint64_t>();
        if (v < min || v > max)
        {
            Fail(path, range);
        }
        return v;
    }
    if (j.is_number_integer())
    {
        // Signed only when negative; all our ranges start at 0 or above.
        Fail(path, range);
    }
    if (j.is_number_float())
    {
        double v = j.get<double>();
        if (!std::isfinite(v))
        {
            Fail(path, "number out of range");
        }
        if (v != std::floor(v))
        {
            Fail(path, "expected an integer, got " + Text(j));
        }
        if (v < static_cast<double>(min) || v > static_cast<double>(max))
        {
            Fail(path, range);
        }
        return static_cast<uint64_t>(v);
    }
    Fail(path, "expected an integer, got " + TypeName(j));
}

std::string
Parser::DataRate(const Json& j, const std::string& path) const
{
    std::string rate = String(j, path);
    double bps = 0;
    if (!ParseDataRate(rate, bps))
    {
        Fail(path, "not a data rate: " + Quote(rate));
    }
    if (bps < 1 || bps > 1e12)
    {
        Fail(path, "must be in [1bps, 1000Gbps], got " + Quote(rate));
    }
    return rate;
}

std::string
Parser::Ipv4(const Json& j, const std::string& path) const
{
    std::string text = String(j, path);
    uint32_t address = 0;
    if (!ParseIpv4(text, address))
    {
        Fail(path, "not an IPv4 address: " + Quote(text));
    }
    return text;
}

std::string
Parser::HostPrefix(const Json& j, const std::string& path) const
{
    std::string text = String(j, path);
    uint32_t address = 0;
    uint32_t length = 0;
    if (!ParseIpv4Prefix(text, address, length))
    {
        Fail(path, "not an IPv4 address with prefix: " + Quote(text));
    }
    if (length == 0)
    {
        Fail(path, "prefix length must be in [1, 32], got 0");
    }
    if (length <= 30)
    {
        uint32_t mask = PrefixMask(length);
        if ((address & ~mask) == 0)
        {
            Fail(path, Quote(text) + " is the network address of its prefix");
        }
        if ((address & ~mask) == ~mask)
        {
            Fail(path, Quote(text) + " is the broadcast address of its prefix");
        }
    }
    return text;
}

std::string
Parser::NetworkPrefix(const Json& j, const std::string& path) const
{
    std::string text = String(j, path);
    uint32_t address = 0;
    uint32_t length = 0;
    if (!ParseIpv4Prefix(text, address, length))
    {
        Fail(path, "not an IPv4 address with prefix: " + Quote(text));
    }
    uint32_t network = address & PrefixMask(length);
    if (network != address)
    {
        Fail(path,
             Quote(text) + " has host bits set (the network is " + FormatIpv4(network) + "/" +
                 std::to_string(length) + ")");
    }
    return text;
}

LanSpec
Parser::Lan(const Json& j, const std::string& path) const
{
    LanSpec lan;
    Members(j, path, [&](const std::string& key, const Json& v, const std::string& p) {
        if (key == "name")
        {
            lan.name = Name(v, p);
        }
        else if (key == "kind")
        {
            lan.kind = Enum(v, p, {"shared", "switched"});
        }
        else if (key == "dataRate")
        {
            lan.dataRate = DataRate(v, p);
        }
        else if (key == "delayUs")
        {
            lan.delayUs = Number(v, p, Bound::NonNegative);
        }
        else if (key == "maxPortsPerSwitch")
        {
            lan.maxPortsPerSwitch = static_cast<uint32_t>(Integer(v, p, 0, 1000000));
            if (lan.maxPortsPerSwitch == 1)
            {
                Fail(p, "must be 0 (one switch) or >= 2 (an uplink and a station), got 1");
            }
        }
        else
        {
            return false;
        }
        return true;
    });
    Require(j, path, {"name"});
    return lan;
}

LinkSpec
Parser::Link(const Json& j, const std::string& path) const
{
    LinkSpec link;
    Members(j, path, [&](const std::string& key, const Json& v, const std::string& p) {
        if (key == "name")
        {
            link.name = Name(v, p);
        }
        else if (key == "kind")
        {
            link.kind = Enum(v, p, {"MPCIPA", "LCS"});
        }
        else if (key == "lan")
        {
            link.lan = String(v, p);
        }
        else if (key == "address")
        {
            link.address = HostPrefix(v, p);
        }
        else if (key == "activateAt")
        {
            link.activateAt = Number(v, p, Bound::NonNegative);
        }
        else
        {
            return false;
        }
        return true;
    });
    Require(j, path, {"name", "lan", "address"});
    return link;
}

RouteSpec
Parser::Route(const Json& j, const std::string& path, bool station) const
{
    RouteSpec route;
    Members(j, path, [&](const std::string& key, const Json& v, const std::string& p) {
        if (key == "destination")
        {
            route.destination = NetworkPrefix(v, p);
        }
        else if (key == "gateway")
        {
            route.gateway = String(v, p);
            if (!route.gateway.empty())
            {
                Ipv4(v, p);
            }
        }
        else if (key == "link")
        {
            route.link = String(v, p);
            if (station && !route.link.empty())
            {
                Fail(p, "must be absent or empty in a station route, got " + Quote(route.link));
            }
        }
        else
        {
            return false;
        }
        return true;
    });
    if (station)
    {
        Require(j, path, {"destination"});
    }
    else
    {
        Require(j, path, {"destination", "link"});
    }
    return route;
}

FixSpec
Parser::Fixes(const Json& j, const std::string& path) const
{
    FixSpec fixes;
    Members(j, path, [&](const std::string& key, const Json& v, const std::string& p) {
        if (key == "PQ23444")
        {
            fixes.pq23444 = Bool(v, p);
        }
        else if (key == "PQ26689")
        {
            fixes.pq26689 = Bool(v, p);
        }
        else
        {
            return false;
        }
        return true;
    });
    return fixes;
}

StackSpec
Parser::Stack(const Json& j, const std::string& path) const
{
    StackSpec stack;
    Members(j, path, [&](const std::string& key, const Json& v, const std::string& p) {
        if (key == "name")
        {
            stack.name = Name(v, p);
        }
        else if (key == "links")
        {
            const Json& a = Array(v, p, true);
            for (size_t i = 0; i < a.size(); ++i)
            {
                stack.links.push_back(Link(a[i], Index(p, i)));
            }
        }
        else if (key == "vipas")
        {
            const Json& a = Array(v, p, false);
            for (size_t i = 0; i < a.size(); ++i)
            {
                stack.vipas.push_back(Ipv4(a[i], Index(p, i)));
            }
        }
        else if (key == "routes")
        {
            const Json& a = Array(v, p, false);
            for (size_t i = 0; i < a.size(); ++i)
            {
                stack.routes.push_back(Route(a[i], Index(p, i), false));
            }
        }
        else if (key == "fixes")
        {
            stack.fixes = Fixes(v, p);
        }
        else if (key == "detectionDelay")
        {
            stack.detectionDelay = Number(v, p, Bound::NonNegative);
        }
        else if (key == "learningTime")
        {
            stack.learningTime = Number(v, p, Bound::NonNegative);
        }
        else if (key == "gratuitousArpCount")
        {
            stack.gratuitousArpCount = static_cast<uint32_t>(Integer(v, p, 0, 100));
        }
        else if (key == "gratuitousArpInterval")
        {
            stack.gratuitousArpInterval = Number(v, p, Bound::NonNegative);
        }
        else if (key == "gratuitousArpLoss")
        {
            stack.gratuitousArpLoss = Number(v, p, Bound::UnitInterval);
        }
        else if (key == "gratuitousArpLossScope")
        {
            stack.gratuitousArpLossScope = Enum(v, p, {"frame", "receiver"});
        }
        else if (key == "vipaGiveBack")
        {
            stack.vipaGiveBack = Bool(v, p);
        }
        else if (key == "backupPolicy")
        {
            stack.backupPolicy = Enum(v, p, {"LongestActive", "LowestName"});
        }
        else if (key == "vipaOwnerPolicy")
        {
            stack.vipaOwnerPolicy = Enum(v, p, {"FirstActive", "LowestName"});
        }
        else
        {
            return false;
        }
        return true;
    });
    Require(j, path, {"name", "links"});
    return stack;
}

ProbeSpec
Parser::Probe(const Json& j, const std::string& path) const
{
    ProbeSpec probe;
    Members(j, path, [&](const std::string& key, const Json& v, const std::string& p) {
        if (key == "targets")
        {
            const Json& a = Array(v, p, true);
            for (size_t i = 0; i < a.size(); ++i)
            {
                probe.targets.push_back(Ipv4(a[i], Index(p, i)));
            }
        }
        else if (key == "interval")
        {
            probe.interval = Number(v, p, Bound::Positive);
        }
        else if (key == "start")
        {
            probe.start = Number(v, p, Bound::NonNegative);
        }
        else if (key == "stop")
        {
            probe.stop = Number(v, p, Bound::Any);
        }
        else if (key == "port")
        {
            probe.port = static_cast<uint16_t>(Integer(v, p, 1, 65535));
        }
        else
        {
            return false;
        }
        return true;
    });
    Require(j, path, {"targets"});
    if (probe.stop >= 0 && probe.stop <= probe.start)
    {
        Fail(Child(path, "stop"),
             "must be > start (" + Text(probe.start) + ") or negative, got " + Text(probe.stop));
    }
    return probe;
}

StationSpec
Parser::Station(const Json& j, const std::string& path) const
{
    StationSpec st;
    Members(j, path, [&](const std::string& key, const Json& v, const std::string& p) {
        if (key == "name")
        {
            st.name = Name(v, p);
        }
        else if (key == "lan")
        {
            st.lan = String(v, p);
        }
        else if (key == "address")
        {
            st.address = HostPrefix(v, p);
        }
        else if (key == "arp")
        {
            st.arp = Enum(v, p, {"stock", "rfc826", "linux"});
        }
        else if (key == "routes")
        {
            const Json& a = Array(v, p, false);
            for (size_t i = 0; i < a.size(); ++i)
            {
                st.routes.push_back(Route(a[i], Index(p, i), true));
            }
        }
        else if (key == "probe")
        {
            st.probe = Probe(v, p);
        }
        else if (key == "aliveTimeout")
        {
            st.aliveTimeout = Number(v, p, Bound::Positive);
        }
        else if (key == "deadTimeout")
        {
            st.deadTimeout = Number(v, p, Bound::Positive);
        }
        else if (key == "waitReplyTimeout")
        {
            st.waitReplyTimeout = Number(v, p, Bound::Positive);
        }
        else if (key == "maxRetries")
        {
            st.maxRetries = static_cast<uint32_t>(Integer(v, p, 0, 4294967295u));
        }
        else if (key == "locktime")
        {
            st.locktime = Number(v, p, Bound::NonNegative);
        }
        else if (key == "baseReachableTime")
        {
            st.baseReachableTime = Number(v, p, Bound::Positive);
        }
        else if (key == "delayFirstProbeTime")
        {
            st.delayFirstProbeTime = Number(v, p, Bound::NonNegative);
        }
        else if (key == "ucastSolicit")
        {
            st.ucastSolicit = static_cast<uint32_t>(Integer(v, p, 0, 4294967295u));
        }
        else if (key == "retransTime")
        {
            st.retransTime = Number(v, p, Bound::Positive);
        }
        else if (key == "gratuitousOverridesLocktime")
        {
            st.gratuitousOverridesLocktime = Bool(v, p);
        }
        else
        {
            return false;
        }
        return true;
    });
    Require(j, path, {"name", "lan", "address"});
    return st;
}

EventSpec
Parser::Event(const Json& j, const std::string& path) const
{
    EventSpec ev;
    Members(j, path, [&](const std::string& key, const Json& v, const std::string& p) {
        if (key == "at")
        {
            ev.at = Number(v, p, Bound::NonNegative);
        }
        else if (key == "type")
        {
            ev.type = Enum(
                v,
                p,
                {"portFailure", "portRepair", "linkStop", "linkStart", "stackFailure", "vipaAdd"});
        }
        else if (key == "stack")
        {
            ev.stack = String(v, p);
        }
        else if (key == "link")
        {
            ev.link = String(v, p);
        }
        else if (key == "address")
        {
            ev.address = Ipv4(v, p);
        }
        else
        {
            return false;
        }
        return true;
    });
    Require(j, path, {"at", "type", "stack"});
    bool linkType = false;
    for (const std::string& t : kLinkEventTypes)
    {
        linkType = linkType || t == ev.type;
    }
    const std::string forType = " for type " + Quote(ev.type);
    if (linkType && !j.contains("link"))
    {
        Fail(path, "missing required key 'link' (required" + forType + ")");
    }
    if (!linkType && j.contains("link"))
    {
        Fail(Child(path, "link"), "key 'link' not allowed" + forType);
    }
    bool vipaAdd = ev.type == "vipaAdd";
    if (vipaAdd && !j.contains("address"))
    {
        Fail(path, "missing required key 'address' (required" + forType + ")");
    }
    if (!vipaAdd && j.contains("address"))
    {
        Fail(Child(path, "address"), "key 'address' not allowed" + forType);
    }
    return ev;
}

Scenario
Parser::Convert(const Json& root)
{
    Scenario s;
    s.file = m_file;
    const std::string path = "$";
    Members(root, path, [&](const std::string& key, const Json& v, const std::string& p) {
        if (key == "name")
        {
            s.name = Name(v, p);
        }
        else if (key == "description")
        {
            s.description = String(v, p);
        }
        else if (key == "seed")
        {
            s.seed = static_cast<uint32_t>(Integer(v, p, 1, 4294967295u));
        }
        else if (key == "run")
        {
            s.run = static_cast<uint32_t>(Integer(v, p, 0, 4294967295u));
        }
        else if (key == "duration")
        {
            s.duration = Number(v, p, Bound::Positive);
        }
        else if (key == "lans")
        {
            const Json& a = Array(v, p, true);
            for (size_t i = 0; i < a.size(); ++i)
            {
                s.lans.push_back(Lan(a[i], Index(p, i)));
            }
        }
        else if (key == "stacks")
        {
            const Json& a = Array(v, p, true);
            for (size_t i = 0; i < a.size(); ++i)
            {
                s.stacks.push_back(Stack(a[i], Index(p, i)));
            }
        }
        else if (key == "stations")
        {
            const Json& a = Array(v, p, false);
            for (size_t i = 0; i < a.size(); ++i)
            {
                s.stations.push_back(Station(a[i], Index(p, i)));
            }
        }
        else if (key == "events")
        {
            const Json& a = Array(v, p, false);
            for (size_t i = 0; i < a.size(); ++i)
            {
                s.events.push_back(Event(a[i], Index(p, i)));
            }
        }
        else if (key == "devlinksAt")
        {
            const Json& a = Array(v, p, false);
            for (size_t i = 0; i < a.size(); ++i)
            {
                s.devlinksAt.push_back(Number(a[i], Index(p, i), Bound::NonNegative));
            }
        }
        else
        {
            return false;
        }
        return true;
    });
    Require(root, path, {"name", "lans", "stacks"});
    CrossCheck(s);
    return s;
}

void
Parser::CrossCheck(const Scenario& s) const
{
    // Every address in the scenario -> path of its first occurrence.
    std::map<uint32_t, std::string> addresses;
    auto claim = [&](const std::string& text, const std::string& path) {
        uint32_t a = HostOf(text);
        auto inserted = addresses.emplace(a, path);
        if (!inserted.second)
        {
            Fail(path,
                 "duplicate address " + FormatIpv4(a) + " (also at " + inserted.first->second +
                     ")");
        }
    };

    // Addresses a probe may target: HOMEs, VIPAs and VIPAs added by events.
    std::set<uint32_t> owned;
    for (const StackSpec& stack : s.stacks)
    {
        for (const LinkSpec& link : stack.links)
        {
            owned.insert(HostOf(link.address));
        }
        for (const std::string& vipa : stack.vipas)
        {
            owned.insert(HostOf(vipa));
        }
    }
    for (const EventSpec& ev : s.events)
    {
        if (ev.type == "vipaAdd")
        {
            owned.insert(HostOf(ev.address));
        }
    }

    std::set<std::string> lanNames;
    for (size_t i = 0; i < s.lans.size(); ++i)
    {
        const std::string& name = s.lans[i].name;
        if (!lanNames.insert(name).second)
        {
            Fail(Index("$.lans", i) + ".name", "duplicate LAN name '" + name + "'");
        }
    }

    std::map<std::string, size_t> stackIndex;
    for (size_t i = 0; i < s.stacks.size(); ++i)
    {
        const StackSpec& stack = s.stacks[i];
        const std::string sp = Index("$.stacks", i);
        if (!stackIndex.emplace(stack.name, i).second)
        {
            Fail(sp + ".name", "duplicate stack name '" + stack.name + "'");
        }
        std::set<std::string> linkNames;
        for (size_t k = 0; k < stack.links.size(); ++k)
        {
            const LinkSpec& link = stack.links[k];
            const std::string lp = Index(sp + ".links", k);
            if (!linkNames.insert(link.name).second)
            {
                Fail(lp + ".name",
                     "duplicate link name '" + link.name + "' in stack '" + stack.name + "'");
            }
            if (lanNames.count(link.lan) == 0)
            {
                Fail(lp + ".lan", "unknown LAN '" + link.lan + "'");
            }
            claim(link.address, lp + ".address");
        }
        for (size_t k = 0; k < stack.vipas.size(); ++k)
        {
            claim(stack.vipas[k], Index(sp + ".vipas", k));
        }
        for (size_t k = 0; k < stack.routes.size(); ++k)
        {
            const RouteSpec& route = stack.routes[k];
            if (linkNames.count(route.link) == 0)
            {
                Fail(Index(sp + ".routes", k) + ".link",
                     "unknown link '" + route.link + "' in stack '" + stack.name + "'");
            }
        }
    }

    std::set<std::string> stationNames;
    for (size_t i = 0; i < s.stations.size(); ++i)
    {
        const StationSpec& st = s.stations[i];
        const std::string sp = Index("$.stations", i);
        if (!stationNames.insert(st.name).second)
        {
            Fail(sp + ".name", "duplicate station name '" + st.name + "'");
        }
        if (stackIndex.count(st.name) != 0)
        {
            Fail(sp + ".name", "station name '" + st.name + "' is also a stack name");
        }
        if (lanNames.count(st.lan) == 0)
        {
            Fail(sp + ".lan", "unknown LAN '" + st.lan + "'");
        }
        claim(st.address, sp + ".address");
        if (st.probe)
        {
            std::map<uint32_t, std::string> targets;
            for (size_t k = 0; k < st.probe->targets.size(); ++k)
            {
                const std::string tp = Index(sp + ".probe.targets", k);
                uint32_t a = HostOf(st.probe->targets[k]);
                if (owned.count(a) == 0)
                {
                    Fail(tp, "no stack owns address " + FormatIpv4(a));
                }
                auto inserted = targets.emplace(a, tp);
                if (!inserted.second)
                {
                    Fail(tp,
                         "duplicate target " + FormatIpv4(a) + " (also at " +
                             inserted.first->second + ")");
                }
            }
        }
    }

    for (size_t i = 0; i < s.devlinksAt.size(); ++i)
    {
        if (s.devlinksAt[i] > s.duration)
        {
            Fail(Index("$.devlinksAt", i),
                 "must be <= duration (" + Text(s.duration) + "), got " + Text(s.devlinksAt[i]));
        }
    }

    for (size_t i = 0; i < s.events.size(); ++i)
    {
        const EventSpec& ev = s.events[i];
        const std::string ep = Index("$.events", i);
        if (ev.at >= s.duration)
        {
            Fail(ep + ".at", "must be < duration (" + Text(s.duration) + "), got " + Text(ev.at));
        }
        auto stack = stackIndex.find(ev.stack);
        if (stack == stackIndex.end())
        {
            Fail(ep + ".stack", "unknown stack '" + ev.stack + "'");
        }
        const StackSpec& spec = s.stacks[stack->second];
        bool linkType = false;
        for (const std::string& t : kLinkEventTypes)
        {
            linkType = linkType || t == ev.type;
        }
        if (linkType)
        {
            bool found = false;
            for (const LinkSpec& link : spec.links)
            {
                found = found || link.name == ev.link;
            }
            if (!found)
            {
                Fail(ep + ".link", "unknown link '" + ev.link + "' in stack '" + ev.stack + "'");
            }
        }
        if (ev.type == "vipaAdd")
        {
            claim(ev.address, ep + ".address");
        }
    }
}

// ------------------------------------------------------------------------------------------
// Canonical JSON
// ------------------------------------------------------------------------------------------

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

Scenario
LoadScenario(const std::string& file, const std::vector<std::string>& overrides)
{
    std::FILE* f = std::fopen(file.c_str(), "rb");
    if (f == nullptr)
    {
        throw ScenarioError(file,
                            "$",
                            std::string("cannot read file (") + std::strerror(errno) + ")");
    }
    std::string text;
    char buffer[65536];
    size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof(buffer), f)) > 0)
    {
        text.append(buffer, n);
    }
    if (std::ferror(f))
    {
        int error = errno;
        std::fclose(f);
        throw ScenarioError(file,
                            "$",
                            std::string("cannot read file (") + std::strerror(error) + ")");
    }
    std::fclose(f);
    return ParseScenario(text, file, overrides);
}

Scenario
ParseScenario(const std::string& text,
              const std::string& file,
              const std::vector<std::string>& overrides)
{
    Json root;
    try
    {
        root = ParseJsonText(text, file, "$");
    }
    catch (const Json::exception& e)
    {
        // parse_error (syntax) or out_of_range (number overflow)
        throw ScenarioError(file, "$", "invalid JSON: " + ParseErrorText(e));
    }
    for (const std::string& assignment : overrides)
    {
        ApplyOverride(root, assignment);
    }
    return Parser(file).Convert(root);
}

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
