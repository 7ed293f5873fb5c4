#include "cnnrt_jpeg.h"

#include <setjmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <jpeglib.h>

// libjpeg's error manager extended with a jump target and a copy of the message.
struct guarded_error {
    struct jpeg_error_mgr base;
    jmp_buf jump;
    char *message;
};

static void guarded_error_exit(j_common_ptr cinfo) {
    struct guarded_error *error = (struct guarded_error *)cinfo->err;
    char text[JMSG_LENGTH_MAX];
    (*cinfo->err->format_message)(cinfo, text);
    snprintf(error->message, CNNRT_JPEG_MESSAGE_SIZE, "%s", text);
    longjmp(error->jump, 1);
}

// Corrupt-data warnings (premature end of data, bad Huffman codes) are errors for cnnrt: a model must
// not silently classify a half-decoded image.
static void guarded_emit_message(j_common_ptr cinfo, int level) {
    if (level < 0) {
        guarded_error_exit(cinfo);
    }
}

static void install(struct jpeg_error_mgr *base, struct guarded_error *error, char *message) {
    jpeg_std_error(base);
    base->error_exit = guarded_error_exit;
    base->emit_message = guarded_emit_message;
    error->message = message;
    message[0] = 0;
}

static int begin(struct jpeg_decompress_struct *cinfo, const uint8_t *data, size_t size) {
    jpeg_mem_src(cinfo, data, (unsigned long)size);
    jpeg_read_header(cinfo, TRUE);
    int channels = cinfo->num_components == 1 ? 1 : 3;
    cinfo->out_color_space = channels == 1 ? JCS_GRAYSCALE : JCS_RGB;
    return channels;
}

int cnnrt_jpeg_read_header(const uint8_t *data, size_t size, int *width, int *height, int *channels,
                           char message[CNNRT_JPEG_MESSAGE_SIZE]) {
    struct jpeg_decompress_struct cinfo;
    struct guarded_error error;
    cinfo.err = &error.base;
    install(&error.base, &error, message);
    if (setjmp(error.jump)) {
        jpeg_destroy_decompress(&cinfo);
        return -1;
    }
    jpeg_create_decompress(&cinfo);
    *channels = begin(&cinfo, data, size);
    *width = (int)cinfo.image_width;
    *height = (int)cinfo.image_height;
    jpeg_destroy_decompress(&cinfo);
    return 0;
}

int cnnrt_jpeg_decode(const uint8_t *data, size_t size, uint8_t *pixels, size_t capacity,
                      char message[CNNRT_JPEG_MESSAGE_SIZE]) {
    struct jpeg_decompress_struct cinfo;
    struct guarded_error error;
    cinfo.err = &error.base;
    install(&error.base, &error, message);
    if (setjmp(error.jump)) {
        jpeg_destroy_decompress(&cinfo);
        return -1;
    }
    jpeg_create_decompress(&cinfo);
    int channels = begin(&cinfo, data, size);
    jpeg_start_decompress(&cinfo);
    size_t stride = (size_t)cinfo.output_width * (size_t)channels;
    if (cinfo.output_components != channels || stride * cinfo.output_height > capacity) {
        snprintf(message, CNNRT_JPEG_MESSAGE_SIZE, "decoded size differs from the header");
        jpeg_destroy_decompress(&cinfo);
        return -1;
    }
    while (cinfo.output_scanline < cinfo.output_height) {
        JSAMPROW row = pixels + stride * cinfo.output_scanline;
        jpeg_read_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_decompress(&cinfo);
    jpeg_destroy_decompress(&cinfo);
    return 0;
}

int cnnrt_jpeg_encode(const uint8_t *pixels, int width, int height, int channels, int quality,
                      uint8_t **output, size_t *output_size, char message[CNNRT_JPEG_MESSAGE_SIZE]) {
    struct jpeg_compress_struct cinfo;
    struct guarded_error error;
    // libjpeg writes the buffer pointer through its address, so it lives in memory and still holds the
    // latest value after a longjmp back into this frame.
    unsigned char *target = NULL;
    unsigned long length = 0;
    cinfo.err = &error.base;
    install(&error.base, &error, message);
    if (setjmp(error.jump)) {
        jpeg_destroy_compress(&cinfo);
        free(target);
        return -1;
    }
    if (channels != 1 && channels != 3) {
        snprintf(message, CNNRT_JPEG_MESSAGE_SIZE, "JPEG encoding needs 1 or 3 channels, not %d", channels);
        return -1;
    }
    jpeg_create_compress(&cinfo);
    jpeg_mem_dest(&cinfo, &target, &length);
    cinfo.image_width = (JDIMENSION)width;
    cinfo.image_height = (JDIMENSION)height;
    cinfo.input_components = channels;
    cinfo.in_color_space = channels == 1 ? JCS_GRAYSCALE : JCS_RGB;
    jpeg_set_defaults(&cinfo);
    jpeg_set_quality(&cinfo, quality, TRUE);
    jpeg_start_compress(&cinfo, TRUE);
    size_t stride = (size_t)width * (size_t)channels;
    while (cinfo.next_scanline < cinfo.image_height) {
        JSAMPROW row = (JSAMPROW)(pixels + stride * cinfo.next_scanline);
        jpeg_write_scanlines(&cinfo, &row, 1);
    }
    jpeg_finish_compress(&cinfo);
    jpeg_destroy_compress(&cinfo);
    *output = target;
    *output_size = (size_t)length;
    return 0;
}

void cnnrt_jpeg_free(uint8_t *buffer) {
    free(buffer);
}
