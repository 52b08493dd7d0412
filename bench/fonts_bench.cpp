// Font work at start and at run time. Targets (issue 6): start-up font work ≤ 30 ms and texture
// ≤ 2 MiB, side by side with GetGlyphRangesJapanese() + the whole TTC in the same run; growth of
// the atlas by 50 characters ≤ 50 ms. Prints medians and ratios; `--smoke` runs each once.
//
// "Start" = FindJapaneseFont (fontconfig) + glyph set of the seed and UI strings + LoadFonts
// (subset cache hit, AddFont, FreeType Build of body/heading/furigana) + GetTexDataAsRGBA32 (what
// the window's renderer uploads; the upload itself needs a window and is not timed here).
// Every start runs in its own forked process (fontconfig's first load and page faults included, as
// in the app), which also gives each approach's peak RSS.
#include <imgui.h>
#include <imgui_freetype.h>
#include <stdlib.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <sstream>
#include <string>

#include "app/ui/ui_strings.h"
#include "bench/bench_util.h"
#include "content/unicode.h"
#include "fonts/japanese_font.h"
#include "fonts/line_breaker.h"

namespace {

using namespace mondo;

std::string ReadSeed() {
    std::ifstream in(std::string(MONDO_SOURCE_DIR) + "/content/data/liang_wenfeng_interview.txt",
                     std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    return text.str();
}

struct ImGuiScope {
    ImGuiScope() : context(ImGui::CreateContext()) {}
    ~ImGuiScope() { ImGui::DestroyContext(context); }
    ImGuiContext* context;
};

std::size_t TextureBytes() {
    unsigned char* pixels = nullptr;
    int w = 0;
    int h = 0;
    ImGui::GetIO().Fonts->GetTexDataAsRGBA32(&pixels, &w, &h);
    return static_cast<std::size_t>(w) * static_cast<std::size_t>(h) * 4;
}

// mondo's start: returns texture bytes, 0 on failure.
std::size_t MondoStart(const std::string& seed, const std::string& cache_dir) {
    auto face = fonts::FindJapaneseFont();
    if (!face) return 0;
    fonts::GlyphSet glyphs;
    glyphs.AddUtf8(seed);
    for (const auto& s : app::UiStrings()) glyphs.AddUtf8(s);
    fonts::LoadOptions options;
    options.cache_dir = cache_dir;
    auto loaded =
        fonts::LoadFonts(*ImGui::GetIO().Fonts, *face, glyphs, fonts::FontSizes{}, options);
    if (!loaded) return 0;
    return TextureBytes();
}

// The usual approach: the whole TTC per size with ImGui's Japanese ranges, FreeType builder.
std::size_t BaselineStart() {
    auto face = fonts::FindJapaneseFont();
    if (!face) return 0;
    ImFontAtlas& atlas = *ImGui::GetIO().Fonts;
    atlas.Clear();
    atlas.FontBuilderIO = ImGuiFreeType::GetBuilderForFreeType();
    ImFontConfig cfg;
    cfg.FontNo = face->face_index;
    atlas.AddFontFromFileTTF(face->path.c_str(), 20.0f, &cfg, atlas.GetGlyphRangesJapanese());
    atlas.AddFontFromFileTTF(face->path.c_str(), 28.0f, &cfg, atlas.GetGlyphRangesJapanese());
    if (!atlas.Build()) return 0;
    return TextureBytes();
}

// Runs `work` once in a fresh child process (a fresh ImGui context, fontconfig not yet loaded: what
// a real start pays) and returns its wall time, the texture bytes it reported and the child's peak
// RSS in KiB.
double CpuMs() {
    timespec t{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
    return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

struct ChildRun {
    double ms = -1.0;
    double cpu_ms =
        -1.0;  // CPU time of the work: less sensitive than wall time to a loaded machine
    std::size_t texture = 0;
    long peak_rss_kib = -1;
};
ChildRun RunInChild(const std::function<std::size_t()>& work) {
    std::fflush(stdout);
    int fds[2];
    if (pipe(fds) != 0) return {};
    const pid_t pid = fork();
    if (pid == 0) {
        close(fds[0]);
        ChildRun run;
        const double cpu_start = CpuMs();
        run.ms = bench::TimeRuns(1, [&] {
            ImGuiScope imgui;
            run.texture = work();
        })[0];
        run.cpu_ms = CpuMs() - cpu_start;
        const ssize_t n = write(fds[1], &run, sizeof(run));
        _exit(n == sizeof(run) ? 0 : 1);
    }
    close(fds[1]);
    ChildRun run;
    const ssize_t n = read(fds[0], &run, sizeof(run));
    close(fds[0]);
    int status = 0;
    struct rusage usage {};
    if (pid < 0 || wait4(pid, &status, 0, &usage) < 0 || n != sizeof(run)) return {};
    run.peak_rss_kib = usage.ru_maxrss;
    return run;
}

std::string NewCharacters(const fonts::GlyphSet& present, int count, int skip) {
    fonts::GlyphSet jis;
    jis.AddJisX0208();
    std::string out;
    for (char32_t c : jis.code_points()) {
        if (c < 0x4E00 || present.Contains(c)) continue;
        if (skip-- > 0) continue;
        content::AppendUtf8(out, c);
        if (--count == 0) break;
    }
    return out;
}

}  // namespace

int main(int argc, char** argv) {
    const bool smoke = bench::SmokeRun(argc, argv);
    const int runs = smoke ? 1 : 21;
    const std::string seed = ReadSeed();
    if (seed.empty()) {
        std::fprintf(stderr, "fonts_bench: cannot read content/data/liang_wenfeng_interview.txt\n");
        return 1;
    }
    std::string cache_template =
        (std::filesystem::temp_directory_path() / "mondo-fonts-bench-XXXXXX").string();
    if (!mkdtemp(cache_template.data())) return 1;
    const std::string cache_dir = cache_template;

    // First start: the subsets are made and written (once per glyph set / font update).
    const ChildRun first = RunInChild([&] { return MondoStart(seed, cache_dir); });
    if (first.texture == 0) {
        std::fprintf(stderr, "fonts_bench: mondo start failed (is fonts-noto-cjk installed?)\n");
        return 1;
    }

    // Each start in its own process, the two approaches interleaved so machine noise hits both.
    std::vector<double> mondo_ms;
    std::vector<double> baseline_ms;
    std::vector<double> mondo_cpu;
    std::vector<double> baseline_cpu;
    std::vector<double> mondo_rss;
    std::vector<double> baseline_rss;
    std::size_t mondo_texture = first.texture;
    std::size_t baseline_texture = 0;
    for (int i = 0; i < runs; ++i) {
        const ChildRun mondo_run = RunInChild([&] { return MondoStart(seed, cache_dir); });
        const ChildRun baseline_run = RunInChild([] { return BaselineStart(); });
        if (mondo_run.texture == 0 || baseline_run.texture == 0) return 1;
        mondo_ms.push_back(mondo_run.ms);
        mondo_cpu.push_back(mondo_run.cpu_ms);
        baseline_cpu.push_back(baseline_run.cpu_ms);
        baseline_ms.push_back(baseline_run.ms);
        mondo_rss.push_back(static_cast<double>(mondo_run.peak_rss_kib) / 1024.0);
        baseline_rss.push_back(static_cast<double>(baseline_run.peak_rss_kib) / 1024.0);
        mondo_texture = mondo_run.texture;
        baseline_texture = baseline_run.texture;
    }
    const double mondo_median = bench::Median(mondo_ms);
    const double baseline_median = bench::Median(baseline_ms);

    // Discovery alone (fontconfig's first load included), for the breakdown.
    std::vector<double> discover;
    for (int i = 0; i < runs; ++i) {
        discover.push_back(
            RunInChild([] { return fonts::FindJapaneseFont() ? std::size_t{1} : 0; }).ms);
    }
    const double discover_ms = bench::Median(discover);

    // Growth: 50 characters typed that the atlas lacks (in the subset: JIS X 0208), and one
    // character beyond the subset (a new subset is made).
    std::vector<double> grow_ms;
    std::vector<double> grow_beyond_ms;
    std::vector<double> resize_ms;
    {
        auto face = fonts::FindJapaneseFont();
        fonts::GlyphSet glyphs;
        glyphs.AddUtf8(seed);
        for (const auto& s : app::UiStrings()) glyphs.AddUtf8(s);
        fonts::LoadOptions options;
        options.cache_dir = cache_dir;
        for (int i = 0; i < runs; ++i) {
            ImGuiScope imgui;
            auto loaded =
                fonts::LoadFonts(*ImGui::GetIO().Fonts, *face, glyphs, fonts::FontSizes{}, options);
            if (!loaded) return 1;
            const std::string typed = NewCharacters(glyphs, 50, i * 50);
            grow_ms.push_back(bench::TimeRuns(1, [&] {
                loaded->Request(typed);
                (void)loaded->Update();
            })[0]);
            resize_ms.push_back(bench::TimeRuns(
                1, [&] { (void)loaded->SetSizes(fonts::FontSizes::FromBody(24.0f)); })[0]);
            if (i < 3) {
                std::string rare;
                content::AppendUtf8(rare,
                                    static_cast<char32_t>(0x9FC0 + i));  // in Noto, in no JIS level
                grow_beyond_ms.push_back(bench::TimeRuns(1, [&] {
                    loaded->Request(rare);
                    (void)loaded->Update();
                })[0]);
            }
        }
    }

    // Line breaking of every seed paragraph at 400 px with the real font: uncached and cached.
    double break_ms = 0.0;
    double cached_ms = 0.0;
    {
        ImGuiScope imgui;
        if (MondoStart(seed, cache_dir) == 0) return 1;
        ImFont* font = ImGui::GetIO().Fonts->Fonts[0];
        const fonts::MeasureFn measure = [font](std::string_view t) {
            return font->CalcTextSizeA(font->FontSize, 1e9f, 0.0f, t.data(), t.data() + t.size()).x;
        };
        std::vector<std::string> paragraphs;
        std::istringstream in(seed);
        for (std::string line; std::getline(in, line);) {
            if (!line.empty()) paragraphs.push_back(line);
        }
        std::size_t sink = 0;
        break_ms = bench::Median(bench::TimeRuns(runs, [&] {
            for (const auto& p : paragraphs) sink += fonts::BreakLines(p, 400.0f, measure).size();
        }));
        fonts::LineBreakCache cache;
        for (const auto& p : paragraphs)
            sink += cache.Lines(p, 400.0f, font->FontSize, 1, measure).size();
        cached_ms = bench::Median(bench::TimeRuns(runs, [&] {
            for (const auto& p : paragraphs)
                sink += cache.Lines(p, 400.0f, font->FontSize, 1, measure).size();
        }));
        if (sink == 0) return 1;
    }

    std::error_code ec;
    std::filesystem::remove_all(cache_dir, ec);

    const double mib = 1024.0 * 1024.0;
    std::printf("fonts_bench: medians of %d runs (ms), Noto Sans CJK JP, 20/28/11 px, FreeType\n",
                runs);
    bench::Report("start, first run (subsets made and cached)", first.ms, "ms");
    bench::Report("start, mondo (subset cache hit)", mondo_median, "ms", "target <= 30 ms");
    bench::Report("start, GetGlyphRangesJapanese + whole TTC", baseline_median, "ms");
    bench::Report("start ratio baseline / mondo", baseline_median / mondo_median, "x");
    bench::Report("start CPU time, mondo", bench::Median(mondo_cpu), "ms");
    bench::Report("start CPU time, baseline", bench::Median(baseline_cpu), "ms");
    bench::Report("  of which discovery (fontconfig)", discover_ms, "ms");
    bench::Report("texture, mondo (RGBA32)", static_cast<double>(mondo_texture) / mib, "MiB",
                  "target <= 2 MiB");
    bench::Report("texture, GetGlyphRangesJapanese", static_cast<double>(baseline_texture) / mib,
                  "MiB");
    bench::Report("texture ratio baseline / mondo",
                  static_cast<double>(baseline_texture) / static_cast<double>(mondo_texture), "x");
    bench::Report("growth, 50 new characters", bench::Median(grow_ms), "ms", "target <= 50 ms");
    bench::Report("growth, 1 character beyond the subset", bench::Median(grow_beyond_ms), "ms",
                  "(re-subset; rare: outside kana/JIS X 0208/content)");
    bench::Report("resize (user font size), rebuild", bench::Median(resize_ms), "ms");
    bench::Report("line breaking, seed at 400 px, uncached", break_ms, "ms");
    bench::Report("line breaking, seed at 400 px, cached", cached_ms, "ms");
    bench::Report("peak RSS of a start, mondo (no window)", bench::Median(mondo_rss), "MiB");
    bench::Report("peak RSS of a start, baseline (no window)", bench::Median(baseline_rss), "MiB");
    const bool ok = mondo_texture <= 2u * 1024 * 1024;
    return ok ? 0 : 1;
}
