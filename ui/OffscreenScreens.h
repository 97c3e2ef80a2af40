#pragma once

#include <QList>
#include <QSize>
#include <QTemporaryFile>

#include <memory>

namespace gs {

/// Makes the offscreen platform (set in QT_QPA_PLATFORM by this call) start with screens of these
/// sizes, side by side from the left; used by `--screenshot`/`--layout-report` and by the tests of
/// the window at the sizes teachers use. The plugin reads its screens from a JSON file named in
/// the platform's arguments: the returned file must live until the QGuiApplication exists, and
/// is null when it cannot be written. Call before the application is created.
std::unique_ptr<QTemporaryFile> useOffscreenScreens(const QList<QSize>& screens);

} // namespace gs
