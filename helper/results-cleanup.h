/*
 * zos-takeover (internal to ResultsDirectory): the paths a signal removes while a results
 * directory is being written, and the signal handlers that remove them.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_RESULTS_CLEANUP_H
#define ZOS_TAKEOVER_RESULTS_CLEANUP_H

#include <csignal>
#include <cstddef>
#include <string>

namespace ns3
{
namespace zos
{
namespace results
{

/**
 * Add a path about to be created.
 * \param path the path
 * \param directory whether it is a directory
 * \return false when the table is full
 */
bool AddEntry(const std::string& path, bool directory);
/** Forget the last entry (it was not created by us). */
void PopEntry();
/** Remove every entry, last created first (async-signal-safe). */
void RemoveEntries();
/** Forget every entry. */
void ClearEntries();
/** \return the number of entries. */
size_t EntryCount();
/**
 * \param i an entry index
 * \return its path
 */
const char* EntryPath(size_t i);
/**
 * \param i an entry index
 * \return whether it is a directory
 */
bool EntryIsDirectory(size_t i);

/**
 * \param prefix the start of the line a signal prints on stderr (the signal name follows)
 */
void SetInterruptMessage(const std::string& prefix);
/** \param active whether a ResultsDirectory is open */
void SetActive(bool active);
/** \return whether a ResultsDirectory is open */
bool IsActive();

/** Handle SIGINT/SIGTERM/SIGHUP (those not ignored, as under nohup), ignore SIGXFSZ. */
void InstallHandlers();
/** Restore the handlers InstallHandlers replaced. */
void RestoreHandlers();
/**
 * Block SIGINT/SIGTERM/SIGHUP.
 * \param old gets the previous mask
 */
void BlockSignals(sigset_t* old);
/** \return whether SIGINT, SIGTERM or SIGHUP is pending. */
bool SignalPending();

} // namespace results
} // namespace zos
} // namespace ns3

#endif
