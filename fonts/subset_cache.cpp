// Subset fonts cached on disk.
#include "fonts/subset_cache.h"

#include <fcntl.h>
#include <hb-subset.h>
#include <hb.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <system_error>

namespace mondo::fonts {

namespace {

// Bump when the subset recipe changes so old cache files are not reused.
constexpr const char* kFormat = "mondo-subset-1 hb " HB_VERSION_STRING;

struct HbDeleter {
    void operator()(hb_blob_t* b) const { hb_blob_destroy(b); }
    void operator()(hb_face_t* f) const { hb_face_destroy(f); }
    void operator()(hb_subset_input_t* i) const { hb_subset_input_destroy(i); }
    void operator()(hb_set_t* s) const { hb_set_destroy(s); }
};
template <typename T>
using HbPtr = std::unique_ptr<T, HbDeleter>;

std::uint64_t Fnv(std::uint64_t h, std::string_view bytes) {
    for (unsigned char c : bytes) {
        h ^= c;
        h *= 1099511628211ull;
    }
    return h;
}
constexpr std::uint64_t kFnvBasis = 14695981039346656037ull;

std::string Hex(std::uint64_t v, int digits) {
    char buf[17];
    std::snprintf(buf, sizeof(buf), "%016llx", static_cast<unsigned long long>(v));
    return std::string(buf + 16 - digits);
}

GlyphSet UnicodesOf(hb_face_t* face) {
    HbPtr<hb_set_t> set(hb_set_create());
    hb_face_collect_unicodes(face, set.get());
    std::vector<char32_t> code_points;
    code_points.reserve(hb_set_get_population(set.get()));
    hb_codepoint_t c = HB_SET_VALUE_INVALID;
    while (hb_set_next(set.get(), &c)) code_points.push_back(c);
    GlyphSet covered;
    covered.Add(std::move(code_points));
    return covered;
}

// The bytes of a cache file if it parses as a font with glyphs; nullptr otherwise.
std::shared_ptr<const FontBytes> ReadCached(const std::filesystem::path& file, GlyphSet* covered) {
    auto bytes = FontBytes::Map(file);
    if (!bytes || bytes->size() < 12) return nullptr;
    HbPtr<hb_blob_t> blob(hb_blob_create(reinterpret_cast<const char*>(bytes->data()),
                                         static_cast<unsigned>(bytes->size()),
                                         HB_MEMORY_MODE_READONLY, nullptr, nullptr));
    HbPtr<hb_face_t> face(hb_face_create(blob.get(), 0));
    if (hb_face_get_glyph_count(face.get()) < 2) return nullptr;
    *covered = UnicodesOf(face.get());
    if (covered->size() < 2) return nullptr;
    return bytes;
}

// Writes `bytes` to `file` through a temporary file in the same directory and a rename.
bool WriteAtomically(const std::filesystem::path& file, const char* bytes, std::size_t size) {
    std::error_code ec;
    std::filesystem::create_directories(file.parent_path(), ec);
    const std::filesystem::path tmp =
        file.string() + ".tmp." + std::to_string(static_cast<long>(getpid()));
    const int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
    if (fd < 0) return false;
    std::size_t done = 0;
    while (done < size) {
        const ssize_t n = ::write(fd, bytes + done, size - done);
        if (n <= 0) break;
        done += static_cast<std::size_t>(n);
    }
    const bool ok = done == size && ::fsync(fd) == 0;
    ::close(fd);
    if (!ok || std::rename(tmp.c_str(), file.c_str()) != 0) {
        std::filesystem::remove(tmp, ec);
        return false;
    }
    return true;
}

void RemoveOlderSubsets(const std::filesystem::path& dir, const std::string& prefix,
                        const std::filesystem::path& keep) {
    std::error_code ec;
    for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
        const std::string name = entry.path().filename().string();
        if (entry.path() != keep && name.rfind(prefix, 0) == 0)
            std::filesystem::remove(entry.path(), ec);
    }
}

}  // namespace

