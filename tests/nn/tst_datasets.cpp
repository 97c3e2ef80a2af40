// Datasets: the housing-shaped set, the classic 2-D sets, CSV import and its errors, splitting
// and standardization, and batch sampling, all deterministic for a seed.
#include "engine/nn/BatchSampler.h"
#include "engine/nn/Csv.h"
#include "engine/nn/SyntheticData.h"

#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <fstream>
#include <set>

using namespace gs;
using namespace gs::nn;

namespace {

/// The DatasetError thrown by `f`: its line and message.
template <class F> std::pair<int, std::string> datasetError(F&& f)
{
    try {
        f();
    } catch (const DatasetError& e) {
        return {e.line(), e.what()};
    }
    return {-1, "no error"};
}

double columnMean(const Tensor& x, std::int64_t c)
{
    double s = 0;
    for (std::int64_t r = 0; r < x.shape().rows; ++r)
        s += x.at(r, c);
    return s / static_cast<double>(x.shape().rows);
}

double columnStddev(const Tensor& x, std::int64_t c)
{
    const double m = columnMean(x, c);
    double s = 0;
    for (std::int64_t r = 0; r < x.shape().rows; ++r)
        s += (x.at(r, c) - m) * (x.at(r, c) - m);
    return std::sqrt(s / static_cast<double>(x.shape().rows));
}

} // namespace

class TestDatasets : public QObject {
    Q_OBJECT

private slots:
    void housingHasTheBooksShape()
    {
        const DatasetSplit data = housingLike(42);
        QCOMPARE(data.train.x.shape(), Shape::matrix(11610, 8));
        QCOMPARE(data.valid.x.shape(), Shape::matrix(3870, 8));
        QCOMPARE(data.test.x.shape(), Shape::matrix(5160, 8));
        QCOMPARE(data.train.y.shape(), Shape::matrix(11610, 1));
        QCOMPARE(data.train.x.dtype(), DType::Float32);
        QCOMPARE(data.featureNames.front(), std::string("MedInc"));
        QCOMPARE(data.featureNames.back(), std::string("Longitude"));
        QCOMPARE(data.targetName, std::string("MedHouseVal"));
        // Standardized on the training split: mean 0 and standard deviation 1 there.
        for (std::int64_t c = 0; c < 8; ++c) {
            QVERIFY(std::abs(columnMean(data.train.x, c)) < 1e-5);
            QVERIFY(std::abs(columnStddev(data.train.x, c) - 1.0) < 1e-4);
        }
        // The original scale is kept: MedInc around 3.87, Latitude around 35.6.
        QVERIFY(std::abs(data.featureMean[0] - 3.87) < 0.1);
        QVERIFY(std::abs(data.featureMean[6] - 35.63) < 0.1);
        // Targets look like median house values.
        double lo = 1e9, hi = -1e9;
        for (double v : data.train.y.toDoubles()) {
            lo = std::min(lo, v);
            hi = std::max(hi, v);
        }
        QVERIFY(lo >= 0.15 - 1e-6 && hi <= 5.00001 + 1e-6);
        QVERIFY(std::abs(columnMean(data.train.y, 0) - 2.07) < 0.1);
    }

    void housingIsDeterministicForASeed()
    {
        const DatasetSplit a = housingLike(42), b = housingLike(42), c = housingLike(43);
        QCOMPARE(a.train.x.toDoubles(), b.train.x.toDoubles());
        QCOMPARE(a.test.y.toDoubles(), b.test.y.toDoubles());
        QVERIFY(a.train.x.toDoubles() != c.train.x.toDoubles());
    }

    void classicSetsAreBalancedAndDeterministic()
    {
        for (Classic2D kind :
             {Classic2D::Circle, Classic2D::Xor, Classic2D::Gauss, Classic2D::Spiral}) {
            SplitOptions options;
            options.seed = 5;
            const DatasetSplit a = classic2D(kind, 400, 0.1, options);
            const DatasetSplit b = classic2D(kind, 400, 0.1, options);
            QCOMPARE(a.train.x.toDoubles(), b.train.x.toDoubles());
            QCOMPARE(a.train.size() + a.valid.size() + a.test.size(), std::int64_t{400});
            QCOMPARE(a.featureNames, (std::vector<std::string>{"x1", "x2"}));
            double positives = 0;
            for (const Dataset* d : {&a.train, &a.valid, &a.test})
                for (double v : d->y.toDoubles()) {
                    QVERIFY(v == 0.0 || v == 1.0);
                    positives += v;
                }
            QVERIFY2(positives > 120 && positives < 280, classic2DName(kind).data());
        }
        QCOMPARE(classic2DFromName("spiral"), std::optional(Classic2D::Spiral));
        QVERIFY(!classic2DFromName("moons"));
    }

