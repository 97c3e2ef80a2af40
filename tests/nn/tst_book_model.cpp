// The book's model and loop (chapter 12, "Custom Training Loops") with fixed weights and data,
// one and three steps, against an independent float64 implementation: forward pass, MSE + l2
// penalties, hand-derived backpropagation and Keras 3's Nadam, all in double.
#include "engine/nn/RunSpec.h"

#include <QTest>

#include <cmath>

using namespace gs;
using namespace gs::nn;

namespace {

constexpr int inputs = 8, hidden = 30, rows = 96, batch = 32;
using Matrix = std::vector<std::vector<double>>;

Matrix zeros(int r, int c)
{
    return Matrix(static_cast<std::size_t>(r),
                  std::vector<double>(static_cast<std::size_t>(c), 0.0));
}

/// A value as float32 would hold it: both implementations start from the same numbers.
double f32(double v) { return static_cast<double>(static_cast<float>(v)); }

struct Parameters {
    Matrix w1 = zeros(inputs, hidden);
    std::vector<double> b1 = std::vector<double>(hidden, 0.0);
    Matrix w2 = zeros(hidden, 1);
    double b2 = 0.0;
};

Parameters initialParameters()
{
    Parameters p;
    for (int i = 0; i < inputs; ++i)
        for (int j = 0; j < hidden; ++j)
            p.w1[i][j] = f32(0.3 * std::sin(0.7 * i + 1.3 * j + 0.5));
    for (int j = 0; j < hidden; ++j) {
        p.b1[j] = f32(0.02 * (j % 7) - 0.05);
        p.w2[j][0] = f32(0.2 * std::cos(0.9 * j + 0.2));
    }
    p.b2 = f32(0.7);
    return p;
}

Matrix features()
{
    Matrix x = zeros(rows, inputs);
    for (int r = 0; r < rows; ++r)
        for (int c = 0; c < inputs; ++c)
            x[r][c] = f32(1.5 * std::sin(1.3 * r + 0.7 * c));
    return x;
}

std::vector<double> targets(const Matrix& x)
{
    std::vector<double> y;
    for (int r = 0; r < rows; ++r)
        y.push_back(f32(2.0 + 0.8 * x[r][0] - 0.4 * x[r][3] + 0.3 * x[r][5] * x[r][6]));
    return y;
}

/// Keras 3 Nadam (learning_rate 0.01) in double, on a flat list of parameters.
struct NadamReference {
    double lr = 0.01, beta1 = 0.9, beta2 = 0.999, epsilon = 1e-7, product = 1.0;
    int iterations = 0;
    std::vector<double> m, v;

