#include "engine/ops/ShapeRules.h"

#include "engine/core/EngineError.h"

namespace gs::rules {

namespace {
std::string argument(const OpDef& op, std::size_t i)
{
    return "argument " + op.inputName(i) + (op.maxArity != 1 ? " (#" + std::to_string(i) + ")" : "");
}
} // namespace

void requireFloating(const OpDef& op, std::span<const TensorType> in, std::size_t index)
{
    if (!isFloating(in[index].dtype))
        throw EngineError(op.name + ": " + argument(op, index) + " must be float32 or float64, got "
                          + std::string(dtypeName(in[index].dtype)));
}

void requireSameDType(const OpDef& op, std::span<const TensorType> in, std::size_t a, std::size_t b)
{
    if (in[a].dtype != in[b].dtype)
        throw EngineError(op.name + ": cannot mix " + std::string(dtypeName(in[a].dtype)) + " ("
                          + argument(op, a) + ") with " + std::string(dtypeName(in[b].dtype)) + " ("
                          + argument(op, b) + "); convert one of them with cast()");
}

TensorType unaryFloat(const OpDef& op, std::span<const TensorType> in, const Attrs&)
{
    requireFloating(op, in, 0);
    return in[0];
}

TensorType unaryAny(const OpDef&, std::span<const TensorType> in, const Attrs&) { return in[0]; }

TensorType broadcastAllFloat(const OpDef& op, std::span<const TensorType> in, std::size_t first)
{
    requireFloating(op, in, first);
    Shape shape = in[first].shape;
    for (std::size_t i = first + 1; i < in.size(); ++i) {
        requireSameDType(op, in, first, i);
        const BroadcastResult b = broadcastShapes(shape, in[i].shape);
        if (!b.ok)
            throw EngineError(op.name + ": shapes " + shape.str() + " and " + in[i].shape.str() + " of "
                              + argument(op, i - 1) + " and " + argument(op, i)
                              + " cannot be broadcast together");
        shape = b.shape;
    }
    return {in[first].dtype, shape};
}

TensorType broadcastFloat(const OpDef& op, std::span<const TensorType> in, const Attrs&)
{
    return broadcastAllFloat(op, in, 0);
}

TensorType broadcastCompare(const OpDef& op, std::span<const TensorType> in, const Attrs&)
{
    return {DType::Bool, broadcastAllFloat(op, in, 0).shape};
}

} // namespace gs::rules
