// Pictures of the graph: PNG (scaled), SVG and PDF files from the GUI's code path and from
// `gradscope export` run as a process with no display.
#include "document/Evaluation.h"
#include "document/FormulaReader.h"
#include "ui/render/AutoLayout.h"
#include "ui/render/EditorStyle.h"
#include "ui/render/GraphExport.h"
#include "ui/render/GraphOverlay.h"
#include "ui/render/GraphPicture.h"

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QProcess>
#include <QProcessEnvironment>
#include <QTemporaryDir>
#include <QTest>
#include <QXmlStreamReader>

#ifdef Q_OS_LINUX
#include <sys/resource.h>

#include <csignal>
#endif

namespace {

const char* const book = "w1 = Variable(5.0)\nw2 = Variable(3.0)\nf = 3 * w1 ** 2 + stop_gradient(2 * w1 * w2)\n";

/// True when the file is well-formed XML with an <svg> root element.
bool isSvg(const QString& path)
{
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly))
        return false;
    QXmlStreamReader xml(&file);
    bool root = false;
    while (!xml.atEnd()) {
        xml.readNext();
        if (xml.isStartElement() && !root)
            root = xml.name() == u"svg";
    }
    return root && !xml.hasError();
}

/// How many pixels differ from the top-left corner's colour: a picture, not an empty page.
int inkPixels(const QImage& image)
{
    const QRgb background = image.pixel(0, 0);
    int ink = 0;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2)
            ink += image.pixel(x, y) != background ? 1 : 0;
    return ink;
}

struct Run {
    int exitCode = -1;
    QString err;
};