    void apply(std::vector<double*> params, const std::vector<double>& grads)
    {
        if (m.empty())
            m.assign(params.size(), 0.0), v.assign(params.size(), 0.0);
        const double t = iterations + 1;
        product = product * beta1 * (1.0 - 0.5 * std::pow(0.96, t));
        const double u = beta1 * (1.0 - 0.5 * std::pow(0.96, t));
        const double u1 = beta1 * (1.0 - 0.5 * std::pow(0.96, t + 1));
        const double product1 = product * u1;
        for (std::size_t i = 0; i < params.size(); ++i) {
            const double g = grads[i];
            m[i] += (g - m[i]) * (1.0 - beta1);
            v[i] += (g * g - v[i]) * (1.0 - beta2);
            const double mHat = u1 * m[i] / (1.0 - product1) + (1.0 - u) * g / (1.0 - product);
            const double vHat = v[i] / (1.0 - std::pow(beta2, t));
            *params[i] -= lr * mHat / (std::sqrt(vHat) + epsilon);
        }
        ++iterations;
    }
};

/// One step of the book's loop in double on rows [first, first + batch); returns the loss.
double referenceStep(Parameters& p, NadamReference& optimizer, const Matrix& x,
                     const std::vector<double>& y, int first)
{
    Matrix z1 = zeros(batch, hidden), a1 = zeros(batch, hidden);
    std::vector<double> out(batch);
    for (int r = 0; r < batch; ++r) {
        for (int j = 0; j < hidden; ++j) {
            double s = p.b1[j];
            for (int i = 0; i < inputs; ++i)
                s += x[first + r][i] * p.w1[i][j];
            z1[r][j] = s;
            a1[r][j] = s > 0 ? s : std::exp(s) - 1.0;
        }
        double o = p.b2;
        for (int j = 0; j < hidden; ++j)
            o += a1[r][j] * p.w2[j][0];
        out[r] = o;
    }
    double mse = 0, penalty1 = 0, penalty2 = 0;
    for (int r = 0; r < batch; ++r)
        mse += (y[first + r] - out[r]) * (y[first + r] - out[r]);
    mse /= batch;
    for (const auto& row : p.w1)
        for (double w : row)
            penalty1 += w * w;
    for (const auto& row : p.w2)
        penalty2 += row[0] * row[0];
    const double loss = mse + 0.05 * penalty1 + 0.05 * penalty2;

    // Backpropagation by hand: dL/dout = -2 (y - out) / batch; elu'(z) = 1 (z > 0) or exp(z).
    Parameters g;
    g.w1 = zeros(inputs, hidden);
    g.w2 = zeros(hidden, 1);
    for (int r = 0; r < batch; ++r) {
        const double dOut = -2.0 * (y[first + r] - out[r]) / batch;
        g.b2 += dOut;
        for (int j = 0; j < hidden; ++j) {
            g.w2[j][0] += a1[r][j] * dOut;
            const double dZ = dOut * p.w2[j][0] * (z1[r][j] > 0 ? 1.0 : std::exp(z1[r][j]));
            g.b1[j] += dZ;
            for (int i = 0; i < inputs; ++i)
                g.w1[i][j] += x[first + r][i] * dZ;
        }
    }
    for (int i = 0; i < inputs; ++i)
        for (int j = 0; j < hidden; ++j)
            g.w1[i][j] += 0.1 * p.w1[i][j];
    for (int j = 0; j < hidden; ++j)
        g.w2[j][0] += 0.1 * p.w2[j][0];

    // Keras's variable order: dense/kernel, dense/bias, dense_1/kernel, dense_1/bias.
    std::vector<double*> params;
    std::vector<double> grads;
    for (int i = 0; i < inputs; ++i)
        for (int j = 0; j < hidden; ++j)
            params.push_back(&p.w1[i][j]), grads.push_back(g.w1[i][j]);
    for (int j = 0; j < hidden; ++j)
        params.push_back(&p.b1[j]), grads.push_back(g.b1[j]);
    for (int j = 0; j < hidden; ++j)
        params.push_back(&p.w2[j][0]), grads.push_back(g.w2[j][0]);
    params.push_back(&p.b2), grads.push_back(g.b2);
    optimizer.apply(params, grads);
    return loss;
}

/// The engine's loop: the book's model with the same weights, data in order, batch 32.
std::unique_ptr<TrainingLoop> engineLoop(const Parameters& p, const Matrix& x,
                                         const std::vector<double>& y)
{
    RunSpec spec = RunSpec::book();
    spec.layers[0].weights = {{"kernel", Tensor::matrix(p.w1)}, {"bias", Tensor::vector(p.b1)}};
    spec.layers[1].weights = {{"kernel", Tensor::matrix(p.w2)}, {"bias", Tensor::vector({p.b2})}};
    spec.training.order = BatchOrder::Sequential;
    spec.training.epochs = 1;
    spec.data.source = DataSpec::Source::Inline;
    spec.data.columns = {"x0", "x1", "x2", "x3", "x4", "x5", "x6", "x7", "y"};
    for (int r = 0; r < rows; ++r) {
        std::vector<double> row = x[r];
        row.push_back(y[r]);
        spec.data.rows.push_back(row);
    }
    spec.data.target = spec.data.columns.back();
    spec.data.split.shuffle = false;
    spec.data.split.standardize = false;
    spec.data.split.testFraction = 0.0;
    spec.data.split.validFraction = 0.0;
    return makeTrainingLoop(spec);
}

bool close(double actual, double expected, double tolerance)
{
    return std::abs(actual - expected) <= tolerance * (1.0 + std::abs(expected));
}

void compareWeights(TrainingLoop& loop, const Parameters& p)
{
    const auto vars = loop.model().trainableVariables();
    const Tensor w1 = vars[0].peek(), b1 = vars[1].peek(), w2 = vars[2].peek(), b2 = vars[3].peek();
    double worst = 0;
    for (int i = 0; i < inputs; ++i)
        for (int j = 0; j < hidden; ++j)
            worst = std::max(worst, std::abs(w1.at(i, j) - p.w1[i][j]));
    for (int j = 0; j < hidden; ++j) {
        worst = std::max(worst, std::abs(b1.at(j) - p.b1[j]));
        worst = std::max(worst, std::abs(w2.at(j) - p.w2[j][0]));
    }
    worst = std::max(worst, std::abs(b2.at(0) - p.b2));
    // float32 against float64: a few float32 ulps of a weight of size ~0.3.
    QVERIFY2(worst < 2e-6, qPrintable(QString("largest weight difference %1").arg(worst)));
}

} // namespace

