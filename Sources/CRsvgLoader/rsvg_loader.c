#include "rsvg_loader.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

// The few GLib and librsvg types the functions below pass, as librsvg 2.48+ declares them.
typedef int gboolean;
typedef struct {
    uint32_t domain;
    int code;
    char *message;
} GError;
typedef struct {
    double length;
    int unit;
} RsvgLength;

static struct {
    void *library;
    char message[256];
    void *(*new_from_data)(const uint8_t *, size_t, GError **);
    void (*set_dpi)(void *, double);
    gboolean (*intrinsic_size_in_pixels)(void *, double *, double *);
    void (*intrinsic_dimensions)(void *, gboolean *, RsvgLength *, gboolean *, RsvgLength *, gboolean *,
                                 docengine_svg_rect *);
    gboolean (*render_document)(void *, void *, const docengine_svg_rect *, GError **);
    void (*object_unref)(void *);
    void (*error_free)(GError *);
} rsvg;

static pthread_once_t once = PTHREAD_ONCE_INIT;

static void load(void) {
    // RTLD_LOCAL: GLib's symbols stay out of the global namespace; dlsym on the handle still
    // finds g_object_unref and g_error_free among librsvg's own dependencies.
    void *library = dlopen("librsvg-2.so.2", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        const char *reason = dlerror();
        snprintf(rsvg.message, sizeof rsvg.message, "librsvg cannot be loaded: %s", reason ? reason : "unknown error");
        return;
    }
    rsvg.new_from_data = dlsym(library, "rsvg_handle_new_from_data");
    rsvg.set_dpi = dlsym(library, "rsvg_handle_set_dpi");
    rsvg.intrinsic_size_in_pixels = dlsym(library, "rsvg_handle_get_intrinsic_size_in_pixels");
    rsvg.intrinsic_dimensions = dlsym(library, "rsvg_handle_get_intrinsic_dimensions");
    rsvg.render_document = dlsym(library, "rsvg_handle_render_document");
    rsvg.object_unref = dlsym(library, "g_object_unref");
    rsvg.error_free = dlsym(library, "g_error_free");
    if (!rsvg.new_from_data || !rsvg.set_dpi || !rsvg.intrinsic_size_in_pixels || !rsvg.intrinsic_dimensions
        || !rsvg.render_document || !rsvg.object_unref || !rsvg.error_free) {
        snprintf(rsvg.message, sizeof rsvg.message, "librsvg 2.48 or newer is needed (a function is missing)");
        return;
    }
    rsvg.library = library;
}

int docengine_svg_available(char *error, size_t error_capacity) {
    pthread_once(&once, load);
    if (rsvg.library != NULL) return 0;
    snprintf(error, error_capacity, "%s", rsvg.message);
    return -1;
}

/// Copies a GError's message into `error` and frees the GError.
static void take_message(GError *failure, const char *fallback, char *error, size_t error_capacity) {
    snprintf(error, error_capacity, "%s", failure && failure->message ? failure->message : fallback);
    if (failure) rsvg.error_free(failure);
}

docengine_svg *docengine_svg_new_from_data(const uint8_t *data, size_t length, char *error, size_t error_capacity) {
    if (docengine_svg_available(error, error_capacity) != 0) return NULL;
    GError *failure = NULL;
    void *handle = rsvg.new_from_data(data, length, &failure);
    if (handle == NULL || failure != NULL) {
        take_message(failure, "librsvg could not load it", error, error_capacity);
        if (handle) rsvg.object_unref(handle);
        return NULL;
    }
    return handle;
}

void docengine_svg_set_dpi(docengine_svg *handle, double dpi) { rsvg.set_dpi(handle, dpi); }

int docengine_svg_intrinsic_size_in_pixels(docengine_svg *handle, double *width, double *height) {
    return rsvg.intrinsic_size_in_pixels(handle, width, height) != 0;
}

int docengine_svg_view_box(docengine_svg *handle, docengine_svg_rect *view_box) {
    gboolean has_view_box = 0;
    rsvg.intrinsic_dimensions(handle, NULL, NULL, NULL, NULL, &has_view_box, view_box);
    return has_view_box != 0;
}

int docengine_svg_render_document(docengine_svg *handle, void *cairo_context, const docengine_svg_rect *viewport,
                                  char *error, size_t error_capacity) {
    GError *failure = NULL;
    gboolean succeeded = rsvg.render_document(handle, cairo_context, viewport, &failure);
    if (succeeded && failure == NULL) return 0;
    take_message(failure, "librsvg could not render it", error, error_capacity);
    return -1;
}

void docengine_svg_free(docengine_svg *handle) { rsvg.object_unref(handle); }
