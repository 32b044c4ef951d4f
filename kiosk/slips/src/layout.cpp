#include "layout.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <glib.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace bianmin::slips::detail {

namespace {

constexpr double kPtPerMm = 72.0 / 25.4;
constexpr const char* kFamily = "Noto Sans CJK SC";
constexpr double kLineSpacing = 1.3;  // 适老化: line spacing at least 1.3x
// A dot is black when the glyph covers at least this much of it (of 255). A little under half:
// thin strokes of small text stay unbroken on thermal paper.
constexpr int kInkThreshold = 110;

double pango_to_pt(int v) { return static_cast<double>(v) / PANGO_SCALE; }

// How text reaches the PDF. cairo 1.16's CFF subsetter writes a broken charstring for some
// Noto Sans CJK glyphs (如, cid 111 of the subset: poppler draws nothing, ghostscript a box),
// so a PDF gets every glyph as filled outlines, which print exactly as FreeType draws them,
// plus the same text in the embedded font, white at 0.4 % opacity, as an invisible text
// layer: pdftotext, search and screen readers still find the words. A raster gets the glyphs
// drawn directly.
constexpr double kTextLayerAlpha = 0.004;

void show_layout(cairo_t* cr, PangoLayout* layout, bool outlines) {
  if (!outlines) {
    pango_cairo_show_layout(cr, layout);
    return;
  }
  double x = 0, y = 0;
  cairo_get_current_point(cr, &x, &y);
  pango_cairo_layout_path(cr, layout);
  cairo_fill(cr);
  cairo_save(cr);
  cairo_set_source_rgba(cr, 1, 1, 1, kTextLayerAlpha);
  cairo_move_to(cr, x, y);
  pango_cairo_show_layout(cr, layout);
  cairo_restore(cr);
}

PangoAlignment pango_align(Align a) {
  switch (a) {
    case Align::Center:
      return PANGO_ALIGN_CENTER;
    case Align::Right:
      return PANGO_ALIGN_RIGHT;
    default:
      return PANGO_ALIGN_LEFT;
  }
}

}  // namespace