    void circleLabelsFollowTheRadius()
    {
        SplitOptions options;
        options.standardize = false;
        const DatasetSplit data = classic2D(Classic2D::Circle, 200, 0.0, options);
        for (std::int64_t r = 0; r < data.train.size(); ++r) {
            const double radius = std::hypot(data.train.x.at(r, 0), data.train.x.at(r, 1));
            QCOMPARE(data.train.y.at(r), radius < 2.5 ? 1.0 : 0.0);
        }
    }

    void splitFollowsTrainTestSplitCounts()
    {
        std::vector<std::vector<double>> rows;
        for (int i = 0; i < 10; ++i)
            rows.push_back({static_cast<double>(i), 2.0 * i});
        const DatasetSplit data = splitTable({"x", "y"}, rows, "y", {});
        // test = ceil(10 * 0.25) = 3; valid = ceil(7 * 0.25) = 2; train = 5.
        QCOMPARE(data.test.size(), std::int64_t{3});
        QCOMPARE(data.valid.size(), std::int64_t{2});
        QCOMPARE(data.train.size(), std::int64_t{5});
    }

    void standardizationUsesTheTrainingSplitOnly()
    {
        std::vector<std::vector<double>> rows;
        for (int i = 0; i < 8; ++i)
            rows.push_back({static_cast<double>(i * i), static_cast<double>(i)});
        SplitOptions options;
        options.shuffle = false; // test rows 0-1, valid rows 2-3, train rows 4-7
        options.testFraction = 0.25;
        options.validFraction = 1.0 / 3.0;
        const DatasetSplit data = splitTable({"f", "t"}, rows, "t", options);
        QCOMPARE(data.train.size(), std::int64_t{4});
        const double mean = (16.0 + 25.0 + 36.0 + 49.0) / 4.0;
        QCOMPARE(data.featureMean[0], mean);
        const double stddev = std::sqrt(((16 - mean) * (16 - mean) + (25 - mean) * (25 - mean)
                                         + (36 - mean) * (36 - mean) + (49 - mean) * (49 - mean))
                                        / 4.0);
        QVERIFY(std::abs(data.featureScale[0] - stddev) < 1e-12);
        // The test rows are scaled with the training statistics (so they are far from 0).
        QCOMPARE(data.test.x.at(0), static_cast<double>(static_cast<float>((0.0 - mean) / stddev)));
        QCOMPARE(data.test.y.toDoubles(), (std::vector<double>{0, 1}));
    }

    void csvReadsHeaderAndNumbers()
    {
        const CsvTable table = parseCsv("a, \"b\",target\r\n1,2,3\n\n4.5,-6e1, +7\n");
        QCOMPARE(table.columns, (std::vector<std::string>{"a", "b", "target"}));
        QCOMPARE(table.rows.size(), std::size_t{2});
        QCOMPARE(table.rows[1], (std::vector<double>{4.5, -60.0, 7.0}));
    }

    void csvErrorsNameTheLine()
    {
        auto e = datasetError([] { parseCsv(""); });
        QCOMPARE(e.first, 1);
        QVERIFY2(e.second.find("empty") != std::string::npos, e.second.c_str());

        e = datasetError([] { parseCsv("x,y\n1,2\n3,abc\n"); });
        QCOMPARE(e.first, 3);
        QCOMPARE(e.second, std::string("line 3: column 'y': 'abc' is not a number"));

        e = datasetError([] { parseCsv("x,y\n1,2\n3\n"); });
        QCOMPARE(e.first, 3);
        QCOMPARE(e.second, std::string("line 3: expected 2 fields, found 1"));

        e = datasetError([] { parseCsv("x,y\n1,\n"); });
        QCOMPARE(e.first, 2);
        QCOMPARE(e.second, std::string("line 2: column 'y' is empty"));

        e = datasetError([] { parseCsv("x,y\n\n1,nan\n"); });
        QCOMPARE(e.first, 3);

        e = datasetError([] { parseCsv("x,y\n"); });
        QCOMPARE(e.first, 2);
        QCOMPARE(e.second, std::string("line 2: no data rows after the header"));

        e = datasetError([] { parseCsv("x,x\n1,2\n"); });
        QCOMPARE(e.first, 1);

        e = datasetError([] {
            const CsvTable t = parseCsv("x,y\n1,2\n");
            splitTable(t.columns, t.rows, "price", {});
        });
        QCOMPARE(e.first, 1);
        QCOMPARE(e.second, std::string("line 1: no column named 'price' (columns: x, y)"));
    }

