// Dear ImGui's draw data rendered with SDL_Renderer (SDL_RenderGeometryRaw, SDL 2.0.18+).
//
// Why not OpenGL: without a GPU (Xvfb, many VMs and remote desktops) OpenGL means Mesa's llvmpipe,
// which loads LLVM and compiles shaders at start: ≈90 ms of processor time before the first
// frame and ≈75 MB of resident memory (libLLVM's code alone ≈45 MB) for a window that shows text.
// SDL's software renderer draws ImGui's textured triangles in the same few milliseconds a frame
// and starts in ≈15 ms with ≈17 MB. With a GPU, SDL_RENDER_DRIVER=opengl (or any SDL render
// driver) in the environment picks a hardware renderer instead; this backend works with all.
//
// Debian's libimgui 1.86 ships the SDL platform backend (input) but not the SDL_Renderer one, so
// mondo has its own. Main thread only; needs a current ImGui context.
#pragma once

struct SDL_Renderer;
struct ImDrawData;

namespace mondo::app {

// Remembers `renderer` and declares the backend to ImGui (vertex offsets supported).
void SdlRendererInit(SDL_Renderer* renderer);
void SdlRendererShutdown();

// Uploads ImGui's font atlas as a texture (building the atlas if it is not built yet) and gives
// ImGui its id. Call again after the atlas changed (DestroyFontsTexture first).
bool SdlRendererCreateFontsTexture();
void SdlRendererDestroyFontsTexture();

// Draws `draw_data` into the renderer's target with ImGui's clip rectangles (does not present).
// Creates the font texture first if there is none.
void SdlRendererRenderDrawData(ImDrawData* draw_data);

}  // namespace mondo::app
