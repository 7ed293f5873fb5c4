// CPU feature detection and the plain-data structs shared by cnnrt's kernel modules.
#ifndef CCNNRT_CPU_H
#define CCNNRT_CPU_H

#include <stddef.h>
#include <stdint.h>

/// 1 when the CPU and the OS support AVX-512 F, BW, DQ and VL (x86-64-v4), else 0.
int cnnrt_cpu_has_avx512(void);

/// 1 when the CPU and the OS support AVX2 and FMA (x86-64-v3), else 0.
int cnnrt_cpu_has_avx2_fma(void);

/// A spin-wait hint (PAUSE on x86), for threads waiting on an atomic.
static inline void cnnrt_cpu_relax(void) {
#if defined(__x86_64__)
    __builtin_ia32_pause();
#endif
}

/// Atomically adds v to *p and returns the old value (relaxed: a counter handing out work, nothing more).
static inline ptrdiff_t cnnrt_fetch_add(ptrdiff_t *_Nonnull p, ptrdiff_t v) {
    return __atomic_fetch_add(p, v, __ATOMIC_RELAXED);
}

/// A read prefetch into all cache levels (a hint: any address is allowed, nothing faults).
static inline void cnnrt_prefetch(const void *_Nullable p) {
    __builtin_prefetch(p, 0, 3);
}

/// Store the accumulators added to what C already holds (a later K block).
#define CNNRT_GEMM_ACCUMULATE 1
/// Apply bias, residual and clamp while storing (the last K block).
#define CNNRT_GEMM_EPILOGUE 2
/// The bias holds one value per column instead of one per row.
#define CNNRT_GEMM_BIAS_PER_COLUMN 4

/// What a GEMM microkernel does when it stores a tile: C = clamp(acc [+ C] + bias + residual).
typedef struct {
    /// NULL, or the bias of the tile's first row (or first column with CNNRT_GEMM_BIAS_PER_COLUMN).
    const float *_Nullable bias;
    /// NULL, or the tile's origin in a matrix shaped like C added before the clamp.
    const float *_Nullable residual;
    /// Row stride of `residual` in elements.
    ptrdiff_t residual_stride;
    float min;
    float max;
    /// CNNRT_GEMM_* bits.
    int32_t flags;
} CnnrtGemmEpilogue;

/// One channel of a depthwise 2-D convolution. The AVX-512 kernel needs a padded plane with slack
/// (pad_top = pad_left = 0, see f32_dwconv2d__avx512); the portable one reads taps outside as zero.
typedef struct {
    /// The input plane, `height` rows of `width` floats.
    const float *_Nonnull input;
    ptrdiff_t height, width, pad_top, pad_left;
    /// kernel_h x kernel_w weights, row-major.
    const float *_Nonnull weights;
    float bias;
    ptrdiff_t kernel_h, kernel_w, stride_h, stride_w, dilation_h, dilation_w;
    float *_Nonnull output;
    ptrdiff_t out_h, out_w;
    /// NULL, or the residual plane (out_h x out_w) added before the clamp.
    const float *_Nullable residual;
    float min;
    float max;
} CnnrtDWConvParams;

/// 16 channels of a depthwise 2-D convolution with the channels in SIMD lanes (f32_dwconv2d_c16__avx512):
/// output rows [row_begin, row_end) are computed in bands of `band_rows` rows; each band's input rows are
/// transposed into `scratch` as [row][padded column][16 channels] with zero borders, summed there and
/// transposed back (scratch: see f32_dwconv2d_c16__avx512).
typedef struct {
    /// `channels` planes (1...16) of `height` x `width` floats, one after the other.
    const float *_Nonnull input;
    ptrdiff_t channels;
    ptrdiff_t height, width, pad_top, pad_left;
    /// kernel_h x kernel_w vectors of 16 floats (tap-major, one lane per channel, zero past `channels`).
    const float *_Nonnull weights;
    /// 16 floats.
    const float *_Nonnull bias;
    ptrdiff_t kernel_h, kernel_w, stride_h, stride_w, dilation_h, dilation_w;
    /// `channels` planes of `out_h` x `out_w` floats.
    float *_Nonnull output;
    ptrdiff_t out_h, out_w;
    ptrdiff_t row_begin, row_end, band_rows;
    /// NULL, or planes shaped like `output` added before the clamp (may be `output` itself).
    const float *_Nullable residual;
    float min;
    float max;
    /// 64-byte aligned per-thread scratch.
    float *_Nonnull scratch;
} CnnrtDWConvLanesParams;

