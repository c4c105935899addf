/*
 * zos-takeover: a results directory written atomically (--out).
 *
 * SPDX-License-Identifier: GPL-2.0-only
 */
#ifndef ZOS_TAKEOVER_RESULTS_DIRECTORY_H
#define ZOS_TAKEOVER_RESULTS_DIRECTORY_H

#include <stdexcept>
#include <string>
#include <vector>

namespace ns3
{
namespace zos
{

/**
 * Write `text` to `path` (created or truncated), checking every write and the close.
 * \return 0, or the errno of the first failure.
 */
int WriteWholeFile(const std::string& path, const std::string& text);

/** `--out` cannot be used (the tool's exit status 2). what(): "--out DIR: problem (allowed)". */
class OutputDirError : public std::runtime_error
{
  public:
    using std::runtime_error::runtime_error;
};

/**
 * The results could not be written (the tool's exit status 3).
 * what(): "cannot write results to DIR: what".
 */
class OutputWriteError : public std::runtime_error
{
  public:
    using std::runtime_error::runtime_error;
};

/**
 * \ingroup zos-takeover
 * \brief A results directory that is never half-written.
 *
 * Open checks the directory before anything is run: it must not exist, or be empty, or be an
 * earlier result (a directory holding the marker file MARKER, which Commit writes). Files are
 * written into a temporary directory beside it, `.NAME.tmp-PID` (same parent, so renaming is
 * atomic); Commit renames it into place (exchanging it with an earlier result, which is then
 * removed). A write error, Abandon, the destructor before Commit, or SIGINT/SIGTERM/SIGHUP
 * before Commit (an async-signal-safe handler: one line on stderr, exit status 3) remove the
 * temporary directory, the files registered in it and the parent directories Open created:
 * the earlier results stay as they were. Temporary directories beside the target left by a
 * process that no longer runs (killed with SIGKILL, a crash) are removed by the next Open of
 * the same target.
 *
 * One instance at a time per process (it owns the signal handlers from Open to Commit or
 * Abandon). Open also ignores SIGXFSZ, so that a write beyond RLIMIT_FSIZE fails (EFBIG)
 * instead of killing the process.
 */
class ResultsDirectory
{
  public:
    /** The marker file of a result directory. */
    static constexpr const char* MARKER = ".zos-takeover-results";
    /** Its content: what wrote the directory, and the layout version. */
    static constexpr const char* MARKER_TEXT = "zos-takeover-sim results, format 1\n";

    ResultsDirectory() = default;
    ResultsDirectory(const ResultsDirectory&) = delete;
    ResultsDirectory& operator=(const ResultsDirectory&) = delete;
    /** Abandon unless committed. */
    ~ResultsDirectory();

    /**
     * The checks that need no file system: not empty, ends in a directory name.
     * \throws OutputDirError
     */
    static void CheckPath(const std::string& dir);
    /**
     * Check `dir` as above, remove stale temporaries beside it, install the signal handlers,
     * create the missing parent directories and the temporary directory.
     * \throws OutputDirError (nothing created, earlier results untouched).
     */
    void Open(const std::string& dir);
    /** The temporary directory to write into (valid between Open and Commit). */
    const std::string& GetTempPath() const;
    /** The directory as given to Open. */
    const std::string& GetPath() const;
    /** A file about to be created in the temporary directory (removed on failure or signal). */
    void Register(const std::string& name);
    /** Register `name`, write `text` into it, check every write and the close. */
    void Write(const std::string& name, const std::string& text);
    /**
     * Write the marker, sync every registered file and the directory, rename the temporary
     * directory into place, remove the earlier result, restore the signal handlers.
     * \throws OutputWriteError (then call Abandon, or let the destructor do it).
     */
    void Commit();
    /** Remove everything created since Open, restore the signal handlers. */
    void Abandon();
    /** An OutputWriteError for this directory: "cannot write results to DIR: what". */
    OutputWriteError WriteError(const std::string& what) const;

  private:
    std::string m_dir;      //!< as given
    std::string m_path;     //!< without trailing slashes
    std::string m_parent;   //!< its parent directory ("." when none)
    std::string m_name;     //!< its last component
    std::string m_tempPath; //!< parent/.name.tmp-PID
    bool m_open = false;
};

} // namespace zos
} // namespace ns3

#endif
