#pragma once

#include "engine/nn/RunSpec.h"

#include <QByteArray>
#include <QString>

namespace gs {

/// Why a training run file cannot be read: one line naming the file and the place,
/// "run.json: model[0].units: expected a positive integer".
struct RunFileError {
    QString message;
};

/// Reads a training run file (docs/training-run-file.md) into a RunSpec. `baseDirectory` resolves
/// a relative CSV path (the CSV itself is not read). Every problem is thrown as a RunFileError;
/// nothing else is thrown.
nn::RunSpec runSpecFromJson(const QByteArray& json, const QString& fileName,
                            const QString& baseDirectory);

} // namespace gs
