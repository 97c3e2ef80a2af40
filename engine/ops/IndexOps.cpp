// Ops that take or give integer indices: argmax, argmin, one_hot, gather, unsorted_segment_sum
// (gather's gradient) and sparse_softmax_cross_entropy_with_logits, with TensorFlow's rules: the
// indices carry no gradient, gather's gradient is its IndexedSlices summed into a dense tensor,
// and the sparse cross-entropy's is softmax(logits) - one_hot(labels).
#include "engine/core/EngineError.h"
#include "engine/ops/Apply.h"
#include "engine/ops/OpHandle.h"
#include "engine/ops/Ops.h"
#include "engine/ops/OpRegistry.h"
#include "engine/ops/ShapeRules.h"

#include <algorithm>
#include <cmath>

namespace gs {

namespace {

/// The largest depth or segment count: bounds what one attribute can make the op allocate.
constexpr std::int64_t maxIndexSize = 1'000'000;

std::string text(const std::string& s) { return s.rfind("tf.", 0) == 0 ? s.substr(3) : s; }

std::string stringAttr(const Attrs& attrs, const char* name, const char* fallback)
{
    const AttrValue* v = attrs.find(name);
    return v && std::holds_alternative<std::string>(*v) ? text(std::get<std::string>(*v)) : std::string(fallback);
}

void requireInteger(const OpDef& op, std::span<const TensorType> in, std::size_t index)
{
    if (!isInteger(in[index].dtype))
        throw EngineError(op.name + ": argument " + op.inputName(index) + " must be int32 or int64, got "
                          + std::string(dtypeName(in[index].dtype)));
}

/// The element at `i` of an integer tensor.
std::int64_t indexAt(const Tensor& t, std::int64_t i) { return static_cast<std::int64_t>(t.at(i)); }

// ---- argmax, argmin -------------------------------------------------------------------------

DType outputType(const Attrs& attrs, const std::string& op)
{
    const std::string name = stringAttr(attrs, "output_type", "int64");
    if (name == "int64")
        return DType::Int64;
    if (name == "int32")
        return DType::Int32;
    throw EngineError(op + ": output_type must be int32 or int64, got '" + name + "'");
}

TensorType inferArg(const OpDef& op, std::span<const TensorType> in, const Attrs& attrs)
{
    rules::requireNumeric(op, in, 0);
    const Shape& s = in[0].shape;
    if (s.rank == 0)
        throw EngineError(op.name + ": the input is a scalar; it needs an axis to search along");
    const int axis = normaliseAxis(static_cast<int>(attrs.integer("axis", 0)), s.rank, op.name.c_str());
    if (s.dim(axis) == 0)
        throw EngineError(op.name + ": Reduction axis " + std::to_string(axis) + " is empty in shape " + s.str());
    const DType out = outputType(attrs, op.name);
    if (s.rank == 1)
        return {out, Shape::scalar()};
    return {out, Shape::vector(axis == 0 ? s.cols : s.rows)};
}

template <bool Max> Tensor argForward(std::span<const Tensor> in, const Attrs& attrs)
{
    const Tensor& x = in[0];
    const Shape& s = x.shape();
    const int axis = normaliseAxis(static_cast<int>(attrs.integer("axis", 0)), s.rank, Max ? "argmax" : "argmin");
    const TensorType t = inferArg(opNamed(Max ? "argmax" : "argmin"), std::vector<TensorType>{{x.dtype(), s}}, attrs);
    // Along a vector's only axis, or down the columns (axis 0 of a matrix), or along the rows.
    const bool down = s.rank == 2 && axis == 0;
    const std::int64_t outer = s.rank == 1 ? 1 : (down ? s.cols : s.rows);
    const std::int64_t inner = s.rank == 1 ? s.cols : (down ? s.rows : s.cols);
    std::vector<double> result(static_cast<std::size_t>(outer));
    for (std::int64_t o = 0; o < outer; ++o) {
        std::int64_t best = 0;
        double bestValue = 0;
        for (std::int64_t k = 0; k < inner; ++k) {
            const double v = down ? x.at(k, o) : x.at(s.rank == 1 ? k : o * s.cols + k);
            // The first of equal values wins, and a NaN wins over numbers (as Eigen's argmax on CPU).
            const bool better = k == 0 || (!std::isnan(bestValue) && (std::isnan(v) || (Max ? v > bestValue : v < bestValue)));
            if (better) {
                best = k;
                bestValue = v;
            }
        }
        result[static_cast<std::size_t>(o)] = static_cast<double>(best);
    }
    return Tensor::fromValues(t.shape, result, t.dtype);
}

// ---- one_hot ----------------------------------------------------------------------------------

DType floatDType(const Attrs& attrs, const std::string& op)
{
    const std::string name = stringAttr(attrs, "dtype", "float32");
    if (name == "float32")
        return DType::Float32;
    if (name == "float64")
        return DType::Float64;
    if (name == "int32")
        return DType::Int32;
    if (name == "int64")
        return DType::Int64;
    throw EngineError(op + ": dtype must be float32, float64, int32 or int64, got '" + name + "'");
}

TensorType inferOneHot(const OpDef& op, std::span<const TensorType> in, const Attrs& attrs)
{
    requireInteger(op, in, 0);
    const std::int64_t depth = attrs.integer("depth", -1);
    if (depth < 0 || depth > maxIndexSize)
        throw EngineError("one_hot: depth must be given, between 0 and " + std::to_string(maxIndexSize) + ", got "
                          + std::to_string(depth));
    const Shape& s = in[0].shape;
    if (s.rank == 2)
        throw EngineError("one_hot: a matrix of indices would make a rank-3 tensor, which GradScope does not support");
    const DType out = floatDType(attrs, "one_hot");
    if (s.rank == 0)
        return {out, Shape::vector(depth)};
    const auto axis = attrs.integer("axis", -1);
    if (axis != -1 && axis != 0 && axis != 1)
        throw EngineError("one_hot: axis must be -1, 0 or 1 for a vector of indices, got " + std::to_string(axis));
    return {out, axis == 0 ? Shape::matrix(depth, s.cols) : Shape::matrix(s.cols, depth)};
}

Tensor oneHotForward(std::span<const Tensor> in, const Attrs& attrs)
{
    const TensorType t = inferOneHot(opNamed("one_hot"), std::vector<TensorType>{{in[0].dtype(), in[0].shape()}}, attrs);
    const std::int64_t depth = attrs.integer("depth", -1);
    const double on = attrs.number("on_value", 1.0), off = attrs.number("off_value", 0.0);
    const bool transposed = in[0].rank() == 1 && attrs.integer("axis", -1) == 0;
    std::vector<double> values(static_cast<std::size_t>(t.shape.size()), off);
    for (std::int64_t i = 0; i < in[0].size(); ++i) {
        const std::int64_t k = indexAt(in[0], i);
        if (k < 0 || k >= depth) // TensorFlow: an index out of range gives a row of off_value
            continue;
        values[static_cast<std::size_t>(transposed ? k * in[0].size() + i : i * depth + k)] = on;
    }
    return Tensor::fromValues(t.shape, values, t.dtype);
}

// ---- gather and unsorted_segment_sum ----------------------------------------------------------

TensorType inferGather(const OpDef& op, std::span<const TensorType> in, const Attrs& attrs)
{
    requireInteger(op, in, 1);
    const Shape& p = in[0].shape;
    const Shape& i = in[1].shape;
    if (p.rank == 0)
        throw EngineError("gather: params must have at least one dimension, got a scalar");
    if (i.rank == 2)
        throw EngineError("gather: GradScope takes a scalar or a vector of indices, got shape " + i.str());
    const int axis = normaliseAxis(static_cast<int>(attrs.integer("axis", 0)), p.rank, "gather");
    if (p.rank + i.rank - 1 > 2)
        throw EngineError("gather: params of shape " + p.str() + " and indices of shape " + i.str()
                          + " would make a rank-3 tensor, which GradScope does not support");
    if (p.rank == 1)
        return {in[0].dtype, i};
    const std::int64_t kept = axis == 0 ? p.cols : p.rows;
    if (i.rank == 0)
        return {in[0].dtype, Shape::vector(kept)};
    return {in[0].dtype, axis == 0 ? Shape::matrix(i.cols, p.cols) : Shape::matrix(p.rows, i.cols)};
}

void checkIndex(std::int64_t k, std::int64_t i, std::int64_t limit, bool vector)
{
    if (k < 0 || k >= limit)
        throw EngineError("indices" + (vector ? "[" + std::to_string(i) + "]" : std::string()) + " = " + std::to_string(k)
                          + " is not in [0, " + std::to_string(limit) + ") [Op:GatherV2]");
}

Tensor gatherForward(std::span<const Tensor> in, const Attrs& attrs)
{
    const Tensor& p = in[0];
    const Tensor& idx = in[1];
    const TensorType t = inferGather(opNamed("gather"), std::vector<TensorType>{{p.dtype(), p.shape()}, {idx.dtype(), idx.shape()}}, attrs);
    const int axis = normaliseAxis(static_cast<int>(attrs.integer("axis", 0)), p.rank(), "gather");
    const std::int64_t limit = p.rank() == 1 ? p.shape().cols : p.shape().dim(axis);
    std::vector<double> out;
    out.reserve(static_cast<std::size_t>(t.shape.size()));
    const std::int64_t n = idx.size();
    const bool vector = idx.rank() == 1;
    if (p.rank() == 1 || axis == 0) {
        const std::int64_t width = p.rank() == 1 ? 1 : p.shape().cols;
        for (std::int64_t i = 0; i < n; ++i) {
            const std::int64_t k = indexAt(idx, i);
            checkIndex(k, i, limit, vector);
            for (std::int64_t c = 0; c < width; ++c)
                out.push_back(p.at(k * width + c));
        }
    } else { // columns of a matrix
        for (std::int64_t i = 0; i < n; ++i)
            checkIndex(indexAt(idx, i), i, limit, vector);
        for (std::int64_t r = 0; r < p.shape().rows; ++r)
            for (std::int64_t i = 0; i < n; ++i)
                out.push_back(p.at(r, indexAt(idx, i)));
    }
    return Tensor::fromValues(t.shape, out, t.dtype);
}

TensorType inferSegmentSum(const OpDef& op, std::span<const TensorType> in, const Attrs& attrs)
{
    rules::requireFloating(op, in, 0);
    requireInteger(op, in, 1);
    const Shape& d = in[0].shape;
    const Shape& ids = in[1].shape;
    const std::int64_t segments = attrs.integer("num_segments", -1);
    if (segments < 0 || segments > maxIndexSize)
        throw EngineError("unsorted_segment_sum: num_segments must be given, between 0 and " + std::to_string(maxIndexSize));
    const std::int64_t leading = d.rank == 0 ? 1 : (d.rank == 1 ? d.cols : d.rows);
    if (ids.rank != 1 || d.rank == 0 || ids.cols != leading)
        throw EngineError("unsorted_segment_sum: segment_ids must be a vector as long as data's first dimension, got shapes "
                          + d.str() + " and " + ids.str());
    return {in[0].dtype, d.rank == 1 ? Shape::vector(segments) : Shape::matrix(segments, d.cols)};
}

Tensor segmentSumForward(std::span<const Tensor> in, const Attrs& attrs)
{
    const Tensor& d = in[0];
    const Tensor& ids = in[1];
    const TensorType t = inferSegmentSum(opNamed("unsorted_segment_sum"), std::vector<TensorType>{{d.dtype(), d.shape()}, {ids.dtype(), ids.shape()}}, attrs);
    const std::int64_t segments = attrs.integer("num_segments", -1);
    const std::int64_t width = d.rank() == 1 ? 1 : d.shape().cols;
    Tensor out = Tensor::zeros(t.shape, t.dtype);
    dispatchFloating(t.dtype, [&](auto tag) {
        using T = decltype(tag);
        T* o = out.mutableData<T>();
        const T* x = d.data<T>();
        for (std::int64_t i = 0; i < ids.size(); ++i) {
            const std::int64_t k = indexAt(ids, i);
            if (k < 0 || k >= segments) // TensorFlow drops ids out of range
                continue;
            for (std::int64_t c = 0; c < width; ++c)
                o[k * width + c] += x[i * width + c];
        }
    });
    return out;
}

Tensor gather(const Tensor& params, const Tensor& indices, std::int64_t axis)
{
    static const OpDef& op = opNamed("gather");
    return apply(op, {params, indices}, Attrs{{"axis", axis}});
}

Tensor segmentSum(const Tensor& data, const Tensor& ids, std::int64_t segments)
{
    static const OpDef& op = opNamed("unsorted_segment_sum");
    return apply(op, {data, ids}, Attrs{{"num_segments", segments}});
}

/// gather's gradient (TensorFlow's _GatherV2Grad): the upstream rows as IndexedSlices at the
/// indices, made dense by summing the rows that share an index (unsorted_segment_sum).
Gradients gatherGradient(const GradContext& c)
{
    const Tensor& p = c.inputs[0];
    const Tensor& idx = c.inputs[1];
    const int axis = normaliseAxis(static_cast<int>(c.attrs.integer("axis", 0)), p.rank(), "gather");
    const Tensor ids = idx.rank() == 0 ? reshape(idx, {1}) : idx;
    const std::int64_t n = ids.size();
    if (p.rank() == 1)
        return {segmentSum(reshape(c.upstream, {n}), ids, p.shape().cols), std::nullopt};
    if (axis == 0)
        return {segmentSum(reshape(c.upstream, {n, p.shape().cols}), ids, p.shape().rows), std::nullopt};
    // Along the columns: TensorFlow transposes the gathered axis to the front and back again.
    const Tensor g = transpose(reshape(c.upstream, {p.shape().rows, n}));
    return {transpose(segmentSum(g, ids, p.shape().cols)), std::nullopt};
}

// ---- sparse_softmax_cross_entropy_with_logits ---------------------------------------------------

TensorType inferSparseCrossEntropy(const OpDef& op, std::span<const TensorType> in, const Attrs&)
{
    requireInteger(op, in, 0);
    rules::requireFloating(op, in, 1);
    const Shape& labels = in[0].shape;
    const Shape& logits = in[1].shape;
    if (logits.rank == 0)
        throw EngineError(op.name + ": logits must have at least one dimension (the classes), got a scalar");
    const bool ok = (logits.rank == 1 && labels.rank == 0) || (logits.rank == 2 && labels.rank == 1 && labels.cols == logits.rows);
    if (!ok)
        throw EngineError(op.name + ": labels must have the shape of logits without its last dimension; got labels "
                          + labels.str() + " and logits " + logits.str());
    return {in[1].dtype, labels};
}

Tensor sparseCrossEntropyForward(std::span<const Tensor> in, const Attrs&)
{
    const Tensor& labels = in[0];
    const Tensor& logits = in[1];
    const std::int64_t classes = logits.shape().cols;
    const std::int64_t rows = logits.rank() == 1 ? 1 : logits.shape().rows;
    Tensor out = Tensor::allocate(labels.shape(), logits.dtype());
    dispatchFloating(logits.dtype(), [&](auto tag) {
        using T = decltype(tag);
        const T* x = logits.data<T>();
        T* o = out.mutableData<T>();
        for (std::int64_t r = 0; r < rows; ++r) {
            const std::int64_t label = indexAt(labels, r);
            if (label < 0 || label >= classes)
                throw EngineError("Received a label value of " + std::to_string(label)
                                  + " which is outside the valid range of [0, " + std::to_string(classes) + ").");
            // TensorFlow's kernel: log(sum(exp(x - max))) - (x[label] - max).
            const T* row = x + r * classes;
            T m = row[0];
            for (std::int64_t k = 1; k < classes; ++k)
                m = std::max(m, row[k]);
            T sum = 0;
            for (std::int64_t k = 0; k < classes; ++k)
                sum += std::exp(row[k] - m);
            o[r] = std::log(sum) - (row[label] - m);
        }
    });
    return out;
}

/// TensorFlow's gradient: upstream * (softmax(logits) - one_hot(labels)) for the logits, None for
/// the labels.
Gradients sparseCrossEntropyGradient(const GradContext& c)
{
    const Tensor& labels = c.inputs[0];
    const Tensor& logits = c.inputs[1];
    static const OpDef& oneHotOp = opNamed("one_hot");
    const Tensor onehot = apply(oneHotOp, {labels},
                                Attrs{{"depth", logits.shape().cols}, {"dtype", std::string(dtypeName(logits.dtype()))}});
    const Tensor g = logits.rank() == 1 ? c.upstream : reshape(c.upstream, {logits.shape().rows, 1});
    return {std::nullopt, mul(g, sub(softmax(logits), onehot))};
}

OpDef indexOp(const char* name, const char* summary, const char* category)
{
    OpDef op;
    op.name = name;
    op.summary = summary;
    op.category = category;
    return op;
}

} // namespace

void registerIndexOps(OpRegistry& registry)
{
    OpDef argmax = indexOp("argmax", "the index of the largest value along an axis (int64; no gradient)", "reduction");
    argmax.inputNames = {"input"};
    argmax.attrs = {{"axis", std::int64_t{0}, "the axis to search along"},
                    {"output_type", std::string("int64"), "int64 (TensorFlow's default) or int32"}};
    argmax.infer = inferArg;
    argmax.forward = argForward<true>;
    registry.add(std::move(argmax));

    OpDef argmin = indexOp("argmin", "the index of the smallest value along an axis (int64; no gradient)", "reduction");
    argmin.inputNames = {"input"};
    argmin.attrs = {{"axis", std::int64_t{0}, "the axis to search along"},
                    {"output_type", std::string("int64"), "int64 (TensorFlow's default) or int32"}};
    argmin.infer = inferArg;
    argmin.forward = argForward<false>;
    registry.add(std::move(argmin));

    OpDef oneHot = indexOp("one_hot", "on_value at each index, off_value elsewhere (no gradient)", "shape");
    oneHot.inputNames = {"indices"};
    oneHot.attrs = {{"depth", std::int64_t{-1}, "the number of classes"},
                    {"on_value", 1.0, "the value at the index"},
                    {"off_value", 0.0, "the value elsewhere"},
                    {"axis", std::int64_t{-1}, "where the new axis goes"},
                    {"dtype", std::string("float32"), "float32, float64, int32 or int64"}};
    oneHot.infer = inferOneHot;
    oneHot.forward = oneHotForward;
    registry.add(std::move(oneHot));

    OpDef gatherOp = indexOp("gather", "the slices of params at the indices along an axis", "shape");
    gatherOp.minArity = gatherOp.maxArity = 2;
    gatherOp.inputNames = {"params", "indices"};
    gatherOp.attrs = {{"axis", std::int64_t{0}, "the axis the indices pick from"}};
    gatherOp.infer = inferGather;
    gatherOp.forward = gatherForward;
    gatherOp.gradient = gatherGradient;
    registry.add(std::move(gatherOp));

    OpDef segment = indexOp("unsorted_segment_sum", "the rows of data summed by segment id (gather's gradient)", "reduction");
    segment.minArity = segment.maxArity = 2;
    segment.inputNames = {"data", "segment_ids"};
    segment.attrs = {{"num_segments", std::int64_t{-1}, "the number of segments"}};
    segment.infer = inferSegmentSum;
    segment.forward = segmentSumForward;
    // TensorFlow's _UnsortedSegmentSumGrad: the upstream gathered at the ids.
    segment.gradient = [](const GradContext& c) -> Gradients {
        return {gather(c.upstream, c.inputs[1], 0), std::nullopt};
    };
    registry.add(std::move(segment));

    OpDef sparse = indexOp("sparse_softmax_cross_entropy_with_logits",
                           "-log_softmax(logits)[labels] per row, computed stably (labels are class indices)", "loss");
    sparse.minArity = sparse.maxArity = 2;
    sparse.inputNames = {"labels", "logits"};
    sparse.infer = inferSparseCrossEntropy;
    sparse.forward = sparseCrossEntropyForward;
    sparse.gradient = sparseCrossEntropyGradient;
    registry.add(std::move(sparse));
}

} // namespace gs
