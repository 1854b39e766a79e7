#ifndef DOCENGINE_RSVG_LOADER_H
#define DOCENGINE_RSVG_LOADER_H

#include <stddef.h>
#include <stdint.h>

/// librsvg, loaded with dlopen the first time an SVG is used instead of linked: librsvg brings
/// GIO, GdkPixbuf, Pango, libxml2 and ICU, and loading them costs a command-line render more than
/// the render itself, though most documents have no SVG at all.
///
/// Every function below resolves the library on first use (thread-safely, once per process).
/// Functions that can fail write a NUL-terminated message into `error`.

/// An `RsvgHandle`, opaque.
typedef struct docengine_svg docengine_svg;

/// librsvg's `RsvgRectangle`: a viewport in user units.
typedef struct {
    double x;
    double y;
    double width;
    double height;
} docengine_svg_rect;

/// Returns 0 when librsvg is loaded (or loads now), -1 with dlopen's message otherwise.
int docengine_svg_available(char *error, size_t error_capacity);

/// `rsvg_handle_new_from_data`; NULL with librsvg's message on failure.
docengine_svg *docengine_svg_new_from_data(const uint8_t *data, size_t length, char *error, size_t error_capacity);

/// `rsvg_handle_set_dpi`.
void docengine_svg_set_dpi(docengine_svg *handle, double dpi);

/// `rsvg_handle_get_intrinsic_size_in_pixels`: 1 with the size, 0 when the SVG has no absolute size.
int docengine_svg_intrinsic_size_in_pixels(docengine_svg *handle, double *width, double *height);

/// The `viewBox` from `rsvg_handle_get_intrinsic_dimensions`: 1 with it, 0 when there is none.
int docengine_svg_view_box(docengine_svg *handle, docengine_svg_rect *view_box);

/// `rsvg_handle_render_document` on a `cairo_t`: 0 on success, -1 with librsvg's message.
int docengine_svg_render_document(docengine_svg *handle, void *cairo_context, const docengine_svg_rect *viewport,
                                  char *error, size_t error_capacity);

/// `g_object_unref` of the handle.
void docengine_svg_free(docengine_svg *handle);

#endif