/// Planes of a depthwise 2-D convolution through the per-channel kernel (f32_dwconv2d_planes__avx512): each
/// plane is copied in strips of `strip_rows` output rows into the zero-padded `scratch` (`scratch_rows` rows of
/// `scratch_width` floats, zero-filled by the caller before the first call on it) and summed there.
typedef struct {
    /// The first plane (unpadded, `conv.height` x `conv.width`; pads in conv.pad_top / conv.pad_left), its
    /// weights, output and residual; `planes` planes follow at the strides below.
    CnnrtDWConvParams conv;
    ptrdiff_t planes, in_plane, out_plane;
    /// Bias of each plane (conv.bias is ignored).
    const float *_Nonnull bias;
    /// Weights of plane p at conv.weights + (first_channel + p) % channels * kernel_h * kernel_w.
    ptrdiff_t first_channel, channels;
    float *_Nonnull scratch;
    ptrdiff_t scratch_width, scratch_rows, strip_rows;
    /// Nonzero: f32_dwconv2d_3x3__avx512, else f32_dwconv2d__avx512.
    int32_t kernel_3x3;
} CnnrtDWConvPlanesParams;

/// f32_pool2d kinds.
#define CNNRT_POOL_MAX 0
#define CNNRT_POOL_AVERAGE 1

/// Planes of a 2-D max or average pooling (f32_pool2d__<isa>). Taps outside the image are skipped: the
/// maximum ignores them (and NaN inputs; a window with no number gives -inf), the average sums the taps
/// inside and divides by their count, or with `count_include_pad` by the window's taps inside the padded
/// image [-pad_top, height + pad_bottom) x [-pad_left, width + pad_right).
typedef struct {
    /// `planes` planes of `height` x `width` floats, one after the other.
    const float *_Nonnull input;
    /// `planes` planes of `out_h` x `out_w` floats.
    float *_Nonnull output;
    ptrdiff_t planes;
    ptrdiff_t height, width, out_h, out_w;
    ptrdiff_t kernel_h, kernel_w, stride_h, stride_w, dilation_h, dilation_w;
    ptrdiff_t pad_top, pad_left, pad_bottom, pad_right;
    /// CNNRT_POOL_MAX or CNNRT_POOL_AVERAGE.
    int32_t kind;
    /// Average only: 1 to divide by the taps inside the padded image.
    int32_t count_include_pad;
} CnnrtPool2DParams;

/// A 32-column panel of the implicit im2col matrix of a 2-D convolution (f32_im2col_panel__<isa>):
/// B[(c * kernel_h + ky) * kernel_w + kx, oy * out_w + ox] = input[c, oy * stride_h - pad_top + ky * dilation_h,
/// ox * stride_w - pad_left + kx * dilation_w], zero outside the image. Rows k0 ..< k0 + depth and columns
/// j0 ..< j0 + count (count <= 32) go to `destination`, 32 floats per row (columns past count are zero).
typedef struct {
    /// `channels` planes of `height` x `width` floats.
    const float *_Nonnull input;
    float *_Nonnull destination;
    ptrdiff_t channels, height, width;
    ptrdiff_t kernel_h, kernel_w, stride_h, stride_w, dilation_h, dilation_w, pad_top, pad_left;
    ptrdiff_t out_h, out_w;
    ptrdiff_t k0, depth, j0, count;
} CnnrtIm2colParams;

/// Winograd F(4x4, 3x3) input transform of one input channel for `group_count` groups of 16 tiles.
/// The channel's zero-padded image is stored phase-split: padded row y holds 4 rows of `q` floats,
/// row p holding the columns x = 4 * i + p, so a tile column j of consecutive tiles is contiguous.
/// A group is 16 lanes: with `lanes` = 16, tiles tx0 ..< tx0 + 16 of one tile row (`groups_x` groups
/// per tile row); with `lanes` = 2, 4 or 8, 16 / lanes consecutive tile rows of `lanes` tiles each.
typedef struct {
    /// The channel's phase-split padded image.
    const float *_Nonnull phase;
    /// Floats per phase row.
    ptrdiff_t q;
    ptrdiff_t lanes, groups_x;
    /// The first group (absolute index) and the number of groups.
    ptrdiff_t group_begin, group_count;
    /// Where group `group_begin` of transform point 0 goes: V is packed like a GEMM B operand, panels of
    /// 32 tiles, `v_panel_stride` floats apart (channels x 32), 32 floats per channel.
    float *_Nonnull v;
    ptrdiff_t v_xi_stride, v_panel_stride;
    /// 36 x 16 floats of scratch.
    float *_Nonnull scratch;
} CnnrtWinogradInputParams;

/// Winograd F(4x4, 3x3) output transform of one output channel for `group_count` groups of 16 tiles
/// (grouped as in CnnrtWinogradInputParams): output = clamp(A^T M A + bias + residual).
typedef struct {
    /// Group `group_begin` of transform point 0; 16 floats per group, points `m_xi_stride` apart.
    const float *_Nonnull m;
    ptrdiff_t m_xi_stride;
    ptrdiff_t lanes, groups_x, group_begin, group_count;
    /// The channel's output plane and, or NULL, its residual plane (out_h x out_w).
    float *_Nonnull output;
    const float *_Nullable residual;
    ptrdiff_t out_h, out_w;
    float bias, min, max;
    /// 24 x 16 + 64 floats of scratch.
    float *_Nonnull scratch;
} CnnrtWinogradOutputParams;

#include "cnnrt_conv_direct.h"

#endif