FontBytes::FontBytes(std::vector<unsigned char> owned)
    : owned_(std::move(owned)), data_(owned_.data()), size_(owned_.size()) {}

std::shared_ptr<const FontBytes> FontBytes::Map(const std::filesystem::path& file) {
    const int fd = ::open(file.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return nullptr;
    struct stat st {};
    std::shared_ptr<FontBytes> bytes;
    if (::fstat(fd, &st) == 0 && st.st_size > 0) {
        // MAP_POPULATE maps every page up front: one kernel call instead of a fault per page.
        void* map = ::mmap(nullptr, static_cast<std::size_t>(st.st_size), PROT_READ,
                           MAP_PRIVATE | MAP_POPULATE, fd, 0);
        if (map != MAP_FAILED) {
            bytes.reset(new FontBytes());
            bytes->mapping_ = map;
            bytes->data_ = static_cast<const unsigned char*>(map);
            bytes->size_ = static_cast<std::size_t>(st.st_size);
        }
    }
    ::close(fd);
    return bytes;
}

FontBytes::~FontBytes() {
    if (mapping_) ::munmap(mapping_, size_);
}

bool FontBytes::operator==(const FontBytes& other) const {
    return size_ == other.size_ && (size_ == 0 || std::memcmp(data_, other.data_, size_) == 0);
}

bool FontSource::Covers(const GlyphSet& glyphs) const {
    if (whole_font) return true;
    const auto& have = covered.code_points();
    // The replacement box is drawn by us; code points the font itself lacks never need a subset.
    return std::all_of(glyphs.code_points().begin(), glyphs.code_points().end(), [&](char32_t c) {
        return c == kReplacementCodePoint || std::binary_search(have.begin(), have.end(), c);
    });
}

bool FontSource::Covers(char32_t code_point) const {
    return whole_font || covered.Contains(code_point);
}

std::filesystem::path FontCacheDir() {
    if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg == '/') {
        return std::filesystem::path(xdg) / "mondo";
    }
    if (const char* home = std::getenv("HOME"); home && *home) {
        return std::filesystem::path(home) / ".cache" / "mondo";
    }
    return {};
}

Expected<FontSource, FontError> LoadWholeFont(const std::string& font_path, int face_index) {
    auto bytes = FontBytes::Map(font_path);
    if (!bytes)
        return Unexpected(
            FontError{FontErrorKind::kLoadFailed, "cannot read the font " + font_path});
    FontSource source;
    source.bytes = std::move(bytes);
    source.face_index = face_index;
    source.whole_font = true;
    return source;
}

