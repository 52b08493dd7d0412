// A power-loss simulator in the manner of SQLite's own crash tests: an sqlite3_vfs shim over the
// default VFS that passes every operation through to the real files while remembering, per file,
// what was written (and truncated) since that file's last sync. At a chosen operation the power
// "goes": that operation and every later one fails with an I/O error. PowerOff() then throws away
// every unsynced change (restoring the bytes from before it, and the file size), tears the last
// unsynced write (a random prefix of its first sector stays on disk) and drops the -shm file
// (shared memory does not survive a power cut).
//
// Simplifications, stated: creating and deleting a file are durable at once (the directory entry
// is not modelled); a sync makes every earlier write of that file durable. Syncs are not passed
// to the disk: the model, not the disk, decides what survives, and the test runs fast.
#pragma once

#include <sqlite3.h>

#include <cstdint>
#include <map>
#include <random>
#include <string>
#include <vector>

namespace mondo::storage::testing {

class PowerLossVfs {
  public:
    // Registers the shim as the default VFS; the destructor restores the previous default.
    PowerLossVfs();
    ~PowerLossVfs();
    PowerLossVfs(const PowerLossVfs&) = delete;
    PowerLossVfs& operator=(const PowerLossVfs&) = delete;

    // The power fails at the `operation`-th write, truncate or sync from now (1 = the next one);
    // 0: never.
    void CutAt(std::int64_t operation);
    // Whether the power has failed since the last CutAt.
    bool cut() const { return cut_; }
    // Syncs report success but make nothing durable (a disk that ignores fsync): the test that
    // shows the harness catches lost data.
    void set_drop_syncs(bool drop) { drop_syncs_ = drop; }

    // After every connection is closed: puts the files in the state the power cut leaves them
    // (see above); `random` chooses the tear. Clears the record, lets I/O succeed again.
    void PowerOff(std::mt19937& random);

    // Syncs of the file `path` (as SQLite names it, e.g. "<db>-wal") so far.
    std::int64_t SyncsOf(const std::string& path) const;

    struct File;  // the shim's sqlite3_file

  private:
    struct Change {
        std::int64_t offset = 0;
        std::string old_bytes;  // what was at offset before (up to the old end of file)
        std::int64_t old_size = 0;
        std::string new_bytes;  // what a write put there (empty for a truncate)
    };
    static int Open(sqlite3_vfs* vfs, sqlite3_filename name, sqlite3_file* file, int flags,
                    int* out_flags);
    static int Delete(sqlite3_vfs* vfs, const char* name, int sync_dir);
    static int Close(sqlite3_file* file);
    static int Read(sqlite3_file* file, void* buffer, int amount, sqlite3_int64 offset);
    static int Write(sqlite3_file* file, const void* buffer, int amount, sqlite3_int64 offset);
    static int Truncate(sqlite3_file* file, sqlite3_int64 size);
    static int Sync(sqlite3_file* file, int flags);
    static int FileSize(sqlite3_file* file, sqlite3_int64* size);
    static int Lock(sqlite3_file* file, int level);
    static int Unlock(sqlite3_file* file, int level);
    static int CheckReservedLock(sqlite3_file* file, int* reserved);
    static int FileControl(sqlite3_file* file, int op, void* argument);
    static int SectorSize(sqlite3_file* file);
    static int DeviceCharacteristics(sqlite3_file* file);
    static int ShmMap(sqlite3_file* file, int region, int size, int extend, void volatile** out);
    static int ShmLock(sqlite3_file* file, int offset, int n, int flags);
    static void ShmBarrier(sqlite3_file* file);
    static int ShmUnmap(sqlite3_file* file, int delete_flag);

    // Counts an operation; false when the power is (now) off.
    bool Tick();

    sqlite3_vfs vfs_{};
    sqlite3_vfs* real_ = nullptr;
    sqlite3_io_methods methods_{};
    std::int64_t cut_at_ = 0;
    std::int64_t operations_ = 0;
    bool cut_ = false;
    bool drop_syncs_ = false;
    std::map<std::string, std::vector<Change>> unsynced_;
    std::string last_written_;  // the file of the most recent unsynced change
    std::map<std::string, std::int64_t> syncs_;
};

}  // namespace mondo::storage::testing
