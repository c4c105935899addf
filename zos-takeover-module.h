/*
 * zos-takeover: everything a user program needs, in one include.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_MODULE_H
#define ZOS_TAKEOVER_MODULE_H

/**
 * \defgroup zos-takeover z/OS interface takeover
 * OSA adapters, LanGroups, ARP ownership, gratuitous ARP and VIPA takeover of the IBM z/OS
 * TCP/IP stack, with LAN station ARP models and outage measurement.
 */

#include "ns3/address-takeover-protocol.h"
#include "ns3/arp-ownership.h"
#include "ns3/arp-takeover-protocol.h"
#include "ns3/connection-route-cache.h"
#include "ns3/fix-level.h"
#include "ns3/gratuitous-arp-loss-model.h"
#include "ns3/gratuitous-arp-loss-tag.h"
#include "ns3/kind-table.h"
#include "ns3/lan-helper.h"
#include "ns3/lan.h"
#include "ns3/lcs-net-device.h"
#include "ns3/claw-net-device.h"
#include "ns3/linux-station-arp.h"
#include "ns3/mpcipa-net-device.h"
#include "ns3/osa-net-device.h"
#include "ns3/osa-port.h"
#include "ns3/outage-monitor.h"
#include "ns3/probe-client.h"
#include "ns3/probe-header.h"
#include "ns3/probe-helper.h"
#include "ns3/probe-server.h"
#include "ns3/rfc826-station-arp.h"
#include "ns3/shared-lan.h"
#include "ns3/station-arp-helper.h"
#include "ns3/station-arp.h"
#include "ns3/station-helper.h"
#include "ns3/stock-station-arp.h"
#include "ns3/switched-lan.h"
#include "ns3/fast-switched-lan.h"
#include "ns3/backoff-tcp-socket.h"
#include "ns3/tcp-probe-client.h"
#include "ns3/tcp-probe-server.h"
#include "ns3/vipa-net-device.h"
#include "ns3/warm-start-helper.h"
#include "ns3/zos-stack-helper.h"
#include "ns3/zos-stack.h"

#endif
