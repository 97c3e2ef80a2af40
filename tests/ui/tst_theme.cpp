// Contrast in every theme (issue 11, item 10): text roles of the Light, Dark and presenter palettes
// against their backgrounds by WCAG 2.x, check box and radio button indicators as they are really
// drawn (outline against the window, mark against the indicator's fill), and the graph canvas's
// node texts.
//
// Set GRADSCOPE_THEME_SHOTS=<folder> to save the rendered indicators and a small gallery of
// controls per theme, to look at them.
#include "ui/Theme.h"
#include "ui/render/EditorStyle.h"

#include <QApplication>
#include <QCheckBox>
#include <QComboBox>
#include <QDir>
#include <QGridLayout>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QMetaEnum>
#include <QPainter>
#include <QPushButton>
#include <QRadioButton>
#include <QStyle>
#include <QStyleOptionButton>
#include <QTest>

#include <cmath>
#include <functional>

namespace {

/// WCAG 2.x relative luminance of an sRGB colour.
double luminance(const QColor& c)
{
    const auto linear = [](double v) { return v <= 0.04045 ? v / 12.92 : std::pow((v + 0.055) / 1.055, 2.4); };
    const QColor rgb = c.toRgb();
    return 0.2126 * linear(rgb.redF()) + 0.7152 * linear(rgb.greenF()) + 0.0722 * linear(rgb.blueF());
}

/// `c` as it shows over `background` (Fusion's placeholder text, for one, is half transparent).
QColor over(const QColor& c, const QColor& background)
{
    const double a = c.alphaF();
    const auto ch = [a](double x, double y) { return x * a + y * (1 - a); };
    return QColor::fromRgbF(float(ch(c.redF(), background.redF())), float(ch(c.greenF(), background.greenF())),
                            float(ch(c.blueF(), background.blueF())));
}

/// WCAG 2.x contrast ratio, 1 (none) to 21 (black on white), of `a` drawn over `b`.
double contrast(const QColor& a, const QColor& b)
{
    const double la = luminance(over(a, b));
    const double lb = luminance(b);
    return (std::max(la, lb) + 0.05) / (std::min(la, lb) + 0.05);
}

QString describe(const QColor& c) { return c.name(); }

QString roleName(QPalette::ColorRole role)
{
    return QString::fromLatin1(QMetaEnum::fromType<QPalette::ColorRole>().valueToKey(role));
}

enum class Case { Light, Dark, PresenterOnSystem, PresenterOnLight, PresenterOnDark };

void apply(Case c)
{
    switch (c) {
    case Case::Light: gs::applyTheme(gs::Theme::Light); break;
    case Case::Dark: gs::applyTheme(gs::Theme::Dark); break;
    case Case::PresenterOnSystem:
    case Case::PresenterOnLight:
    case Case::PresenterOnDark:
        // Presenter mode puts its palette over whatever theme (and style) is current.
        gs::applyTheme(c == Case::PresenterOnLight  ? gs::Theme::Light
                       : c == Case::PresenterOnDark ? gs::Theme::Dark
                                                    : gs::Theme::System);
        QApplication::setPalette(gs::presenterPalette());
        break;
    }
}

void addCases()
{
    QTest::addColumn<Case>("theme");
    QTest::newRow("light") << Case::Light;
    QTest::newRow("dark") << Case::Dark;
    QTest::newRow("presenter on system") << Case::PresenterOnSystem;
    QTest::newRow("presenter on light") << Case::PresenterOnLight;
    QTest::newRow("presenter on dark") << Case::PresenterOnDark;
}

QString shotsFolder() { return qEnvironmentVariable("GRADSCOPE_THEME_SHOTS"); }

QString fileName(const char* tag) { return QString::fromUtf8(tag).replace(u' ', u'-'); }

/// An indicator as drawn: the widget's picture and where its indicator is.
struct Indicator {
    QImage image;
    QRect rect;
    QColor window; ///< what the style should have painted around it
};

template <typename Button>
Indicator render(bool checked, bool enabled, QStyle::SubElement element)
{
    Button button(QStringLiteral("Label"));
    button.setChecked(checked);
    button.setEnabled(enabled);
    button.ensurePolished();
    button.resize(button.sizeHint());
    QStyleOptionButton option;
    option.initFrom(&button);
    option.rect = button.rect();
    Indicator in;
    in.rect = button.style()->subElementRect(element, &option, &button);
    in.image = button.grab().toImage().convertToFormat(QImage::Format_RGB32);
    in.window = button.palette().color(enabled ? QPalette::Active : QPalette::Disabled, QPalette::Window);
    return in;
}

/// The largest contrast with `background` among the pixels from just outside one side of the
/// indicator to `depth` pixels inside it, along the line through its centre: the outline (or
/// the edge of its fill) as the eye meets it coming from the window.
double edgeContrast(const Indicator& in, const QColor& background, QPoint inward, int depth = 4)
{
    const QPoint centre = in.rect.center();
    QPoint p = inward.x() > 0   ? QPoint(in.rect.left() - 1, centre.y())
               : inward.x() < 0 ? QPoint(in.rect.right() + 1, centre.y())
               : inward.y() > 0 ? QPoint(centre.x(), in.rect.top() - 1)
                                : QPoint(centre.x(), in.rect.bottom() + 1);
    double best = 1.0;
    for (int i = 0; i <= depth; ++i, p += inward)
        if (in.image.rect().contains(p))
            best = std::max(best, contrast(QColor(in.image.pixel(p)), background));
    return best;
}

/// The middle of an indicator, clear of its outline (a radio button's too).
QRect middle(const QRect& indicator)
{
    const int m = std::max(3, qRound(indicator.width() * 0.3));
    return indicator.adjusted(m, m, -m, -m);
}

/// How many pixels well inside the indicator differ from `fill` by at least `ratio`.
int markPixels(const Indicator& in, const QColor& fill, double ratio)
{
    const QRect inner = middle(in.rect);
    int count = 0;
    for (int y = inner.top(); y <= inner.bottom(); ++y)
        for (int x = inner.left(); x <= inner.right(); ++x)
            if (contrast(QColor(in.image.pixel(x, y)), fill) >= ratio)
                ++count;
    return count;
}

/// A few controls in every state, to look at.
QImage gallery()
{
    QWidget w;
    auto* grid = new QGridLayout(&w);
    for (int enabled = 1; enabled >= 0; --enabled) {
        const int row = enabled ? 0 : 1;
        auto add = [&](QWidget* widget, int column) {
            widget->setEnabled(enabled);
            grid->addWidget(widget, row, column);
        };
        auto* checked = new QCheckBox(QStringLiteral("Checked"));
        checked->setChecked(true);
        add(checked, 0);
        add(new QCheckBox(QStringLiteral("Unchecked")), 1);
        auto* radio = new QRadioButton(QStringLiteral("Chosen"));
        radio->setChecked(true);
        add(radio, 2);
        add(new QRadioButton(QStringLiteral("Other")), 3);
        add(new QPushButton(QStringLiteral("Button")), 4);
        auto* edit = new QLineEdit;
        edit->setPlaceholderText(QStringLiteral("placeholder"));
        add(edit, 5);
        add(new QLabel(QStringLiteral("Label <a href=\"#\">link</a>")), 6);
        auto* combo = new QComboBox;
        combo->addItem(QStringLiteral("float32"));
        add(combo, 7);
    }
    auto* box = new QGroupBox(QStringLiteral("Watched"));
    box->setCheckable(true);
    grid->addWidget(box, 2, 0, 1, 4);
    w.resize(w.sizeHint());
    return w.grab().toImage();
}

} // namespace

