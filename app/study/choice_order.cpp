#include "app/study/choice_order.h"

#include <algorithm>
#include <cstdint>
#include <numeric>
#include <string>
#include <vector>

#include "app/sched/scheduler.h"

namespace mondo::study {
namespace {

// SplitMix64: a small, well-mixed generator whose output is the same on every platform (the
// standard distributions are not).
class SplitMix {
  public:
    explicit SplitMix(std::uint64_t seed) : state_(seed) {}
    std::uint64_t Next() {
        std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
        z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
        z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
        return z ^ (z >> 31);
    }
    // Uniform enough in [0, bound) for the handful of options a question has.
    int Below(int bound) { return static_cast<int>(Next() % static_cast<std::uint64_t>(bound)); }

  private:
    std::uint64_t state_;
};

int AnswerIndex(const content::Question& question) {
    const auto it = std::find(question.choices.begin(), question.choices.end(), question.answer);
    return it == question.choices.end() ? -1 : static_cast<int>(it - question.choices.begin());
}

}  // namespace

bool HasShuffledChoices(const content::Question& question) {
    return question.kind != content::QuestionKind::kOrder && question.choices.size() > 1;
}

std::vector<int> ShownChoiceOrder(const content::Question& question, int review_count) {
    const int count = static_cast<int>(question.choices.size());
    std::vector<int> order(static_cast<std::size_t>(count));
    std::iota(order.begin(), order.end(), 0);
    if (!HasShuffledChoices(question)) return order;
    const int reviews = std::max(review_count, 0);

    // Where the right answer stands: a random place at the first showing, then at each showing
    // a random place other than the one before (so walking the showings is O(review count),
    // a few hundred steps at most for a card reviewed for years).
    const int answer = AnswerIndex(question);
    int answer_position = 0;
    if (answer >= 0) {
        answer_position = SplitMix(sched::FuzzSeed(question.id, 0) ^ 0xc401ceULL).Below(count);
        for (int r = 1; r <= reviews; ++r) {
            SplitMix step(sched::FuzzSeed(question.id, r) ^ 0xc401ceULL);
            answer_position = (answer_position + 1 + step.Below(count - 1)) % count;
        }
    }

    // The other options in a random order around it (Fisher-Yates).
    std::vector<int> others;
    for (int i = 0; i < count; ++i) {
        if (i != answer) others.push_back(i);
    }
    SplitMix shuffle(sched::FuzzSeed(question.id, reviews) ^ 0x5eed0f0e4ULL);
    for (int i = static_cast<int>(others.size()) - 1; i > 0; --i) {
        std::swap(others[static_cast<std::size_t>(i)],
                  others[static_cast<std::size_t>(shuffle.Below(i + 1))]);
    }
    if (answer < 0) return others;
    others.insert(others.begin() + answer_position, answer);
    return others;
}

std::vector<int> ShownOrderArrangement(const content::Question& question, int review_count) {
    const int count = static_cast<int>(question.choices.size());
    std::vector<int> identity(static_cast<std::size_t>(count));
    std::iota(identity.begin(), identity.end(), 0);
    if (question.kind != content::QuestionKind::kOrder || count < 2) return identity;
    std::vector<std::string> expected;
    for (std::size_t begin = 0; begin <= question.answer.size();) {
        const std::size_t end = std::min(question.answer.find('\n', begin), question.answer.size());
        expected.push_back(question.answer.substr(begin, end - begin));
        begin = end + 1;
    }
    const auto in_order = [&](const std::vector<int>& arrangement) {
        if (expected.size() != arrangement.size()) return false;
        for (std::size_t p = 0; p < arrangement.size(); ++p) {
            if (question.choices[static_cast<std::size_t>(arrangement[p])] != expected[p])
                return false;
        }
        return true;
    };
    // Walk the showings: each draws shuffles until one is out of order and unlike the one
    // before (a few draws at most for three or more sentences; two sentences have one).
    std::vector<int> previous;
    std::vector<int> current = identity;
    for (int r = 0; r <= std::max(review_count, 0); ++r) {
        std::vector<int> fallback;
        for (std::uint64_t attempt = 0; attempt < 32; ++attempt) {
            std::vector<int> arrangement = identity;
            SplitMix shuffle(sched::FuzzSeed(question.id, r) ^ (0x0bde7ULL + attempt * 0x9e37ULL));
            for (int i = count - 1; i > 0; --i) {
                std::swap(arrangement[static_cast<std::size_t>(i)],
                          arrangement[static_cast<std::size_t>(shuffle.Below(i + 1))]);
            }
            if (in_order(arrangement)) continue;
            if (fallback.empty()) fallback = arrangement;
            if (arrangement != previous) {
                fallback = std::move(arrangement);
                break;
            }
        }
        current = fallback.empty() ? identity : std::move(fallback);
        previous = current;
    }
    return current;
}

}  // namespace mondo::study