    void csvFileLoadsIntoASplit()
    {
        QTemporaryDir dir;
        const std::string path = dir.filePath("data.csv").toStdString();
        {
            std::ofstream out(path);
            out << "size,rooms,price\n";
            for (int i = 0; i < 40; ++i)
                out << i << "," << (i % 5) << "," << 3 * i << "\n";
        }
        const DatasetSplit data = loadCsv(path, "price");
        QCOMPARE(data.featureNames, (std::vector<std::string>{"size", "rooms"}));
        QCOMPARE(data.train.size() + data.valid.size() + data.test.size(), std::int64_t{40});
        QCOMPARE(data.train.x.shape().cols, std::int64_t{2});
        auto missing =
            datasetError([&] { loadCsv(dir.filePath("none.csv").toStdString(), "price"); });
        QCOMPARE(missing.first, 0);
        QVERIFY(missing.second.find("cannot read") != std::string::npos);
    }

    void randomBatchesDrawWithReplacement()
    {
        BatchSampler sampler(11610, 32, BatchOrder::Random, 1);
        QCOMPARE(sampler.stepsPerEpoch(), std::int64_t{362}); // len(X_train) // batch_size
        std::vector<std::int64_t> a, b;
        sampler.batch(0, a);
        QCOMPARE(a.size(), std::size_t{32});
        for (std::int64_t i : a)
            QVERIFY(i >= 0 && i < 11610);
        sampler.batch(1, b);
        QVERIFY(a != b);
        sampler.reset();
        std::vector<std::int64_t> again;
        sampler.batch(0, again);
        QCOMPARE(again, a);
        // With replacement: over many draws from a small set, repeats occur within a batch.
        BatchSampler small(10, 32, BatchOrder::Random, 1);
        small.batch(0, a);
        QVERIFY(std::set<std::int64_t>(a.begin(), a.end()).size() < a.size());
    }

    void shuffledBatchesCoverEveryRowOncePerEpoch()
    {
        BatchSampler sampler(10, 4, BatchOrder::Shuffled, 3);
        QCOMPARE(sampler.stepsPerEpoch(), std::int64_t{3});
        std::vector<std::int64_t> seen, batch;
        for (std::int64_t s = 0; s < 3; ++s) {
            sampler.batch(s, batch);
            seen.insert(seen.end(), batch.begin(), batch.end());
        }
        QCOMPARE(batch.size(), std::size_t{2}); // the last batch is partial
        QCOMPARE(std::set<std::int64_t>(seen.begin(), seen.end()).size(), std::size_t{10});
        std::vector<std::int64_t> nextEpoch;
        sampler.batch(0, nextEpoch);
        QVERIFY(std::vector<std::int64_t>(seen.begin(), seen.begin() + 4) != nextEpoch);
    }

    void sequentialBatchesKeepTheOrder()
    {
        BatchSampler sampler(5, 2, BatchOrder::Sequential, 3);
        std::vector<std::int64_t> batch;
        sampler.batch(2, batch);
        QCOMPARE(batch, std::vector<std::int64_t>{4});
        sampler.batch(0, batch);
        QCOMPARE(batch, (std::vector<std::int64_t>{0, 1}));
        QCOMPARE(batchOrderFromName("shuffled"), std::optional(BatchOrder::Shuffled));
    }

    void gatherRowsCopiesTheChosenRows()
    {
        const Dataset d{Tensor::matrix({{1, 2}, {3, 4}, {5, 6}}),
                        Tensor::matrix({{10}, {20}, {30}})};
        const std::vector<std::int64_t> rows{2, 0, 2};
        const Dataset b = gatherRows(d, rows);
        QCOMPARE(b.x.toDoubles(), (std::vector<double>{5, 6, 1, 2, 5, 6}));
        QCOMPARE(b.y.toDoubles(), (std::vector<double>{30, 10, 30}));
    }

    void randomNumbersAreReproducible()
    {
        Rng a(9), b(9);
        for (int i = 0; i < 5; ++i) {
            QCOMPARE(a.normal(), b.normal());
            QCOMPARE(a.below(7), b.below(7));
        }
        // The first draws of mt19937_64 are fixed by the C++ standard; ours follow from them.
        Rng c(5489);
        QCOMPARE(c.next(), 14514284786278117030ULL);
        QCOMPARE(deriveSeed(42, 0), deriveSeed(42, 0));
        QVERIFY(deriveSeed(42, 0) != deriveSeed(42, 1));
    }
};

QTEST_GUILESS_MAIN(TestDatasets)
#include "tst_datasets.moc"
