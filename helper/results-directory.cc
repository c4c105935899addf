/*
 * zos-takeover: a results directory written atomically (--out).
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#include "results-directory.h"

#include "results-cleanup.h"

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

using namespace results;

int
WriteWholeFile(const std::string& path, const std::string& text)
{
    int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0666);
    if (fd < 0)
    {
        return errno;
    }
    const char* p = text.data();
    size_t left = text.size();
    while (left > 0)
    {
        ssize_t n = ::write(fd, p, left);
        if (n < 0 && errno == EINTR)
        {
            continue;
        }
        if (n <= 0)
        {
            int error = n < 0 ? errno : EIO;
            ::close(fd);
            return error;
        }
        p += n;
        left -= static_cast<size_t>(n);
    }
    // On Linux the descriptor is released even when close reports EINTR.
    if (::close(fd) != 0 && errno != EINTR)
    {
        return errno;
    }
    return 0;
}

namespace
{

/** fsync a file or directory. \return 0, or the errno of the failure (ENOENT included). */
int
Sync(const std::string& path, bool directory)
{
    int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | (directory ? O_DIRECTORY : 0));
    if (fd < 0)
    {
        return errno;
    }
    int error = ::fsync(fd) == 0 ? 0 : errno;
    ::close(fd);
    return error;
}

/** A path for a one-line message: control characters escaped, "" when empty. */
std::string
Shown(const std::string& path)
{
    if (path.empty())
    {
        return "\"\"";
    }
    std::string out;
    for (unsigned char c : path)
    {
        if (c < 0x20 || c == 0x7f)
        {
            char buf[8];
            std::snprintf(buf, sizeof(buf), "\\x%02x", c);
            out += buf;
        }
        else
        {
            out += static_cast<char>(c);
        }
    }
    return out;
}

std::string
ErrorText(int error)
{
    return std::strerror(error);
}

const char* const ALLOWED = "a new or empty directory, or an earlier result of zos-takeover-sim, "
                            "in a directory you may write in";

OutputDirError
DirError(const std::string& dir, const std::string& problem, const std::string& allowed = ALLOWED)
{
    return OutputDirError("--out " + Shown(dir) + ": " + problem + " (" + allowed + ")");
}

// ---- What a directory is.

enum Kind
{
    NEW,      //!< does not exist
    EMPTY,    //!< an empty directory
    EARLIER,  //!< an earlier result
    UNUSABLE, //!< anything else
};

/** A regular file whose text says it marks a zos-takeover-sim result (any format). */
bool
IsMarker(const std::string& path)
{
    struct stat st;
    if (::lstat(path.c_str(), &st) != 0 || !S_ISREG(st.st_mode))
    {
        return false;
    }
    std::ifstream in(path, std::ios::binary);
    std::string head(64, '\0');
    in.read(&head[0], static_cast<std::streamsize>(head.size()));
    head.resize(static_cast<size_t>(in.gcount()));
    return head.rfind("zos-takeover-sim results", 0) == 0;
}

Kind
Classify(const std::string& path, const std::string& parent, std::string* problem)
{
    struct stat st;
    if (::lstat(path.c_str(), &st) != 0)
    {
        if (errno == ENOENT)
        {
            return NEW;
        }
        *problem = ErrorText(errno);
        return UNUSABLE;
    }
    if (S_ISLNK(st.st_mode))
    {
        *problem = "is a symbolic link";
        return UNUSABLE;
    }
    if (!S_ISDIR(st.st_mode))
    {
        *problem = "is a file, not a directory";
        return UNUSABLE;
    }
    struct stat parentSt;
    if (::stat(parent.c_str(), &parentSt) == 0 && parentSt.st_dev != st.st_dev)
    {
        *problem = "is a mount point, which cannot be replaced";
        return UNUSABLE;
    }
    DIR* dir = ::opendir(path.c_str());
    if (dir == nullptr)
    {
        *problem = ErrorText(errno);
        return UNUSABLE;
    }
    bool empty = true;
    bool marker = false;
    while (struct dirent* entry = ::readdir(dir))
    {
        std::string name = entry->d_name;
        if (name == "." || name == "..")
        {
            continue;
        }
        empty = false;
        marker = marker || name == ResultsDirectory::MARKER;
    }
    ::closedir(dir);
    if (empty)
    {
        return EMPTY;
    }
    if (marker && IsMarker(path + "/" + ResultsDirectory::MARKER))
    {
        return EARLIER;
    }
    *problem = std::string("is not empty and not an earlier result: it holds no ") +
               ResultsDirectory::MARKER;
    return UNUSABLE;
}

