// Shared helpers for the fonts tests: the seed text, an ImGui context without a window, a private
// subset cache directory, and a measure from the real font.
#pragma once

#include <doctest/doctest.h>
#include <imgui.h>
#include <stdlib.h>

#include <algorithm>
#include <cfloat>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <string_view>
#include <vector>

#include "fonts/japanese_font.h"

namespace mondo::fonts::testing {

inline std::string ReadWholeFile(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    REQUIRE_MESSAGE(in.good(), "missing " << path);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

// The built-in interview's text (content/data, the file mondo_content embeds).
inline const std::string& Seed() {
    static const std::string seed =
        ReadWholeFile(std::string(MONDO_SOURCE_DIR) + "/content/data/liang_wenfeng_interview.txt");
    return seed;
}

// The seed's non-empty lines (each one paragraph).
inline std::vector<std::string> SeedParagraphs() {
    std::vector<std::string> out;
    std::istringstream in(Seed());
    for (std::string line; std::getline(in, line);) {
        if (!line.empty()) out.push_back(line);
    }
    return out;
}

// A fresh directory under the system temp dir, removed with its contents at scope end.
class TempDir {
  public:
    TempDir() {
        std::string templ =
            (std::filesystem::temp_directory_path() / "mondo-fonts-XXXXXX").string();
        REQUIRE(mkdtemp(templ.data()) != nullptr);
        path_ = templ;
    }
    ~TempDir() {
        std::error_code ec;
        std::filesystem::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::filesystem::path& path() const { return path_; }

  private:
    std::filesystem::path path_;
};

// An ImGui context without a window: enough to build the atlas and measure text.
class ImGuiContextGuard {
  public:
    ImGuiContextGuard() : context_(ImGui::CreateContext()) {}
    ~ImGuiContextGuard() { ImGui::DestroyContext(context_); }
    ImGuiContextGuard(const ImGuiContextGuard&) = delete;
    ImGuiContextGuard& operator=(const ImGuiContextGuard&) = delete;
    ImFontAtlas& atlas() { return *ImGui::GetIO().Fonts; }

  private:
    ImGuiContext* context_;
};

inline FontFace RequireFace() {
    auto face = FindJapaneseFont();
    REQUIRE_MESSAGE(face.has_value(), "no Japanese font installed (fonts-noto-cjk)");
    return *face;
}

inline float MeasureWith(const ImFont& font, std::string_view text) {
    return font.CalcTextSizeA(font.FontSize, FLT_MAX, 0.0f, text.data(), text.data() + text.size())
        .x;
}

inline std::string Utf8(char32_t c) {
    std::string out;
    if (c < 0x80) {
        out += static_cast<char>(c);
    } else if (c < 0x800) {
        out += static_cast<char>(0xC0 | (c >> 6));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else if (c < 0x10000) {
        out += static_cast<char>(0xE0 | (c >> 12));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (c >> 18));
        out += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((c >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (c & 0x3F));
    }
    return out;
}

}  // namespace mondo::fonts::testing
