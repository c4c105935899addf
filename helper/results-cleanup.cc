/*
 * zos-takeover: what a signal removes while a results directory is being written. The
 * handler may only use async-signal-safe calls, so the paths created so far are kept in a
 * fixed static table, each entry complete before it is counted.
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "results-cleanup.h"

#include <algorithm>
#include <atomic>
#include <csignal>
#include <cstring>
#include <unistd.h>

namespace ns3
{
namespace zos
{
namespace results
{

namespace
{

constexpr size_t POOL_BYTES = 1 << 16;
constexpr size_t MAX_ENTRIES = 1024;
constexpr size_t PREFIX_BYTES = 8192;
char g_pool[POOL_BYTES];
size_t g_poolUsed = 0;
size_t g_entryOffset[MAX_ENTRIES];
bool g_entryIsDir[MAX_ENTRIES];
volatile sig_atomic_t g_entries = 0;
char g_prefix[PREFIX_BYTES]; //!< "zos-takeover: cannot write results to DIR: interrupted by "
size_t g_prefixLength = 0;

const int SIGNALS[] = {SIGINT, SIGTERM, SIGHUP};
constexpr size_t N_SIGNALS = sizeof(SIGNALS) / sizeof(SIGNALS[0]);
struct sigaction g_previous[N_SIGNALS];
bool g_installed[N_SIGNALS];
struct sigaction g_previousXfsz;

bool g_active = false; //!< a ResultsDirectory is open

} // namespace

/** Add a path about to be created. \return false when the table is full. */
bool
AddEntry(const std::string& path, bool directory)
{
    size_t n = static_cast<size_t>(g_entries);
    if (n >= MAX_ENTRIES || g_poolUsed + path.size() + 1 > POOL_BYTES)
    {
        return false;
    }
    std::memcpy(g_pool + g_poolUsed, path.c_str(), path.size() + 1);
    g_entryOffset[n] = g_poolUsed;
    g_entryIsDir[n] = directory;
    g_poolUsed += path.size() + 1;
    std::atomic_signal_fence(std::memory_order_seq_cst);
    g_entries = static_cast<sig_atomic_t>(n + 1);
    return true;
}

/** Forget the last entry (it was not created by us). */
void
PopEntry()
{
    size_t n = static_cast<size_t>(g_entries) - 1;
    g_entries = static_cast<sig_atomic_t>(n);
    std::atomic_signal_fence(std::memory_order_seq_cst);
    g_poolUsed = g_entryOffset[n];
}

/** Remove every entry, last created first (async-signal-safe). */
void
RemoveEntries()
{
    for (sig_atomic_t i = g_entries; i > 0; --i)
    {
        const char* path = g_pool + g_entryOffset[i - 1];
        if (g_entryIsDir[i - 1])
        {
            ::rmdir(path);
        }
        else
        {
            ::unlink(path);
        }
    }
}

void
ClearEntries()
{
    g_entries = 0;
    std::atomic_signal_fence(std::memory_order_seq_cst);
    g_poolUsed = 0;
}

namespace
{

const char*
SignalName(int sig)
{
    switch (sig)
    {
    case SIGINT:
        return "SIGINT";
    case SIGTERM:
        return "SIGTERM";
    case SIGHUP:
        return "SIGHUP";
    default:
        return "a signal";
    }
}

void
OnSignal(int sig)
{
    RemoveEntries();
    char line[PREFIX_BYTES + 32];
    size_t n = g_prefixLength;
    std::memcpy(line, g_prefix, n);
    const char* name = SignalName(sig);
    size_t length = std::strlen(name);
    std::memcpy(line + n, name, length);
    n += length;
    line[n++] = '\n';
    ssize_t written = ::write(STDERR_FILENO, line, n);
    (void)written;
    ::_exit(3);
}

} // namespace

/** Handle SIGINT/SIGTERM/SIGHUP (those not ignored, as under nohup), ignore SIGXFSZ. */
void
InstallHandlers()
{
    struct sigaction action;
    std::memset(&action, 0, sizeof(action));
    action.sa_handler = OnSignal;
    sigemptyset(&action.sa_mask);
    for (int sig : SIGNALS)
    {
        sigaddset(&action.sa_mask, sig);
    }
    for (size_t i = 0; i < N_SIGNALS; ++i)
    {
        g_installed[i] = false;
        if (::sigaction(SIGNALS[i], nullptr, &g_previous[i]) == 0 &&
            g_previous[i].sa_handler != SIG_IGN)
        {
            g_installed[i] = ::sigaction(SIGNALS[i], &action, nullptr) == 0;
        }
    }
    struct sigaction ignore;
    std::memset(&ignore, 0, sizeof(ignore));
    ignore.sa_handler = SIG_IGN;
    sigemptyset(&ignore.sa_mask);
    ::sigaction(SIGXFSZ, &ignore, &g_previousXfsz);
}

void
RestoreHandlers()
{
    for (size_t i = 0; i < N_SIGNALS; ++i)
    {
        if (g_installed[i])
        {
            ::sigaction(SIGNALS[i], &g_previous[i], nullptr);
            g_installed[i] = false;
        }
    }
    ::sigaction(SIGXFSZ, &g_previousXfsz, nullptr);
}

/** Block SIGINT/SIGTERM/SIGHUP; the previous mask goes to `old`. */
void
BlockSignals(sigset_t* old)
{
    sigset_t set;
    sigemptyset(&set);
    for (int sig : SIGNALS)
    {
        sigaddset(&set, sig);
    }
    ::sigprocmask(SIG_BLOCK, &set, old);
}

bool
SignalPending()
{
    sigset_t pending;
    sigemptyset(&pending);
    ::sigpending(&pending);
    for (int sig : SIGNALS)
    {
        if (sigismember(&pending, sig) == 1)
        {
            return true;
        }
    }
    return false;
}

void
SetInterruptMessage(const std::string& prefix)
{
    g_prefixLength = std::min(prefix.size(), PREFIX_BYTES - 32);
    std::memcpy(g_prefix, prefix.data(), g_prefixLength);
}

void
SetActive(bool active)
{
    g_active = active;
}

bool
IsActive()
{
    return g_active;
}

size_t
EntryCount()
{
    return static_cast<size_t>(g_entries);
}

const char*
EntryPath(size_t i)
{
    return g_pool + g_entryOffset[i];
}

bool
EntryIsDirectory(size_t i)
{
    return g_entryIsDir[i];
}

} // namespace results
} // namespace zos
} // namespace ns3
