/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "output-writer.h"

#include "ns3/results-directory.h"

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstring>
#include <dirent.h>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iterator>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>
#include <sys/stat.h>
#include <unistd.h>

namespace ns3
{
namespace zos
{

namespace
{

/** Seconds, rounded to the nanosecond, as a JSON number. */
double
Sec(Time t)
{
    return static_cast<double>(t.GetNanoSeconds()) / 1e9;
}

std::string
Fixed(Time t, int digits = 6)
{
    std::ostringstream os;
    os << std::fixed << std::setprecision(digits) << Sec(t);
    return os.str();
}

/** Append Fixed(t, 9) (the same digits: printf's %.9f, which iostreams use). */
void
AppendFixed9(std::string& out, Time t)
{
    char buffer[64];
    int n = std::snprintf(buffer, sizeof(buffer), "%.9f", Sec(t));
    out.append(buffer, n > 0 ? std::min<size_t>(n, sizeof(buffer) - 1) : 0);
}

std::string
Csv(const std::string& s)
{
    if (s.find_first_of(",\"\n") == std::string::npos)
    {
        return s;
    }
    std::string out = "\"";
    for (char c : s)
    {
        out += c == '"' ? std::string("\"\"") : std::string(1, c);
    }
    return out + "\"";
}

/** Seconds as a JSON number, or null when negative (none). */
nlohmann::ordered_json
SecOrNull(Time t)
{
    return t.IsStrictlyNegative() ? nlohmann::ordered_json() : nlohmann::ordered_json(Sec(t));
}

/** Seconds for a CSV field, empty when negative (none). */
std::string
FixedOrEmpty(Time t)
{
    return t.IsStrictlyNegative() ? std::string() : Fixed(t, 9);
}

/** One model's entry of the "worst outage" line. */
std::string
WorstText(const OutageMonitor::Summary& m)
{
    std::ostringstream os;
    os << std::fixed << std::setprecision(3);
    if (m.measured == 0)
    {
        return "not measured";
    }
    if (m.recovered > 0)
    {
        os << Sec(m.maxOutage) << " s";
    }
    else if (m.notRecovered > 0)
    {
        os << "none recovered";
    }
    else
    {
        os << "no pair reachable at its event";
    }
    if (m.notRecovered > 0)
    {
        os << ", " << m.notRecovered << " not recovered (> " << Sec(m.notRecoveredAfter) << " s)";
    }
    if (m.downAtEvent > 0)
    {
        os << ", " << m.downAtEvent << " already down at their event";
    }
    return os.str();
}

} // namespace

std::string
SummaryJson(const RunResult& r)
{
    using nlohmann::ordered_json;
    ordered_json j;
    j["tool"] = "zos-takeover";
    j["scenario"] = ordered_json::parse(ScenarioToJson(r.scenario));
    j["warnings"] = r.warnings;
    ordered_json outages = ordered_json::array();
    for (const auto& o : r.outages)
    {
        ordered_json row;
        row["event"] = o.eventIndex;
        row["eventType"] = o.eventType;
        row["subject"] = o.eventSubject;
        row["eventAt_s"] = Sec(o.eventAt);
        row["windowEnd_s"] = SecOrNull(o.windowEnd);
        row["client"] = o.client;
        row["arp"] = o.arpModel;
        row["target"] = o.target;
        row["status"] = o.measured ? "measured" : "not-measured";
        row["reason"] = o.measured ? ordered_json() : ordered_json(o.reason);
        // Not measured: no figures (null), never zeros that could be read as measured.
        row["reachableAtEvent"] = o.measured ? ordered_json(o.reachableAtEvent) : ordered_json();
        row["recovered"] = o.measured ? ordered_json(o.recovered) : ordered_json();
        row["outage_s"] = o.measured ? ordered_json(Sec(o.outage)) : ordered_json();
        row["firstSuccess_s"] = o.measured ? SecOrNull(o.firstSuccess) : ordered_json();
        row["longestGap_s"] = o.measured ? ordered_json(Sec(o.longestGap)) : ordered_json();
        row["probesSent"] = o.measured ? ordered_json(o.sent) : ordered_json();
        row["probesLost"] = o.measured ? ordered_json(o.lost) : ordered_json();
        outages.push_back(row);
    }
    j["outages"] = outages;
    ordered_json models = ordered_json::object();
    for (const auto& [model, m] : r.outageByModel)
    {
        models[model] = {{"rows", m.rows},
                         {"measured", m.measured},
                         {"notMeasured", m.rows - m.measured},
                         {"downAtEvent", m.downAtEvent},
                         {"recovered", m.recovered},
                         {"notRecovered", m.notRecovered},
                         {"maxOutage_s", SecOrNull(m.maxOutage)},
                         {"meanOutage_s", SecOrNull(m.meanOutage)},
                         {"notRecoveredAfter_s", SecOrNull(m.notRecoveredAfter)}};
    }
    j["byStationModel"] = models;
    ordered_json devlinks = ordered_json::array();
    for (const auto& d : r.devlinks)
    {
        devlinks.push_back(
            {{"time_s", Sec(d.time)}, {"label", d.label}, {"stack", d.stack}, {"text", d.text}});
    }
    j["devlinks"] = devlinks;
    if (!r.tcp.empty())
    {
        ordered_json tcp = ordered_json::array();
        for (const auto& t : r.tcp)
        {
            tcp.push_back({{"client", t.client},
                           {"arp", t.arpModel},
                           {"target", t.target},
                           {"opened_s", SecOrNull(t.opened)},
                           {"closed_s", SecOrNull(t.closed)},
                           {"closeReason",
                            t.closeReason.empty() ? ordered_json() : ordered_json(t.closeReason)},
                           {"survived", t.survived},
                           {"sent", t.sent},
                           {"answered", t.answered},
                           {"retransmissions", t.retransmissions},
                           {"longestStall_s", Sec(t.longestStall)},
                           {"stallStart_s", SecOrNull(t.stallStart)}});
        }
        j["tcpConnections"] = tcp;
    }
    ordered_json counts;
    counts["timelineRows"] = r.timelineRows;
    counts["probes"] = r.probeRows;
    counts["simulatorEvents"] = r.events;
    counts["gratuitousArpSent"] = r.gratuitousArpSent;
    counts["gratuitousArpSendFailed"] = r.gratuitousArpSendFailed;
    counts["gratuitousArpLost"] = r.gratuitousArpLost;
    counts["gratuitousArpMissedByStations"] = r.gratuitousArpMissed;
    j["counts"] = counts;
    return j.dump(2) + "\n";
}

std::string
TimelineCsvHeader()
{
    return "time_s,node,event,address,detail\n";
}

void
AppendTimelineCsvLine(std::string& out, const TimelineRow& t)
{
    AppendFixed9(out, t.time);
    out += ',';
    out += Csv(t.node);
    out += ',';
    out += Csv(t.event);
    out += ',';
    out += Csv(t.address);
    out += ',';
    out += Csv(t.detail);
    out += '\n';
}

std::string
TimelineCsv(const std::vector<TimelineRow>& rows)
{
    std::string out = TimelineCsvHeader();
    for (const auto& t : rows)
    {
        AppendTimelineCsvLine(out, t);
    }
    return out;
}

std::string
ProbesCsvHeader()
{
    return "client,target,sequence,sent_s,received_s,rtt_s\n";
}

void
AppendProbesCsvLine(std::string& out, const ProbeRow& p)
{
    out += Csv(p.client);
    out += ',';
    out += p.target;
    out += ',';
    out += std::to_string(p.sequence);
    out += ',';
    AppendFixed9(out, p.sent);
    out += ',';
    if (!p.received.IsNegative())
    {
        AppendFixed9(out, p.received);
        out += ',';
        AppendFixed9(out, p.received - p.sent);
    }
    else
    {
        out += ',';
    }
    out += '\n';
}

std::string
ProbesCsv(const std::vector<ProbeRow>& rows)
{
    std::string out = ProbesCsvHeader();
    for (const auto& p : rows)
    {
        AppendProbesCsvLine(out, p);
    }
    return out;
}

std::string
OutagesCsv(const RunResult& r)
{
    std::ostringstream os;
    os << "event,event_type,subject,event_s,window_end_s,client,arp,target,status,reason,"
          "reachable_at_event,recovered,outage_s,first_success_s,longest_gap_s,sent,lost\n";
    for (const auto& o : r.outages)
    {
        os << o.eventIndex << ',' << Csv(o.eventType) << ',' << Csv(o.eventSubject) << ','
           << Fixed(o.eventAt, 9) << ',' << FixedOrEmpty(o.windowEnd) << ',' << Csv(o.client) << ','
           << Csv(o.arpModel) << ',' << o.target << ','
           << (o.measured ? "measured" : "not-measured") << ',' << Csv(o.reason) << ',';
        if (o.measured)
        {
            os << (o.reachableAtEvent ? "true" : "false") << ',' << (o.recovered ? "true" : "false")
               << ',' << Fixed(o.outage, 9) << ',' << FixedOrEmpty(o.firstSuccess) << ','
               << Fixed(o.longestGap, 9) << ',' << o.sent << ',' << o.lost;
        }
        else
        {
            os << ",,,,,,";
        }
        os << '\n';
    }
    return os.str();
}

std::string
DevlinksText(const RunResult& r)
{
    std::ostringstream os;
    for (const auto& d : r.devlinks)
    {
        os << "Netstat DEVLINKS (LanGroup) for " << d.stack << " at " << Fixed(d.time, 3) << " s, "
           << d.label << "\n"
           << d.text << "\n";
    }
    return os.str();
}

std::string
OutageTable(const RunResult& r)
{
    std::ostringstream os;
    int64_t current = -1;
    for (const auto& o : r.outages)
    {
        if (static_cast<int64_t>(o.eventIndex) != current)
        {
            current = o.eventIndex;
            os << "\nOutage after " << o.eventType << " " << o.eventSubject << " at "
               << Fixed(o.eventAt, 3) << " s\n";
            os << "  " << std::left << std::setw(10) << "client" << std::setw(8) << "arp"
               << std::setw(16) << "target" << std::setw(14) << "outage" << std::setw(14)
               << "longest gap"
               << "lost/sent\n";
        }
        os << "  " << std::left << std::setw(10) << o.client << std::setw(8) << o.arpModel
           << std::setw(16) << o.target;
        if (!o.measured)
        {
            os << "not measured: " << o.reason << "\n";
            continue;
        }
        // Not recovered inside its window: the outage is longer than the window.
        std::string outage =
            o.recovered ? Fixed(o.outage, 3) + " s" : ">" + Fixed(o.outage, 3) + " s";
        os << std::setw(14) << outage << std::setw(14) << (Fixed(o.longestGap, 3) + " s") << o.lost
           << "/" << o.sent;
        if (!o.reachableAtEvent)
        {
            os << "  (down at the event: time to recovery)";
        }
        os << "\n";
    }
    if (!r.outageByModel.empty())
    {
        os << "\nWorst outage per station ARP model (measured pairs):";
        std::string separator = " ";
        for (const auto& [model, m] : r.outageByModel)
        {
            os << separator << model << " " << WorstText(m);
            separator = "; ";
        }
        os << "\n";
    }
    return os.str();
}

std::string
TcpCsv(const RunResult& r)
{
    std::ostringstream os;
    os << "client,arp,target,opened_s,closed_s,close_reason,survived,sent,answered,"
          "retransmissions,stall_s,stall_start_s\n";
    for (const auto& t : r.tcp)
    {
        os << Csv(t.client) << ',' << Csv(t.arpModel) << ',' << t.target << ','
           << FixedOrEmpty(t.opened) << ',' << FixedOrEmpty(t.closed) << ',' << Csv(t.closeReason)
           << ',' << (t.survived ? "true" : "false") << ',' << t.sent << ',' << t.answered << ','
           << t.retransmissions << ',' << Fixed(t.longestStall, 9) << ','
           << FixedOrEmpty(t.stallStart) << '\n';
    }
    return os.str();
}

std::string
TcpTable(const RunResult& r)
{
    if (r.tcp.empty())
    {
        return "";
    }
    std::ostringstream os;
    os << "\nTCP probe connections\n";
    os << "  " << std::left << std::setw(10) << "client" << std::setw(8) << "arp" << std::setw(16)
       << "target" << std::setw(14) << "longest stall" << std::setw(9) << "retrans"
       << "survived\n";
    for (const auto& t : r.tcp)
    {
        os << "  " << std::left << std::setw(10) << t.client << std::setw(8) << t.arpModel
           << std::setw(16) << t.target << std::setw(14) << (Fixed(t.longestStall, 3) + " s")
           << std::setw(9) << t.retransmissions;
        if (t.survived)
        {
            os << "yes";
        }
        else if (t.opened.IsNegative())
        {
            os << "never opened";
        }
        else
        {
            os << "no: " << t.closeReason << " at " << Fixed(t.closed, 3) << " s";
        }
        os << "  (" << t.answered << "/" << t.sent << " answered)\n";
    }
    return os.str();
}

const std::vector<OutputFile>&
OutputFiles()
{
    static const std::vector<OutputFile> files = {
        {"summary.json", SummaryJson},
        {"outages.csv", OutagesCsv},
        {"devlinks.txt", DevlinksText},
        {"tcp.csv", TcpCsv, [](const RunResult& r) { return !r.tcp.empty(); }},
    };
    return files;
}

void
WriteOutputs(const RunResult& result, const std::string& dir)
{
    std::filesystem::create_directories(dir);
    for (const auto& file : OutputFiles())
    {
        if (file.wanted && !file.wanted(result))
        {
            continue;
        }
        std::string path = dir + "/" + file.name;
        int error = WriteWholeFile(path, file.text(result));
        if (error != 0)
        {
            ::unlink(path.c_str());
            throw std::runtime_error("cannot write " + path + ": " + std::strerror(error));
        }
    }
}

} // namespace zos
} // namespace ns3
