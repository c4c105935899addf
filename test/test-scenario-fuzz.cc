/*
 * zos-takeover: structure-aware fuzzing of the scenario loader (issue 8, item 5).
 *
 * SPDX-License-Identifier: GPL-2.0-only
 *
 * Every shipped scenario (the .json files in scenarios/ but the schema), as it is and in
 * canonical form (ScenarioToJson: every key present), is mutated ONE place at a time:
 * for every node of its JSON (each leaf, object and array, the root included) the value is
 * replaced by a wild number, an odd string (lengths, control characters, bidi overrides,
 * combining marks, emoji, lone surrogates, overlong UTF-8), a value of another type, or
 * nesting 100 and 100,000 deep; the key or element is removed; an object gets an unknown
 * (oddly named) key or a duplicate key; an array gets a duplicate element. For each mutant,
 * ParseScenario must either accept it or throw ScenarioError whose what() is one line
 * (fuzz/scenario-message-check.h: "FILE: ", no raw control character) and whose path part
 * names a place of the mutated document or the parent of one (a removed key). It must not
 * take more than 1 s of CPU. Accepted mutants are not simulated, but they must survive
 * ScenarioToJson and parse again; they are counted and the wild values accepted are listed.
 *
 * The mutants are enumerated deterministically and sampled: first one of each (field
 * pattern, mutation) pair, in a fixed pseudo-random order, then the others. Environment:
 *   ZOS_FUZZ_MUTANTS=N   how many (default 2500, 800 under ASan: about 15 s and 45 s;
 *                        "all" for every one, about 90,000)
 *   ZOS_FUZZ_SEED=S      another deterministic sample
 *   ZOS_FUZZ_VERBOSE=1   print every accepted wild value and every failure
 *   ZOS_FUZZ_EXCLUDE=T   skip the mutants whose label contains T (to get past a known bug)
 *   ZOS_FUZZ_SAVE_DIR=D  where failing mutants are written (default scenario-fuzz-failures/
 *                        in the working directory), to become test/data/bad cases
 *   ZOS_FUZZ_WATCHDOG_S=S  CPU seconds after which a mutant is a hang and the test stops (20)
 * A mutant that crashes or hangs is named on stderr before the process dies.
 */

#if __has_include("ns3/scenario.h")
#include "ns3/scenario.h"
#else
#include "scenario.h"
#endif

#include "../fuzz/scenario-message-check.h"
#include "zos-test-util.h"

#include <algorithm>
#include <atomic>
#include <cctype>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <gtest/gtest.h>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <pthread.h>
#include <set>
#include <signal.h>
#include <sstream>
#include <string>
#include <thread>
#include <typeinfo>
#include <unistd.h>
#include <vector>

#if defined(__has_feature)
#if __has_feature(address_sanitizer)
#define ZOS_FUZZ_ASAN 1
#endif
#endif
#if defined(__SANITIZE_ADDRESS__)
#define ZOS_FUZZ_ASAN 1
#endif
#ifdef ZOS_FUZZ_ASAN
#include <sanitizer/common_interface_defs.h>
#endif

using namespace ns3::zos;
using Json = nlohmann::ordered_json;
using Clock = std::chrono::steady_clock;

