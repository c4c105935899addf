/*
 * zos-takeover tests: what the scenario loader tests share (test-scenario*.cc).
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_SCENARIO_TEST_DATA_H
#define ZOS_TAKEOVER_SCENARIO_TEST_DATA_H

#if __has_include("ns3/scenario.h")
#include "ns3/scenario.h"
#else
#include "scenario.h"
#endif

#include <filesystem>
#include <string>

namespace zostest
{
namespace loader
{

using ns3::zos::ScenarioError;

/// test/data (ZOS_TEST_DATA_DIR, or found next to this file in a standalone build).
inline std::string
DataDir()
{
#ifdef ZOS_TEST_DATA_DIR
    return ZOS_TEST_DATA_DIR;
#else
    return (std::filesystem::path(__FILE__).parent_path() / "data").string();
#endif
}

/// The repository root (ZOS_SOURCE_DIR, or the parent of this file's directory).
inline std::string
SourceDir()
{
#ifdef ZOS_SOURCE_DIR
    return ZOS_SOURCE_DIR;
#else
    return std::filesystem::path(__FILE__).parent_path().parent_path().string();
#endif
}

inline std::string
SeedFile()
{
    return SourceDir() + "/scenarios/seed-001-osa1-osa4.json";
}

/// The message of the ScenarioError thrown by `f`, or "no error".
template <typename F>
inline std::string
ErrorOf(F f)
{
    try
    {
        f();
    }
    catch (const ScenarioError& e)
    {
        return e.what();
    }
    return "no error";
}

/// A small valid scenario that relies on the defaults as much as possible.
inline const char* const kMinimal = R"({
  "name": "minimal",
  "lans": [{"name": "LAN1"}],
  "stacks": [
    {"name": "TCPIPA", "links": [{"name": "OSA1", "lan": "LAN1", "address": "10.0.0.1/8"}]}
  ],
  "stations": [
    {"name": "C1", "lan": "LAN1", "address": "10.0.0.2/8", "probe": {"targets": ["10.0.0.1"]}},
    {"name": "C2", "lan": "LAN1", "address": "10.0.0.3/8"}
  ]
})";

/// A scenario that sets every key to a non-default value.
inline const char* const kFull = R"({
  "name": "full",
  "description": "every key set",
  "seed": 7,
  "run": 3,
  "duration": 60.5,
  "lans": [
    {"name": "LAN1", "kind": "shared", "dataRate": "100Mbps", "delayUs": 2.5},
    {"name": "LAN2", "kind": "switched", "dataRate": "1.5Gbps", "delayUs": 0}
  ],
  "stacks": [
    {
      "name": "TCPIPA",
      "links": [
        {"name": "OSA1", "kind": "LCS", "lan": "LAN1", "address": "192.168.1.1/24",
         "activateAt": 0.25},
        {"name": "OSA2", "kind": "MPCIPA", "lan": "LAN2", "address": "192.168.2.1/31"}
      ],
      "vipas": ["10.1.1.1"],
      "routes": [
        {"destination": "0.0.0.0/0", "gateway": "192.168.1.254", "link": "OSA1"},
        {"destination": "172.16.0.0/12", "gateway": "", "link": "OSA2"}
      ],
      "fixes": {"PQ26689": false, "PQ23444": false},
      "detectionDelay": 0.2,
      "learningTime": 0.05,
      "gratuitousArpCount": 3,
      "gratuitousArpInterval": 0.5,
      "gratuitousArpLoss": 0.25,
      "vipaGiveBack": true,
      "backupPolicy": "LowestName",
      "vipaOwnerPolicy": "LowestName"
    },
    {
      "name": "TCPIPB",
      "links": [{"name": "OSA1", "lan": "LAN1", "address": "192.168.1.2/32"}]
    }
  ],
  "stations": [
    {
      "name": "ROUTER1",
      "lan": "LAN1",
      "address": "192.168.1.254/24",
      "arp": "linux",
      "routes": [{"destination": "10.1.1.1/32", "gateway": "192.168.1.1", "link": ""}],
      "probe": {"targets": ["10.1.1.1", "10.2.2.2", "192.168.1.2"], "interval": 0.01,
                "start": 0, "stop": 50, "port": 9},
      "aliveTimeout": 60,
      "deadTimeout": 10,
      "waitReplyTimeout": 0.5,
      "maxRetries": 5,
      "locktime": 0,
      "baseReachableTime": 15,
      "delayFirstProbeTime": 2,
      "ucastSolicit": 1,
      "retransTime": 0.3,
      "gratuitousOverridesLocktime": false
    }
  ],
  "events": [
    {"at": 10, "type": "portFailure", "stack": "TCPIPA", "link": "OSA1"},
    {"at": 20, "type": "portRepair", "stack": "TCPIPA", "link": "OSA1"},
    {"at": 30, "type": "linkStop", "stack": "TCPIPA", "link": "OSA2"},
    {"at": 31, "type": "linkStart", "stack": "TCPIPA", "link": "OSA2"},
    {"at": 40, "type": "vipaAdd", "stack": "TCPIPA", "address": "10.2.2.2"},
    {"at": 50, "type": "stackFailure", "stack": "TCPIPB"}
  ]
})";

} // namespace loader
} // namespace zostest

#endif
