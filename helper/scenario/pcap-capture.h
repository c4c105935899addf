/*
 * zos-takeover (internal to the scenario runner): one LAN's pcap file, every write checked.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_PCAP_CAPTURE_H
#define ZOS_TAKEOVER_PCAP_CAPTURE_H

#include "ns3/packet.h"
#include "ns3/pcap-file-wrapper.h"
#include "ns3/ptr.h"

#include <string>

namespace ns3
{
namespace zos
{

/**
 * One LAN's pcap file, written from the Lan "Frame" trace as LanHelper::EnablePcap would
 * (same records), but every write checked: the first failure stops capture and the run,
 * and is kept for ScenarioRunner::GetPcapError (a failed stream would trip ns-3's PcapFile
 * asserts).
 */
class PcapCapture
{
  public:
    /**
     * Open (create or truncate) the file and write its header.
     * \param path the file
     * \param name the name errors are reported under ("<LAN>.pcap")
     * \param error where the first error of the run goes (kept if already set)
     */
    PcapCapture(const std::string& path, const std::string& name, std::string* error);

    /**
     * Lan "Frame" sink, connected with the LAN name as context.
     * \param lan the LAN name
     * \param frame the frame
     */
    void Frame(std::string lan, Ptr<const Packet> frame);

    /** Close the file (checked). */
    void Close();

  private:
    /** After an operation that started with errno = 0: note a failure, stop the run. */
    void Check();

    std::string m_name;
    Ptr<PcapFileWrapper> m_file;
    std::string* m_error;
    bool m_failed = false;
};

} // namespace zos
} // namespace ns3

#endif