cairo_status_t append_to_string(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

std::string esc(std::string_view text) {
  gchar* e = g_markup_escape_text(text.data(), static_cast<gssize>(text.size()));
  std::string out(e);
  g_free(e);
  return out;
}

struct Doc::Block {
  enum class Kind { Text, Rule, Space, Row, Qr } kind = Kind::Text;
  // Text
  std::string markup;
  double size_pt = 0;
  bool bold = false;
  Align align = Align::Left;
  double hang_pt = 0;
  bool rule_below = false;
  // Rule
  bool dashed = true;
  // Row
  std::vector<Cell> cells;
  bool header = false;
  // Qr
  qr::QrMatrix qr;
  // spacing (pt) and pagination
  double before = 0, after = 0;
  bool keep_with_next = false;
  // measured
  std::vector<PangoLayout*> layouts;             // Text: 1, Row: one per cell
  std::vector<std::pair<double, double>> lines;  // Text: y range of each line (pt)
  double height = 0;

  ~Block() {
    for (PangoLayout* l : layouts) g_object_unref(l);
  }
};

Doc::Doc(const Format& format) : spec_(paper_spec(format.paper)), format_(format) {
  // A raster covers the print head's reach exactly: the text is as wide as the head.
  if (format_.raster() && format_.dots_per_mm > 0)
    spec_.width_mm = format_.raster_dots / format_.dots_per_mm + 2 * spec_.margin_mm;
}
Doc::~Doc() = default;

void Doc::add_text(std::string markup, double size_pt, bool bold, Align align, double hang_pt, double before,
                   double after, bool keep_with_next) {
  auto b = std::make_unique<Block>();
  b->kind = Block::Kind::Text;
  b->markup = std::move(markup);
  b->size_pt = size_pt;
  b->bold = bold;
  b->align = align;
  b->hang_pt = hang_pt;
  b->before = before;
  b->after = after;
  b->keep_with_next = keep_with_next;
  blocks_.push_back(std::move(b));
}

void Doc::caption(std::string_view text) {
  add_text(esc(text), spec_.small_pt, false, Align::Center, 0, 0, spec_.small_pt * 0.3, true);
}
void Doc::title(std::string_view text) {
  add_text(esc(text), spec_.title_pt, true, Align::Center, 0, spec_.small_pt * 0.2, spec_.body_pt * 0.5, true);
}
void Doc::heading(std::string_view text) {
  add_text(esc(text), spec_.heading_pt, true, Align::Left, 0, spec_.body_pt * 0.8, spec_.body_pt * 0.35, true);
  blocks_.back()->rule_below = true;
}
void Doc::para(std::string_view text) {
  add_text(esc(text), spec_.body_pt, false, Align::Left, 0, 0, spec_.body_pt * 0.25);
}
void Doc::small(std::string_view text) {
  add_text(esc(text), spec_.small_pt, false, Align::Left, 0, 0, spec_.small_pt * 0.15);
}
void Doc::kv(std::string_view label, std::string_view value) {
  add_text("<b>" + esc(label) + "：</b>" + esc(value), spec_.body_pt, false, Align::Left, 0, 0, spec_.body_pt * 0.25);
}
void Doc::bullet(std::string_view text) {
  add_text("• " + esc(text), spec_.body_pt, false, Align::Left, spec_.body_pt * 0.9, 0, spec_.body_pt * 0.2);
}
void Doc::check(std::string_view text, std::string_view detail) {
  std::string m = "□ " + esc(text);
  if (!detail.empty())
    // U+2028 breaks the line inside the same paragraph, so the hanging indent still applies.
    m += "\u2028<span size=\"" + std::to_string(static_cast<int>(spec_.body_pt * 0.9 * PANGO_SCALE)) + "\">" +
         esc(detail) + "</span>";
  // The hanging indent is the width of "□ " so wrapped lines start under the text.
  add_text(std::move(m), spec_.body_pt, false, Align::Left, spec_.body_pt * 1.3, 0, spec_.body_pt * 0.35);
}
void Doc::rule(bool dashed) {
  auto b = std::make_unique<Block>();
  b->kind = Block::Kind::Rule;
  b->dashed = dashed;
  b->before = spec_.body_pt * 0.4;
  b->after = spec_.body_pt * 0.4;
  b->height = 1;
  blocks_.push_back(std::move(b));
}
void Doc::space(double pt) {
  auto b = std::make_unique<Block>();
  b->kind = Block::Kind::Space;
  b->height = pt;
  blocks_.push_back(std::move(b));
}
void Doc::row(const std::vector<Cell>& cells, bool header) {
  auto b = std::make_unique<Block>();
  b->kind = Block::Kind::Row;
  b->cells = cells;
  b->header = header;
  b->after = spec_.body_pt * 0.25;
  b->keep_with_next = header;
  b->rule_below = header;
  blocks_.push_back(std::move(b));
}
void Doc::qr(const qr::QrMatrix& m, std::string_view caption_text) {
  auto b = std::make_unique<Block>();
  b->kind = Block::Kind::Qr;
  b->qr = m;
  b->before = spec_.body_pt * 0.6;
  b->after = spec_.body_pt * 0.2;
  b->keep_with_next = true;
  blocks_.push_back(std::move(b));
  if (!caption_text.empty())
    add_text("<b>" + esc(caption_text) + "</b>", spec_.body_pt, false, Align::Center, 0, 0, spec_.body_pt * 0.4);
}

Result<Slip> Doc::finish(std::string_view title) {
  const double page_w = spec_.width_mm * kPtPerMm;
  const double margin = spec_.margin_mm * kPtPerMm;
  const double top = spec_.top_mm * kPtPerMm;
  const double bottom = spec_.bottom_mm * kPtPerMm;
  const double text_w = page_w - 2 * margin;
  const bool roll = spec_.height_mm <= 0;
  const double page_h0 = roll ? 1000 : spec_.height_mm * kPtPerMm;
  const bool raster = format_.raster();
  if (raster && (!roll || format_.raster_dots % 8 != 0 || format_.dots_per_mm <= 0))
    return Result<Slip>::fail("位图小票只用于 58mm/80mm 热敏纸，宽度须为 8 的倍数点");

  // PDF: the surface the slip is drawn on. Raster: a scratch surface to lay out with; the
  // image is made once the height is known.
  std::string pdf;
  cairo_surface_t* surface = raster ? cairo_image_surface_create(CAIRO_FORMAT_A8, 1, 1)
                                    : cairo_pdf_surface_create_for_stream(append_to_string, &pdf, page_w, page_h0);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(surface);
    return Result<Slip>::fail("无法创建小票画布");
  }
  std::string t(title);
  if (!raster) {
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, t.c_str());
    cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Bianmin 便民");
  }
  cairo_t* cr = cairo_create(surface);
  // Unhinted, unrounded metrics whatever the surface: a PDF and a raster of the same slip
  // break every line at the same character.
  cairo_font_options_t* font_options = cairo_font_options_create();
  cairo_font_options_set_hint_metrics(font_options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_hint_style(font_options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_antialias(font_options, CAIRO_ANTIALIAS_GRAY);

  // Measure every block.
  PangoFontDescription* base = pango_font_description_from_string(kFamily);
  PangoLanguage* zh = pango_language_from_string("zh-cn");
  auto make_layout = [&](const std::string& markup, double size_pt, bool bold, Align align, double width, double hang) {
    PangoLayout* l = pango_cairo_create_layout(cr);
    // 72 dpi: one point is one user unit, so markup sizes in points mean what they say.
    pango_cairo_context_set_resolution(pango_layout_get_context(l), 72);
    pango_context_set_language(pango_layout_get_context(l), zh);
    pango_cairo_context_set_font_options(pango_layout_get_context(l), font_options);
    pango_layout_context_changed(l);
    PangoFontDescription* fd = pango_font_description_copy(base);
    pango_font_description_set_absolute_size(fd, size_pt * PANGO_SCALE);
    pango_font_description_set_weight(fd, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_layout_set_font_description(l, fd);
    pango_font_description_free(fd);
    pango_layout_set_width(l, static_cast<int>(width * PANGO_SCALE));
    pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(l, pango_align(align));
    pango_layout_set_line_spacing(l, static_cast<float>(kLineSpacing));
    if (hang > 0) pango_layout_set_indent(l, -static_cast<int>(hang * PANGO_SCALE));
    pango_layout_set_markup(l, markup.c_str(), -1);
    return l;
  };
  const double cell_pad = spec_.body_pt * 0.3;
  for (auto& bp : blocks_) {
    Block& b = *bp;
    if (b.kind == Block::Kind::Text) {
      PangoLayout* l = make_layout(b.markup, b.size_pt, b.bold, b.align, text_w, b.hang_pt);
      b.layouts.push_back(l);
      PangoLayoutIter* it = pango_layout_get_iter(l);
      do {
        int y0 = 0, y1 = 0;
        pango_layout_iter_get_line_yrange(it, &y0, &y1);
        b.lines.emplace_back(pango_to_pt(y0), pango_to_pt(y1));
      } while (pango_layout_iter_next_line(it));
      pango_layout_iter_free(it);
      int w = 0, h = 0;
      pango_layout_get_size(l, &w, &h);
      b.height = pango_to_pt(h);
      if (!b.lines.empty()) b.lines.back().second = std::max(b.lines.back().second, b.height);
      if (b.rule_below) b.height += 2.5;
    } else if (b.kind == Block::Kind::Row) {
      double hmax = 0;
      for (size_t i = 0; i < b.cells.size(); ++i) {
        const Cell& c = b.cells[i];
        double w = std::max(1.0, c.width * text_w - (i + 1 < b.cells.size() ? cell_pad : 0));
        PangoLayout* l = make_layout(esc(c.text), spec_.body_pt * (b.header ? 0.95 : 1.0), b.header, c.align, w, 0);
        pango_layout_set_line_spacing(l, 1.1f);  // table rows stay compact
        b.layouts.push_back(l);
        int lw = 0, lh = 0;
        pango_layout_get_size(l, &lw, &lh);
        hmax = std::max(hmax, pango_to_pt(lh));
      }
      b.height = hmax + (b.rule_below ? 2.5 : 0);
    } else if (b.kind == Block::Kind::Qr) {
      b.height = std::min(spec_.qr_mm * kPtPerMm, text_w);
    }
  }
  pango_font_description_free(base);
  cairo_font_options_destroy(font_options);

  // Place blocks: (block, page, y, first line, end line).
  struct Placement {
    size_t block;
    int page;
    double y;
    size_t from = 0, to = 0;
  };
  std::vector<Placement> placed;
  int page = 0;
  double y = top;
  const double limit = roll ? 1e12 : page_h0 - bottom;
  auto next_page = [&] {
    ++page;
    y = top;
  };
  for (size_t i = 0; i < blocks_.size(); ++i) {
    Block& b = *blocks_[i];
    if (y > top) y += b.before;
    if (!roll) {
      double need = b.height;
      if (b.keep_with_next && i + 1 < blocks_.size()) {
        const Block& n = *blocks_[i + 1];
        need +=
            b.after + n.before + (n.kind == Block::Kind::Text && !n.lines.empty() ? n.lines.front().second : n.height);
      }
      if (y + need > limit && y > top) next_page();
      if (b.kind == Block::Kind::Text && y + b.height > limit) {
        // Split a long text block between lines.
        size_t from = 0;
        while (from < b.lines.size()) {
          size_t to = from;
          while (to < b.lines.size() && y + (b.lines[to].second - b.lines[from].first) <= limit) ++to;
          if (to == from) to = from + 1;  // a line taller than a page: place it anyway
          placed.push_back({i, page, y, from, to});
          y += b.lines[to - 1].second - b.lines[from].first;
          from = to;
          if (from < b.lines.size()) next_page();
        }
        y += b.after;
        continue;
      }
    }
    placed.push_back({i, page, y, 0, b.lines.size()});
    y += b.height + b.after;
  }
  const double content_bottom = y;
  const double page_h = roll ? std::ceil(content_bottom + bottom) : page_h0;
  if (roll && !raster) cairo_pdf_surface_set_size(surface, page_w, page_h);

  // Raster: an 8-bit coverage image exactly raster_dots wide, the printable width scaled to
  // dots (the margins fall outside it), thresholded to 1 bit below.
  cairo_surface_t* image = nullptr;
  cairo_t* target = cr;
  cairo_t* const measure = cr;  // the layouts were made on it; freed with the surface
  if (raster) {
    const double scale = format_.dots_per_mm / kPtPerMm;  // dots per point
    const double h = std::ceil(page_h * scale);
    if (h > 32000) {  // cairo's limit; about 4 m of paper
      cairo_destroy(cr);
      cairo_surface_destroy(surface);
      return Result<Slip>::fail("小票太长，无法打印");
    }
    image = cairo_image_surface_create(CAIRO_FORMAT_A8, format_.raster_dots, static_cast<int>(h));
    if (cairo_surface_status(image) != CAIRO_STATUS_SUCCESS) {
      cairo_surface_destroy(image);
      cairo_destroy(cr);
      cairo_surface_destroy(surface);
      return Result<Slip>::fail("内存不足，无法生成小票");
    }
    target = cairo_create(image);
    cairo_scale(target, scale, scale);
    cairo_translate(target, -margin, 0);
  }
  cr = target;

  // Draw.
  cairo_set_source_rgb(cr, 0, 0, 0);
  int current = 0;
  for (const Placement& p : placed) {
    while (current < p.page) {
      cairo_show_page(cr);
      ++current;
    }
    Block& b = *blocks_[p.block];
    switch (b.kind) {
      case Block::Kind::Text: {
        const double ytop = b.lines.empty() ? 0 : b.lines[p.from].first;
        const bool whole = p.from == 0 && p.to == b.lines.size();
        cairo_save(cr);
        if (!whole) {
          cairo_rectangle(cr, 0, p.y, page_w, b.lines[p.to - 1].second - ytop);
          cairo_clip(cr);
        }
        cairo_move_to(cr, margin, p.y - ytop);
        show_layout(cr, b.layouts[0], !raster);
        cairo_restore(cr);
        if (b.rule_below && p.to == b.lines.size()) {
          const double ry = p.y + (b.lines.empty() ? 0 : b.lines.back().second - ytop) + 1.2;
          cairo_set_line_width(cr, 0.8);
          cairo_move_to(cr, margin, ry);
          cairo_line_to(cr, page_w - margin, ry);
          cairo_stroke(cr);
        }
        break;
      }
      case Block::Kind::Rule: {
        cairo_save(cr);
        cairo_set_line_width(cr, 0.6);
        if (b.dashed) {
          const double dash[] = {2.5, 2.0};
          cairo_set_dash(cr, dash, 2, 0);
        }
        cairo_move_to(cr, margin, p.y + 0.5);
        cairo_line_to(cr, page_w - margin, p.y + 0.5);
        cairo_stroke(cr);
        cairo_restore(cr);
        break;
      }
      case Block::Kind::Row: {
        double x = margin;
        for (size_t c = 0; c < b.cells.size(); ++c) {
          cairo_move_to(cr, x, p.y);
          show_layout(cr, b.layouts[c], !raster);
          x += b.cells[c].width * text_w;
        }
        if (b.rule_below) {
          cairo_set_line_width(cr, 0.6);
          cairo_move_to(cr, margin, p.y + b.height - 1.0);
          cairo_line_to(cr, page_w - margin, p.y + b.height - 1.0);
          cairo_stroke(cr);
        }
        break;
      }
      case Block::Kind::Qr: {
        const double side = b.height;
        const double mod = side / b.qr.size;
        const double x0 = margin + (text_w - side) / 2;
        for (int my = 0; my < b.qr.size; ++my)
          for (int mx = 0; mx < b.qr.size; ++mx)
            if (b.qr.dark(mx, my)) cairo_rectangle(cr, x0 + mx * mod, p.y + my * mod, mod, mod);
        // No antialiasing: neighbouring modules must not leave hairline gaps when rasterised.
        cairo_save(cr);
        cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
        cairo_fill(cr);
        cairo_restore(cr);
        break;
      }
      case Block::Kind::Space:
        break;
    }
  }
  const int pages = current + 1;
  Slip slip;
  slip.title = t;
  slip.pages = pages;
  slip.width_mm = spec_.width_mm;
  slip.height_mm = page_h / kPtPerMm;
  if (raster) {
    cairo_destroy(target);
    cairo_destroy(measure);
    cairo_surface_destroy(surface);
    cairo_surface_flush(image);
    Raster& r = slip.raster;
    r.width = cairo_image_surface_get_width(image);
    r.height = cairo_image_surface_get_height(image);
    r.stride = (r.width + 7) / 8;
    r.bits.assign(static_cast<size_t>(r.stride) * r.height, 0);
    const unsigned char* data = cairo_image_surface_get_data(image);
    const int istride = cairo_image_surface_get_stride(image);
    for (int row_y = 0; row_y < r.height; ++row_y) {
      const unsigned char* row = data + static_cast<size_t>(row_y) * istride;
      unsigned char* out = r.bits.data() + static_cast<size_t>(row_y) * r.stride;
      for (int x = 0; x < r.width; ++x)
        if (row[x] >= kInkThreshold) out[x / 8] |= static_cast<unsigned char>(0x80 >> (x % 8));
    }
    cairo_surface_destroy(image);
    return slip;
  }
  cairo_show_page(cr);
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t st = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (st != CAIRO_STATUS_SUCCESS) return Result<Slip>::fail(std::string("PDF生成失败: ") + cairo_status_to_string(st));
  slip.pdf = std::move(pdf);
  return slip;
}

}  // namespace bianmin::slips::detail

namespace bianmin::slips {

std::string raster_png(const Raster& r) {
  if (r.empty()) return {};
  cairo_surface_t* img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, r.width, r.height);
  cairo_surface_flush(img);
  unsigned char* data = cairo_image_surface_get_data(img);
  const int stride = cairo_image_surface_get_stride(img);
  for (int y = 0; y < r.height; ++y) {
    auto* row = reinterpret_cast<uint32_t*>(data + static_cast<size_t>(y) * stride);
    for (int x = 0; x < r.width; ++x) row[x] = r.dark(x, y) ? 0x000000u : 0xFFFFFFu;
  }
  cairo_surface_mark_dirty(img);
  std::string png;
  cairo_surface_write_to_png_stream(img, detail::append_to_string, &png);
  cairo_surface_destroy(img);
  return png;
}

}  // namespace bianmin::slips
