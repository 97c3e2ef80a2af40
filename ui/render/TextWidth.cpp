#include "ui/render/TextWidth.h"

#include <QFont>
#include <QFontMetricsF>
#include <QHash>
#include <QString>

namespace gs {

double textWidth(const QFont& font, const QString& text)
{
    struct Key {
        QString family;
        int pixels;
        bool bold;
        QString text;
        bool operator==(const Key&) const = default;
    };
    struct KeyHash {
        std::size_t operator()(const Key& k) const noexcept
        {
            return qHashMulti(0, k.family, k.pixels, k.bold, k.text);
        }
    };
    static QHash<std::size_t, std::pair<Key, double>> cache;
    constexpr qsizetype limit = 50'000;
    const Key key{font.family(), font.pixelSize() > 0 ? font.pixelSize() : qRound(font.pointSizeF() * 100), font.bold(), text};
    const std::size_t hash = KeyHash{}(key);
    if (auto it = cache.constFind(hash); it != cache.constEnd() && it->first == key)
        return it->second;
    const double width = QFontMetricsF(font).horizontalAdvance(text);
    if (cache.size() > limit)
        cache.clear();
    cache.insert(hash, {key, width});
    return width;
}

} // namespace gs
