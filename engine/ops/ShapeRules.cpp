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

std::string kernelName(const std::string& op)
{
    if (op == "add")
        return "AddV2";
    if (op == "div")
        return "RealDiv";
    if (op == "floordiv")
        return "FloorDiv";
    if (op == "floormod")
        return "FloorMod";
    if (op == "add_n")
        return "AddN";
    std::string out;
    bool upper = true;
    for (char c : op) {
        if (c == '_') {
            upper = true;
            continue;
        }
        out += upper ? static_cast<char>(c >= 'a' && c <= 'z' ? c - 'a' + 'A' : c) : c;
        upper = false;
    }
    return out;
}

void requireNumeric(const OpDef& op, std::span<const TensorType> in, std::size_t index)
{
    if (!isNumeric(in[index].dtype))
        throw EngineError(op.name + ": " + argument(op, index) + " must be a number (float or int), got "
                          + std::string(dtypeName(in[index].dtype)));
}

void requireSameDType(const OpDef& op, std::span<const TensorType> in, std::size_t a, std::size_t b)
{
    if (in[a].dtype != in[b].dtype && (isInteger(in[a].dtype) || isInteger(in[b].dtype))) {
        const std::string kernel = kernelName(op.name);
        throw EngineError("cannot compute " + kernel + " as input #" + std::to_string(b) + "(zero-based) was expected to be a "
                          + std::string(dtypeKernelName(in[a].dtype)) + " tensor but is a "
                          + std::string(dtypeKernelName(in[b].dtype)) + " tensor [Op:" + kernel + "]");
    }
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

namespace {
TensorType broadcastAll(const OpDef& op, std::span<const TensorType> in, std::size_t first)
{
    // Two operands of one type (the usual case) broadcast to that type: skip the general rule,
    // a measurable part of a scalar op's cost (callgrind, issue 16).
    if (in.size() == first + 2 && in[first] == in[first + 1])
        return in[first];
    Shape shape = in[first].shape;
    for (std::size_t i = first + 1; i < in.size(); ++i) {
        if (in[i].dtype != in[first].dtype) // the check's call only when it throws
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
} // namespace

TensorType broadcastAllFloat(const OpDef& op, std::span<const TensorType> in, std::size_t first)
{
    requireFloating(op, in, first);
    return broadcastAll(op, in, first);
}

TensorType broadcastAllNumeric(const OpDef& op, std::span<const TensorType> in, std::size_t first)
{
    // The dtypes are compared first, so int32 + float32 gets TensorFlow's message whichever
    // operand is the integer.
    for (std::size_t i = first + 1; i < in.size(); ++i)
        if (in[i].dtype != in[first].dtype)
            requireSameDType(op, in, first, i);
    if (!isNumeric(in[first].dtype))
        requireNumeric(op, in, first);
    return broadcastAll(op, in, first);
}

TensorType unaryNumeric(const OpDef& op, std::span<const TensorType> in, const Attrs&)
{
    requireNumeric(op, in, 0);
    return in[0];
}

TensorType broadcastNumeric(const OpDef& op, std::span<const TensorType> in, const Attrs&)
{
    return broadcastAllNumeric(op, in, 0);
}

TensorType broadcastCompareNumeric(const OpDef& op, std::span<const TensorType> in, const Attrs&)
{
    return {DType::Bool, broadcastAllNumeric(op, in, 0).shape};
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
