// Arguments of f32_conv_direct__<isa> (included by CCnnrtCPU.h).
#ifndef CNNRT_CONV_DIRECT_H
#define CNNRT_CONV_DIRECT_H

#include <stddef.h>

/// A convolution of one image summed directly from a zero-padded copy of it (convolutions too small for a GEMM
/// to pay off, e.g. LeNet's 5x5 layers, and first layers on 3 channels, strided ones included: the copy is then
/// split into stride phases, see PaddedRows). Output (oc, oy, ox) = bias[oc] + the sum over (c, t) of
/// weights[oc / 8][c * taps + t][oc % 8] * input[c * in_plane + tap_offsets[t] + oy * in_width + ox], clamped to
/// [min, max], then passed through the f32-vactivation `kind` (0: none). The padded image must be readable 16
/// floats past its last plane.
typedef struct {
    const float *_Nonnull input;
    ptrdiff_t channels, in_plane, in_width;
    /// Taps per channel, and where each one (kernel row-major) reads channel 0 for output (0, 0).
    ptrdiff_t taps;
    const ptrdiff_t *_Nonnull tap_offsets;
    /// Blocks of 8 output channels: channels * taps taps of 8 floats (zero past out_channels).
    const float *_Nonnull weights;
    const float *_Nonnull bias;
    ptrdiff_t out_channels;
    /// out_channels planes of out_h * out_w floats.
    float *_Nonnull output;
    ptrdiff_t out_h, out_w;
    /// The blocks of 8 output channels to compute: block0 ..< block1.
    ptrdiff_t block0, block1;
    float min, max;
    int32_t kind;
    float p0, p1;
} CnnrtConvDirectParams;

#endif
