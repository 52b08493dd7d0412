#include "tests/storage/power_loss_vfs.h"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cstring>
#include <stdexcept>

namespace mondo::storage::testing {

namespace {

PowerLossVfs* the_shim = nullptr;  // one at a time (it is the process's default VFS)
constexpr const char* kName = "mondo-power-loss";
constexpr std::int64_t kSector = 512;

}  // namespace

// The shim's file: the real VFS's file follows it in the same allocation.
struct PowerLossVfs::File {
    sqlite3_file base;
    sqlite3_file* real;
    std::string* path;  // null for files that are not tracked (temporary files)
};

namespace {

PowerLossVfs::File* Of(sqlite3_file* file) { return reinterpret_cast<PowerLossVfs::File*>(file); }
sqlite3_file* RealOf(sqlite3_file* file) { return Of(file)->real; }

}  // namespace

PowerLossVfs::PowerLossVfs() {
    if (the_shim != nullptr) throw std::logic_error("one PowerLossVfs at a time");
    real_ = sqlite3_vfs_find(nullptr);
    vfs_.iVersion = 1;
    vfs_.szOsFile = static_cast<int>(sizeof(File)) + real_->szOsFile;
    vfs_.mxPathname = real_->mxPathname;
    vfs_.zName = kName;
    vfs_.pAppData = this;
    vfs_.xOpen = &Open;
    vfs_.xDelete = &Delete;
    vfs_.xAccess = [](sqlite3_vfs*, const char* name, int flags, int* out) {
        return the_shim->real_->xAccess(the_shim->real_, name, flags, out);
    };
    vfs_.xFullPathname = [](sqlite3_vfs*, const char* name, int size, char* out) {
        return the_shim->real_->xFullPathname(the_shim->real_, name, size, out);
    };
    vfs_.xDlOpen = [](sqlite3_vfs*, const char* name) {
        return the_shim->real_->xDlOpen(the_shim->real_, name);
    };
    vfs_.xDlError = [](sqlite3_vfs*, int size, char* out) {
        the_shim->real_->xDlError(the_shim->real_, size, out);
    };
    vfs_.xDlSym = [](sqlite3_vfs*, void* handle, const char* symbol) {
        return the_shim->real_->xDlSym(the_shim->real_, handle, symbol);
    };
    vfs_.xDlClose = [](sqlite3_vfs*, void* handle) {
        the_shim->real_->xDlClose(the_shim->real_, handle);
    };
    vfs_.xRandomness = [](sqlite3_vfs*, int size, char* out) {
        return the_shim->real_->xRandomness(the_shim->real_, size, out);
    };
    vfs_.xSleep = [](sqlite3_vfs*, int micros) {
        return the_shim->real_->xSleep(the_shim->real_, micros);
    };
    vfs_.xCurrentTime = [](sqlite3_vfs*, double* now) {
        return the_shim->real_->xCurrentTime(the_shim->real_, now);
    };
    vfs_.xGetLastError = [](sqlite3_vfs*, int size, char* out) {
        return the_shim->real_->xGetLastError(the_shim->real_, size, out);
    };

    // Version 2: shared memory (WAL) but no memory-mapped reads, so every read and write passes
    // through here.
    methods_.iVersion = 2;
    methods_.xClose = &Close;
    methods_.xRead = &Read;
    methods_.xWrite = &Write;
    methods_.xTruncate = &Truncate;
    methods_.xSync = &Sync;
    methods_.xFileSize = &FileSize;
    methods_.xLock = &Lock;
    methods_.xUnlock = &Unlock;
    methods_.xCheckReservedLock = &CheckReservedLock;
    methods_.xFileControl = &FileControl;
    methods_.xSectorSize = &SectorSize;
    methods_.xDeviceCharacteristics = &DeviceCharacteristics;
    methods_.xShmMap = &ShmMap;
    methods_.xShmLock = &ShmLock;
    methods_.xShmBarrier = &ShmBarrier;
    methods_.xShmUnmap = &ShmUnmap;

    the_shim = this;
    if (sqlite3_vfs_register(&vfs_, 1) != SQLITE_OK) throw std::runtime_error("vfs_register");
}

PowerLossVfs::~PowerLossVfs() {
    sqlite3_vfs_unregister(&vfs_);
    sqlite3_vfs_register(real_, 1);
    the_shim = nullptr;
}

void PowerLossVfs::CutAt(std::int64_t operation) {
    cut_at_ = operation;
    operations_ = 0;
    cut_ = false;
}

bool PowerLossVfs::Tick() {
    if (cut_) return false;
    ++operations_;
    if (cut_at_ > 0 && operations_ >= cut_at_) cut_ = true;
    return !cut_;
}

std::int64_t PowerLossVfs::SyncsOf(const std::string& path) const {
    const auto found = syncs_.find(path);
    return found == syncs_.end() ? 0 : found->second;
}

void PowerLossVfs::PowerOff(std::mt19937& random) {
    for (auto& [path, changes] : unsynced_) {
        if (changes.empty()) continue;
        const int fd = ::open(path.c_str(), O_RDWR | O_CLOEXEC);
        if (fd < 0) continue;  // deleted since (deletion is durable at once)
        for (auto change = changes.rbegin(); change != changes.rend(); ++change) {
            if (!change->old_bytes.empty() &&
                ::pwrite(fd, change->old_bytes.data(), change->old_bytes.size(), change->offset) !=
                    static_cast<ssize_t>(change->old_bytes.size())) {
                throw std::runtime_error("PowerOff: cannot restore " + path);
            }
            if (::ftruncate(fd, change->old_size) != 0)
                throw std::runtime_error("PowerOff: cannot restore the size of " + path);
        }
        if (path == last_written_ && !changes.back().new_bytes.empty()) {
            // The torn sector: part of the last write reached the disk.
            const Change& last = changes.back();
            const std::int64_t limit =
                std::min<std::int64_t>(static_cast<std::int64_t>(last.new_bytes.size()), kSector);
            const auto kept = static_cast<std::size_t>(random() % static_cast<unsigned>(limit));
            if (kept > 0 && ::pwrite(fd, last.new_bytes.data(), kept, last.offset) !=
                                static_cast<ssize_t>(kept)) {
                throw std::runtime_error("PowerOff: cannot tear " + path);
            }
        }
        ::close(fd);
    }
    for (const auto& [path, changes] : unsynced_) {
        const std::string suffix = "-wal";
        if (path.size() > suffix.size() &&
            path.compare(path.size() - suffix.size(), suffix.size(), suffix) == 0) {
            ::unlink((path.substr(0, path.size() - suffix.size()) + "-shm").c_str());
        }
    }
    unsynced_.clear();
    last_written_.clear();
    CutAt(0);
}

int PowerLossVfs::Open(sqlite3_vfs*, sqlite3_filename name, sqlite3_file* file, int flags,
                       int* out_flags) {
    File* shim = Of(file);
    shim->real = reinterpret_cast<sqlite3_file*>(shim + 1);
    shim->path = nullptr;
    const int rc = the_shim->real_->xOpen(the_shim->real_, name, shim->real, flags, out_flags);
    if (rc != SQLITE_OK) {
        shim->base.pMethods = nullptr;
        return rc;
    }
    if (name != nullptr &&
        (flags & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_WAL | SQLITE_OPEN_MAIN_JOURNAL)) != 0) {
        shim->path = new std::string(name);
    }
    shim->base.pMethods = &the_shim->methods_;
    return SQLITE_OK;
}

