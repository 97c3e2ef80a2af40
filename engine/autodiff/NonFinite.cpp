#include "engine/autodiff/NonFinite.h"

#include "engine/ops/OpRegistry.h"

#include <cmath>
#include <limits>

namespace gs {

namespace {

bool hasNaN(const Tensor& t)
{
    for (std::int64_t i = 0; i < t.size(); ++i)
        if (std::isnan(t.at(i)))
            return true;
    return false;
}

bool hasNonFinite(const Tensor& t)
{
    return !t.allFinite();
}

/// The first element of `t` that is NaN (when wantNaN) or non-finite.
std::int64_t firstBad(const Tensor& t, bool wantNaN)
{
    for (std::int64_t i = 0; i < t.size(); ++i) {
        const double v = t.at(i);
        if (wantNaN ? std::isnan(v) : !std::isfinite(v))
            return i;
    }
    return 0;
}

/// Element of `in` that met output element `i` under broadcasting.
double valueAt(const Tensor& in, const Tensor& out, std::int64_t i)
{
    if (in.size() == 1)
        return in.at(0);
    const std::int64_t r = i / out.shape().cols;
    const std::int64_t c = i % out.shape().cols;
    return in.at(in.shape().rows == 1 ? 0 : r, in.shape().cols == 1 ? 0 : c);
}

std::string num(double v, DType t) { return formatNumber(v, t); }

std::string arrow(double v, DType t) { return " -> " + num(v, t); }

std::string forwardReason(const std::string& op, std::span<const Tensor> in, const Tensor& out, std::int64_t i)
{
    const DType t = out.dtype();
    const double y = out.at(i);
    const std::string dt(dtypeName(t));
    const double x = in.empty() ? 0 : valueAt(in[0], out, i);
    const double b = in.size() > 1 ? valueAt(in[1], out, i) : 0;
    const std::string sx = num(x, t), sb = num(b, t);
    if (op == "exp")
        return "exp(" + sx + ") overflows " + dt + arrow(y, t);
    if (op == "log" || op == "log1p") {
        if (std::isnan(y))
            return op + "(" + sx + ") of a number below its domain" + arrow(y, t);
        return op + "(" + sx + ")" + arrow(y, t);
    }
    if (op == "sqrt")
        return "sqrt(" + sx + ") of a negative number" + arrow(y, t);
    if (op == "div") {
        if (std::isinf(x) && std::isinf(b))
            return "inf/inf" + arrow(y, t);
        if (b == 0)
            return sx + "/0" + arrow(y, t);
        return sx + "/" + sb + " overflows " + dt + arrow(y, t);
    }
    if (op == "mul") {
        if ((x == 0 && std::isinf(b)) || (std::isinf(x) && b == 0))
            return sx + " * " + sb + arrow(y, t) + " (0 * inf is undefined)";
        return sx + " * " + sb + " overflows " + dt + arrow(y, t);
    }
    if (op == "add" || op == "sub" || op == "add_n") {
        if (std::isnan(y))
            return "inf - inf" + arrow(y, t) + " (" + op + " of " + sx + " and " + sb + ")";
        return op + " of " + sx + " and " + sb + " overflows " + dt + arrow(y, t);
    }
    if (op == "pow")
        return sx + " ** " + sb + arrow(y, t);
    if (op == "square")
        return sx + " ** 2 overflows " + dt + arrow(y, t);
    std::string args;
    for (std::size_t k = 0; k < in.size(); ++k)
        args += (k ? ", " : "") + num(valueAt(in[k], out, i), in[k].dtype());
    return op + "(" + args + ")" + arrow(y, t);
}

} // namespace

std::string explainForwardNonFinite(const std::string& op, std::span<const Tensor> inputs, const Tensor& output)
{
    if (!isFloating(output.dtype()) || output.allFinite())
        return {};
    bool inputNaN = false, inputNonFinite = false;
    for (const Tensor& t : inputs)
        if (isFloating(t.dtype())) {
            inputNaN = inputNaN || hasNaN(t);
            inputNonFinite = inputNonFinite || hasNonFinite(t);
        }
    const bool bornNaN = hasNaN(output) && !inputNaN;
    const bool bornInf = !hasNaN(output) && !inputNonFinite;
    if (!bornNaN && !bornInf)
        return {};
    return forwardReason(op, inputs, output, firstBad(output, bornNaN));
}

std::string explainBackwardNonFinite(const std::string& op, std::span<const Tensor> inputs, const Tensor& output,
                                     const Tensor& upstream, std::size_t input, const Tensor& contribution,
                                     const std::optional<Tensor>& local)
{
    if (contribution.allFinite())
        return {};
    const bool nanIn = hasNaN(upstream) || hasNaN(output)
                       || std::any_of(inputs.begin(), inputs.end(), [](const Tensor& t) {
                              return isFloating(t.dtype()) && hasNaN(t);
                          });
    const bool nanBorn = hasNaN(contribution) && !nanIn;
    const bool infBorn = !hasNaN(contribution) && upstream.allFinite();
    if (!nanBorn && !infBorn)
        return {};
    const DType t = contribution.dtype();
    const std::int64_t i = firstBad(contribution, nanBorn);
    // The input by the name the op gives it ("x"), as the node's port shows it; a number only for
    // an op the registry does not know.
    const OpDef* def = OpRegistry::instance().find(op);
    std::string port = "#" + std::to_string(input);
    if (def && !def->inputNames.empty()) {
        port = def->inputName(input);
        if (def->maxArity < 0 && input + 1 >= def->inputNames.size()) // variadic: inputs[0], inputs[1]...
            port += "[" + std::to_string(input + 1 - def->inputNames.size()) + "]";
    }
    const std::string which = "the gradient of " + op + " for its input " + port;
    const double u = upstream.size() == 1 ? upstream.at(0) : upstream.at(std::min(i, upstream.size() - 1));
    if (local && local->size() > 0) {
        const double l = local->at(std::min(i, local->size() - 1));
        std::string why = which + ": upstream " + num(u, t) + " * local derivative " + num(l, t) + " -> "
                          + num(contribution.at(i), t);
        if (std::isinf(output.size() ? output.at(std::min(i, output.size() - 1)) : 0.0))
            why += " (the forward value " + op + " = " + num(output.at(std::min(i, output.size() - 1)), t)
                   + " had already overflowed)";
        return why;
    }
    return which + " is " + num(contribution.at(i), t) + " although the upstream gradient " + num(u, t) + " is finite";
}

std::string explainSumNonFinite(std::span<const Tensor> parts, const Tensor& sum)
{
    if (sum.allFinite())
        return {};
    for (const Tensor& p : parts)
        if (!p.allFinite())
            return {};
    return "adding the gradients that meet here overflows " + std::string(dtypeName(sum.dtype())) + " -> "
           + formatNumber(sum.at(firstBad(sum, false)), sum.dtype());
}

} // namespace gs
