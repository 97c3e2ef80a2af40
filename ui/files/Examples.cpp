#include "ui/files/Examples.h"

#include "document/DocumentFile.h"

namespace gs {

namespace {
Example example(const QString& title, const QString& resource)
{
    Example e;
    e.title = title;
    e.resource = resource;
    return e;
}

/// One half of a pair of the NaN gallery (resources/examples/nan-*.gscope): in float32, where the
/// naive form fails, and, when its input is a scalar, plotted over `from`..`to` against `other`.
Example nanGallery(const QString& title, const char* name, const char* input = "", double from = -5, double to = 5,
                   const char* other = "")
{
    Example e = example(title, QStringLiteral(":/examples/%1.gscope").arg(QLatin1StringView(name)));
    e.dtype = DType::Float32;
    e.plotInput = QLatin1StringView(input);
    e.plotFrom = from;
    e.plotTo = to;
    if (*other)
        e.compareWith = QStringLiteral(":/examples/%1.gscope").arg(QLatin1StringView(other));
    return e;
}
} // namespace

const std::vector<Example>& examples()
{
    static const std::vector<Example> list = [] {
        std::vector<Example> e;
        Example basics = example(QStringLiteral("Tape basics: f(w1, w2) = 3·w1² + 2·w1·w2"), QStringLiteral(":/examples/tape-basics.gscope"));
        basics.plotInput = QStringLiteral("w1");
        basics.plotFrom = -10;
        basics.plotTo = 10;
        e.push_back(basics);
        Example stop = example(QStringLiteral("stop_gradient: the second term is cut"), QStringLiteral(":/examples/stop-gradient.gscope"));
        stop.plotInput = QStringLiteral("w2");
        e.push_back(stop);
        Example jac = example(QStringLiteral("Jacobian: three outputs, two sources"), QStringLiteral(":/examples/jacobian.gscope"));
        jac.jacobian = true;
        jac.plotInput = QStringLiteral("w1");
        e.push_back(jac);
        Example hes = example(QStringLiteral("Hessian: second derivatives with nested tapes"), QStringLiteral(":/examples/hessian.gscope"));
        hes.hessian = true;
        hes.plotInput = QStringLiteral("w1");
        e.push_back(hes);
        Example naive = example(QStringLiteral("Softplus, naive: the gradient is NaN at x = 100"), QStringLiteral(":/examples/softplus-naive.gscope"));
        naive.dtype = DType::Float32;
        naive.plotInput = QStringLiteral("x");
        naive.plotFrom = -10;
        naive.plotTo = 110;
        naive.compareWith = QStringLiteral(":/examples/softplus-custom.gscope");
        e.push_back(naive);
        Example custom = example(QStringLiteral("Softplus with a custom gradient: stable at x = 100"), QStringLiteral(":/examples/softplus-custom.gscope"));
        custom.dtype = DType::Float32;
        custom.plotInput = QStringLiteral("x");
        custom.plotFrom = -10;
        custom.plotTo = 110;
        custom.compareWith = QStringLiteral(":/examples/softplus-naive.gscope");
        e.push_back(custom);
        e.push_back(nanGallery(QStringLiteral("NaN gallery 1, naive: exp(x) / reduce_sum(exp(x)) at [1000, 0]"), "nan-softmax-naive"));
        e.push_back(nanGallery(QStringLiteral("NaN gallery 1, cure: softmax(x) at [1000, 0]"), "nan-softmax-stable"));
        e.push_back(nanGallery(QStringLiteral("NaN gallery 2, naive: log(sigmoid(x)) at x = -100"), "nan-log-sigmoid-naive", "x", -120, 20,
                               "nan-log-sigmoid-stable"));
        e.push_back(nanGallery(QStringLiteral("NaN gallery 2, cure: log_sigmoid(x) at x = -100"), "nan-log-sigmoid-stable", "x", -120, 20,
                               "nan-log-sigmoid-naive"));
        e.push_back(nanGallery(QStringLiteral("NaN gallery 3, naive: cross-entropy from sigmoid(z) at z = 100"), "nan-cross-entropy-naive",
                               "z", -10, 110, "nan-cross-entropy-logits"));
        e.push_back(nanGallery(QStringLiteral("NaN gallery 3, cure: sigmoid_cross_entropy_with_logits at z = 100"),
                               "nan-cross-entropy-logits", "z", -10, 110, "nan-cross-entropy-naive"));
        e.push_back(nanGallery(QStringLiteral("NaN gallery 4, naive: sqrt(reduce_sum(x ** 2)) at [0, 0]"), "nan-norm-naive"));
        e.push_back(nanGallery(QStringLiteral("NaN gallery 4, cure: the safe norm (two where()s) at [0, 0]"), "nan-norm-safe"));
        // -7.5 to 7.5 in 240 steps of 1/16: x = 0 is one of the samples.
        e.push_back(nanGallery(QStringLiteral("NaN gallery 5, naive: where(x == 0, 1, sin(x) / x) at x = 0"), "nan-sinc-naive", "x", -7.5,
                               7.5, "nan-sinc-double-where"));
        e.push_back(nanGallery(QStringLiteral("NaN gallery 5, cure: a second where (safe_x)"), "nan-sinc-double-where", "x", -7.5, 7.5,
                               "nan-sinc-naive"));
        e.push_back(nanGallery(QStringLiteral("NaN gallery 5, cure: divide_no_nan"), "nan-sinc-divide-no-nan", "x", -7.5, 7.5,
                               "nan-sinc-naive"));
        return e;
    }();
    return list;
}

const Example* exampleFor(const QString& resource)
{
    for (const Example& e : examples())
        if (e.resource == resource)
            return &e;
    return nullptr;
}

std::optional<GraphData> readDocument(const QString& path, QString* error)
{
    DocumentReadResult read = loadDocument(path);
    if (!read.ok()) {
        if (error)
            *error = read.error->text();
        return std::nullopt;
    }
    return std::move(read.data);
}

} // namespace gs
