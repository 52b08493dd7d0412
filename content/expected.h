// Expected<T, E>: a value or an error, for failures that are expected (bad input, corrupt files).
// C++20 has no std::expected; this is the small subset mondo uses. Programmer errors are asserts,
// not Expected. Every library returns its own error type (ParseError, StorageError, FontError…).
#pragma once

#include <cassert>
#include <utility>
#include <variant>

namespace mondo {

template <typename E>
struct Unexpected {
    // A constructor (not aggregate initialisation) so that `Unexpected(error)` deduces E with
    // clang 14 too, which lacks C++20's class template argument deduction for aggregates.
    explicit Unexpected(E e) : error(std::move(e)) {}
    E error;
};
template <typename E>
Unexpected(E) -> Unexpected<E>;

template <typename T, typename E>
class [[nodiscard]] Expected {
  public:
    Expected(T value) : storage_(std::in_place_index<0>, std::move(value)) {}
    // By value and moved from: callers pass temporaries. cppcheck-suppress passedByValue
    Expected(Unexpected<E> failure) : storage_(std::in_place_index<1>, std::move(failure.error)) {}

    bool has_value() const { return storage_.index() == 0; }
    explicit operator bool() const { return has_value(); }

    T& value() & {
        assert(has_value() && "Expected::value() called on an error");
        return std::get<0>(storage_);
    }
    const T& value() const& {
        assert(has_value() && "Expected::value() called on an error");
        return std::get<0>(storage_);
    }
    T&& value() && {
        assert(has_value() && "Expected::value() called on an error");
        return std::get<0>(std::move(storage_));
    }
    T* operator->() { return &value(); }
    const T* operator->() const { return &value(); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const E& error() const& {
        assert(!has_value() && "Expected::error() called on a value");
        return std::get<1>(storage_);
    }
    E&& error() && {
        assert(!has_value() && "Expected::error() called on a value");
        return std::get<1>(std::move(storage_));
    }

  private:
    std::variant<T, E> storage_;
};

// For operations that return nothing on success.
struct Ok {};

}  // namespace mondo

// Evaluates an Expected-returning expression and, if it failed, returns its error from the
// enclosing function (which must return an Expected with the same error type). The value, if any,
// is discarded: use it for steps whose success is all that matters.
#define MONDO_TRY(expr)                                                       \
    do {                                                                      \
        if (auto mondo_try_result_ = (expr); !mondo_try_result_) {            \
            return ::mondo::Unexpected(std::move(mondo_try_result_).error()); \
        }                                                                     \
    } while (false)
