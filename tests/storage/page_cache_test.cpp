// SQLite's page cache region (storage/page_cache.h): the pages of a collection that mondo reads go
// into the region, not into malloc's memory.
#include "storage/page_cache.h"

#include <doctest/doctest.h>
#include <sqlite3.h>

#include "storage/collection.h"
#include "tests/storage/storage_fixtures.h"

namespace mondo::storage {
namespace {

int PageCacheSlotsInUse() {
    int current = 0;
    int highest = 0;
    REQUIRE(sqlite3_status(SQLITE_STATUS_PAGECACHE_USED, &current, &highest, 0) == SQLITE_OK);
    return current;
}

TEST_CASE("a collection's pages are read into the page cache region") {
    testing::TempDir dir;
    const int before = PageCacheSlotsInUse();
    {
        // Opening a collection sets the region up (before SQLite initialises; asked only after
        // this open, the answer says whether the open did it).
        Collection collection = testing::OpenOrFail(dir.File("c.sqlite3"));
        const detail::PageCacheRegion region = detail::ProvidePageCache();
        REQUIRE(region.provided);
        CHECK(region.slot_size >= 4096);
        CHECK(region.slots >= 2048);

        const auto interview = testing::SmallInterview(40, "ページ");
        REQUIRE(collection.ImportSource(interview, testing::QuestionsFor(interview)).has_value());
        auto items = collection.LoadStudyItems();
        REQUIRE(items.has_value());
        CHECK(!items->empty());
        CHECK(PageCacheSlotsInUse() > before);
    }
    // Closing the collection gives its pages back.
    CHECK(PageCacheSlotsInUse() == before);
}

}  // namespace
}  // namespace mondo::storage
