#include "engine/ops/TransposeKernel.h"

#if defined(__SSE__) || defined(__x86_64__)
#include <xmmintrin.h>
#define GS_HAVE_SSE 1
#endif

namespace gs::kernels {

namespace {

template <class T> void transposeBlock(const T* from, T* to, std::int64_t rows, std::int64_t cols, std::int64_t r0,
                                       std::int64_t r1, std::int64_t c0, std::int64_t c1)
{
    for (std::int64_t r = r0; r < r1; ++r)
        for (std::int64_t c = c0; c < c1; ++c)
            to[c * rows + r] = from[r * cols + c];
}

} // namespace

template <class T> void transposeInto(const T* from, T* to, std::int64_t rows, std::int64_t cols)
{
#ifdef GS_HAVE_SSE
    if constexpr (sizeof(T) == 4) {
        // Four-byte elements in 4 x 4 tiles, each moved as four SSE registers: Eigen's transposed
        // copy took 6.5 instructions an element, the largest part of a layer's matmul gradient
        // after the product itself (callgrind, issue 16). The bits are moved, never computed.
        const std::int64_t rows4 = rows - rows % 4, cols4 = cols - cols % 4;
        for (std::int64_t r = 0; r < rows4; r += 4) {
            for (std::int64_t c = 0; c < cols4; c += 4) {
                const float* in = reinterpret_cast<const float*>(from + r * cols + c);
                float* out = reinterpret_cast<float*>(to + c * rows + r);
                __m128 a = _mm_loadu_ps(in), b = _mm_loadu_ps(in + cols), e = _mm_loadu_ps(in + 2 * cols),
                       d = _mm_loadu_ps(in + 3 * cols);
                _MM_TRANSPOSE4_PS(a, b, e, d);
                _mm_storeu_ps(out, a);
                _mm_storeu_ps(out + rows, b);
                _mm_storeu_ps(out + 2 * rows, e);
                _mm_storeu_ps(out + 3 * rows, d);
            }
        }
        transposeBlock(from, to, rows, cols, 0, rows4, cols4, cols);
        transposeBlock(from, to, rows, cols, rows4, rows, 0, cols);
        return;
    }
#endif
    transposeBlock(from, to, rows, cols, 0, rows, 0, cols);
}

template void transposeInto<float>(const float*, float*, std::int64_t, std::int64_t);
template void transposeInto<double>(const double*, double*, std::int64_t, std::int64_t);
template void transposeInto<std::int32_t>(const std::int32_t*, std::int32_t*, std::int64_t, std::int64_t);
template void transposeInto<std::int64_t>(const std::int64_t*, std::int64_t*, std::int64_t, std::int64_t);
template void transposeInto<bool>(const bool*, bool*, std::int64_t, std::int64_t);

} // namespace gs::kernels
