#pragma once

#include <QStringList>

namespace gs {

/// `gradscope eval FORMULA_OR_FILE [options]`: values, gradients, Jacobian, Hessian, NaN births.
int runEvalVerb(const QStringList& arguments);
/// `gradscope convert FILE_OR_FORMULA --to gscope|formula|dot|python [-o OUT]`.
int runConvertVerb(const QStringList& arguments);
/// `gradscope export FILE_OR_FORMULA -o OUT.png|svg|pdf [--view] [--at] [--scale]`.
int runExportVerb(const QStringList& arguments);

} // namespace gs
