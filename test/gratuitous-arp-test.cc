/*
 * zos-takeover: gratuitous ARP as seen on the wire (issue 7.5). The timeline and the trace
 * report what was transmitted; a send through a failed port is counted, not "sent"; loss has
 * a scope (the frame, or each receiver).
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "zos-test-utilities.h"

#include <set>

using namespace zostest;

namespace
{

/** The cases of this file: a ZosTestCase with the file's helpers. */
class GratuitousArpCase : public ZosTestCase
{
  public:
    /** \param name the case's name */
    explicit GratuitousArpCase(std::string name)
        : ZosTestCase(std::move(name))
    {
    }

  protected:
    /** seed 001, OSA1 fails at 20 s but the stack notices only at 20.5 s; a VIPA added at 20.2 s.
     */
    Scenario VipaAddedThroughAnUndetectedFailure()
    {
        Scenario sc = Seed001({"duration=30", "stacks[0].detectionDelay=0.5"});
        EventSpec add;
        add.at = 20.2;
        add.type = "vipaAdd";
        add.stack = "TCPIPA";
        add.address = "10.5.5.5";
        sc.events.push_back(add);
        return sc;
    }
};

/** GratuitousArpOnTheWire.EveryTimelineRowIsAFrameOnTheWire */
class GratuitousArpOnTheWireEveryTimelineRowIsAFrameOnTheWireTestCase : public GratuitousArpCase
{
  public:
    GratuitousArpOnTheWireEveryTimelineRowIsAFrameOnTheWireTestCase()
        : GratuitousArpCase("GratuitousArpOnTheWire.EveryTimelineRowIsAFrameOnTheWire")
    {
    }

  private:
    void DoRun() override;
};

void
GratuitousArpOnTheWireEveryTimelineRowIsAFrameOnTheWireTestCase::DoRun()
{
    Observed o(VipaAddedThroughAnUndetectedFailure());
    auto rows = o.Timeline("gratuitous-arp");
    auto wire = o.Gratuitous(0, 31);
    // One row per frame on the wire, and each row has its frame (same address, from the
    // link's MAC, within a millisecond).
    NS_TEST_EXPECT_MSG_EQ(rows.size(), wire.size(), "rows.size() == wire.size()");
    for (const auto& row : rows)
    {
        std::string link = row.node.substr(row.node.find('/') + 1);
        bool found = false;
        for (const auto& a : wire)
        {
            found = found || (Str(a.senderIp) == row.address && a.senderMac == o.mac.at(link) &&
                              a.time >= row.time && a.time < row.time + MilliSeconds(1));
        }
        NS_TEST_EXPECT_MSG_EQ(bool(found),
                              true,
                              row.node << " " << row.address << " at " << row.time.GetSeconds());
    }
    // OSA1 was still VipaOwner of LanGroup 001 when 10.5.5.5 was added, but its port had
    // failed: nothing left it. OSA4 announced it on LAN2.
    auto failed = o.Timeline("gratuitous-arp-send-failed");
    NS_TEST_ASSERT_MSG_EQ(failed.size(), 1u, "failed.size() == 1u");
    NS_TEST_EXPECT_MSG_EQ(failed[0].node, "TCPIPA/OSA1", "failed[0].node == \"TCPIPA/OSA1\"");
    NS_TEST_EXPECT_MSG_EQ(failed[0].address, "10.5.5.5", "failed[0].address == \"10.5.5.5\"");
    NS_TEST_EXPECT_MSG_EQ(o.result.gratuitousArpSendFailed,
                          1u,
                          "o.result.gratuitousArpSendFailed == 1u");
    NS_TEST_EXPECT_MSG_EQ(o.result.gratuitousArpSent,
                          wire.size(),
                          "o.result.gratuitousArpSent == wire.size()");
    std::set<std::string> lansOf5555;
    for (const auto& a : o.Gratuitous(20.2, 20.5))
    {
        if (Str(a.senderIp) == "10.5.5.5")
        {
            lansOf5555.insert(a.lan);
        }
    }
    NS_TEST_EXPECT_MSG_EQ(lansOf5555,
                          std::set<std::string>{"LAN2"},
                          "lansOf5555 == std::set<std::string>{\"LAN2\"}");
    // When the stack noticed, OSA2 became VipaOwner and announced every VIPA, 10.5.5.5 too.
    bool announcedLater = false;
    for (const auto& a : o.Gratuitous(20.5, 21))
    {
        announcedLater =
            announcedLater || (Str(a.senderIp) == "10.5.5.5" && a.senderMac == o.mac.at("OSA2"));
    }
    NS_TEST_EXPECT_MSG_EQ(bool(announcedLater), true, "announcedLater");
}

/** GratuitousArpOnTheWire.FrameScopeLossKeepsFramesOffTheWire */
class GratuitousArpOnTheWireFrameScopeLossKeepsFramesOffTheWireTestCase : public GratuitousArpCase
{
  public:
    GratuitousArpOnTheWireFrameScopeLossKeepsFramesOffTheWireTestCase()
        : GratuitousArpCase("GratuitousArpOnTheWire.FrameScopeLossKeepsFramesOffTheWire")
    {
    }

  private:
    void DoRun() override;
};

void
GratuitousArpOnTheWireFrameScopeLossKeepsFramesOffTheWireTestCase::DoRun()
{
    Observed none(Seed001({"duration=30"}));
    Observed all(Seed001({"duration=30", "stacks[0].gratuitousArpLoss=1"}));
    NS_TEST_EXPECT_MSG_EQ(bool(all.Gratuitous(0, 30).empty()),
                          true,
                          "all.Gratuitous(0, 30).empty()");
    NS_TEST_EXPECT_MSG_EQ(all.result.gratuitousArpLost,
                          none.Gratuitous(0, 30).size(),
                          "all.result.gratuitousArpLost == none.Gratuitous(0, 30).size()");
    for (const auto& row : all.Timeline("gratuitous-arp-lost"))
    {
        NS_TEST_EXPECT_MSG_EQ(row.node.rfind("TCPIPA/", 0), 0u, row.node); // lost at the stack
    }
}

