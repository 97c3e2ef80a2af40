#include "engine/core/FloatEnvironment.h"

#if defined(__SSE__) || defined(__x86_64__)
#include <xmmintrin.h>
#define GS_HAVE_MXCSR 1
#endif

namespace gs {

#ifdef GS_HAVE_MXCSR
namespace {
constexpr unsigned flushToZero = 0x8000;     // FTZ: tiny results become 0
constexpr unsigned denormalsAreZero = 0x0040; // DAZ: tiny inputs read as 0
constexpr unsigned roundingMask = 0x6000;     // 00 = round to nearest

thread_local int depth = 0;
} // namespace

TensorFlowFloatEnvironment::TensorFlowFloatEnvironment()
{
    if (depth++ > 0)
        return;
    saved_ = _mm_getcsr();
    const unsigned wanted = (saved_ & ~roundingMask) | flushToZero | denormalsAreZero;
    if (wanted != saved_)
        _mm_setcsr(wanted);
}

TensorFlowFloatEnvironment::~TensorFlowFloatEnvironment()
{
    if (--depth > 0)
        return;
    if (_mm_getcsr() != saved_)
        _mm_setcsr(saved_);
}
#else
TensorFlowFloatEnvironment::TensorFlowFloatEnvironment() = default;
TensorFlowFloatEnvironment::~TensorFlowFloatEnvironment() = default;
#endif

} // namespace gs
