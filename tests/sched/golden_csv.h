// Reads the golden-vector CSV files of tests/data/fsrs (written by scripts/fsrs_golden).
#pragma once

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <fstream>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

#include "app/sched/parameters.h"

namespace mondo::sched::testing {

inline std::string ReadDataFile(const std::string& name) {
    const std::string path = std::string(MONDO_TEST_DATA_DIR) + "/fsrs/" + name;
    std::ifstream in(path, std::ios::binary);
    if (!in) throw std::runtime_error("cannot open test data " + path);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

class GoldenTable {
  public:
    explicit GoldenTable(const std::string& name) {
        std::istringstream in(ReadDataFile(name));
        std::string line;
        std::getline(in, line);
        const auto header = Split(line);
        for (std::size_t i = 0; i < header.size(); ++i) columns_[header[i]] = i;
        while (std::getline(in, line)) {
            if (!line.empty()) rows_.push_back(Split(line));
        }
    }

    std::size_t size() const { return rows_.size(); }
    const std::string& Text(std::size_t row, const std::string& column) const {
        return rows_.at(row).at(columns_.at(column));
    }
    bool Empty(std::size_t row, const std::string& column) const {
        return Text(row, column).empty();
    }
    double Number(std::size_t row, const std::string& column) const {
        return std::strtod(Text(row, column).c_str(), nullptr);
    }
    long long Integer(std::size_t row, const std::string& column) const {
        return std::strtoll(Text(row, column).c_str(), nullptr, 10);
    }

  private:
    static std::vector<std::string> Split(const std::string& line) {
        std::vector<std::string> fields;
        std::string field;
        std::istringstream in(line);
        while (std::getline(in, field, ',')) fields.push_back(field);
        if (!line.empty() && line.back() == ',') fields.emplace_back();
        return fields;
    }

    std::map<std::string, std::size_t> columns_;
    std::vector<std::vector<std::string>> rows_;
};

inline std::vector<double> SplitNumbers(const std::string& text) {
    std::vector<double> values;
    std::istringstream in(text);
    double value = 0;
    while (in >> value) values.push_back(value);
    return values;
}

// The parameter sets the golden sequences were generated with (parameter_sets.csv, row = id).
inline std::vector<Parameters> LoadParameterSets() {
    const GoldenTable table("parameter_sets.csv");
    std::vector<Parameters> sets;
    for (std::size_t row = 0; row < table.size(); ++row) {
        std::vector<double> w;
        for (int i = 0; i < 21; ++i) {
            // Built with append: GCC 12 warns falsely (-Wrestrict) on "w" + std::to_string(i).
            std::string column = "w";
            column.append(std::to_string(i));
            w.push_back(table.Number(row, column));
        }
        const auto made = MakeParameters(w);
        if (!made) throw std::runtime_error("bad parameter set in parameter_sets.csv");
        sets.push_back(*made);
    }
    return sets;
}

// |a − b| <= tolerance · max(|a|, |b|).
inline bool CloseRelative(double a, double b, double tolerance) {
    const double scale = std::max(std::abs(a), std::abs(b));
    return std::abs(a - b) <= tolerance * scale;
}

// fsrs-rs computes in f32: besides 1e-5 relative, allow 1e-6 days (0.09 s) absolute, the float
// error of formulas such as (S + 1)^w13 − 1 for stabilities near the 0.001-day floor.
inline bool CloseToFloat(double a, double reference, double relative) {
    return std::abs(a - reference) <= relative * std::abs(reference) + 1e-6;
}

}  // namespace mondo::sched::testing
