#include "ui/editor/FunctionSampler.h"

#include "document/Evaluation.h"

#include <QStringList>

#include <cmath>

namespace gs {

namespace {

/// A single number for a possibly non-scalar tensor: the sum, as tape.gradient does.
double total(const Tensor& t)
{
    double sum = 0;
    for (std::int64_t i = 0; i < t.size(); ++i)
        sum += t.at(i);
    return sum;
}

QString describe(double f, double df)
{
    QStringList parts;
    if (!std::isfinite(f))
        parts << QStringLiteral("f = %1").arg(std::isnan(f) ? "nan" : f > 0 ? "inf" : "-inf");
    if (!std::isfinite(df))
        parts << QStringLiteral("f' = %1").arg(std::isnan(df) ? "nan" : df > 0 ? "inf" : "-inf");
    return parts.join(QStringLiteral(", "));
}

} // namespace

std::vector<NodeId> sweepableInputs(const GraphData& data)
{
    std::vector<NodeId> ids;
    for (const auto& [id, n] : data.nodes) {
        if (n.scope.valid())
            continue;
        if (n.kind != NodeKind::Variable && n.kind != NodeKind::Input && n.kind != NodeKind::Constant)
            continue;
        if (n.value && n.value->values.size() != 1)
            continue;
        ids.push_back(id);
    }
    return ids;
}

FunctionSamples sampleFunction(const GraphData& data, const SampleRequest& request)
{
    FunctionSamples samples;
    const Node* input = data.node(request.input);
    if (!input) {
        samples.error = QStringLiteral("choose the input to sweep");
        return samples;
    }
    if (!(request.to > request.from) || request.count < 2) {
        samples.error = QStringLiteral("the range is empty");
        return samples;
    }
    EvaluationOptions options;
    options.dtype = request.dtype;
    options.wrt = std::vector<NodeId>{request.input};
    const double step = (request.to - request.from) / (request.count - 1);
    for (int i = 0; i < request.count; ++i) {
        const double x = request.from + step * i;
        TensorValue v = TensorValue::scalar(x, input->value ? input->value->dtype : std::nullopt);
        options.values[request.input] = v;
        const Evaluation ev = evaluate(data, options);
        if (!ev.ok()) {
            samples = {};
            samples.error = ev.error;
            return samples;
        }
        const double f = total(*ev.value);
        double df = 0.0; // None: f does not depend on x
        if (!ev.gradients.empty() && ev.gradients.front().gradient)
            df = total(*ev.gradients.front().gradient);
        else if (!ev.gradientError.isEmpty())
            df = NAN;
        samples.x.push_back(x);
        samples.f.push_back(f);
        samples.df.push_back(df);
    }
    // Stretches of bad samples, each widened by half a step on both sides.
    for (std::size_t i = 0; i < samples.x.size();) {
        const QString what = describe(samples.f[i], samples.df[i]);
        if (what.isEmpty()) {
            ++i;
            continue;
        }
        std::size_t j = i;
        while (j + 1 < samples.x.size() && describe(samples.f[j + 1], samples.df[j + 1]) == what)
            ++j;
        samples.nonfinite.push_back({samples.x[i] - step / 2, samples.x[j] + step / 2, what});
        i = j + 1;
    }
    return samples;
}

} // namespace gs
