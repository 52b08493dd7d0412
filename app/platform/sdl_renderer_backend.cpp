#include "app/platform/sdl_renderer_backend.h"

#include <SDL.h>
#include <imgui.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace mondo::app {

namespace {

struct BackendState {
    SDL_Renderer* renderer = nullptr;
    SDL_Texture* font_texture = nullptr;
};

BackendState& State() {
    static BackendState state;
    return state;
}

int Round(float value) { return static_cast<int>(std::lround(value)); }

// An axis-aligned rectangle of one colour (ImGui's PrimRect/PrimRectUV: corners a, b, c, d as
// indices a b c, a c d), which most of a frame is: glyphs, fills, 1-pixel lines.
struct Rect {
    SDL_Rect dst;
    float u0, v0, u1, v1;
    SDL_Color color;
};

bool AsRect(const ImDrawVert* vertices, const ImDrawIdx* index, Rect& rect) {
    if (index[3] != index[0] || index[4] != index[2]) return false;
    const ImDrawVert& a = vertices[index[0]];
    const ImDrawVert& b = vertices[index[1]];
    const ImDrawVert& c = vertices[index[2]];
    const ImDrawVert& d = vertices[index[5]];
    if (a.col != b.col || a.col != c.col || a.col != d.col) return false;
    // A fill samples one texel (the atlas' white pixel) at all four corners: any corner order
    // will do. A textured quad must map its corners in ImGui's order (top-left first).
    const bool solid = a.uv.x == b.uv.x && a.uv.x == c.uv.x && a.uv.x == d.uv.x &&
                       a.uv.y == b.uv.y && a.uv.y == c.uv.y && a.uv.y == d.uv.y;
    const bool rows_first =
        a.pos.y == b.pos.y && b.pos.x == c.pos.x && c.pos.y == d.pos.y && d.pos.x == a.pos.x;
    const bool columns_first =
        a.pos.x == b.pos.x && b.pos.y == c.pos.y && c.pos.x == d.pos.x && d.pos.y == a.pos.y;
    if (solid) {
        if (!rows_first && !columns_first) return false;
    } else {
        if (!rows_first) return false;
        if (a.uv.y != b.uv.y || b.uv.x != c.uv.x || c.uv.y != d.uv.y || d.uv.x != a.uv.x)
            return false;
        if (c.pos.x < a.pos.x || c.pos.y < a.pos.y || c.uv.x < a.uv.x || c.uv.y < a.uv.y)
            return false;
    }
    // Whole pixels, as a GPU samples them: a 1-pixel line at x.5 covers exactly one column.
    const int x0 = Round(std::min(a.pos.x, c.pos.x));
    const int y0 = Round(std::min(a.pos.y, c.pos.y));
    rect.dst = SDL_Rect{x0, y0, Round(std::max(a.pos.x, c.pos.x)) - x0,
                        Round(std::max(a.pos.y, c.pos.y)) - y0};
    rect.u0 = a.uv.x;
    rect.v0 = a.uv.y;
    rect.u1 = c.uv.x;
    rect.v1 = c.uv.y;
    const ImU32 col = a.col;
    rect.color = SDL_Color{
        static_cast<Uint8>(col >> IM_COL32_R_SHIFT), static_cast<Uint8>(col >> IM_COL32_G_SHIFT),
        static_cast<Uint8>(col >> IM_COL32_B_SHIFT), static_cast<Uint8>(col >> IM_COL32_A_SHIFT)};
    return true;
}

void DrawRect(SDL_Renderer* renderer, SDL_Texture* texture, const Rect& rect) {
    if (rect.dst.w <= 0 || rect.dst.h <= 0 || rect.color.a == 0) return;
    int width = 0;
    int height = 0;
    if (texture) SDL_QueryTexture(texture, nullptr, nullptr, &width, &height);
    const SDL_Rect src{Round(rect.u0 * width), Round(rect.v0 * height),
                       Round(rect.u1 * width) - Round(rect.u0 * width),
                       Round(rect.v1 * height) - Round(rect.v0 * height)};
    if (!texture || src.w <= 0 || src.h <= 0) {
        // The atlas' white pixel: a plain fill.
        SDL_SetRenderDrawBlendMode(renderer, SDL_BLENDMODE_BLEND);
        SDL_SetRenderDrawColor(renderer, rect.color.r, rect.color.g, rect.color.b, rect.color.a);
        SDL_RenderFillRect(renderer, &rect.dst);
        return;
    }
    SDL_SetTextureColorMod(texture, rect.color.r, rect.color.g, rect.color.b);
    SDL_SetTextureAlphaMod(texture, rect.color.a);
    SDL_RenderCopy(renderer, texture, &src, &rect.dst);
    SDL_SetTextureColorMod(texture, 255, 255, 255);
    SDL_SetTextureAlphaMod(texture, 255);
}

// The `count` indices at `indices` of a draw command (whole triangles), as SDL geometry.
void DrawTriangles(SDL_Renderer* renderer, SDL_Texture* texture, const ImDrawList& list,
                   const ImDrawCmd& cmd, const ImDrawIdx* indices, int count) {
    if (count <= 0) return;
    const ImDrawVert* first = list.VtxBuffer.Data + cmd.VtxOffset;
    const float* xy = &first->pos.x;
    const float* uv = &first->uv.x;
    // ImU32 colours are R, G, B, A bytes in memory: SDL_Color's layout.
    static_assert(sizeof(ImU32) == sizeof(SDL_Color));
    const auto* color = reinterpret_cast<const SDL_Color*>(&first->col);
    constexpr int kStride = static_cast<int>(sizeof(ImDrawVert));
    SDL_RenderGeometryRaw(renderer, texture, xy, kStride, color, kStride, uv, kStride,
                          list.VtxBuffer.Size - static_cast<int>(cmd.VtxOffset), indices, count,
                          static_cast<int>(sizeof(ImDrawIdx)));
}

}  // namespace

