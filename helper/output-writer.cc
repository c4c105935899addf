/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "output-writer.h"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <map>
#include <nlohmann/json.hpp>
#include <sstream>

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

/** Outage figures of every station ARP model, over all its (event, client, target) rows. */
struct ModelStats
{
    uint32_t rows = 0;
    double maxOutage = 0;
    double sumOutage = 0;
    uint32_t notRecovered = 0;
};

std::map<std::string, ModelStats>
ByStationModel(const RunResult& r)
{
    std::map<std::string, ModelStats> models;
    for (const auto& o : r.outages)
    {
        ModelStats& m = models[o.arpModel];
        ++m.rows;
        m.maxOutage = std::max(m.maxOutage, Sec(o.outage));
        m.sumOutage += Sec(o.outage);
        m.notRecovered += o.recovered ? 0 : 1;
    }
    return models;
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
        row["client"] = o.client;
        row["arp"] = o.arpModel;
        row["target"] = o.target;
        row["recovered"] = o.recovered;
        row["outage_s"] = Sec(o.outage);
        row["firstSuccess_s"] = o.recovered ? ordered_json(Sec(o.firstSuccess)) : ordered_json();
        row["longestGap_s"] = Sec(o.longestGap);
        row["probesSent"] = o.sent;
        row["probesLost"] = o.lost;
        outages.push_back(row);
    }
    j["outages"] = outages;
    ordered_json models = ordered_json::object();
    for (const auto& [model, m] : ByStationModel(r))
    {
        models[model] = {{"rows", m.rows},
                         {"maxOutage_s", m.maxOutage},
                         {"meanOutage_s", std::round(m.sumOutage / m.rows * 1e9) / 1e9},
                         {"notRecovered", m.notRecovered}};
    }
    j["byStationModel"] = models;
    ordered_json devlinks = ordered_json::array();
    for (const auto& d : r.devlinks)
    {
        devlinks.push_back(
            {{"time_s", Sec(d.time)}, {"label", d.label}, {"stack", d.stack}, {"text", d.text}});
    }
    j["devlinks"] = devlinks;
    ordered_json counts;
    counts["timelineRows"] = r.timeline.size();
    counts["probes"] = r.probes.size();
    counts["simulatorEvents"] = r.events;
    j["counts"] = counts;
    return j.dump(2) + "\n";
}

std::string
TimelineCsv(const RunResult& r)
{
    std::ostringstream os;
    os << "time_s,node,event,address,detail\n";
    for (const auto& t : r.timeline)
    {
        os << Fixed(t.time, 9) << ',' << Csv(t.node) << ',' << Csv(t.event) << ',' << Csv(t.address)
           << ',' << Csv(t.detail) << '\n';
    }
    return os.str();
}

std::string
ProbesCsv(const RunResult& r)
{
    std::ostringstream os;
    os << "client,target,sequence,sent_s,received_s,rtt_s\n";
    for (const auto& p : r.probes)
    {
        os << Csv(p.client) << ',' << p.target << ',' << p.sequence << ',' << Fixed(p.sent, 9)
           << ',';
        if (!p.received.IsNegative())
        {
            os << Fixed(p.received, 9) << ',' << Fixed(p.received - p.sent, 9);
        }
        else
        {
            os << ',';
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
        std::string outage =
            o.recovered ? Fixed(o.outage, 3) + " s" : ">" + Fixed(o.outage, 3) + " s";
        os << "  " << std::left << std::setw(10) << o.client << std::setw(8) << o.arpModel
           << std::setw(16) << o.target << std::setw(14) << outage << std::setw(14)
           << (Fixed(o.longestGap, 3) + " s") << o.lost << "/" << o.sent << "\n";
    }
    auto models = ByStationModel(r);
    if (!models.empty())
    {
        os << "\nWorst outage per station ARP model:";
        for (const auto& [model, m] : models)
        {
            os << " " << model << " " << std::fixed << std::setprecision(3) << m.maxOutage << " s"
               << (m.notRecovered ? " (" + std::to_string(m.notRecovered) + " not recovered)" : "")
               << (&model == &models.rbegin()->first ? "" : ",");
        }
        os << "\n";
    }
    return os.str();
}

void
WriteOutputs(const RunResult& result, const std::string& dir)
{
    std::filesystem::create_directories(dir);
    auto write = [&dir](const std::string& name, const std::string& text) {
        std::string path = dir + "/" + name;
        std::string tmp = path + ".tmp";
        {
            std::ofstream out(tmp, std::ios::binary);
            out << text;
            if (!out)
            {
                throw std::runtime_error("cannot write " + path);
            }
        }
        std::filesystem::rename(tmp, path);
    };
    write("summary.json", SummaryJson(result));
    write("timeline.csv", TimelineCsv(result));
    write("probes.csv", ProbesCsv(result));
    write("devlinks.txt", DevlinksText(result));
}

} // namespace zos
} // namespace ns3
