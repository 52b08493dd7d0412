// SQLite's page cache in memory of its own, faulted in 2 MB at a time.
//
// A fresh process that starts a study session reads about 2,000 database pages (8 MB) into
// SQLite's page cache. Each page's buffer came from malloc: fresh memory, which the kernel faults
// in 4 KB at a time. That was about 2,000 page faults, a fifth of a cold session start.
// ProvidePageCache gives SQLite one region for its first pages (SQLITE_CONFIG_PAGECACHE) and asks
// the kernel for transparent huge pages there, so the same pages cost a handful of faults. When
// the region is nearly full SQLite reuses clean pages before it takes more (see page_cache.cpp);
// pages beyond it, and pages of databases with larger pages, come from malloc as before.
#pragma once

#include <cstddef>

namespace mondo::storage::detail {

// What ProvidePageCache settled, for tests and benchmarks.
struct PageCacheRegion {
    // SQLite uses the region (false: SQLite was already initialised, or the memory could not be
    // mapped; malloc serves every page).
    bool provided = false;
    std::size_t slots = 0;  // pages it holds
    std::size_t slot_size = 0;
};

// Once per process, before SQLite initialises (the first connection opened through Database):
// later calls return the first call's result.
PageCacheRegion ProvidePageCache();

}  // namespace mondo::storage::detail