void SdlRendererInit(SDL_Renderer* renderer) {
    State().renderer = renderer;
    ImGuiIO& io = ImGui::GetIO();
    io.BackendRendererName = "mondo_sdl_renderer";
    // Draw commands may start past vertex 65535 (16-bit indices): each call passes its offset.
    io.BackendFlags |= ImGuiBackendFlags_RendererHasVtxOffset;
}

void SdlRendererShutdown() {
    SdlRendererDestroyFontsTexture();
    State().renderer = nullptr;
    ImGuiIO& io = ImGui::GetIO();
    io.BackendRendererName = nullptr;
    io.BackendFlags &= ~ImGuiBackendFlags_RendererHasVtxOffset;
}

bool SdlRendererCreateFontsTexture() {
    BackendState& s = State();
    ImGuiIO& io = ImGui::GetIO();
    unsigned char* pixels = nullptr;
    int width = 0;
    int height = 0;
    io.Fonts->GetTexDataAsRGBA32(&pixels, &width, &height);
    if (!pixels || !s.renderer) return false;
    // RGBA bytes in memory: SDL's ABGR8888 on little-endian machines, RGBA32 names it anywhere.
    s.font_texture = SDL_CreateTexture(s.renderer, SDL_PIXELFORMAT_RGBA32, SDL_TEXTUREACCESS_STATIC,
                                       width, height);
    if (!s.font_texture) return false;
    SDL_UpdateTexture(s.font_texture, nullptr, pixels, width * 4);
    SDL_SetTextureBlendMode(s.font_texture, SDL_BLENDMODE_BLEND);
    // Glyphs are placed on whole pixels: no filtering needed (and none is cheaper in software).
    SDL_SetTextureScaleMode(s.font_texture, SDL_ScaleModeNearest);
    io.Fonts->SetTexID(static_cast<ImTextureID>(s.font_texture));
    return true;
}

void SdlRendererDestroyFontsTexture() {
    BackendState& s = State();
    if (!s.font_texture) return;
    SDL_DestroyTexture(s.font_texture);
    s.font_texture = nullptr;
    ImGui::GetIO().Fonts->SetTexID(nullptr);
}

void SdlRendererRenderDrawData(ImDrawData* draw_data) {
    BackendState& s = State();
    if (!s.renderer || !draw_data) return;
    if (!s.font_texture && !SdlRendererCreateFontsTexture()) return;
    const ImVec2 scale = draw_data->FramebufferScale;
    const int width = static_cast<int>(draw_data->DisplaySize.x * scale.x);
    const int height = static_cast<int>(draw_data->DisplaySize.y * scale.y);
    if (width <= 0 || height <= 0) return;

    // ImGui's coordinates are logical; the renderer scales them to its output pixels.
    float old_scale_x = 1.0f;
    float old_scale_y = 1.0f;
    SDL_RenderGetScale(s.renderer, &old_scale_x, &old_scale_y);
    SDL_RenderSetScale(s.renderer, scale.x, scale.y);
    SDL_RenderSetViewport(s.renderer, nullptr);

    const ImVec2 origin = draw_data->DisplayPos;
    const float max_x = draw_data->DisplaySize.x;
    const float max_y = draw_data->DisplaySize.y;
    for (int n = 0; n < draw_data->CmdListsCount; ++n) {
        const ImDrawList* list = draw_data->CmdLists[n];
        const ImDrawVert* vertices = list->VtxBuffer.Data;
        const ImDrawIdx* indices = list->IdxBuffer.Data;
        for (int c = 0; c < list->CmdBuffer.Size; ++c) {
            const ImDrawCmd& cmd = list->CmdBuffer[c];
            if (cmd.UserCallback) {
                if (cmd.UserCallback != ImDrawCallback_ResetRenderState)
                    cmd.UserCallback(list, &cmd);
                continue;
            }
            const float x0 = std::max(cmd.ClipRect.x - origin.x, 0.0f);
            const float y0 = std::max(cmd.ClipRect.y - origin.y, 0.0f);
            const float x1 = std::min(cmd.ClipRect.z - origin.x, max_x);
            const float y1 = std::min(cmd.ClipRect.w - origin.y, max_y);
            if (x1 <= x0 || y1 <= y0) continue;
            const SDL_Rect clip{static_cast<int>(x0), static_cast<int>(y0),
                                static_cast<int>(x1 - x0), static_cast<int>(y1 - y0)};
            SDL_RenderSetClipRect(s.renderer, &clip);

            // Rectangles as rectangles (exact pixels, and quicker in software), the rest (round
            // corners, circles, anti-aliased edges) as triangles, in drawing order.
            auto* texture = static_cast<SDL_Texture*>(cmd.GetTexID());
            const ImDrawVert* first = vertices + cmd.VtxOffset;
            const ImDrawIdx* index = indices + cmd.IdxOffset;
            const int count = static_cast<int>(cmd.ElemCount);
            int pending = 0;  // start of the triangles not drawn yet
            Rect rect;
            for (int i = 0; i + 3 <= count;) {
                if (i + 6 <= count && AsRect(first, index + i, rect)) {
                    DrawTriangles(s.renderer, texture, *list, cmd, index + pending, i - pending);
                    DrawRect(s.renderer, texture, rect);
                    i += 6;
                    pending = i;
                } else {
                    i += 3;
                }
            }
            DrawTriangles(s.renderer, texture, *list, cmd, index + pending, count - pending);
        }
    }
    SDL_RenderSetClipRect(s.renderer, nullptr);
    SDL_RenderSetScale(s.renderer, old_scale_x, old_scale_y);
}

}  // namespace mondo::app