/** GratuitousArpOnTheWire.ReceiverScopeLossIsDrawnByEachStation */
class GratuitousArpOnTheWireReceiverScopeLossIsDrawnByEachStationTestCase : public GratuitousArpCase
{
  public:
    GratuitousArpOnTheWireReceiverScopeLossIsDrawnByEachStationTestCase()
        : GratuitousArpCase("GratuitousArpOnTheWire.ReceiverScopeLossIsDrawnByEachStation")
    {
    }

  private:
    void DoRun() override;
};

void
GratuitousArpOnTheWireReceiverScopeLossIsDrawnByEachStationTestCase::DoRun()
{
    Observed none(Seed001({"duration=30"}));
    Observed o(Seed001({"duration=30",
                        "stacks[0].gratuitousArpLoss=0.5",
                        "stacks[0].gratuitousArpLossScope=receiver"}));
    // Every announcement is on the wire (and would be in the pcap)...
    NS_TEST_EXPECT_MSG_EQ(o.Gratuitous(0, 30).size(),
                          none.Gratuitous(0, 30).size(),
                          "o.Gratuitous(0, 30).size() == none.Gratuitous(0, 30).size()");
    NS_TEST_EXPECT_MSG_EQ(o.result.gratuitousArpLost, 0u, "o.result.gratuitousArpLost == 0u");
    // ...and each station misses some of them, independently of the others.
    std::map<std::string, std::set<std::string>> missed; // station -> "address@ms"
    auto rows = o.Timeline("gratuitous-arp-lost");
    NS_TEST_EXPECT_MSG_EQ(rows.size(),
                          o.result.gratuitousArpMissed,
                          "rows.size() == o.result.gratuitousArpMissed");
    for (const auto& row : rows)
    {
        missed[row.node].insert(row.address + "@" + std::to_string(row.time.GetMilliSeconds()));
    }
    NS_TEST_EXPECT_MSG_GT_OR_EQ(missed.size(), 3u, "missed.size() >= 3u");
    std::set<std::set<std::string>> distinct;
    for (const auto& [station, set] : missed)
    {
        NS_TEST_EXPECT_MSG_EQ(station.rfind("CLIENT", 0), 0u, station);
        distinct.insert(set);
    }
    NS_TEST_EXPECT_MSG_GT_OR_EQ(distinct.size(), 2u, "distinct.size() >= 2u");
    // A station that missed an announcement did not update its cache from it.
    for (const auto& lost : rows)
    {
        for (const auto& upd : o.Timeline("station-cache-updated"))
        {
            NS_TEST_EXPECT_MSG_EQ(
                bool(upd.node == lost.node && upd.address == lost.address && upd.time == lost.time),
                false,
                lost.node << " " << lost.address);
        }
    }
    // The takeover announcement for OSA1's address reached CLIENT1 (rfc826) or not, and its
    // outage follows: short if heard, long if missed.
    bool client1Missed = false;
    for (const auto& row : rows)
    {
        client1Missed = client1Missed || (row.node == "CLIENT1" && row.address == "192.168.1.1" &&
                                          row.time > Seconds(20) && row.time < Seconds(21));
    }
    auto heardUpdate = [&o]() {
        for (const auto& upd : o.Timeline("station-cache-updated"))
        {
            if (upd.node == "CLIENT1" && upd.address == "192.168.1.1" && upd.time > Seconds(20) &&
                upd.time < Seconds(20.2))
            {
                return true;
            }
        }
        return false;
    };
    NS_TEST_EXPECT_MSG_NE(client1Missed, heardUpdate(), "client1Missed != heardUpdate()");
}

/** GratuitousArpOnTheWire.ReceiverScopeIsReproducible */
class GratuitousArpOnTheWireReceiverScopeIsReproducibleTestCase : public GratuitousArpCase
{
  public:
    GratuitousArpOnTheWireReceiverScopeIsReproducibleTestCase()
        : GratuitousArpCase("GratuitousArpOnTheWire.ReceiverScopeIsReproducible")
    {
    }

  private:
    void DoRun() override;
};

void
GratuitousArpOnTheWireReceiverScopeIsReproducibleTestCase::DoRun()
{
    auto missed = [this]() {
        Observed o(Seed001({"duration=30",
                            "stacks[0].gratuitousArpLoss=0.5",
                            "stacks[0].gratuitousArpLossScope=receiver"}));
        std::vector<std::string> out;
        for (const auto& row : o.Timeline("gratuitous-arp-lost"))
        {
            out.push_back(row.node + row.address + std::to_string(row.time.GetNanoSeconds()));
        }
        return out;
    };
    NS_TEST_EXPECT_MSG_EQ(missed(), missed(), "missed() == missed()");
}

} // namespace

void
zostest::AddGratuitousArpCases(CaseList& cases)
{
    cases.Add<GratuitousArpOnTheWireEveryTimelineRowIsAFrameOnTheWireTestCase>();
    cases.Add<GratuitousArpOnTheWireFrameScopeLossKeepsFramesOffTheWireTestCase>();
    cases.Add<GratuitousArpOnTheWireReceiverScopeLossIsDrawnByEachStationTestCase>();
    cases.Add<GratuitousArpOnTheWireReceiverScopeIsReproducibleTestCase>();
}
