/*
 * zos-takeover: reStructuredText helpers of the scenario reference page generator
 * (scenario-doc.cc): escaping, literals, wrapped paragraphs, headings.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_RST_TEXT_H
#define ZOS_TAKEOVER_RST_TEXT_H

#include "ns3/scenario-json.h"

#include <cstdio>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace ns3
{
namespace zos
{
namespace rst
{

using Json = ScenarioJson; //!< the JSON type of the loader

const size_t kWidth = 96; //!< the page width

/// Text made safe for a paragraph or table cell: inline markup characters escaped.
inline std::string
Escape(const std::string& text)
{
    std::string out;
    for (size_t i = 0; i < text.size(); ++i)
    {
        char c = text[i];
        bool wordEnd =
            i + 1 == text.size() || !std::isalnum(static_cast<unsigned char>(text[i + 1]));
        if (c == '\\' || c == '*' || c == '`' || c == '|' ||
            (c == '_' && i > 0 && std::isalnum(static_cast<unsigned char>(text[i - 1])) && wordEnd))
        {
            out += '\\';
        }
        out += c;
    }
    // A cell starting like a list item ("-1 = ...", "1. ...") would become a list.
    if (!out.empty() &&
        (out[0] == '-' || out[0] == '+' || std::regex_search(out, std::regex("^[0-9]+[.)] "))))
    {
        out = "\\" + out;
    }
    return out;
}

/// A value as an inline literal: strings as they are, anything else as JSON.
inline std::string
Literal(const Json& v)
{
    return "``" + (v.is_string() ? v.get<std::string>() : v.dump()) + "``";
}

/// A JSON value for the "default" column: JSON text as an inline literal.
inline std::string
JsonLiteral(const Json& v)
{
    return "``" + v.dump() + "``";
}

/// "a", "a or b", "a, b or c".
inline std::string
Either(const std::vector<std::string>& items, const std::string& conjunction = "or")
{
    std::string out;
    for (size_t i = 0; i < items.size(); ++i)
    {
        out += (i == 0 ? "" : i + 1 == items.size() ? " " + conjunction + " " : ", ") + items[i];
    }
    return out;
}

/// Words of `text`, wrapped to `width` columns, every line after the first indented.
inline std::string
Wrap(const std::string& text, size_t firstColumn, const std::string& indent)
{
    std::istringstream words(text);
    std::string word;
    std::string out;
    size_t column = firstColumn;
    bool first = true;
    while (words >> word)
    {
        if (!first && column + 1 + word.size() > kWidth)
        {
            out += "\n" + indent;
            column = indent.size();
        }
        else if (!first)
        {
            out += ' ';
            ++column;
        }
        out += word;
        column += word.size();
        first = false;
    }
    return out;
}

/// A paragraph, wrapped.
inline std::string
Paragraph(const std::string& text, const std::string& indent = "")
{
    return indent + Wrap(text, indent.size(), indent) + "\n";
}

/// "a LAN" -> "LAN", "the fix levels" -> "Fix levels".
inline std::string
Heading(const std::string& title)
{
    std::string h = title;
    for (const char* article : {"a ", "an ", "the "})
    {
        if (h.rfind(article, 0) == 0)
        {
            h = h.substr(std::string(article).size());
            break;
        }
    }
    if (!h.empty())
    {
        h[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(h[0])));
    }
    return h;
}

inline std::string
Underline(const std::string& heading, char c)
{
    return heading + "\n" + std::string(heading.size(), c) + "\n";
}

} // namespace rst
} // namespace zos
} // namespace ns3

#endif
