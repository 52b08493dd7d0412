// Crash safety: a child process records reviews and reports each id once RecordReview returned;
// it is killed with SIGKILL at random moments. Every acknowledged review must survive, and the
// database must pass integrity_check and the consistency check, every time.
#include <doctest/doctest.h>
#include <fcntl.h>
#include <poll.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstring>
#include <random>
#include <set>

#include "storage/collection.h"
#include "tests/storage/storage_fixtures.h"

namespace mondo::storage {
namespace {

constexpr int kKills = 60;

// The child: opens the collection, records reviews in a loop (round robin over the questions,
// each from the card as stored), writing each committed id to `fd`. Never returns.
[[noreturn]] void RecordForever(const std::filesystem::path& path, int fd, unsigned seed) {
    auto collection = Collection::Open(path);
    if (!collection) ::_exit(3);
    auto items = collection->LoadStudyItems();
    if (!items) ::_exit(4);
    std::mt19937 random(seed);
    for (std::int64_t n = 0;; ++n) {
        const auto& item = (*items)[static_cast<std::size_t>(random() % items->size())];
        auto card = collection->LoadCard(item.question.id);
        if (!card || !*card) ::_exit(5);
        ReviewRow row = testing::MakeReview(
            item.question.id, **card,
            1'700'000'000'000 + static_cast<std::int64_t>(seed) * 1'000'000 + n * 1000,
            1 + static_cast<int>(random() % 4));
        row.answer_given = std::string(static_cast<std::size_t>(random() % 3000), 'a');
        auto id = collection->RecordReview(row);
        if (!id) ::_exit(6);
        const std::int64_t value = *id;
        if (::write(fd, &value, sizeof value) != static_cast<ssize_t>(sizeof value)) ::_exit(7);
    }
}

TEST_CASE("reviews acknowledged before a SIGKILL survive it, at least 50 kills at random moments") {
    testing::TempDir dir;
    const auto path = dir.File("c.sqlite3");
    {
        Collection collection = testing::OpenOrFail(path);
        const auto interview = testing::SmallInterview(30);
        REQUIRE(collection.ImportSource(interview, testing::QuestionsFor(interview)).has_value());
    }
    std::mt19937 random(20261129);
    std::set<std::int64_t> acknowledged;
    for (int round = 0; round < kKills; ++round) {
        CAPTURE(round);
        int fds[2];
        REQUIRE(::pipe(fds) == 0);
        const pid_t child = ::fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            ::close(fds[0]);
            RecordForever(path, fds[1], static_cast<unsigned>(round));
        }
        ::close(fds[1]);
        // Read acknowledgements for a random time, then kill mid-write.
        const std::size_t before = acknowledged.size();
        std::string pending;
        auto drain = [&](int timeout_ms) {
            pollfd p{fds[0], POLLIN, 0};
            if (::poll(&p, 1, timeout_ms) <= 0) return false;
            char buffer[4096];
            const ssize_t got = ::read(fds[0], buffer, sizeof buffer);
            if (got <= 0) return false;
            pending.append(buffer, static_cast<std::size_t>(got));
            while (pending.size() >= sizeof(std::int64_t)) {
                std::int64_t id = 0;
                std::memcpy(&id, pending.data(), sizeof id);
                acknowledged.insert(id);
                pending.erase(0, sizeof id);
            }
            return true;
        };
        // Wait for the first acknowledgement (the child is then writing), then a random moment.
        const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
        while (acknowledged.size() == before && std::chrono::steady_clock::now() < give_up)
            drain(5);
        REQUIRE_MESSAGE(acknowledged.size() > before, "the child recorded nothing in 20 s");
        const auto deadline =
            std::chrono::steady_clock::now() + std::chrono::microseconds(random() % 40'000);
        while (std::chrono::steady_clock::now() < deadline) drain(1);
        ::kill(child, SIGKILL);
        int status = 0;
        ::waitpid(child, &status, 0);
        // What the child wrote before dying was acknowledged before the kill.
        while (drain(0)) {
        }
        ::close(fds[0]);
        REQUIRE_MESSAGE(WIFSIGNALED(status),
                        "the child stopped on its own, exit " << WEXITSTATUS(status));

        auto report = CheckCollection(path);
        REQUIRE(report.has_value());
        CHECK(report->integrity_ok);
        for (const auto& problem : report->problems)
            FAIL_CHECK(problem.question_id << ": " << problem.message);
        Collection collection = testing::OpenOrFail(path);
        auto log = collection.LoadReviewLog();
        REQUIRE(log.has_value());
        std::set<std::int64_t> stored;
        for (const auto& row : *log) stored.insert(row.id);
        for (const std::int64_t id : acknowledged) {
            CHECK_MESSAGE(stored.count(id) == 1,
                          "acknowledged review " << id << " is missing after the kill");
        }
    }
    CHECK(acknowledged.size() >= static_cast<std::size_t>(kKills));
    MESSAGE(acknowledged.size() << " reviews acknowledged over " << kKills << " kills");
}

}  // namespace
}  // namespace mondo::storage