Expected<FontSource, FontError> LoadSubset(const std::string& font_path, int face_index,
                                           const GlyphSet& glyphs,
                                           const std::filesystem::path& cache_dir) {
    std::error_code ec;
    const auto size = std::filesystem::file_size(font_path, ec);
    if (ec)
        return Unexpected(
            FontError{FontErrorKind::kLoadFailed, "cannot read the font " + font_path});
    const auto mtime = std::filesystem::last_write_time(font_path, ec).time_since_epoch().count();

    const std::uint64_t font_id = Fnv(kFnvBasis, font_path + "#" + std::to_string(face_index));
    std::uint64_t key = Fnv(font_id, std::string(kFormat) + "#" + std::to_string(size) + "#" +
                                         std::to_string(static_cast<long long>(mtime)));
    const std::uint64_t set_hash = glyphs.Hash();
    key = Fnv(key, std::string_view(reinterpret_cast<const char*>(&set_hash), sizeof(set_hash)));
    const std::string prefix = "subset-" + Hex(font_id, 8) + "-";
    const std::filesystem::path file =
        cache_dir.empty() ? std::filesystem::path() : cache_dir / (prefix + Hex(key, 16) + ".otf");

    FontSource source;
    source.face_index = 0;
    if (!file.empty()) {
        if (auto bytes = ReadCached(file, &source.covered)) {
            source.bytes = std::move(bytes);
            source.from_cache = true;
            source.cache_file = file;
            return source;
        }
    }

    HbPtr<hb_blob_t> blob(hb_blob_create_from_file_or_fail(font_path.c_str()));
    if (!blob)
        return Unexpected(
            FontError{FontErrorKind::kLoadFailed, "cannot read the font " + font_path});
    HbPtr<hb_face_t> face(hb_face_create(blob.get(), static_cast<unsigned>(face_index)));
    HbPtr<hb_subset_input_t> input(hb_subset_input_create_or_fail());
    if (!input || hb_face_get_glyph_count(face.get()) == 0) {
        return Unexpected(
            FontError{FontErrorKind::kLoadFailed, "cannot open the font " + font_path});
    }
    hb_set_t* unicodes = hb_subset_input_unicode_set(input.get());
    for (char32_t c : glyphs.code_points()) hb_set_add(unicodes, c);
    // ImGui lays out one glyph per code point: layout tables and glyph names are dead weight.
    hb_set_t* drop = hb_subset_input_set(input.get(), HB_SUBSET_SETS_DROP_TABLE_TAG);
    for (const char* tag :
         {"GSUB", "GPOS", "GDEF", "BASE", "JSTF", "VORG", "vhea", "vmtx", "DSIG"}) {
        hb_set_add(drop, hb_tag_from_string(tag, 4));
    }
    HbPtr<hb_face_t> subset(hb_subset_or_fail(face.get(), input.get()));
    if (!subset)
        return Unexpected(
            FontError{FontErrorKind::kLoadFailed, "cannot subset the font " + font_path});
    HbPtr<hb_blob_t> out(hb_face_reference_blob(subset.get()));
    unsigned length = 0;
    const char* data = hb_blob_get_data(out.get(), &length);
    if (!data || length == 0) {
        return Unexpected(
            FontError{FontErrorKind::kLoadFailed, "cannot subset the font " + font_path});
    }
    source.bytes =
        std::make_shared<const FontBytes>(std::vector<unsigned char>(data, data + length));
    source.covered = UnicodesOf(subset.get());
    if (!file.empty() && WriteAtomically(file, data, length)) {
        source.cache_file = file;
        RemoveOlderSubsets(cache_dir, prefix, file);
    }
    return source;
}

Expected<FontSources, FontError> LoadFontSources(const FontFace& face, const GlyphSet& glyphs,
                                                 const std::filesystem::path& cache_dir,
                                                 bool with_typing_set) {
    FontSources sources;
    GlyphSet regular_set = glyphs;
    if (with_typing_set) {
        regular_set.AddKana();
        regular_set.AddJisX0208();
    }
    auto regular = LoadSubset(face.path, face.face_index, regular_set, cache_dir);
    if (!regular) regular = LoadWholeFont(face.path, face.face_index);
    if (!regular) return Unexpected(regular.error());
    sources.regular = std::move(*regular);
    if (face.has_bold()) {
        auto bold = LoadSubset(face.bold_path, face.bold_face_index, glyphs, cache_dir);
        if (!bold) bold = LoadWholeFont(face.bold_path, face.bold_face_index);
        if (bold) sources.bold = std::move(*bold);
    }
    sources.synthetic_bold = !sources.bold.bytes;

    if (!sources.regular.whole_font) {
        std::vector<char32_t> missing;
        for (char32_t c : glyphs.code_points()) {
            if (c != kReplacementCodePoint && !sources.regular.Covers(c)) missing.push_back(c);
        }
        for (auto& fallback : FindFallbackFonts(face, missing)) {
            GlyphSet set;
            for (char32_t c : fallback.code_points) set.Add(c);
            auto subset = LoadSubset(fallback.face.path, fallback.face.face_index, set, cache_dir);
            if (!subset) continue;
            sources.fallbacks.push_back(std::move(*subset));
            sources.fallback_fonts.push_back(std::move(fallback));
        }
    }
    return sources;
}

}  // namespace mondo::fonts
