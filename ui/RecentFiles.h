#pragma once

#include <QObject>
#include <QStringList>

namespace gs {

/// The most recently used documents, newest first, kept in QSettings (key "recentFiles") so that
/// every window and later sessions share one list.
class RecentFiles : public QObject {
    Q_OBJECT
public:
    static constexpr qsizetype maxCount = 10;

    explicit RecentFiles(QObject* parent = nullptr);

    QStringList files() const;
    /// Moves `path` (made absolute) to the front, dropping the oldest entry beyond maxCount.
    void add(const QString& path);
    void remove(const QString& path);
    void clear();

signals:
    void changed();

private:
    void store(const QStringList& files);
};

} // namespace gs
