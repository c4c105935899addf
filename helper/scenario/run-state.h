/*
 * zos-takeover (internal to the scenario runner): what one run builds and its steps share.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_RUN_STATE_H
#define ZOS_TAKEOVER_RUN_STATE_H

#include "event-reach.h"
#include "pcap-capture.h"
#include "row-stream.h"
#include "run-recorder.h"
#include "scenario-runner.h"

#include "ns3/gratuitous-arp-loss-model.h"
#include "ns3/ipv4.h"
#include "ns3/lan.h"
#include "ns3/node-container.h"
#include "ns3/osa-port.h"
#include "ns3/probe-client.h"
#include "ns3/probe-server.h"
#include "ns3/random-variable-stream.h"

#include <map>
#include <memory>
#include <string>
#include <vector>

namespace ns3
{
namespace zos
{

/** Everything one run builds, shared by the steps of Run. */
struct ScenarioRunner::RunState
{
    /** A station's probe client. */
    struct ClientInfo
    {
        std::string name;
        std::string arp;
        Ptr<ProbeClient> client;
        Time stop;
        std::string lan;   //!< the station's LAN
        Time start;        //!< when it starts probing (after ApplyStartJitter)
        double jitter = 0; //!< probe.startJitter, seconds
    };

    /**
     * \param result filled by the run
     * \param runner the runner (frame observer, stacks)
     */
    RunState(RunResult& result, ScenarioRunner& runner)
        : result(result),
          rows(runner.m_rowSink, runner.m_spillDir, runner.m_sortBuffer),
          recorder(result, rows, runner.m_frameObserver, runner.m_stacks),
          end(Seconds(runner.m_scenario.duration))
    {
    }

    RunResult& result;
    RowStream rows; //!< the timeline and probe rows on their way to the row sink
    RunRecorder recorder;
    Time end;                  //!< the scenario's duration
    int64_t stream = 1000;     //!< next random-variable stream
    bool receiverLoss = false; //!< a stack loses gratuitous ARPs per receiver
    std::map<std::string, Ptr<Lan>> lans;
    std::map<std::string, Ptr<OsaPort>> ports; //!< shared OSA ports
    std::vector<Ptr<Lan>> lanList;             //!< in scenario order
    std::vector<std::unique_ptr<PcapCapture>> pcaps;
    std::map<std::string, Ptr<ProbeServer>> servers;
    NodeContainer ipNodes; //!< stacks and stations, in scenario order (for their streams)
    std::vector<ClientInfo> clients;
    std::vector<Ptr<GratuitousArpLossModel>> lossModels;
    /// Draws the clients' start offsets (probe.startJitter); only when a client has one.
    Ptr<UniformRandomVariable> startJitter;

    /** A router's interface: the router's end of a CLAW channel goes down with it. */
    struct RouterInterface
    {
        std::string router;
        Ptr<Ipv4> ipv4;
        uint32_t ifIndex;
    };

    std::map<std::string, std::vector<RouterInterface>> routerInterfaces; //!< by LAN
    NodeContainer ripNodes;        //!< nodes running RIP (their streams after all others)
    std::vector<EventSpec> events; //!< sorted by time
    std::vector<EventReach> reaches;
    OutageMonitor monitor;
    uint64_t firstSuccessRows = 0; //!< outage rows measured and recovered
};

} // namespace zos
} // namespace ns3

#endif