Q_DECLARE_METATYPE(Case)

class TestTheme : public QObject {
    Q_OBJECT
private slots:
    void cleanupTestCase() { gs::applyTheme(gs::Theme::System); }

    void textRolesAreLegible_data() { addCases(); }
    void textRolesAreLegible()
    {
        QFETCH(Case, theme);
        apply(theme);
        const QPalette p = QApplication::palette();
        struct Pair {
            QPalette::ColorRole text, background;
        };
        // Normal text needs 4.5:1 (WCAG 1.4.3).
        const Pair pairs[] = {{QPalette::WindowText, QPalette::Window},
                              {QPalette::Text, QPalette::Base},
                              {QPalette::Text, QPalette::AlternateBase},
                              {QPalette::ButtonText, QPalette::Button},
                              {QPalette::ToolTipText, QPalette::ToolTipBase},
                              {QPalette::HighlightedText, QPalette::Highlight},
                              {QPalette::PlaceholderText, QPalette::Base},
                              {QPalette::Link, QPalette::Window},
                              {QPalette::Link, QPalette::Base}};
        QStringList failures;
        for (QPalette::ColorGroup group : {QPalette::Active, QPalette::Inactive})
            for (const Pair& pair : pairs) {
                const double ratio = contrast(p.color(group, pair.text), p.color(group, pair.background));
                qDebug("%s %s on %s: %.2f", group == QPalette::Active ? "active" : "inactive",
                       qPrintable(roleName(pair.text)),
                       qPrintable(roleName(pair.background)), ratio);
                if (ratio < 4.5)
                    failures << QStringLiteral("%1 %2 on %3 %4: %5")
                                    .arg(roleName(pair.text), describe(p.color(group, pair.text)),
                                         roleName(pair.background),
                                         describe(p.color(group, pair.background)))
                                    .arg(ratio, 0, 'f', 2);
            }
        // Fusion paints a push button as a gradient from Button lightened by up to 24%.
        const double onButton = contrast(p.color(QPalette::ButtonText), p.color(QPalette::Button).lighter(124));
        if (onButton < 4.5)
            failures << QStringLiteral("ButtonText on the lightened Button: %1").arg(onButton, 0, 'f', 2);

        // Disabled texts: at least 3:1, so that they stay readable (WCAG asks nothing of inactive
        // controls, a class reading from the back row does), and visibly different from enabled
        // text, so that a disabled control looks disabled.
        const Pair disabled[] = {{QPalette::WindowText, QPalette::Window},
                                 {QPalette::Text, QPalette::Base},
                                 {QPalette::ButtonText, QPalette::Button}};
        for (const Pair& pair : disabled) {
            const QColor text = p.color(QPalette::Disabled, pair.text);
            const double ratio = contrast(text, p.color(QPalette::Disabled, pair.background));
            qDebug("disabled %s on %s: %.2f", qPrintable(roleName(pair.text)),
                   qPrintable(roleName(pair.background)), ratio);
            if (ratio < 3.0)
                failures << QStringLiteral("disabled %1 %2: %3")
                                .arg(roleName(pair.text), describe(text))
                                .arg(ratio, 0, 'f', 2);
            const double fromEnabled = contrast(text, p.color(QPalette::Active, pair.text));
            if (fromEnabled < 1.5)
                failures << QStringLiteral("disabled %1 looks enabled (%2 against %3: %4)")
                                .arg(roleName(pair.text), describe(text),
                                     describe(p.color(QPalette::Active, pair.text)))
                                .arg(fromEnabled, 0, 'f', 2);
        }
        if (!failures.isEmpty())
            QFAIL(qPrintable(failures.join(QStringLiteral("; "))));
    }

