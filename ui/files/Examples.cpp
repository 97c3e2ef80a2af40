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