int PowerLossVfs::Delete(sqlite3_vfs*, const char* name, int sync_dir) {
    if (the_shim->cut_) return SQLITE_IOERR_DELETE;
    the_shim->unsynced_.erase(name);
    return the_shim->real_->xDelete(the_shim->real_, name, sync_dir);
}

int PowerLossVfs::Close(sqlite3_file* file) {
    File* shim = Of(file);
    const int rc =
        shim->real->pMethods != nullptr ? shim->real->pMethods->xClose(shim->real) : SQLITE_OK;
    delete shim->path;
    shim->path = nullptr;
    return rc;
}

int PowerLossVfs::Read(sqlite3_file* file, void* buffer, int amount, sqlite3_int64 offset) {
    if (the_shim->cut_) return SQLITE_IOERR_READ;
    return RealOf(file)->pMethods->xRead(RealOf(file), buffer, amount, offset);
}

int PowerLossVfs::Write(sqlite3_file* file, const void* buffer, int amount, sqlite3_int64 offset) {
    File* shim = Of(file);
    if (!the_shim->Tick()) return SQLITE_IOERR_WRITE;
    sqlite3_file* real = shim->real;
    if (shim->path != nullptr) {
        Change change;
        change.offset = offset;
        sqlite3_int64 size = 0;
        if (real->pMethods->xFileSize(real, &size) != SQLITE_OK) return SQLITE_IOERR_WRITE;
        change.old_size = size;
        if (offset < size) {
            change.old_bytes.resize(
                static_cast<std::size_t>(std::min<sqlite3_int64>(amount, size - offset)));
            const int rc = real->pMethods->xRead(real, change.old_bytes.data(),
                                                 static_cast<int>(change.old_bytes.size()), offset);
            if (rc != SQLITE_OK) return SQLITE_IOERR_WRITE;
        }
        change.new_bytes.assign(static_cast<const char*>(buffer), static_cast<std::size_t>(amount));
        the_shim->unsynced_[*shim->path].push_back(std::move(change));
        the_shim->last_written_ = *shim->path;
    }
    return real->pMethods->xWrite(real, buffer, amount, offset);
}

