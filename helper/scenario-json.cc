/*
 * zos-takeover: JSON text within limits, and --set overrides (JSON pointers).
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * No ns-3 header here either: the loader (scenario.cc) and the fuzzer use it.
 */

#include "scenario-json.h"

#include <cmath>
#include <cstdio>
#include <limits>
#include <set>

namespace ns3
{
namespace zos
{

namespace
{

using Json = ScenarioJson;

// ------------------------------------------------------------------------------------------
// Reading JSON text within limits
// ------------------------------------------------------------------------------------------

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

} // namespace

Json
ReadJsonWithinLimits(const std::string& text, const JsonPointer& base)
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
            if (base.size() + frames.size() + 1 > kJsonMaxDepth)
            {
                throw JsonInputError(FormatPointer(here()),
                                     "JSON nested deeper than " + std::to_string(kJsonMaxDepth) +
                                         " levels (expected at most " +
                                         std::to_string(kJsonMaxDepth) + ")");
            }
            frames.push_back({event == Json::parse_event_t::array_start, 0, "", {}});
            break;
        case Json::parse_event_t::key: {
            std::string key = parsed.get<std::string>();
            if (key.size() > kJsonMaxStringBytes)
            {
                frames.back().key = key.substr(0, 16) + "...";
                throw JsonInputError(FormatPointer(here()),
                                     "key of " + std::to_string(key.size()) +
                                         " bytes (expected at most " +
                                         std::to_string(kJsonMaxStringBytes) + " bytes)");
            }
            frames.back().key = key;
            if (!frames.back().keys.insert(key).second)
            {
                throw JsonInputError(FormatPointer(here()),
                                     "duplicate key " + KeyForMessage(key) +
                                         " (expected each key once per object)");
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
                parsed.get_ref<const std::string&>().size() > kJsonMaxStringBytes)
            {
                throw JsonInputError(
                    FormatPointer(here()),
                    "string of " + std::to_string(parsed.get_ref<const std::string&>().size()) +
                        " bytes (expected at most " + std::to_string(kJsonMaxStringBytes) +
                        " bytes)");
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
        throw JsonInputError(FormatPointer(here()), "invalid JSON: " + ParseErrorText(e));
    }
}

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
    else if (j.is_number_unsigned() &&
             j.get<uint64_t>() > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
    {
        // valijson's adapter reads integers as int64_t: 2^64 - 1 would become -1.
        j = static_cast<double>(j.get<uint64_t>());
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
            std::string index =
                path.substr(pos + 1, close == std::string::npos ? 0 : close - pos - 1);
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

JsonPointer
ApplyJsonOverride(Json& root, const std::string& assignment)
{
    size_t eq = assignment.find('=');
    if (eq == std::string::npos)
    {
        throw JsonInputError("/",
                             "got " + QuoteForMessage(assignment) +
                                 " (expected PATH=VALUE, e.g. /stacks/0/detectionDelay=0.5)");
    }
    const std::string path = assignment.substr(0, eq);
    const std::string valueText = assignment.substr(eq + 1);
    JsonPointer pointer;
    bool wellFormed = ParseSetPath(path, pointer);
    if (wellFormed && pointer.size() > kJsonMaxDepth)
    {
        throw JsonInputError("/",
                             "path of " + std::to_string(pointer.size()) +
                                 " levels (expected at most " + std::to_string(kJsonMaxDepth) +
                                 ")");
    }
    if (!wellFormed || pointer.empty())
    {
        throw JsonInputError(QuoteForMessage(path.size() > 80 ? path.substr(0, 32) + "..." : path),
                             "malformed path (expected a JSON pointer such as "
                             "/stacks/0/detectionDelay, or stacks[0].detectionDelay)");
    }
    Json value;
    try
    {
        value = ReadJsonWithinLimits(valueText, pointer);
    }
    catch (const JsonInputError& p)
    {
        if (p.reason.rfind("invalid JSON", 0) != 0)
        {
            throw;
        }
        value = Json(valueText); // not JSON: a bare string
    }
    Json* node = &root;
    JsonPointer created; // the first key this override adds on its way, if any
    for (size_t i = 0; i < pointer.size(); ++i)
    {
        const std::string& token = pointer[i];
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
                throw JsonInputError(
                    FormatPointer(
                        JsonPointer(pointer.begin(), pointer.begin() + static_cast<long>(i) + 1)),
                    "no such element (expected an index below " + std::to_string(node->size()) +
                        ", or " + std::to_string(node->size()) + " to append)");
            }
            if (index == node->size())
            {
                node->push_back(Json());
            }
            node = &(*node)[index];
        }
        else
        {
            throw JsonInputError(
                FormatPointer(JsonPointer(pointer.begin(), pointer.begin() + static_cast<long>(i))),
                "got " + ValueForMessage(*node) + " (expected an object or an array to set " +
                    QuoteForMessage(token) + " in)");
        }
    }
    *node = value;
    return created.empty() ? pointer : created;
}

} // namespace zos
} // namespace ns3
