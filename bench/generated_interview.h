// An interview of a chosen size for the benchmarks: the built-in interview's exchanges over and
// over, each copy made unique (numbered question, one sentence varied) so that no id repeats, with
// a heading every 6 pairs. content_bench parses it in process; import_bench writes it to a file.
#pragma once

#include <cstddef>
#include <string>

#include "content/interview.h"

namespace mondo::bench {

inline std::string GeneratedInterview(std::size_t bytes) {
    const auto seed = content::ParseInterview(content::BuiltinInterviewText());
    std::string text = "生成されたインタビュー\n\n";
    for (const auto& fact : seed->profile) text += "  • " + fact + "\n";
    text += "\n";
    std::size_t round = 0;
    while (text.size() < bytes) {
        for (const auto& exchange : seed->exchanges) {
            if (exchange.index % 6 == 1)
                text += "第" + std::to_string(round) + "部の" + std::to_string(exchange.index) +
                        "番目の話題は?\n\n";
            text += "Q:" + exchange.question + "(その" + std::to_string(round) + ")\n\n";
            text += "梁CEO:" + std::to_string(round) + "年目の話です。" + exchange.answer + "\n\n";
            if (text.size() >= bytes) break;
        }
        ++round;
    }
    return text;
}

}  // namespace mondo::bench
