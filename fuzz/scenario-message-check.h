/*
 * zos-takeover: what a ScenarioError's message must look like (issue 8, item 3), checked by
 * the libFuzzer target (fuzz/scenario-fuzzer.cc) and the mutation test
 * (test/test-scenario-fuzz.cc). No dependency but the C++ library.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_SCENARIO_MESSAGE_CHECK_H
#define ZOS_TAKEOVER_SCENARIO_MESSAGE_CHECK_H

#include <cstdint>
#include <cstdio>
#include <string>

namespace zosfuzz
{

/// `text` with every byte outside printable ASCII as \xNN (for reports about messages).
inline std::string
Printable(const std::string& text, size_t max = 400)
{
    std::string out;
    for (size_t i = 0; i < text.size() && i < max; ++i)
    {
        unsigned char c = static_cast<unsigned char>(text[i]);
        if (c >= 0x20 && c < 0x7f && c != '\\')
        {
            out += static_cast<char>(c);
        }
        else
        {
            char buf[8];
            std::snprintf(buf, sizeof(buf), "\\x%02x", c);
            out += buf;
        }
    }
    if (text.size() > max)
    {
        out += "...(" + std::to_string(text.size()) + " bytes)";
    }
    return out;
}

/// `value` as hexadecimal digits.
inline std::string
Hex(uint32_t value)
{
    char buf[16];
    std::snprintf(buf, sizeof(buf), "%02X", static_cast<unsigned>(value));
    return buf;
}

/**
 * What is wrong with `what` as the message of a ScenarioError about `file`, or "" if nothing:
 * it must start with "FILE: ", be one line (no CR, LF, NEL, U+2028, U+2029), hold no raw
 * control character (C0, DEL, C1) nor bidirectional override (U+202A-U+202E, U+2066-U+2069:
 * they make a line read differently from what it holds), and be valid UTF-8.
 */
inline std::string
MessageProblem(const std::string& what, const std::string& file)
{
    const std::string prefix = file + ": ";
    if (what.compare(0, prefix.size(), prefix) != 0)
    {
        return "does not start with the file name '" + Printable(file) + ": '";
    }
    if (what.size() == prefix.size())
    {
        return "says nothing after the file name";
    }
    for (size_t i = 0; i < what.size();)
    {
        unsigned char c = static_cast<unsigned char>(what[i]);
        if (c == '\n' || c == '\r')
        {
            return "spans several lines (raw " + std::string(c == '\n' ? "LF" : "CR") +
                   " at byte " + std::to_string(i) + ")";
        }
        if (c < 0x20 || c == 0x7f)
        {
            return "holds a raw control character 0x" + Hex(c) + " at byte " + std::to_string(i);
        }
        if (c < 0x80)
        {
            ++i;
            continue;
        }
        // One UTF-8 sequence, strictly (no overlong form, no surrogate, at most U+10FFFF).
        size_t n = 0;
        uint32_t cp = 0;
        uint32_t min = 0;
        if (c >= 0xc2 && c <= 0xdf)
        {
            n = 2, cp = c & 0x1f, min = 0x80;
        }
        else if (c >= 0xe0 && c <= 0xef)
        {
            n = 3, cp = c & 0x0f, min = 0x800;
        }
        else if (c >= 0xf0 && c <= 0xf4)
        {
            n = 4, cp = c & 0x07, min = 0x10000;
        }
        else
        {
            return "is not valid UTF-8 (byte 0x" + Hex(c) + " at " + std::to_string(i) + ")";
        }
        if (i + n > what.size())
        {
            return "is not valid UTF-8 (truncated sequence at byte " + std::to_string(i) + ")";
        }
        for (size_t k = 1; k < n; ++k)
        {
            unsigned char d = static_cast<unsigned char>(what[i + k]);
            if ((d & 0xc0) != 0x80)
            {
                return "is not valid UTF-8 (bad continuation at byte " + std::to_string(i + k) +
                       ")";
            }
            cp = (cp << 6) | (d & 0x3f);
        }
        if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff))
        {
            return "is not valid UTF-8 (overlong, surrogate or out of range at byte " +
                   std::to_string(i) + ")";
        }
        if (cp == 0x85 || cp == 0x2028 || cp == 0x2029)
        {
            return "spans several lines (raw U+" + Hex(cp) + " at byte " + std::to_string(i) + ")";
        }
        if (cp >= 0x80 && cp <= 0x9f)
        {
            return "holds a raw C1 control character U+" + Hex(cp) + " at byte " +
                   std::to_string(i);
        }
        if ((cp >= 0x202a && cp <= 0x202e) || (cp >= 0x2066 && cp <= 0x2069))
        {
            return "holds a raw bidirectional control U+" + Hex(cp) + " at byte " +
                   std::to_string(i);
        }
        i += n;
    }
    return "";
}

} // namespace zosfuzz

#endif