namespace
{

using zostest::SourceDir;

std::string
EnvOr(const char* name, const std::string& fallback)
{
    const char* v = std::getenv(name);
    return v != nullptr && *v != '\0' ? std::string(v) : fallback;
}

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

Value
J(const std::string& label, Json v, bool wild = true)
{
    Value x;
    x.label = label;
    x.json = std::move(v);
    x.wild = wild;
    return x;
}

Value
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
Value
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

std::vector<Value>
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

std::vector<Value>
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

std::vector<Value>
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
std::vector<std::string>
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

uint64_t
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

const char* const kPlaceholder = "@@zos-fuzz-raw@@";
const char* const kDupKey = "@@zos-fuzz-dup-key@@";

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
            m_shipped.push_back(
                {"scenarios/" + p.filename().string(), p.stem().string(), Json::parse(ss.str())});
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

// ---------------------------------------------------------------------------------------
// The path in a message
// ---------------------------------------------------------------------------------------

/**
 * Does the message's token `m` name the key `k`? Tokens show keys JSON-escaped (control and
 * non-ASCII characters as \uXXXX, backslash as \\, helper/scenario-schema.h FormatPointer):
 * `m` is read back as the content of a JSON string.
 */
bool
TokenMatches(const std::string& k, const std::string& m)
{
    if (k == m)
    {
        return true;
    }
    std::string quoted = "\"";
    for (char c : m)
    {
        quoted += c == '"' ? std::string("\\\"") : std::string(1, c);
    }
    quoted += '"';
    Json parsed = Json::parse(quoted, nullptr, false);
    return parsed.is_string() && parsed.get_ref<const std::string&>() == k;
}

/// The node `tokens` names in `doc`, or nullptr.
const Json*
Resolve(const Json& doc, const std::vector<std::string>& tokens, size_t count)
{
    const Json* node = &doc;
    for (size_t t = 0; t < count; ++t)
    {
        const std::string& tok = tokens[t];
        if (node->is_object())
        {
            const Json* next = nullptr;
            for (auto it = node->begin(); it != node->end() && next == nullptr; ++it)
            {
                if (TokenMatches(it.key(), tok))
                {
                    next = &it.value();
                }
            }
            if (next == nullptr)
            {
                return nullptr;
            }
            node = next;
        }
        else if (node->is_array())
        {
            if (tok.empty() || tok.size() > 9 ||
                tok.find_first_not_of("0123456789") != std::string::npos)
            {
                return nullptr;
            }
            size_t i = std::stoul(tok);
            if (i >= node->size())
            {
                return nullptr;
            }
            node = &(*node)[i];
        }
        else
        {
            return nullptr;
        }
    }
    return node;
}

/// The tokens of a JSON pointer ("" = the root; "/a/0"), ~0 and ~1 decoded; nullopt if `p`
/// is not one.
std::optional<std::vector<std::string>>
PointerTokens(const std::string& p)
{
    std::vector<std::string> tokens;
    if (p.empty())
    {
        return tokens;
    }
    if (p[0] != '/')
    {
        return std::nullopt;
    }
    std::string cur;
    for (size_t i = 1; i <= p.size(); ++i)
    {
        if (i == p.size() || p[i] == '/')
        {
            tokens.push_back(cur);
            cur.clear();
        }
        else if (p[i] == '~' && i + 1 < p.size() && (p[i + 1] == '0' || p[i + 1] == '1'))
        {
            cur += p[i + 1] == '0' ? '~' : '/';
            ++i;
        }
        else
        {
            cur += p[i];
        }
    }
    return tokens;
}

/**
 * What is wrong with the path of `e` for `doc`, or "": what() must be "FILE: PATH: REASON"
 * (File(), JsonPath(), Reason()), and PATH a JSON pointer ("/" for the whole document) that
 * names a node of `doc` or whose parent does (a missing key).
 */
std::string
PathProblem(const ScenarioError& e, const Json& doc)
{
    const std::string path = e.JsonPath();
    if (std::string(e.what()) != e.File() + ": " + path + ": " + e.Reason())
    {
        return "is not File() + \": \" + JsonPath() + \": \" + Reason() (what() cut at a NUL?)";
    }
    auto tokens = PointerTokens(path);
    if (!tokens || path.empty())
    {
        return "path '" + zosfuzz::Printable(path, 80) + "' is not a JSON pointer";
    }
    if (Resolve(doc, *tokens, tokens->size()) != nullptr ||
        Resolve(doc, *tokens, tokens->size() - 1) != nullptr)
    {
        return "";
    }
    return "path '" + zosfuzz::Printable(path, 120) +
           "' names no place of the document, nor the parent of one";
}

// ---------------------------------------------------------------------------------------
// Crash and hang reporting
// ---------------------------------------------------------------------------------------

char g_current[1024];                //!< the mutant being parsed (for a dying process)
std::atomic<int64_t> g_startedNs{0}; //!< CPU time of the test thread when its parse started
                                     //!< (0: none running)
clockid_t g_testClock = CLOCK_THREAD_CPUTIME_ID; //!< that thread's CPU clock
std::atomic<bool> g_stop{false};

void
WriteCurrent()
{
    const char head[] = "\ntest-scenario-fuzz: died on mutant: ";
    ssize_t r = write(2, head, sizeof(head) - 1);
    r = write(2, g_current, std::strlen(g_current));
    r = write(2, "\n", 1);
    (void)r;
}

void
OnFatalSignal(int sig)
{
    WriteCurrent();
    std::signal(sig, SIG_DFL);
    std::raise(sig);
}

void
InstallDeathReport()
{
#ifdef ZOS_FUZZ_ASAN
    __sanitizer_set_death_callback(WriteCurrent);
#else
    static std::vector<char> altStack(1 << 16);
    stack_t ss{};
    ss.ss_sp = altStack.data();
    ss.ss_size = altStack.size();
    sigaltstack(&ss, nullptr);

    struct sigaction sa
    {
    };

    sa.sa_handler = OnFatalSignal;
    sa.sa_flags = SA_ONSTACK;
    for (int sig : {SIGSEGV, SIGBUS, SIGABRT, SIGFPE, SIGILL})
    {
        sigaction(sig, &sa, nullptr);
    }
#endif
}

/// CPU time of the test thread, ns (the 1 s rule is about work, not about a busy machine).
int64_t
CpuNs(clockid_t clock = CLOCK_THREAD_CPUTIME_ID)
{
    timespec ts{};
    clock_gettime(clock, &ts);
    return int64_t(ts.tv_sec) * 1000000000 + ts.tv_nsec;
}

std::string
SafeName(const std::string& s)
{
    std::string out;
    for (char c : s)
    {
        out += std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '.' ? c : '_';
    }
    return out.substr(0, 120);
}

// ---------------------------------------------------------------------------------------
// The test
// ---------------------------------------------------------------------------------------

TEST(ScenarioFuzz, OneFieldMutantsGetAcceptedOrOneLineErrors)
{
#ifdef ZOS_FUZZ_ASAN
    // The sanitizer build (Debug, ASan) parses about 20 times slower: 46 ms a mutant.
    const std::string countText = EnvOr("ZOS_FUZZ_MUTANTS", "800");
#else
    const std::string countText = EnvOr("ZOS_FUZZ_MUTANTS", "2500");
#endif
    const uint64_t seed = std::stoull(EnvOr("ZOS_FUZZ_SEED", "1"));
    const bool verbose = EnvOr("ZOS_FUZZ_VERBOSE", "0") != "0";
    const std::string saveDir = EnvOr("ZOS_FUZZ_SAVE_DIR", "scenario-fuzz-failures");
    const double watchdogS = std::stod(EnvOr("ZOS_FUZZ_WATCHDOG_S", "20"));

    Generator gen;
    ASSERT_FALSE(gen.ShippedScenarios().empty());
    for (const Shipped& sh : gen.ShippedScenarios())
    {
        ASSERT_NO_THROW(ParseScenario(sh.doc.dump(2), sh.file)) << sh.file;
    }
    std::vector<Spec> specs = gen.Enumerate(seed);
    const size_t total = specs.size();
    const size_t limit =
        countText == "all" ? total : std::min<size_t>(total, std::stoul(countText));
    specs.resize(limit);

    InstallDeathReport();
    pthread_getcpuclockid(pthread_self(), &g_testClock);
    std::thread watchdog([watchdogS] {
        while (!g_stop.load())
        {
            std::this_thread::sleep_for(std::chrono::milliseconds(200));
            int64_t started = g_startedNs.load();
            if (started != 0 && (CpuNs(g_testClock) - started) > int64_t(watchdogS * 1e9))
            {
                std::fprintf(stderr,
                             "\ntest-scenario-fuzz: HANG: ParseScenario has run for more than "
                             "%.0f s of CPU on mutant: %s\n",
                             watchdogS,
                             g_current);
                std::fflush(stderr);
                std::_Exit(3);
            }
        }
    });

    size_t accepted = 0;
    size_t rejected = 0;
    size_t notJson = 0;
    size_t failures = 0;
    size_t pathChecked = 0;
    double totalS = 0;
    double slowestS = 0;
    std::string slowest;
    std::map<std::string, size_t> failureKinds;                // problem (numbers blanked) -> count
    std::map<std::string, std::set<std::string>> wildAccepted; // mutation -> field patterns
    std::map<std::string, size_t> acceptedByMutation;
    size_t longMessages = 0;
    std::string longestMessage;

    auto fail = [&](const Mutant& m, const std::string& problem, const std::string& what) {
        ++failures;
        // The kind of problem: its text up to the first detail.
        size_t cut = problem.size();
        for (const char* detail : {" (", " at ", " U+", " 0x", " '", ": "})
        {
            cut = std::min(cut, problem.find(detail));
        }
        const std::string kind = problem.substr(0, cut);
        ++failureKinds[kind];
        if (failures <= 40 || verbose)
        {
            ADD_FAILURE() << m.label << "\n  " << problem
                          << (what.empty() ? "" : "\n  message: " + zosfuzz::Printable(what));
        }
        if (failures <= 300)
        {
            std::filesystem::create_directories(saveDir);
            std::ofstream out(saveDir + "/" + SafeName(m.label) + ".json", std::ios::binary);
            out << m.text;
        }
    };

    const auto begin = Clock::now();
    const std::string exclude = EnvOr("ZOS_FUZZ_EXCLUDE", "");
    for (const Spec& sp : specs)
    {
        const Mutant m = gen.Make(sp);
        if (!exclude.empty() && m.label.find(exclude) != std::string::npos)
        {
            continue;
        }
        const std::string& file = gen.ShippedScenarios()[sp.scenario].file;
        std::snprintf(g_current, sizeof(g_current), "%s", zosfuzz::Printable(m.label, 900).c_str());
        if (!m.doc)
        {
            ++notJson;
        }
        std::string what;
        std::optional<ScenarioError> error;
        bool threw = false;
        std::string otherException;
        std::optional<Scenario> result;
        const int64_t t0 = CpuNs();
        g_startedNs.store(t0);
        try
        {
            result = ParseScenario(m.text, file);
        }
        catch (const ScenarioError& e)
        {
            threw = true;
            what = e.what();
            error = e;
        }
        catch (const std::exception& e)
        {
            otherException = std::string(typeid(e).name()) + ": " + e.what();
        }
        catch (...)
        {
            otherException = "a non-standard exception";
        }
        g_startedNs.store(0);
        const double s = (CpuNs() - t0) / 1e9;
        totalS += s;
        if (s > slowestS)
        {
            slowestS = s;
            slowest = m.label;
        }
        if (s > 1.0)
        {
            fail(m, "took " + std::to_string(s) + " s of CPU (more than 1 s: a hang)", what);
        }
        if (!otherException.empty())
        {
            fail(m, "threw something else than ScenarioError: " + otherException, "");
            continue;
        }
        if (threw)
        {
            ++rejected;
            std::string problem = zosfuzz::MessageProblem(what, file);
            if (problem.empty() && m.doc)
            {
                ++pathChecked;
                problem = PathProblem(*error, *m.doc);
            }
            if (!problem.empty())
            {
                fail(m, "message " + problem, what);
            }
            if (what.size() > 300)
            {
                ++longMessages;
                if (what.size() > longestMessage.size())
                {
                    longestMessage = what;
                }
            }
            continue;
        }
        ++accepted;
        const std::string mutation = m.label.substr(m.label.find(": ") + 2);
        ++acceptedByMutation[mutation];
        if (m.wild)
        {
            wildAccepted[mutation].insert(sp.pattern.empty() ? "(root)" : sp.pattern);
        }
        // What was accepted must survive its canonical form.
        try
        {
            ParseScenario(ScenarioToJson(*result), file);
        }
        catch (const std::exception& e)
        {
            fail(m, "accepted, but its canonical form (ScenarioToJson) is refused", e.what());
        }
    }
    const double wallS = std::chrono::duration<double>(Clock::now() - begin).count();
    g_stop.store(true);
    watchdog.join();

    std::printf("scenario fuzz: %zu of %zu mutants of %zu scenarios (ZOS_FUZZ_MUTANTS=%s, seed "
                "%llu) in %.1f s (parse: %.1f s of CPU, %.2f ms each, slowest %.3f s: %s)\n",
                specs.size(),
                total,
                gen.ShippedScenarios().size(),
                countText.c_str(),
                static_cast<unsigned long long>(seed),
                wallS,
                totalS,
                specs.empty() ? 0.0 : 1000 * totalS / specs.size(),
                slowestS,
                zosfuzz::Printable(slowest, 200).c_str());
    std::printf("scenario fuzz: %zu accepted, %zu rejected (%zu not JSON, %zu path-checked), "
                "%zu failures\n",
                accepted,
                rejected,
                notJson,
                pathChecked,
                failures);
    for (const auto& [kind, n] : failureKinds)
    {
        std::printf("scenario fuzz: failure x%zu: %s\n", n, kind.c_str());
    }
    if (failures > 0)
    {
        std::printf("scenario fuzz: failing mutants written to %s/\n",
                    std::filesystem::absolute(saveDir).string().c_str());
    }
    std::printf("scenario fuzz: messages longer than 300 bytes: %zu%s%s\n",
                longMessages,
                longMessages ? "; longest: " : "",
                zosfuzz::Printable(longestMessage, 200).c_str());
    std::printf("scenario fuzz: wild values accepted (mutation: fields%s):\n",
                verbose ? "" : "; ZOS_FUZZ_VERBOSE=1 lists all fields");
    for (const auto& [mutation, fields] : wildAccepted)
    {
        std::string list;
        size_t shown = 0;
        for (const std::string& f : fields)
        {
            if (!verbose && ++shown > 6)
            {
                list += " ...";
                break;
            }
            list += " " + f;
        }
        std::printf("  %s: %zu field(s):%s\n",
                    zosfuzz::Printable(mutation, 80).c_str(),
                    fields.size(),
                    zosfuzz::Printable(list, verbose ? 100000 : 300).c_str());
    }
}

/// A small valid scenario (the overrides below apply to it).
const char* const kSmall = R"({
  "name": "small",
  "lans": [{"name": "LAN1"}],
  "stacks": [
    {"name": "TCPIPA", "links": [{"name": "OSA1", "lan": "LAN1", "address": "10.0.0.1/8"}]}
  ],
  "stations": [
    {"name": "C1", "lan": "LAN1", "address": "10.0.0.2/8", "probe": {"targets": ["10.0.0.1"]}}
  ]
})";

