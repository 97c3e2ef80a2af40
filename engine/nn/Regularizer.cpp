#include "engine/nn/Regularizer.h"

#include "engine/ops/Ops.h"

namespace gs::nn {

std::string Regularizer::name() const
{
    if (l1 != 0.0 && l2 != 0.0)
        return "l1_l2";
    if (l1 != 0.0)
        return "l1";
    if (l2 != 0.0)
        return "l2";
    return "none";
}

Tensor Regularizer::operator()(const Tensor& w) const
{
    if (l1 != 0.0 && l2 != 0.0)
        return add(mul(constantLike(l1, w), reduce_sum(abs(w))),
                   mul(constantLike(l2, w), reduce_sum(square(w))));
    if (l1 != 0.0)
        return mul(constantLike(l1, w), reduce_sum(abs(w)));
    if (l2 != 0.0)
        return mul(constantLike(l2, w), reduce_sum(square(w)));
    return Tensor::scalar(0.0, w.dtype());
}

} // namespace gs::nn