    void indicatorsAreVisible_data() { addCases(); }
    void indicatorsAreVisible()
    {
        QFETCH(Case, theme);
        apply(theme);
        QStringList failures;
        const auto check = [&](const char* what, const std::function<Indicator(bool, bool)>& draw) {
            for (bool enabled : {true, false}) {
                const Indicator off = draw(false, enabled);
                const Indicator on = draw(true, enabled);
                QVERIFY(off.rect.isValid() && off.image.rect().contains(off.rect));
                // The grab painted the window around the indicator.
                QCOMPARE(QColor(off.image.pixel(0, 0)), off.window);
                const QString state = enabled ? QStringLiteral("enabled") : QStringLiteral("disabled");
                for (const Indicator* in : {&off, &on})
                    for (QPoint inward : {QPoint(1, 0), QPoint(-1, 0), QPoint(0, 1), QPoint(0, -1)}) {
                        // Non-text contrast of a control's boundary: 3:1 (WCAG 1.4.11).
                        const double ratio = edgeContrast(*in, in->window, inward);
                        if (ratio < 3.0)
                            failures << QStringLiteral("%1 %2 %3 outline from (%4,%5): %6")
                                            .arg(QString::fromUtf8(what), state,
                                                 in == &off ? QStringLiteral("unchecked") : QStringLiteral("checked"))
                                            .arg(inward.x())
                                            .arg(inward.y())
                                            .arg(ratio, 0, 'f', 2);
                    }
                // The mark: enough pixels inside the indicator at 3:1 from its fill (the unchecked
                // indicator's centre), and none of them there when it is unchecked.
                const QColor fill(off.image.pixel(off.rect.center()));
                const int marked = markPixels(on, fill, 3.0);
                const int inner = middle(off.rect).width() * middle(off.rect).height();
                qDebug("%s %s: outline %.2f/%.2f (unchecked/checked, weakest side), mark %d of %d pixels at 3:1 "
                       "from the fill %s, window %s",
                       what, qPrintable(state),
                       std::min({edgeContrast(off, off.window, {1, 0}), edgeContrast(off, off.window, {-1, 0}),
                                 edgeContrast(off, off.window, {0, 1}), edgeContrast(off, off.window, {0, -1})}),
                       std::min({edgeContrast(on, on.window, {1, 0}), edgeContrast(on, on.window, {-1, 0}),
                                 edgeContrast(on, on.window, {0, 1}), edgeContrast(on, on.window, {0, -1})}),
                       marked, inner, qPrintable(fill.name()), qPrintable(off.window.name()));
                if (marked < std::max(6, inner / 6))
                    failures << QStringLiteral("%1 %2 check mark: %3 of %4 pixels at 3:1 from the fill")
                                    .arg(QString::fromUtf8(what), state)
                                    .arg(marked)
                                    .arg(inner);
                if (const int stray = markPixels(off, fill, 3.0); stray > 0)
                    failures << QStringLiteral("%1 %2 unchecked: %3 marked pixels in its middle")
                                    .arg(QString::fromUtf8(what), state)
                                    .arg(stray);

                const QString folder = shotsFolder();
                if (!folder.isEmpty()) {
                    QDir().mkpath(folder);
                    const QString base = QStringLiteral("%1/%2-%3-%4").arg(folder, fileName(QTest::currentDataTag()),
                                                                          QString::fromUtf8(what), state);
                    off.image.save(base + QStringLiteral("-off.png"));
                    on.image.save(base + QStringLiteral("-on.png"));
                }
            }
        };
        check("checkbox", [](bool checked, bool enabled) {
            return render<QCheckBox>(checked, enabled, QStyle::SE_CheckBoxIndicator);
        });
        check("radio", [](bool checked, bool enabled) {
            return render<QRadioButton>(checked, enabled, QStyle::SE_RadioButtonIndicator);
        });
        if (!shotsFolder().isEmpty())
            gallery().save(QStringLiteral("%1/%2-gallery.png").arg(shotsFolder(), fileName(QTest::currentDataTag())));
        if (!failures.isEmpty())
            QFAIL(qPrintable(failures.join(QStringLiteral("; "))));
    }

