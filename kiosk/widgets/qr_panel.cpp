#include "widgets/qr_panel.hpp"

#include <SDL.h>

#include <cmath>
#include <map>

#include "bianmin/qr/qr_sdl.hpp"

namespace bianmin::kiosk {

namespace {

struct QrCache {
  SDL_Renderer* renderer = nullptr;
  struct Entry {
    qr::QrMatrix matrix;
    qr::TexturePtr texture;
    int frame = 0;  // the ImGui frame that last drew it
  };
  std::map<std::string, Entry> entries;
};

QrCache& cache() {
  static QrCache c;
  return c;
}

const QrCache::Entry* entry_for(const std::string& url) {
  QrCache& c = cache();
  if (!c.renderer || url.rfind("https://", 0) != 0) return nullptr;
  auto it = c.entries.find(url);
  const int frame = ImGui::GetFrameCount();
  if (it == c.entries.end()) {
    // A person sees a handful; keep it small. Only codes not drawn in this frame go: the draw
    // list holds the textures of this frame's codes until it is rendered.
    if (c.entries.size() > 32) std::erase_if(c.entries, [&](const auto& kv) { return kv.second.frame != frame; });
    QrCache::Entry e;
    auto m = qr::encode(url, qr::EcLevel::M, 4);
    if (m) {
      auto t = qr::make_texture(c.renderer, *m);
      if (t) {
        e.matrix = std::move(*m);
        e.texture = std::move(*t);
      }
    }
    it = c.entries.emplace(url, std::move(e)).first;
  }
  it->second.frame = frame;
  return it->second.texture ? &it->second : nullptr;
}

}  // namespace

void qr_textures_attach(SDL_Renderer* renderer) {
  qr_textures_release();
  cache().renderer = renderer;
}

void qr_textures_release() {
  cache().entries.clear();
  cache().renderer = nullptr;
}

float qr_image(ImDrawList* dl, const std::string& url, ImVec2 pos, float side) {
  const QrCache::Entry* e = entry_for(url);
  if (!e) return 0;
  const int px = qr::qr_draw_size(e->matrix, static_cast<int>(side));
  if (px <= 0) return 0;
  // Whole pixels: a module edge between two pixels would blur the code.
  const ImVec2 a(std::floor(pos.x), std::floor(pos.y));
  dl->AddImage(reinterpret_cast<ImTextureID>(e->texture.get()), a, ImVec2(a.x + px, a.y + px));
  return static_cast<float>(px);
}

void qr_panel(Ui& ui, const std::string& url, const std::string& caption) {
  const Metrics& m = ui.m;
  ui.begin_card();
  const float avail = ImGui::GetContentRegionAvail().x;
  const float qr = std::min(avail * 0.42f, m.touch * 4.0f);
  ImVec2 a = ImGui::GetCursorScreenPos();
  ImDrawList* dl = ImGui::GetWindowDrawList();
  if (qr_image(dl, url, a, qr) <= 0) {
    dl->AddRectFilled(a, ImVec2(a.x + qr, a.y + qr), ui.c.surface_alt, m.radius * 0.5f);
    std::string ic = ui.fonts->glyph(assets::Icon::QrCode);
    ImFont* f = ui.fonts->icon;
    const float isz = qr * 0.7f;
    ImVec2 is = f->CalcTextSizeA(isz, FLT_MAX, 0, ic.c_str());
    dl->AddText(f, isz, ImVec2(a.x + (qr - is.x) * 0.5f, a.y + (qr - is.y) * 0.5f), ui.c.text, ic.c_str());
  }
  ImGui::SetCursorScreenPos(ImVec2(a.x + qr + m.pad, a.y));
  ImGui::BeginGroup();
  const float tw = avail - qr - m.pad;
  ui.paragraph("扫码在线办理", ui.fonts->heading, ui.c.primary, tw);
  ui.paragraph(caption, ui.fonts->body, ui.c.text, tw);
  ui.paragraph(url, ui.fonts->small, ui.c.text_muted, tw);
  ImGui::EndGroup();
  const float bottom = std::max(a.y + qr, ImGui::GetItemRectMax().y);
  ImGui::SetCursorScreenPos(a);
  ImGui::Dummy(ImVec2(avail, bottom - a.y));
  ui.end_card();
}

}  // namespace bianmin::kiosk