/** `.NAME.tmp-PID` or `.NAME.old-PID` of a process that no longer runs (or of our PID). */
bool
IsStale(const std::string& entry, const std::string& prefix)
{
    if (entry.size() <= prefix.size() || entry.compare(0, prefix.size(), prefix) != 0 ||
        entry.size() - prefix.size() > 9)
    {
        return false;
    }
    long pid = 0;
    for (size_t i = prefix.size(); i < entry.size(); ++i)
    {
        if (entry[i] < '0' || entry[i] > '9')
        {
            return false;
        }
        pid = pid * 10 + (entry[i] - '0');
    }
    if (pid <= 0)
    {
        return false;
    }
    if (pid == static_cast<long>(::getpid()))
    {
        return true; // not created by this process: Open has not created it yet
    }
    if (::kill(static_cast<pid_t>(pid), 0) != 0)
    {
        return errno == ESRCH;
    }
    // A zombie (killed, not yet reaped) runs no more either: its state follows the ") ".
    std::ifstream stat("/proc/" + std::to_string(pid) + "/stat");
    std::string text((std::istreambuf_iterator<char>(stat)), std::istreambuf_iterator<char>());
    size_t close = text.rfind(')');
    return close != std::string::npos && close + 2 < text.size() &&
           (text[close + 2] == 'Z' || text[close + 2] == 'X');
}

/**
 * Remove what a killed run left beside `path`. An earlier result set aside while being
 * replaced (`.NAME.old-PID`, where rename could not exchange) goes back into place if
 * nothing took it.
 */
void
RemoveStale(const std::string& parent, const std::string& name, const std::string& path)
{
    DIR* dir = ::opendir(parent.c_str());
    if (dir == nullptr)
    {
        return;
    }
    std::vector<std::string> temps;
    std::vector<std::string> olds;
    while (struct dirent* entry = ::readdir(dir))
    {
        std::string e = entry->d_name;
        if (IsStale(e, "." + name + ".tmp-"))
        {
            temps.push_back(parent + "/" + e);
        }
        else if (IsStale(e, "." + name + ".old-"))
        {
            olds.push_back(parent + "/" + e);
        }
    }
    ::closedir(dir);
    struct stat st;
    for (const auto& old : olds)
    {
        if (::lstat(path.c_str(), &st) != 0 && errno == ENOENT)
        {
            ::rename(old.c_str(), path.c_str());
        }
    }
    temps.insert(temps.end(), olds.begin(), olds.end());
    for (const auto& t : temps)
    {
        std::error_code ignored;
        std::filesystem::remove_all(t, ignored);
    }
}

} // namespace

ResultsDirectory::~ResultsDirectory()
{
    Abandon();
}

void
ResultsDirectory::CheckPath(const std::string& dir)
{
    if (dir.empty())
    {
        throw DirError(dir,
                       "the path is empty",
                       "a directory path; without --out, a new folder under results/");
    }
    std::string path = dir;
    while (path.size() > 1 && path.back() == '/')
    {
        path.pop_back();
    }
    std::string name = std::filesystem::path(path).filename().string();
    if (name.empty() || name == "." || name == "..")
    {
        throw DirError(dir,
                       "names no directory of its own",
                       "a path that ends in a directory name, e.g. results/mine");
    }
}

void
ResultsDirectory::Open(const std::string& dir)
{
    if (m_open || IsActive())
    {
        throw std::logic_error("ResultsDirectory: one open at a time");
    }
    CheckPath(dir);
    m_dir = dir;
    m_path = dir;
    while (m_path.size() > 1 && m_path.back() == '/')
    {
        m_path.pop_back();
    }
    std::filesystem::path p(m_path);
    m_name = p.filename().string();
    m_parent = p.parent_path().string();
    if (m_parent.empty())
    {
        m_parent = ".";
    }

    // The parent: the nearest existing ancestor must be a directory we may create in.
    std::vector<std::string> missing; // innermost first
    std::string ancestor = m_parent;
    struct stat st;
    while (::stat(ancestor.c_str(), &st) != 0)
    {
        if (errno != ENOENT)
        {
            throw DirError(dir, Shown(ancestor) + ": " + ErrorText(errno));
        }
        missing.push_back(ancestor);
        std::string up = std::filesystem::path(ancestor).parent_path().string();
        ancestor = up.empty() ? "." : up;
    }
    if (!S_ISDIR(st.st_mode))
    {
        throw DirError(dir, Shown(ancestor) + " is not a directory");
    }
    if (::access(ancestor.c_str(), W_OK | X_OK) != 0)
    {
        throw DirError(dir,
                       "cannot create anything in " + Shown(ancestor) + ": " + ErrorText(errno));
    }
    if (missing.empty())
    {
        RemoveStale(m_parent, m_name, m_path);
    }
    std::string problem;
    if (Classify(m_path, m_parent, &problem) == UNUSABLE)
    {
        throw DirError(dir, problem);
    }

    // From here on everything created is registered, and a signal removes it.
    SetInterruptMessage("zos-takeover: cannot write results to " + Shown(m_dir) +
                        ": interrupted by ");
    ClearEntries();
    SetActive(true);
    m_open = true;
    InstallHandlers();
    for (auto it = missing.rbegin(); it != missing.rend(); ++it)
    {
        if (!AddEntry(*it, true))
        {
            Abandon();
            throw DirError(dir, "too many parent directories to create");
        }
        if (::mkdir(it->c_str(), 0777) != 0)
        {
            int error = errno;
            PopEntry();
            if (error != EEXIST)
            {
                Abandon();
                throw DirError(dir, "cannot create " + Shown(*it) + ": " + ErrorText(error));
            }
        }
    }
    std::string temp = m_parent + "/." + m_name + ".tmp-" + std::to_string(::getpid());
    if (!AddEntry(temp, true))
    {
        Abandon();
        throw DirError(dir, "path too long");
    }
    if (::mkdir(temp.c_str(), 0777) != 0)
    {
        int error = errno;
        PopEntry();
        Abandon();
        throw DirError(dir,
                       "cannot create a directory in " + Shown(m_parent) + ": " + ErrorText(error));
    }
    m_tempPath = temp;
}