    void nodeTextsAreLegible_data()
    {
        QTest::addColumn<int>("which");
        QTest::newRow("light()") << 0;
        QTest::newRow("darkStyle()") << 1;
        QTest::newRow("presenter palette") << 2;
        QTest::newRow("light theme") << 3;
        QTest::newRow("dark theme") << 4;
    }
    void nodeTextsAreLegible()
    {
        QFETCH(int, which);
        gs::EditorStyle s;
        switch (which) {
        case 0: s = gs::EditorStyle::light(); break;
        case 1: s = gs::EditorStyle::darkStyle(); break;
        case 2: s = gs::EditorStyle::fromPalette(gs::presenterPalette()); break;
        case 3:
            gs::applyTheme(gs::Theme::Light);
            s = gs::EditorStyle::fromPalette(QApplication::palette());
            break;
        default:
            gs::applyTheme(gs::Theme::Dark);
            s = gs::EditorStyle::fromPalette(QApplication::palette());
            break;
        }
        struct Pair {
            const char* text;
            QColor ink;
            const char* on;
            QColor fill;
        };
        // The title and the subtitle are written on the header of every kind of node, the value
        // and the port names on the node's fill, comments and group titles on the canvas. (The
        // vermillion of NaN and infinity is not asked for 4.5:1: it is a meaning colour, kept,
        // and paired with a word and a dash-dot pattern.)
        const Pair pairs[] = {{"text", s.text, "nodeFill", s.nodeFill},
                              {"mutedText", s.mutedText, "nodeFill", s.nodeFill},
                              {"text", s.text, "canvas", s.canvas},
                              {"mutedText", s.mutedText, "canvas", s.canvas},
                              {"text", s.text, "opHeader", s.opHeader},
                              {"text", s.text, "variableHeader", s.variableHeader},
                              {"text", s.text, "constantHeader", s.constantHeader},
                              {"text", s.text, "inputHeader", s.inputHeader},
                              {"text", s.text, "customHeader", s.customHeader},
                              {"text", s.text, "bodyHeader", s.bodyHeader},
                              {"mutedText", s.mutedText, "opHeader", s.opHeader},
                              {"mutedText", s.mutedText, "variableHeader", s.variableHeader},
                              {"mutedText", s.mutedText, "constantHeader", s.constantHeader},
                              {"mutedText", s.mutedText, "inputHeader", s.inputHeader},
                              {"mutedText", s.mutedText, "customHeader", s.customHeader},
                              {"mutedText", s.mutedText, "bodyHeader", s.bodyHeader},
                              // "None" on a node and on a wire's label.
                              {"blocked", s.blocked, "nodeFill", s.nodeFill},
                              {"blocked", s.blocked, "canvas", s.canvas},
                              // The pills above a node (NodePainter's inks).
                              {"black", Qt::black, "target", s.target},
                              {s.dark ? "black" : "white", s.dark ? Qt::black : Qt::white, "source", s.source},
                              {s.dark ? "black" : "white", s.dark ? Qt::black : Qt::white, "blocked", s.blocked}};
        QStringList failures;
        for (const Pair& pair : pairs) {
            const double ratio = contrast(pair.ink, pair.fill);
            qDebug("%s %s on %s %s: %.2f", pair.text, qPrintable(pair.ink.name()), pair.on,
                   qPrintable(pair.fill.name()), ratio);
            if (ratio < 4.5)
                failures << QStringLiteral("%1 %2 on %3 %4: %5")
                                .arg(QString::fromUtf8(pair.text), pair.ink.name(), QString::fromUtf8(pair.on),
                                     pair.fill.name())
                                .arg(ratio, 0, 'f', 2);
        }
        // The meaning colours stay the Okabe-Ito ones.
        QCOMPARE(s.target, QColor(0xE69F00));
        QCOMPARE(s.nonfinite, QColor(0xD55E00));
        QCOMPARE(s.source, s.dark ? QColor(0x56B4E9) : QColor(0x0072B2));
        if (!failures.isEmpty())
            QFAIL(qPrintable(failures.join(QStringLiteral("; "))));
    }

    void contrastIsMeasuredAsWcagSays()
    {
        QCOMPARE(contrast(Qt::black, Qt::white), 21.0);
        QCOMPARE(contrast(Qt::white, Qt::white), 1.0);
        // #767676 on white is the classic "just passes AA" grey.
        QVERIFY(std::abs(contrast(QColor(0x767676), Qt::white) - 4.54) < 0.01);
    }
};

QTEST_MAIN(TestTheme)
#include "tst_theme.moc"