Run gradscope(const QStringList& arguments)
{
    QProcessEnvironment environment = QProcessEnvironment::systemEnvironment();
    for (const char* name : {"DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM"})
        environment.remove(QString::fromLatin1(name));
    QProcess process;
    process.setProcessEnvironment(environment);
    process.start(QStringLiteral(GRADSCOPE_EXE), arguments);
    if (!process.waitForFinished(60'000))
        return {};
    return {process.exitCode(), QString::fromLocal8Bit(process.readAllStandardError())};
}

} // namespace

class TestExport : public QObject {
    Q_OBJECT
private slots:
    void initTestCase() { QVERIFY(dir_.isValid()); }

    void pngSvgAndPdfFromThePicture()
    {
        gs::GraphData data = gs::readFormula(QString::fromLatin1(book)).data;
        const gs::EditorStyle style = gs::EditorStyle::light();
        gs::applyAutoLayout(data, style);
        const gs::Evaluation ev = gs::evaluate(data);
        const gs::GraphOverlay overlay = gs::computeOverlay(data, ev, {gs::ViewMode::Gradient, -1, {}});
        const gs::GraphPicture picture(data, ev, overlay, style);
        QVERIFY(picture.size().width() > 400);

        const QString png1 = dir_.filePath("g1.png");
        const QString png2 = dir_.filePath("g2.png");
        QVERIFY(gs::exportPicture(picture, png1, 1.0));
        QVERIFY(gs::exportPicture(picture, png2, 2.0));
        const QImage one(png1);
        const QImage two(png2);
        QVERIFY(!one.isNull() && !two.isNull());
        QVERIFY(std::abs(two.width() - 2 * one.width()) <= 2);
        QVERIFY(std::abs(two.height() - 2 * one.height()) <= 2);
        QVERIFY(inkPixels(one) > 2000);

        const QString svg = dir_.filePath("g.svg");
        QVERIFY(gs::exportPicture(picture, svg));
        QVERIFY(isSvg(svg));
        QVERIFY(QFileInfo(svg).size() > 5000);

        const QString pdf = dir_.filePath("g.pdf");
        QVERIFY(gs::exportPicture(picture, pdf));
        QFile file(pdf);
        QVERIFY(file.open(QIODevice::ReadOnly));
        QVERIFY(file.read(5) == "%PDF-");
        QVERIFY(file.size() > 3000);

        QString error;
        QVERIFY(!gs::exportPicture(picture, dir_.filePath("g.bmp"), 1.0, &error));
        QVERIFY(error.contains(".png"));
    }

    void aFailedExportLeavesTheOldPictureWhole()
    {
#ifndef Q_OS_LINUX
        QSKIP("needs setrlimit(RLIMIT_FSIZE) to make a write fail half-way");
#else
        gs::GraphData data = gs::readFormula(QString::fromLatin1(book)).data;
        const gs::EditorStyle style = gs::EditorStyle::light();
        gs::applyAutoLayout(data, style);
        const gs::Evaluation ev = gs::evaluate(data);
        // Named: the picture keeps a reference to its overlay.
        gs::OverlayOptions options;
        options.mode = gs::ViewMode::Gradient;
        const gs::GraphOverlay overlay = gs::computeOverlay(data, ev, options);
        const gs::GraphPicture picture(data, ev, overlay, style);
        QTemporaryDir dir;
        for (const char* name : {"slide.png", "slide.svg", "slide.pdf"}) {
            const QString path = dir.filePath(QString::fromLatin1(name));
            QVERIFY(gs::exportPicture(picture, path, 1.0));
            QFile before(path);
            QVERIFY(before.open(QIODevice::ReadOnly));
            const QByteArray good = before.readAll();
            before.close();
            QVERIFY(good.size() > 1024);
            // A file size limit the picture cannot fit in: the write fails half-way (root cannot
            // override it, unlike permissions), as a full disk would.
            rlimit previous{};
            getrlimit(RLIMIT_FSIZE, &previous);
            const auto previousHandler = std::signal(SIGXFSZ, SIG_IGN);
            rlimit limit = previous;
            limit.rlim_cur = 1024;
            QCOMPARE(setrlimit(RLIMIT_FSIZE, &limit), 0);
            QString error;
            const bool written = gs::exportPicture(picture, path, 2.0, &error);
            setrlimit(RLIMIT_FSIZE, &previous);
            std::signal(SIGXFSZ, previousHandler);
            QVERIFY2(!written, name);
            QVERIFY2(error.contains(path), qPrintable(error));
            QFile after(path);
            QVERIFY(after.open(QIODevice::ReadOnly));
            QVERIFY2(after.readAll() == good, name);
        }
        // Nothing half-written is left beside the pictures.
        QCOMPARE(QDir(dir.path()).entryList(QDir::Files).size(), 3);
#endif
    }

    void theExportVerbDrawsWithoutADisplay()
    {
        const QString out1 = dir_.filePath("verb1.png");
        const QString out2 = dir_.filePath("verb2.png");
        const Run a = gradscope({"export", QString::fromLatin1(book), "-o", out1, "--view", "gradient"});
        QCOMPARE(a.exitCode, 0);
        const Run b = gradscope({"export", QString::fromLatin1(book), "-o", out2, "--view", "gradient", "--scale", "2"});
        QCOMPARE(b.exitCode, 0);
        const QImage one(out1);
        const QImage two(out2);
        QVERIFY(!one.isNull());
        QVERIFY(std::abs(two.width() - 2 * one.width()) <= 2);

        const QString svg = dir_.filePath("verb.svg");
        const Run c = gradscope({"export", "x = Variable(100.0)\nf = log(exp(x) + 1.0)", "-o", svg, "--at", "x=50"});
        QCOMPARE(c.exitCode, 0);
        QVERIFY(isSvg(svg));

        const QString pdf = dir_.filePath("verb.pdf");
        QCOMPARE(gradscope({"export", QString::fromLatin1(book), "-o", pdf, "--step", "3"}).exitCode, 0);
        QVERIFY(QFileInfo(pdf).size() > 3000);

        const Run bad = gradscope({"export", QString::fromLatin1(book), "-o", dir_.filePath("x.gif")});
        QCOMPARE(bad.exitCode, 2);
        QVERIFY2(bad.err.contains(".png, .svg or .pdf"), qPrintable(bad.err));
        const Run view = gradscope({"export", QString::fromLatin1(book), "-o", out1, "--view", "sideways"});
        QCOMPARE(view.exitCode, 2);
    }

private:
    QTemporaryDir dir_;
};

QTEST_MAIN(TestExport)
#include "tst_export.moc"
