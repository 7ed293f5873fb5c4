// Arguments of f32_conv_direct__<isa> (included by CCnnrtCPU.h).
#ifndef CNNRT_CONV_DIRECT_H
#define CNNRT_CONV_DIRECT_H

#include <stddef.h>

/// A stride-1 convolution of one image summed directly from a zero-padded copy of it (convolutions too
/// small for a GEMM to pay off, e.g. LeNet's 5x5 layers). Output (oc, oy, ox) = bias[oc] + the sum over
/// (c, ky, kx) of weights[oc / 8][(c * kernel_h + ky) * kernel_w + kx][oc % 8] * input[c * in_plane
/// + (oy + ky * dilation_h) * in_width + ox + kx * dilation_w], clamped to [min, max], then passed through
/// the f32-vactivation `kind` (0: none). The padded image must be readable 16 floats past its last plane.
typedef struct {
    const float *_Nonnull input;
    ptrdiff_t channels, in_plane, in_width;
    ptrdiff_t kernel_h, kernel_w, dilation_h, dilation_w;
    /// Blocks of 8 output channels: channels * kernel_h * kernel_w taps of 8 floats (zero past out_channels).
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