class TestBookModel : public QObject {
    Q_OBJECT

private slots:
    void oneStepMatchesTheFloat64Reference()
    {
        const Matrix x = features();
        const std::vector<double> y = targets(x);
        Parameters p = initialParameters();
        auto loop = engineLoop(p, x, y);
        QCOMPARE(loop->stepsPerEpoch(), std::int64_t{3});

        NadamReference nadam;
        const double expectedLoss = referenceStep(p, nadam, x, y, 0);
        loop->advanceStep();
        QVERIFY2(close(loop->report().loss, expectedLoss, 1e-6),
                 qPrintable(QString("loss %1 vs %2")
                                .arg(loop->report().loss, 0, 'g', 9)
                                .arg(expectedLoss, 0, 'g', 9)));
        QCOMPARE(loop->optimizer().iterations(), std::int64_t{1});
        compareWeights(*loop, p);
        // The regularization part of the loss is 0.05 * (sum w1^2 + sum w2^2).
        QVERIFY(loop->report().regularizationLoss > 0.0);
        QVERIFY(close(loop->report().mainLoss + loop->report().regularizationLoss,
                      loop->report().loss, 1e-6));
    }

    void threeStepsMatchTheFloat64Reference()
    {
        const Matrix x = features();
        const std::vector<double> y = targets(x);
        Parameters p = initialParameters();
        auto loop = engineLoop(p, x, y);
        NadamReference nadam;
        for (int step = 0; step < 3; ++step) {
            const double expectedLoss = referenceStep(p, nadam, x, y, step * batch);
            loop->advanceStep();
            QVERIFY2(close(loop->report().loss, expectedLoss, 1e-6),
                     qPrintable(QString("step %1: loss %2 vs %3")
                                    .arg(step + 1)
                                    .arg(loop->report().loss, 0, 'g', 9)
                                    .arg(expectedLoss, 0, 'g', 9)));
        }
        compareWeights(*loop, p);
        QVERIFY(loop->finished());
        // The book's status line after the epoch: step * batch_size of len(y_train).
        QCOMPARE(loop->history().size(), std::size_t{1});
        QCOMPARE(loop->stepLosses().size(), std::size_t{3});
        const double meanLoss =
            (loop->stepLosses()[0] + loop->stepLosses()[1] + loop->stepLosses()[2]) / 3.0;
        QVERIFY(close(loop->history()[0].loss, meanLoss, 1e-6));
    }

    void nadamStateIsInspectableAfterThreeSteps()
    {
        const Matrix x = features();
        const std::vector<double> y = targets(x);
        Parameters p = initialParameters();
        auto loop = engineLoop(p, x, y);
        NadamReference nadam;
        for (int step = 0; step < 3; ++step) {
            referenceStep(p, nadam, x, y, step * batch);
            loop->advanceStep();
        }
        Optimizer& optimizer = loop->optimizer();
        QCOMPARE(optimizer.slotNames(), (std::vector<std::string>{"momentum", "velocity"}));
        const Variable bias = loop->model().trainableVariables()[3];
        const double m = optimizer.slot(bias, "momentum")->item();
        const double v = optimizer.slot(bias, "velocity")->item();
        QVERIFY(close(m, nadam.m.back(), 1e-4));
        QVERIFY(close(v, nadam.v.back(), 1e-4));
        QVERIFY(close(optimizer.scalarState()[0].second, nadam.product, 1e-6));
    }
};

QTEST_APPLESS_MAIN(TestBookModel)
#include "tst_book_model.moc"
