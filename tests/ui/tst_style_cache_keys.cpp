// What GradScope's style caches under stays the same across a session, so that what Fusion and the
// icons put in QPixmapCache is found again instead of leaving a key Qt 6.4 never forgets: one
// palette object per set of colours (ui/PaletteCanon.h), the same palette key after a trip to
// presenter mode's palette, and one icon for each of the dock title bars' buttons.
#include "ui/PaletteCanon.h"
#include "ui/Theme.h"

#include <QApplication>
#include <QIcon>
#include <QImage>
#include <QProxyStyle>
#include <QPushButton>
#include <QStyleFactory>
#include <QStyleOption>
#include <QTest>

#include <array>
#include <memory>
#include <vector>

using namespace gs;

namespace {

QPalette coloured(const QColor& window)
{
    QPalette p = QApplication::palette();
    p.setColor(QPalette::Window, window);
    return p;
}

/// Fusion, recording the palette key of every control and primitive it is asked to draw.
class KeyRecorder : public QProxyStyle {
public:
    KeyRecorder(QStyle* base, std::vector<qint64>& seen) : QProxyStyle(base), seen_(seen) {}
    void drawPrimitive(PrimitiveElement e, const QStyleOption* o, QPainter* p, const QWidget* w) const override
    {
        seen_.push_back(o ? static_cast<qint64>(o->palette.cacheKey()) : 0);
        QProxyStyle::drawPrimitive(e, o, p, w);
    }
    void drawControl(ControlElement e, const QStyleOption* o, QPainter* p, const QWidget* w) const override
    {
        seen_.push_back(o ? static_cast<qint64>(o->palette.cacheKey()) : 0);
        QProxyStyle::drawControl(e, o, p, w);
    }

private:
    std::vector<qint64>& seen_;
};

} // namespace

class TestStyleCacheKeys : public QObject {
    Q_OBJECT
private slots:
    void sameColoursGiveTheSameKey()
    {
        PaletteCanon canon;
        const QPalette first = coloured(Qt::darkGreen);
        QPalette second = coloured(Qt::darkGreen);
        second.setCurrentColorGroup(QPalette::Disabled);
        QVERIFY(first.cacheKey() != second.cacheKey());
        QCOMPARE(canon.canonical(first).cacheKey(), first.cacheKey());
        const QPalette c = canon.canonical(second);
        QCOMPARE(c.cacheKey(), first.cacheKey());
        QCOMPARE(c.currentColorGroup(), QPalette::Disabled); // the caller's group, not the kept one's
        QCOMPARE(canon.size(), std::size_t{1});
    }

    void otherColoursGiveAnotherKey()
    {
        PaletteCanon canon;
        const QPalette a = coloured(Qt::darkGreen), b = coloured(Qt::darkBlue);
        QCOMPARE(canon.canonical(a).cacheKey(), a.cacheKey());
        QCOMPARE(canon.canonical(b).cacheKey(), b.cacheKey());
        QCOMPARE(canon.canonical(coloured(Qt::darkGreen)).cacheKey(), a.cacheKey());
        QCOMPARE(canon.size(), std::size_t{2});
    }

    void keepsAtMostItsCapacityTheMostRecentFirst()
    {
        PaletteCanon canon;
        const QPalette kept = coloured(QColor(1, 2, 3));
        canon.canonical(kept);
        for (int i = 0; i < 100; ++i) {
            canon.canonical(coloured(QColor(i, 100, 200)));
            canon.canonical(kept); // used all along: never the one dropped
        }
        QCOMPARE(canon.size(), PaletteCanon::capacity);
        QCOMPARE(canon.canonical(coloured(QColor(1, 2, 3))).cacheKey(), kept.cacheKey());
    }

    // What Fusion keys its pixmap cache with (the option's palette's cacheKey()), seen by a base
    // style under GradScope's, across a trip to another application palette and back (presenter
    // mode's): the same key for the same colours, where Fusion alone gets a new one.
    void theStyleDrawsWithTheSameKeyAfterAPaletteTrip()
    {
        const QPalette desk = QApplication::palette();
        const auto keysAcrossATrip = [&](QStyle* style, std::vector<qint64>& seen) {
            QPushButton button(QStringLiteral("Next"));
            button.setStyle(style);
            button.resize(120, 40);
            QImage image(button.size(), QImage::Format_ARGB32_Premultiplied);
            const auto draw = [&] {
                QCoreApplication::processEvents();
                seen.clear();
                button.render(&image);
                return seen.empty() ? qint64{-1} : seen.front();
            };
            const qint64 before = draw();
            QApplication::setPalette(coloured(Qt::black));
            const qint64 away = draw();
            QApplication::setPalette(desk);
            const qint64 after = draw();
            button.setStyle(nullptr);
            return std::array<qint64, 3>{before, away, after};
        };
        std::vector<qint64> seen;
        std::unique_ptr<QStyle> style(legibleStyle(new KeyRecorder(QStyleFactory::create(QStringLiteral("Fusion")), seen)));
        const auto keys = keysAcrossATrip(style.get(), seen);
        QVERIFY(keys[0] != -1);
        QVERIFY(keys[1] != keys[0]); // other colours, another key
        QCOMPARE(keys[2], keys[0]);
        // Fusion alone: a new key for the same colours, what filled Qt 6.4's string keys.
        std::vector<qint64> plainSeen;
        std::unique_ptr<QStyle> plain(new KeyRecorder(QStyleFactory::create(QStringLiteral("Fusion")), plainSeen));
        const auto plainKeys = keysAcrossATrip(plain.get(), plainSeen);
        QVERIFY(plainKeys[0] != -1);
        QVERIFY(plainKeys[2] != plainKeys[0]);
    }

    void theDockButtonsKeepTheirIcons()
    {
        const std::unique_ptr<QStyle> style(legibleStyle(QStyleFactory::create(QStringLiteral("Fusion"))));
        const std::unique_ptr<QStyle> plain(QStyleFactory::create(QStringLiteral("Fusion")));
        for (const QStyle::StandardPixmap icon : {QStyle::SP_TitleBarNormalButton, QStyle::SP_TitleBarMinButton,
                                                   QStyle::SP_TitleBarCloseButton, QStyle::SP_DockWidgetCloseButton}) {
            const QIcon first = style->standardIcon(icon);
            QVERIFY(!first.isNull());
            QCOMPARE(style->standardIcon(icon).cacheKey(), first.cacheKey());
            // Fusion alone makes a new one each time.
            QVERIFY(plain->standardIcon(icon).cacheKey() != plain->standardIcon(icon).cacheKey());
        }
    }
};

QTEST_MAIN(TestStyleCacheKeys)
#include "tst_style_cache_keys.moc"