const std::string&
ResultsDirectory::GetTempPath() const
{
    return m_tempPath;
}

const std::string&
ResultsDirectory::GetPath() const
{
    return m_dir;
}

OutputWriteError
ResultsDirectory::WriteError(const std::string& what) const
{
    return OutputWriteError("cannot write results to " + Shown(m_dir) + ": " + what);
}

void
ResultsDirectory::Register(const std::string& name)
{
    if (!m_open)
    {
        throw std::logic_error("ResultsDirectory: not open");
    }
    if (!AddEntry(m_tempPath + "/" + name, false))
    {
        throw WriteError("too many files");
    }
}

void
ResultsDirectory::Write(const std::string& name, const std::string& text)
{
    Register(name);
    int error = WriteWholeFile(m_tempPath + "/" + name, text);
    if (error != 0)
    {
        throw WriteError(name + ": " + ErrorText(error));
    }
}

void
ResultsDirectory::Commit()
{
    Write(MARKER, MARKER_TEXT);
    // Each file on disk before the directory that names it is renamed into place.
    for (size_t i = 0; i < EntryCount(); ++i)
    {
        std::string path = EntryPath(i);
        if (EntryIsDirectory(i))
        {
            continue;
        }
        int error = Sync(path, false);
        if (error != 0 && error != ENOENT) // ENOENT: registered, never created
        {
            throw WriteError(path.substr(m_tempPath.size() + 1) + ": " + ErrorText(error));
        }
    }
    int error = Sync(m_tempPath, true);
    if (error != 0)
    {
        throw WriteError(ErrorText(error));
    }

    sigset_t old;
    BlockSignals(&old);
    if (SignalPending())
    {
        ::sigprocmask(SIG_SETMASK, &old, nullptr); // the handler runs and exits
    }
    std::string problem;
    Kind kind = Classify(m_path, m_parent, &problem);
    std::string earlier; // where the earlier result is once replaced
    if (kind == EARLIER)
    {
        if (::renameat2(AT_FDCWD, m_tempPath.c_str(), AT_FDCWD, m_path.c_str(), RENAME_EXCHANGE) ==
            0)
        {
            earlier = m_tempPath;
        }
        else if (errno == EINVAL || errno == ENOSYS || errno == ENOTSUP)
        {
            // No atomic exchange on this file system: set the earlier result aside first.
            std::string aside = m_parent + "/." + m_name + ".old-" + std::to_string(::getpid());
            if (::rename(m_path.c_str(), aside.c_str()) != 0)
            {
                problem = ErrorText(errno);
            }
            else if (::rename(m_tempPath.c_str(), m_path.c_str()) != 0)
            {
                problem = ErrorText(errno);
                ::rename(aside.c_str(), m_path.c_str());
            }
            else
            {
                earlier = aside;
            }
        }
        else
        {
            problem = ErrorText(errno);
        }
    }
    else if (kind == NEW || kind == EMPTY)
    {
        if (::rename(m_tempPath.c_str(), m_path.c_str()) != 0)
        {
            problem = ErrorText(errno);
        }
    }
    else
    {
        problem = "it changed during the run: " + problem;
    }
    if (!problem.empty())
    {
        ::sigprocmask(SIG_SETMASK, &old, nullptr);
        throw WriteError(problem);
    }
    // In place: nothing registered is ours to remove any more.
    ClearEntries();
    m_open = false;
    m_tempPath.clear();
    SetActive(false);
    Sync(m_parent, true);
    if (!earlier.empty())
    {
        std::error_code ignored; // what stays is stale: the next run into DIR removes it
        std::filesystem::remove_all(earlier, ignored);
    }
    RestoreHandlers();
    ::sigprocmask(SIG_SETMASK, &old, nullptr);
}

void
ResultsDirectory::Abandon()
{
    if (!m_open)
    {
        return;
    }
    sigset_t old;
    BlockSignals(&old);
    if (!m_tempPath.empty())
    {
        std::error_code ignored; // files nobody registered, if any
        std::filesystem::remove_all(m_tempPath, ignored);
    }
    RemoveEntries();
    ClearEntries();
    m_open = false;
    m_tempPath.clear();
    SetActive(false);
    RestoreHandlers();
    ::sigprocmask(SIG_SETMASK, &old, nullptr);
}

} // namespace zos
} // namespace ns3
