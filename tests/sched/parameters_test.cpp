#include "app/sched/parameters.h"

#include <doctest/doctest.h>

#include <cmath>
#include <limits>
#include <map>
#include <string>
#include <vector>

#include "app/sched/memory_model.h"
#include "tests/sched/golden_csv.h"

using namespace mondo::sched;
using mondo::sched::testing::CloseToFloat;
using mondo::sched::testing::GoldenTable;
using mondo::sched::testing::SplitNumbers;

TEST_CASE("default parameters are the 21 FSRS-6 weights") {
    const Parameters p;
    CHECK(p.w.size() == 21);
    CHECK(p.w[0] == doctest::Approx(0.212));
    CHECK(p.w[20] == doctest::Approx(0.1542));
    CHECK(p.decay() == doctest::Approx(-0.1542));
    const auto made = MakeParameters(kDefaultWeights);
    REQUIRE(made.has_value());
    CHECK(*made == p);
}

TEST_CASE("a parameter vector of the wrong length is rejected with its count") {
    for (const std::size_t count : {0u, 1u, 16u, 18u, 20u, 22u}) {
        const std::vector<double> values(count, 1.0);
        const auto made = MakeParameters(values);
        REQUIRE_FALSE(made.has_value());
        CHECK(made.error().kind == ParameterError::Kind::kWrongCount);
        CHECK(made.error().count == count);
        CHECK(made.error().message.find(std::to_string(count)) != std::string::npos);
    }
}

TEST_CASE("a NaN or infinite parameter is rejected naming its index") {
    std::vector<double> values(kDefaultWeights.begin(), kDefaultWeights.end());
    values[7] = std::numeric_limits<double>::quiet_NaN();
    auto made = MakeParameters(values);
    REQUIRE_FALSE(made.has_value());
    CHECK(made.error().kind == ParameterError::Kind::kNotFinite);
    CHECK(made.error().index == 7);
    CHECK(made.error().message.find("w7") != std::string::npos);
    values[7] = 0.001;
    values[20] = std::numeric_limits<double>::infinity();
    made = MakeParameters(values);
    REQUIRE_FALSE(made.has_value());
    CHECK(made.error().index == 20);
}

TEST_CASE("every parameter is clamped into its documented range") {
    std::vector<double> low(21, -1000.0), high(21, 1000.0);
    const auto lo = MakeParameters(low);
    const auto hi = MakeParameters(high);
    REQUIRE(lo.has_value());
    REQUIRE(hi.has_value());
    for (std::size_t i = 0; i < 21; ++i) {
        CAPTURE(i);
        CHECK(lo->w[i] == ParameterRangeOf(i).min);
        CHECK(hi->w[i] == ParameterRangeOf(i).max);
    }
    CHECK(ParameterRangeOf(4).min == 1.0);
    CHECK(ParameterRangeOf(4).max == 10.0);
    CHECK(ParameterRangeOf(19).min == 0.01);
    CHECK(ParameterRangeOf(20).max == 0.8);
}

TEST_CASE("17-, 19- and 21-value vectors are upgraded and clamped exactly as ts-fsrs does") {
    const GoldenTable table("migrate.csv");
    REQUIRE(table.size() >= 6);
    for (std::size_t row = 0; row < table.size(); ++row) {
        CAPTURE(table.Text(row, "name"));
        const auto input = SplitNumbers(table.Text(row, "input"));
        const auto expected = SplitNumbers(table.Text(row, "output"));
        REQUIRE(expected.size() == 21);
        const auto made =
            MakeParameters(input, static_cast<std::size_t>(table.Integer(row, "relearning_steps")));
        REQUIRE(made.has_value());
        for (std::size_t i = 0; i < 21; ++i) {
            CAPTURE(i);
            // ts-fsrs rounds converted values to 8 decimals.
            CHECK(std::abs(made->w[i] - expected[i]) <= 1e-8 + 1e-9 * std::abs(expected[i]));
        }
    }
}

TEST_CASE("an FSRS-4.5 vector keeps the FSRS-4.5 curve and no same-day terms") {
    const std::vector<double> fsrs45 = {0.4,  0.6,  2.4,  5.8,  4.93, 0.94, 0.86, 0.01, 1.49,
                                        0.14, 0.94, 2.18, 0.05, 0.34, 1.26, 0.29, 2.61};
    const auto made = MakeParameters(fsrs45);
    REQUIRE(made.has_value());
    CHECK(made->w[4] == doctest::Approx(4.93 + 2 * 0.94));
    CHECK(made->w[5] == doctest::Approx(std::log(0.94 * 3 + 1) / 3));
    CHECK(made->w[6] == doctest::Approx(1.36));
    CHECK(made->w[17] == 0.0);
    CHECK(made->w[18] == 0.0);
    CHECK(made->w[19] == 0.0);
    CHECK(made->w[20] == kFsrs5Decay);
}

TEST_CASE("upgraded 17- and 19-value vectors give the memory states fsrs-rs gives") {
    const GoldenTable vectors("migrate.csv");
    std::map<std::string, Parameters> parameters;
    for (std::size_t row = 0; row < vectors.size(); ++row) {
        if (vectors.Integer(row, "relearning_steps") != 1) continue;
        parameters[vectors.Text(row, "name")] =
            MakeParameters(SplitNumbers(vectors.Text(row, "input"))).value();
    }
    const GoldenTable table("upgrade_states.csv");
    REQUIRE(table.size() == 108);
    std::size_t compared = 0;
    for (std::size_t row = 0; row < table.size(); ++row) {
        const std::string& name = table.Text(row, "name");
        CAPTURE(name);
        CAPTURE(row);
        const Parameters& p = parameters.at(name);
        const auto first = static_cast<Rating>(table.Integer(row, "first_rating"));
        MemoryState state = InitialMemoryState(p, first);
        if (!table.Empty(row, "elapsed_days")) {
            const int elapsed = static_cast<int>(table.Integer(row, "elapsed_days"));
            // fsrs-rs lets w19 be 0 in a 21-value vector; mondo clamps it to 0.01
            // (app/sched/README.md) as ts-fsrs do, which only changes same-day reviews of that
            // out-of-range vector.
            if (name == "fsrs6_out_of_range" && elapsed == 0) continue;
            state = NextMemoryState(p, state, elapsed,
                                    static_cast<Rating>(table.Integer(row, "rating")));
        }
        CHECK(CloseToFloat(state.stability, table.Number(row, "stability"), 1e-5));
        CHECK(CloseToFloat(state.difficulty, table.Number(row, "difficulty"), 1e-5));
        ++compared;
    }
    CHECK(compared == 108 - 16);
}
