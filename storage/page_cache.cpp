#include "storage/page_cache.h"

#include <sqlite3.h>
#include <sys/mman.h>

#include <cstdint>
#include <mutex>

namespace mondo::storage::detail {
namespace {

// Collections use SQLite's default 4 KB pages.
constexpr std::size_t kPageSize = 4096;
// Room for 2,048 pages (8.6 MB with their headers), measured against 256 to 4,096 on the scale
// collection (a fresh process per run, 2026-12-03). SQLite links every slot into its free list
// when it opens the first connection, so the whole region is faulted in then: 4,096 slots added
// 1.2 ms to every open. And once the region is nearly full, SQLite takes it for memory pressure and
// reuses the least recently used clean pages before it asks malloc for more (pcache1), which a
// session start, reading each page once, does not mind: 1,024 to 4,096 slots all took its cold
// start from 25 to about 18 ms. A big import spills dirty pages sooner then (its 32 MB cache is
// malloc's beyond the region): 2,048 slots against 4,096 cost the 9 MB import 0.03 s (2.74 and
// 2.69 s against 2.68 and 2.68).
constexpr std::size_t kSlots = 2048;
constexpr std::size_t kHugePage = std::size_t{2} << 20;

PageCacheRegion Provide() {
    PageCacheRegion region;
    int header = 0;
    if (sqlite3_config(SQLITE_CONFIG_PCACHE_HDRSZ, &header) != SQLITE_OK || header <= 0)
        return region;
    // SQLite wants each slot's size a multiple of 8.
    const std::size_t slot_size = (kPageSize + static_cast<std::size_t>(header) + 7) / 8 * 8;
    const std::size_t bytes = (slot_size * kSlots + kHugePage - 1) / kHugePage * kHugePage;
    // One huge page more than needed, so the region can start on a huge-page boundary.
    void* mapped = mmap(nullptr, bytes + kHugePage, PROT_READ | PROT_WRITE,
                        MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
    if (mapped == MAP_FAILED) return region;
    const auto address = reinterpret_cast<std::uintptr_t>(mapped);
    auto* start = reinterpret_cast<void*>((address + kHugePage - 1) / kHugePage * kHugePage);
    // Without transparent huge pages (disabled, or an old kernel) the region still serves, faulted
    // in 4 KB at a time as malloc's memory would be.
    (void)madvise(start, bytes, MADV_HUGEPAGE);
    if (sqlite3_config(SQLITE_CONFIG_PAGECACHE, start, static_cast<int>(slot_size),
                       static_cast<int>(kSlots)) != SQLITE_OK) {
        munmap(mapped, bytes + kHugePage);
        return region;
    }
    // The region lives as long as the process: SQLite may use it until exit.
    region.provided = true;
    region.slots = kSlots;
    region.slot_size = slot_size;
    return region;
}

}  // namespace

PageCacheRegion ProvidePageCache() {
    static std::once_flag once;
    static PageCacheRegion region;
    std::call_once(once, [] { region = Provide(); });
    return region;
}

}  // namespace mondo::storage::detail
