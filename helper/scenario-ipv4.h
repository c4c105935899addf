/*
 * zos-takeover: IPv4 address text of scenario files as numbers and back, in plain C++ (the
 * scenario loader builds without ns-3, for the fuzzer). Private to the loader.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_SCENARIO_IPV4_H
#define ZOS_TAKEOVER_SCENARIO_IPV4_H

#include <cstdint>
#include <string>

namespace ns3
{

namespace zos
{

/**
 * \param text "a.b.c.d" or "a.b.c.d/len", already matched by the schema's pattern
 * \param address set to a.b.c.d as a number (a in the high byte)
 * \param length set to len (32 without one)
 */
inline void
ParseIpv4Text(const std::string& text, uint32_t& address, uint32_t& length)
{
    address = 0;
    length = 32;
    size_t pos = 0;
    for (int i = 0; i < 4; ++i)
    {
        uint32_t octet = 0;
        while (pos < text.size() && text[pos] >= '0' && text[pos] <= '9')
        {
            octet = octet * 10 + static_cast<uint32_t>(text[pos++] - '0');
        }
        address = (address << 8) | (octet & 0xff);
        ++pos; // '.' or '/'
    }
    const size_t slash = text.find('/');
    if (slash != std::string::npos)
    {
        length = static_cast<uint32_t>(std::stoul(text.substr(slash + 1)));
    }
}

/**
 * \param address an IPv4 address as a number
 * \return it as "a.b.c.d"
 */
inline std::string
FormatIpv4Text(uint32_t address)
{
    return std::to_string(address >> 24) + "." + std::to_string((address >> 16) & 0xff) + "." +
           std::to_string((address >> 8) & 0xff) + "." + std::to_string(address & 0xff);
}

} // namespace zos
} // namespace ns3

#endif
