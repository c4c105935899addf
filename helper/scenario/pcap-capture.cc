/*
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "pcap-capture.h"

#include "ns3/simulator.h"
#include "ns3/trace-helper.h"

#include <cerrno>
#include <cstring>

namespace ns3
{
namespace zos
{

PcapCapture::PcapCapture(const std::string& path, const std::string& name, std::string* error)
    : m_name(name),
      m_file(CreateObject<PcapFileWrapper>()),
      m_error(error)
{
    errno = 0;
    m_file->Open(path, std::ios::out | std::ios::binary);
    m_file->Init(PcapHelper::DLT_EN10MB);
    Check();
}

void
PcapCapture::Check()
{
    if (!m_failed && m_file->Fail())
    {
        m_failed = true;
        if (m_error->empty())
        {
            *m_error = m_name + ": " + (errno != 0 ? std::strerror(errno) : "write failed");
        }
        Simulator::Stop();
    }
}

void
PcapCapture::Frame(std::string lan, Ptr<const Packet> frame)
{
    if (!m_failed)
    {
        errno = 0;
        m_file->Write(Simulator::Now(), frame);
        Check();
    }
}

void
PcapCapture::Close()
{
    errno = 0;
    m_file->Close();
    Check();
}

} // namespace zos
} // namespace ns3
