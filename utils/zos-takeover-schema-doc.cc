/*
 * zos-takeover-schema-doc: write the scenario reference page doc/scenario-format.rst from
 * its template doc/scenario-format.rst.in and the schema the loader carries
 * (scenarios/scenario.schema.json), or check that the page is current (./zos-takeover doc).
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "scenario-doc.h"

#include <fstream>
#include <iostream>
#include <sstream>
#include <string>

using namespace ns3::zos;

namespace
{

const char* const kUsage =
    "zos-takeover-schema-doc: the scenario reference page from its template and the schema\n\n"
    "Usage: zos-takeover-schema-doc [--template FILE] [--out FILE | --check FILE]\n\n"
    "  --template FILE  the hand-written part (default: doc/scenario-format.rst.in of the\n"
    "                   source tree)\n"
    "  --out FILE       write the page there (default: standard output)\n"
    "  --check FILE     exit 1 if FILE differs from the page it would write\n\n"
    "The schema is the one built into the library (scenarios/scenario.schema.json).\n";

bool
Read(const std::string& file, std::string& text)
{
    std::ifstream in(file, std::ios::binary);
    if (!in)
    {
        return false;
    }
    std::ostringstream os;
    os << in.rdbuf();
    text = os.str();
    return true;
}

/// 1-based number of the first line where a and b differ.
size_t
FirstDifference(const std::string& a, const std::string& b)
{
    size_t line = 1;
    for (size_t i = 0; i < a.size() && i < b.size() && a[i] == b[i]; ++i)
    {
        line += a[i] == '\n';
    }
    return line;
}

} // namespace

int
main(int argc, char** argv)
{
    std::string templateFile;
#ifdef ZOS_SOURCE_DIR
    templateFile = std::string(ZOS_SOURCE_DIR) + "/doc/scenario-format.rst.in";
#endif
    std::string out;
    std::string check;
    for (int i = 1; i < argc; ++i)
    {
        const std::string a = argv[i];
        if (a == "-h" || a == "--help")
        {
            std::cout << kUsage;
            return 0;
        }
        if ((a == "--template" || a == "--out" || a == "--check") && i + 1 < argc)
        {
            (a == "--template" ? templateFile : a == "--out" ? out : check) = argv[++i];
            continue;
        }
        std::cerr << "zos-takeover-schema-doc: unexpected argument '" << a << "'\n" << kUsage;
        return 2;
    }
    if (!out.empty() && !check.empty())
    {
        std::cerr << "zos-takeover-schema-doc: --out and --check exclude each other\n";
        return 2;
    }
    std::string templateText;
    if (!Read(templateFile, templateText))
    {
        std::cerr << "zos-takeover-schema-doc: cannot read template '" << templateFile << "'\n";
        return 2;
    }
    std::string page;
    try
    {
        page = GenerateScenarioDoc(ScenarioSchema::Get(), templateText);
    }
    catch (const std::exception& e)
    {
        std::cerr << "zos-takeover-schema-doc: " << templateFile << ": " << e.what() << "\n";
        return 2;
    }
    if (!check.empty())
    {
        std::string current;
        if (!Read(check, current))
        {
            std::cerr << "zos-takeover-schema-doc: cannot read '" << check << "'\n";
            return 1;
        }
        if (current != page)
        {
            std::cerr << check << ": line " << FirstDifference(current, page)
                      << ": differs from what the schema and the template give; edit "
                         "doc/scenario-format.rst.in or scenarios/scenario.schema.json, never "
                         "the page, and run ./zos-takeover doc\n";
            return 1;
        }
        return 0;
    }
    if (out.empty())
    {
        std::cout << page;
        return std::cout ? 0 : 1;
    }
    std::ofstream file(out, std::ios::binary | std::ios::trunc);
    file << page;
    file.close();
    if (!file)
    {
        std::cerr << "zos-takeover-schema-doc: cannot write '" << out << "'\n";
        return 1;
    }
    return 0;
}
