#pragma once

namespace gs {

/// TensorFlow runs every kernel with denormals flushed to zero (FTZ and DAZ) and rounding to
/// nearest (KernelAndDeviceOp::Run), so tf.exp(-100.0) is 0.0 in float32, not 3.7e-44. Kernels
/// run inside this scope to give the same numbers; the caller's environment is restored after.
/// Scopes nest: only the outermost one touches the control register (about 30 ns), so a
/// backward sweep, a graph execution or a training step pays for it once, not once per op.
class TensorFlowFloatEnvironment {
public:
    TensorFlowFloatEnvironment();
    ~TensorFlowFloatEnvironment();
    TensorFlowFloatEnvironment(const TensorFlowFloatEnvironment&) = delete;
    TensorFlowFloatEnvironment& operator=(const TensorFlowFloatEnvironment&) = delete;

private:
    unsigned saved_ = 0;
};

} // namespace gs