/// --set paths are input too: a long one must be refused fast (0.25 s of CPU) with one
/// line, not build a document nested deeper than the loader allows (found while fuzzing:
/// 5,000 levels took 4 s under ASan, 50,000 more than 2 minutes; the time is quadratic in
/// the depth).
TEST(ScenarioFuzz, LongSetPathsAreRefusedFast)
{
    ASSERT_NO_THROW(ParseScenario(kSmall, "small.json"));
    for (size_t depth : {40, 5000, 20000})
    {
        for (const std::string& head : {std::string(), std::string("/stacks/0")})
        {
            std::string path = head;
            for (size_t i = 0; i < depth; ++i)
            {
                path += "/x";
            }
            const int64_t t0 = CpuNs();
            std::string what = "accepted";
            try
            {
                ParseScenario(kSmall, "small.json", {path + "=1"});
            }
            catch (const ScenarioError& e)
            {
                what = e.what();
                EXPECT_EQ(zosfuzz::MessageProblem(what, e.File()), "") << what;
            }
            const double s = (CpuNs() - t0) / 1e9;
            EXPECT_NE(what, "accepted") << depth;
            // Linear work on a 40 KB argument takes milliseconds, even under ASan.
            EXPECT_LT(s, 0.25) << "--set " << head << "/x... (" << depth << " levels)";
            EXPECT_LT(what.size(), 1000u) << zosfuzz::Printable(what, 300);
        }
    }
}

} // namespace