int PowerLossVfs::Truncate(sqlite3_file* file, sqlite3_int64 size) {
    File* shim = Of(file);
    if (!the_shim->Tick()) return SQLITE_IOERR_TRUNCATE;
    sqlite3_file* real = shim->real;
    if (shim->path != nullptr) {
        Change change;
        change.offset = size;
        sqlite3_int64 old_size = 0;
        if (real->pMethods->xFileSize(real, &old_size) != SQLITE_OK) return SQLITE_IOERR_TRUNCATE;
        change.old_size = old_size;
        if (size < old_size) {
            change.old_bytes.resize(static_cast<std::size_t>(old_size - size));
            const int rc = real->pMethods->xRead(real, change.old_bytes.data(),
                                                 static_cast<int>(change.old_bytes.size()), size);
            if (rc != SQLITE_OK) return SQLITE_IOERR_TRUNCATE;
        }
        the_shim->unsynced_[*shim->path].push_back(std::move(change));
        the_shim->last_written_ = *shim->path;
    }
    return real->pMethods->xTruncate(real, size);
}

int PowerLossVfs::Sync(sqlite3_file* file, int) {
    File* shim = Of(file);
    if (!the_shim->Tick()) return SQLITE_IOERR_FSYNC;
    if (shim->path != nullptr) {
        ++the_shim->syncs_[*shim->path];
        if (!the_shim->drop_syncs_) the_shim->unsynced_.erase(*shim->path);
    }
    return SQLITE_OK;
}

int PowerLossVfs::FileSize(sqlite3_file* file, sqlite3_int64* size) {
    if (the_shim->cut_) return SQLITE_IOERR_FSTAT;
    return RealOf(file)->pMethods->xFileSize(RealOf(file), size);
}

int PowerLossVfs::Lock(sqlite3_file* file, int level) {
    return RealOf(file)->pMethods->xLock(RealOf(file), level);
}

int PowerLossVfs::Unlock(sqlite3_file* file, int level) {
    return RealOf(file)->pMethods->xUnlock(RealOf(file), level);
}

int PowerLossVfs::CheckReservedLock(sqlite3_file* file, int* reserved) {
    return RealOf(file)->pMethods->xCheckReservedLock(RealOf(file), reserved);
}

int PowerLossVfs::FileControl(sqlite3_file* file, int op, void* argument) {
    return RealOf(file)->pMethods->xFileControl(RealOf(file), op, argument);
}

int PowerLossVfs::SectorSize(sqlite3_file* file) {
    return RealOf(file)->pMethods->xSectorSize(RealOf(file));
}

int PowerLossVfs::DeviceCharacteristics(sqlite3_file* file) {
    // Nothing is promised beyond what a plain disk gives (no atomic or safe-append writes).
    return RealOf(file)->pMethods->xDeviceCharacteristics(RealOf(file)) &
           ~(SQLITE_IOCAP_ATOMIC | SQLITE_IOCAP_ATOMIC512 | SQLITE_IOCAP_ATOMIC1K |
             SQLITE_IOCAP_ATOMIC2K | SQLITE_IOCAP_ATOMIC4K | SQLITE_IOCAP_ATOMIC8K |
             SQLITE_IOCAP_ATOMIC16K | SQLITE_IOCAP_ATOMIC32K | SQLITE_IOCAP_ATOMIC64K |
             SQLITE_IOCAP_SAFE_APPEND | SQLITE_IOCAP_SEQUENTIAL | SQLITE_IOCAP_POWERSAFE_OVERWRITE |
             SQLITE_IOCAP_BATCH_ATOMIC);
}

int PowerLossVfs::ShmMap(sqlite3_file* file, int region, int size, int extend,
                         void volatile** out) {
    return RealOf(file)->pMethods->xShmMap(RealOf(file), region, size, extend, out);
}

int PowerLossVfs::ShmLock(sqlite3_file* file, int offset, int n, int flags) {
    return RealOf(file)->pMethods->xShmLock(RealOf(file), offset, n, flags);
}

void PowerLossVfs::ShmBarrier(sqlite3_file* file) {
    RealOf(file)->pMethods->xShmBarrier(RealOf(file));
}

int PowerLossVfs::ShmUnmap(sqlite3_file* file, int delete_flag) {
    return RealOf(file)->pMethods->xShmUnmap(RealOf(file), delete_flag);
}

}  // namespace mondo::storage::testing
