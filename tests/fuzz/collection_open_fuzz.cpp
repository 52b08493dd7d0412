// Fuzzes Collection::Open on arbitrary file contents: it must refuse or open, never crash, hang or
// leak; what opens must read back and check without crashing. Seeds:
// tests/fuzz/corpus/collection_open (the schema fixtures, damaged copies, non-SQLite bytes).
#include <unistd.h>

#include <cstddef>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>

#include "storage/collection.h"

namespace {

const std::filesystem::path& WorkDir() {
    static const std::filesystem::path dir = [] {
        auto path = std::filesystem::temp_directory_path() /
                    ("mondo-collection-fuzz-" + std::to_string(::getpid()));
        std::filesystem::create_directories(path);
        return path;
    }();
    return dir;
}

void RemoveAll(const std::filesystem::path& db) {
    std::error_code ec;
    for (const char* suffix : {"", "-wal", "-shm", "-journal", ".lock"}) {
        std::filesystem::path file = db;
        file += suffix;
        std::filesystem::remove(file, ec);
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    using namespace mondo::storage;
    const std::filesystem::path db = WorkDir() / "fuzz.sqlite3";
    RemoveAll(db);
    {
        std::ofstream out(db, std::ios::binary | std::ios::trunc);
        out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(size));
    }
    (void)CheckCollection(db);
    {
        auto collection = Collection::Open(db, OpenOptions{.create_if_missing = false});
        if (collection) {
            if (auto ids = collection->SourceIds()) {
                for (const std::string& id : *ids) (void)collection->LoadInterview(id);
            }
            (void)collection->LoadAllItems();
            (void)collection->LoadDueItems(1'767'225'600, 10);
            (void)collection->LoadReviewLog();
            (void)collection->LoadSettings();
            (void)collection->ReviewsPerDay(20'000, 20'500, 0);
            (void)collection->DueForecast(20'454, 30, 0);
            (void)collection->ProgressByExchange(ProgressClock{});
        }
    }
    RemoveAll(db);
    return 0;
}
