#include "jpeg_decode.h"

#include <setjmp.h>
#include <stdio.h>
#include <string.h>
#include <jpeglib.h>

struct error_manager {
    struct jpeg_error_mgr base;
    jmp_buf jump;
    char *message;
    size_t capacity;
};

static void on_error(j_common_ptr info) {
    struct error_manager *manager = (struct error_manager *)info->err;
    char buffer[JMSG_LENGTH_MAX];
    manager->base.format_message(info, buffer);
    snprintf(manager->message, manager->capacity, "%s", buffer);
    longjmp(manager->jump, 1);
}

// Warnings (e.g. "premature end of data") would otherwise go to stderr;
// a truncated JPEG is treated as an error instead of a half-grey picture.
static void on_warning(j_common_ptr info, int level) {
    if (level < 0) {
        on_error(info);
    }
}

static void start(struct jpeg_decompress_struct *info, struct error_manager *manager,
                  char *error, size_t capacity) {
    info->err = jpeg_std_error(&manager->base);
    manager->base.error_exit = on_error;
    manager->base.emit_message = on_warning;
    manager->message = error;
    manager->capacity = capacity;
}

int docengine_jpeg_header(const uint8_t *data, size_t length,
                          uint32_t *width, uint32_t *height,
                          char *error, size_t error_capacity) {
    struct jpeg_decompress_struct info;
    struct error_manager manager;
    start(&info, &manager, error, error_capacity);
    if (setjmp(manager.jump)) {
        jpeg_destroy_decompress(&info);
        return -1;
    }
    jpeg_create_decompress(&info);
    jpeg_mem_src(&info, data, (unsigned long)length);
    jpeg_read_header(&info, TRUE);
    *width = info.image_width;
    *height = info.image_height;
    jpeg_destroy_decompress(&info);
    return 0;
}

int docengine_jpeg_decode_argb32(const uint8_t *data, size_t length,
                                 uint8_t *pixels, size_t stride,
                                 uint32_t width, uint32_t height,
                                 char *error, size_t error_capacity) {
    struct jpeg_decompress_struct info;
    struct error_manager manager;
    JSAMPROW row = NULL;
    start(&info, &manager, error, error_capacity);
    if (setjmp(manager.jump)) {
        jpeg_destroy_decompress(&info);
        return -1;
    }
    jpeg_create_decompress(&info);
    jpeg_mem_src(&info, data, (unsigned long)length);
    jpeg_read_header(&info, TRUE);
    // CMYK JPEGs (from print shops) are converted by libjpeg only to RGB from YCCK;
    // ask for RGB and refuse anything libjpeg cannot give as 3 components.
    info.out_color_space = JCS_RGB;
    jpeg_start_decompress(&info);
    if (info.output_width != width || info.output_height != height || info.output_components != 3) {
        snprintf(error, error_capacity, "unsupported JPEG colour layout (%d components)",
                 info.output_components);
        jpeg_destroy_decompress(&info);
        return -1;
    }
    // libjpeg's own pool frees the scanline in jpeg_destroy_decompress, also after a longjmp.
    JSAMPARRAY rows = (*info.mem->alloc_sarray)((j_common_ptr)&info, JPOOL_IMAGE, width * 3, 1);
    row = rows[0];
    const unsigned char *scanline = row;
    while (info.output_scanline < info.output_height) {
        uint32_t y = info.output_scanline;
        jpeg_read_scanlines(&info, &row, 1);
        uint32_t *out = (uint32_t *)(pixels + (size_t)y * stride);
        for (uint32_t x = 0; x < width; x++) {
            out[x] = 0xFF000000u | ((uint32_t)scanline[3 * x] << 16) |
                     ((uint32_t)scanline[3 * x + 1] << 8) | (uint32_t)scanline[3 * x + 2];
        }
    }
    jpeg_finish_decompress(&info);
    jpeg_destroy_decompress(&info);
    return 0;
}
