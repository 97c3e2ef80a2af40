#pragma once

#include "engine/nn/RunSpec.h"

#include <QByteArray>
#include <QString>

namespace gs {

/// Reads a training run file (docs/training-run-file.md) into a RunSpec. `baseDirectory` resolves
/// a relative CSV path. Every problem is a UsageError (from app/verbs/VerbSupport.h) of one line
/// naming the place: "run.json: model[0].units: expected a positive integer".
nn::RunSpec runSpecFromJson(const QByteArray& json, const QString& fileName,
                            const QString& baseDirectory);

} // namespace gs
