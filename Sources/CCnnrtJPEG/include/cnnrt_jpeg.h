// A setjmp-guarded wrapper around libjpeg: libjpeg reports errors by calling error_exit, which must not
// return, and Swift cannot catch a longjmp. These functions turn every libjpeg error into a return code
// and a message, so no longjmp ever crosses into Swift.
#ifndef CNNRT_JPEG_H
#define CNNRT_JPEG_H

#include <stddef.h>
#include <stdint.h>

#define CNNRT_JPEG_MESSAGE_SIZE 200

/// Reads a JPEG's header. Returns 0 and sets width, height and channels (1 for grayscale, 3 for any
/// colour JPEG, which is decoded as RGB), or returns -1 with a message.
int cnnrt_jpeg_read_header(const uint8_t *data, size_t size, int *width, int *height, int *channels,
                           char message[CNNRT_JPEG_MESSAGE_SIZE]);

/// Decodes a JPEG into `pixels`, which must hold width * height * channels bytes as reported by
/// cnnrt_jpeg_read_header. Returns 0, or -1 with a message (truncated or corrupt data).
int cnnrt_jpeg_decode(const uint8_t *data, size_t size, uint8_t *pixels, size_t capacity,
                      char message[CNNRT_JPEG_MESSAGE_SIZE]);

/// Encodes 8-bit gray (channels 1) or RGB (channels 3) pixels as a baseline JPEG. On success returns 0
/// and sets *output to a buffer the caller releases with cnnrt_jpeg_free; else returns -1 with a message.
int cnnrt_jpeg_encode(const uint8_t *pixels, int width, int height, int channels, int quality,
                      uint8_t **output, size_t *output_size, char message[CNNRT_JPEG_MESSAGE_SIZE]);

/// Releases a buffer returned by cnnrt_jpeg_encode.
void cnnrt_jpeg_free(uint8_t *buffer);

#endif
