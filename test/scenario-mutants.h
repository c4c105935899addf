/*
 * zos-takeover tests: one-place mutants of the shipped scenarios, for test-scenario-fuzz.cc.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_SCENARIO_MUTANTS_H
#define ZOS_TAKEOVER_SCENARIO_MUTANTS_H

#include "../fuzz/scenario-message-check.h"
#include "zos-test-util.h"

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <functional>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <sstream>
#include <string>
#include <vector>

namespace zostest
{
namespace fuzz
{

using Json = nlohmann::ordered_json;

using zostest::SourceDir;

// ---------------------------------------------------------------------------------------
// What replaces a node
// ---------------------------------------------------------------------------------------

/// A replacement value: JSON, or raw text spliced into the dumped document.
struct Value
{
    std::string label;
    std::optional<Json> json;    //!< the value, if it can be held as JSON
    std::string raw;             //!< else its text (maybe not valid JSON)
    std::optional<Json> docForm; //!< raw text: the value as the path check sees it
    bool wild = false;           //!< worth listing if accepted
};

inline Value
J(const std::string& label, Json v, bool wild = true)
{
    Value x;
    x.label = label;
    x.json = std::move(v);
    x.wild = wild;
    return x;
}

inline Value
Raw(const std::string& label, const std::string& raw, std::optional<Json> docForm = {})
{
    Value x;
    x.label = label;
    x.raw = raw;
    x.docForm = std::move(docForm);
    x.wild = true;
    return x;
}

/// `depth` nested arrays (or objects {"a": ...}) around 1, as text and, cut at 256 levels,
/// as JSON (what a message's path may point into).
inline Value
Deep(size_t depth, bool objects)
{
    std::string text;
    text.reserve(depth * 6 + 1);
    for (size_t i = 0; i < depth; ++i)
    {
        text += objects ? "{\"a\":" : "[";
    }
    text += "1";
    text.append(depth, objects ? '}' : ']');
    Json doc = 1;
    for (size_t i = 0; i < std::min<size_t>(depth, 256); ++i)
    {
        Json outer = objects ? Json::object() : Json::array();
        if (objects)
        {
            outer["a"] = std::move(doc);
        }
        else
        {
            outer.push_back(std::move(doc));
        }
        doc = std::move(outer);
    }
    return Raw(std::string("nesting ") + (objects ? "objects " : "arrays ") +
                   std::to_string(depth) + " deep",
               text,
               std::move(doc));
}

inline std::vector<Value>
NumberValues()
{
    return {
        J("0", 0),
        J("-0.0", -0.0),
        J("-1", -1),
        J("1e-12", 1e-12),
        J("1e-7", 1e-7),
        J("5e-10", 5e-10),
        J("1e10", 1e10),
        J("1e300", 1e300),
        J("-1e300", -1e300),
        J("9.3e9", 9.3e9),
        J("2^53+1", uint64_t(9007199254740993ULL)),
        J("4294967296", uint64_t(4294967296ULL)),
        J("4294967295", uint64_t(4294967295ULL)),
        J("65536", 65536),
        J("1.5", 1.5),
        J("5e-324", 5e-324),
        J("2^64-1", uint64_t(18446744073709551615ULL)),
        J("-2^63", int64_t(INT64_MIN)),
        Raw("raw 1e400", "1e400"),
        Raw("raw -1e400", "-1e400"),
        Raw("raw -0", "-0", Json(0)),
        Raw("raw 2^64", "18446744073709551616"),
        Raw("raw 1e-400", "1e-400"),
        Raw("raw 0.1e1 x 400 digits", "0." + std::string(400, '1') + "e1"),
        J("string NaN", "NaN"),
        J("string nan", "nan"),
        J("string Infinity", "Infinity"),
        J("string -inf", "-inf"),
        J("string 1e400", "1e400"),
        J("string 0x10", "0x10"),
        J("string ' 1'", " 1"),
        J("string '1e3'", "1e3"),
    };
}

inline std::vector<Value>
StringValues()
{
    using namespace std::string_literals;
    return {
        J("empty string", ""),
        J("65 chars", std::string(65, 'A')),
        J("1000 chars", std::string(1000, 'A')),
        J("100000 chars", std::string(100000, 'A')),
        J("8192 chars (the string limit)", std::string(8192, 'A')),
        J("8188 digits + Gbps", std::string(8188, '1') + "Gbps"),
        J("newline", "a\nb"),
        J("carriage return", "a\rb"),
        J("tab", "a\tb"),
        J("NUL", "a\0b"s),
        J("ESC sequence", "\x1b[31mred\x1b[0m"),
        J("DEL",
          "a\x7f"
          "b"),
        J("C1 NEL U+0085", "a\u0085b"),
        J("C1 CSI U+009B", "a\u009b2J"),
        J("line separator U+2028", "a\u2028b"),
        J("combining marks", "e\u0301\u0301\u0301\u0301"),
        J("RTL override U+202E", "\u202eLAN1"),
        J("emoji", "\U0001F600"),
        J("zero-width space", "LAN\u200b1"),
        J("BOM", "\ufeffLAN1"),
        J("trailing space", "LAN1 "),
        J("single space", " "),
        J("quote", "a\"b"),
        J("apostrophe", "a'b"),
        J("backslash", "a\\b"),
        J("pointer escapes", "~0~1/"),
        J("path-like", "$.a[0]"),
        J("equals", "a=b"),
        J("colon space", "a: b"),
        Raw("raw lone high surrogate", "\"\\ud800\""),
        Raw("raw lone low surrogate", "\"\\udfff\""),
        Raw("raw surrogate + letter", "\"\\ud800\\u0041\""),
        Raw("raw overlong '/'", "\"\xc0\xaf\""),
        Raw("raw overlong 3-byte", "\"\xe0\x80\xaf\""),
        Raw("raw UTF-8 surrogate", "\"\xed\xa0\x80\""),
        Raw("raw above U+10FFFF", "\"\xf4\x90\x80\x80\""),
        Raw("raw 0xFF byte",
            "\"a\xff"
            "b\""),
        Raw("raw control char in string",
            "\"a\x01"
            "b\""),
        Raw("raw newline in string", "\"a\nb\""),
    };
}

inline std::vector<Value>
TypeValues()
{
    return {
        J("null", nullptr, false),
        J("true", true, false),
        J("false", false, false),
        J("[]", Json::array(), false),
        J("{}", Json::object(), false),
        J("[1]", Json::array({1}), false),
        J("{\"a\":1}", Json{{"a", 1}}, false),
        J("0 (number)", 0, false),
        J("\"x\" (string)", "x", false),
        Deep(100, false),
        Deep(100, true),
        Deep(100000, false),
        Deep(100000, true),
    };
}

/// Keys added as unknown members.
inline std::vector<std::string>
OddKeys()
{
    using namespace std::string_literals;
    return {
        "colour",
        "",
        "a\nb",
        "\x1b[2J",
        "a\0b"s,
        "\u202eeman",
        "e\u0301",
        std::string(65, 'k'),
        std::string(100000, 'k'),
        std::string(8192, 'k'),
        "\U0001F600",
        "\u00e9",
        "~1/",
        "a: b",
        "Name", // a known key, differently cased
    };
}

// ---------------------------------------------------------------------------------------
// Mutants
// ---------------------------------------------------------------------------------------

enum class Op
{
    Replace,  //!< arg: index into the value list
    Remove,   //!< the key or element
    AddKey,   //!< arg: index into OddKeys()
    DupKey,   //!< the first key of an object, once more
    DupFirst, //!< the first element of an array, appended
    DupLast,  //!< the last element of an array, appended again
};

/// A mutation, before it is applied: small, so that all of them can be listed.
struct Spec
{
    size_t scenario;
    std::string pointer; //!< where (JSON pointer)
    std::string pattern; //!< the pointer with array indices as '*'
    Op op;
    size_t arg;
    uint64_t order; //!< sampling order
};

/// A scenario as shipped.
struct Shipped
{
    std::string file; //!< as given to ParseScenario (relative to the source dir)
    std::string name; //!< file stem
    Json doc;
};

struct Mutant
{
    std::string label; //!< "file pointer: mutation"
    std::string text;
    std::optional<Json> doc; //!< the mutated document, if it is JSON
    bool wild = false;
};

inline uint64_t
Fnv(const std::string& s, uint64_t seed)
{
    uint64_t h = 1469598103934665603ULL ^ seed;
    for (unsigned char c : s)
    {
        h ^= c;
        h *= 1099511628211ULL;
    }
    return h;
}

inline const char* const kPlaceholder = "@@zos-fuzz-raw@@";
inline const char* const kDupKey = "@@zos-fuzz-dup-key@@";

class Generator
{
  public:
    Generator()
        : m_numbers(NumberValues()),
          m_strings(StringValues()),
          m_types(TypeValues()),
          m_keys(OddKeys())
    {
        for (const auto& v : m_numbers)
        {
            m_values.push_back(&v);
        }
        for (const auto& v : m_strings)
        {
            m_values.push_back(&v);
        }
        for (const auto& v : m_types)
        {
            m_values.push_back(&v);
        }
        std::vector<std::filesystem::path> files;
        for (const auto& entry : std::filesystem::directory_iterator(SourceDir() + "/scenarios"))
        {
            const auto& p = entry.path();
            if (p.extension() == ".json" && p.filename() != "scenario.schema.json")
            {
                files.push_back(p);
            }
        }
        std::sort(files.begin(), files.end());
        for (const auto& p : files)
        {
            std::ifstream in(p, std::ios::binary);
            std::stringstream ss;
            ss << in.rdbuf();
            Json doc = Json::parse(ss.str());
            // A large shipped LAN (large-lan-10k: 10,000 stations in groups) is mutated with
            // its groups cut to 100 stations: the same keys and code paths, but each mutant
            // no longer costs a 10,000-station cross-check (over the 1 s hang limit under
            // the sanitizers).
            if (doc.contains("stationGroups") && doc["stationGroups"].is_array())
            {
                for (auto& group : doc["stationGroups"])
                {
                    if (group.contains("count") && group["count"].is_number_unsigned() &&
                        group["count"].get<uint64_t>() > 100)
                    {
                        group["count"] = 100;
                    }
                }
            }
            m_shipped.push_back({"scenarios/" + p.filename().string(), p.stem().string(), doc});
        }
        // The same scenarios in canonical form (ScenarioToJson: every key, defaults filled
        // in), so that the keys the shipped files leave out are mutated too.
        const size_t shipped = m_shipped.size();
        for (size_t i = 0; i < shipped; ++i)
        {
            const Shipped& sh = m_shipped[i];
            const std::string canonical = ScenarioToJson(ParseScenario(sh.doc.dump(2), sh.file));
            m_shipped.push_back({"scenarios/" + sh.name + ".canonical.json",
                                 sh.name + ".canonical",
                                 Json::parse(canonical)});
        }
    }

    const std::vector<Shipped>& ShippedScenarios() const
    {
        return m_shipped;
    }

    /// Every mutation of every shipped scenario, in sampling order.
    std::vector<Spec> Enumerate(uint64_t seed) const
    {
        std::vector<Spec> specs;
        for (size_t s = 0; s < m_shipped.size(); ++s)
        {
            Walk(s, m_shipped[s].doc, "", "", specs);
        }
        // Rank: the n-th spec of its (pattern, op, arg) comes in round n; within a round,
        // a fixed pseudo-random order.
        std::map<std::string, uint64_t> seen;
        for (Spec& sp : specs)
        {
            const std::string key =
                sp.pattern + '\x01' + std::to_string(int(sp.op)) + '\x01' + std::to_string(sp.arg);
            uint64_t round = seen[key]++;
            sp.order = (round << 40) |
                       (Fnv(key + '\x02' + m_shipped[sp.scenario].name, seed) & ((1ULL << 40) - 1));
        }
        std::stable_sort(specs.begin(), specs.end(), [](const Spec& a, const Spec& b) {
            return a.order < b.order;
        });
        return specs;
    }

    Mutant Make(const Spec& sp) const
    {
        const Shipped& sh = m_shipped[sp.scenario];
        Json doc = sh.doc;
        const Json::json_pointer ptr(sp.pointer);
        Mutant m;
        m.label = sh.file + " " + (sp.pointer.empty() ? "(root)" : sp.pointer) + ": ";
        std::string rawSplice;
        bool splice = false;
        std::string dupKey;
        switch (sp.op)
        {
        case Op::Replace: {
            const Value& v = *m_values[sp.arg];
            m.label += "value " + v.label;
            m.wild = v.wild;
            if (v.json)
            {
                doc[ptr] = *v.json;
            }
            else
            {
                doc[ptr] = kPlaceholder;
                rawSplice = v.raw;
                splice = true;
            }
            break;
        }
        case Op::Remove: {
            m.label += "removed";
            Json& parent = doc[ptr.parent_pointer()];
            const std::string last = ptr.back();
            if (parent.is_object())
            {
                parent.erase(last);
            }
            else
            {
                parent.erase(std::stoul(last));
            }
            break;
        }
        case Op::AddKey: {
            const std::string& key = m_keys[sp.arg];
            m.label += "unknown key '" + zosfuzz::Printable(key, 40) + "'";
            doc[ptr][key] = 1;
            break;
        }
        case Op::DupKey: {
            Json& obj = doc[ptr];
            dupKey = obj.begin().key();
            m.label += "duplicate key '" + zosfuzz::Printable(dupKey, 40) + "'";
            break;
        }
        case Op::DupFirst:
            m.label += "first element duplicated";
            doc[ptr].push_back(Json(doc[ptr].front()));
            break;
        case Op::DupLast:
            m.label += "last element duplicated";
            doc[ptr].push_back(Json(doc[ptr].back()));
            break;
        }

        if (!dupKey.empty() || sp.op == Op::DupKey)
        {
            // The document keeps one member; the text gets the first key twice.
            Json withDup = doc;
            Json& obj = withDup[ptr];
            Json first = obj.begin().value();
            obj[kDupKey] = std::move(first);
            m.text = withDup.dump(2);
            const std::string quoted = std::string("\"") + kDupKey + "\"";
            m.text.replace(m.text.find(quoted), quoted.size(), Json(dupKey).dump());
            m.doc = std::move(doc);
            return m;
        }
        if (!splice)
        {
            m.text = doc.dump(2);
            m.doc = std::move(doc);
            return m;
        }
        m.text = doc.dump(2);
        const std::string quoted = std::string("\"") + kPlaceholder + "\"";
        m.text.replace(m.text.find(quoted), quoted.size(), rawSplice);
        const Value& v = *m_values[sp.arg];
        if (v.docForm)
        {
            doc[ptr] = *v.docForm;
            m.doc = std::move(doc);
        }
        else
        {
            // The JSON parser's view (for raw text that is JSON, e.g. 1e400), if any.
            Json parsed = Json::parse(m.text, nullptr, false);
            if (!parsed.is_discarded())
            {
                m.doc = std::move(parsed);
            }
        }
        return m;
    }

  private:
    void Walk(size_t s,
              const Json& node,
              const std::string& pointer,
              const std::string& pattern,
              std::vector<Spec>& out) const
    {
        auto add = [&](Op op, size_t arg) { out.push_back({s, pointer, pattern, op, arg, 0}); };
        for (size_t i = 0; i < m_values.size(); ++i)
        {
            // Containers get the wrong types only; leaves every value.
            if (node.is_structured() && i < m_numbers.size() + m_strings.size() &&
                m_values[i]->label != "0" && m_values[i]->label != "empty string" &&
                m_values[i]->label != "newline")
            {
                continue;
            }
            add(Op::Replace, i);
        }
        if (!pointer.empty())
        {
            add(Op::Remove, 0);
        }
        if (node.is_object())
        {
            for (size_t k = 0; k < m_keys.size(); ++k)
            {
                add(Op::AddKey, k);
            }
            if (!node.empty())
            {
                add(Op::DupKey, 0);
            }
            for (auto it = node.begin(); it != node.end(); ++it)
            {
                const std::string token = Escape(it.key());
                Walk(s, it.value(), pointer + "/" + token, pattern + "/" + token, out);
            }
        }
        else if (node.is_array())
        {
            if (!node.empty())
            {
                add(Op::DupFirst, 0);
                if (node.size() > 1)
                {
                    add(Op::DupLast, 0);
                }
            }
            for (size_t i = 0; i < node.size(); ++i)
            {
                Walk(s, node[i], pointer + "/" + std::to_string(i), pattern + "/*", out);
            }
        }
    }

    static std::string Escape(const std::string& key)
    {
        std::string out;
        for (char c : key)
        {
            out += c == '~' ? std::string("~0") : c == '/' ? std::string("~1") : std::string(1, c);
        }
        return out;
    }

    std::vector<Value> m_numbers;
    std::vector<Value> m_strings;
    std::vector<Value> m_types;
    std::vector<const Value*> m_values;
    std::vector<std::string> m_keys;
    std::vector<Shipped> m_shipped;
};

} // namespace fuzz
} // namespace zostest

#endif
