#pragma once

#include "engine/nn/Dataset.h"

#include <string>
#include <string_view>
#include <vector>

namespace gs::nn {

/// A numeric table read from CSV: a header row of names, then rows of numbers.
struct CsvTable {
    std::vector<std::string> columns;
    std::vector<std::vector<double>> rows;
};

/// Parses comma-separated text: the first line names the columns (surrounding spaces and double
/// quotes are removed), every other non-blank line holds one number per column ("\r\n" line ends
/// are accepted). Numbers are read without locale ("1.5e3"); nan and inf are refused.
/// Throws DatasetError naming the line: empty input, a duplicate or empty column name, a row with
/// the wrong number of fields, an empty or non-numeric cell (with its column name), no data rows.
CsvTable parseCsv(std::string_view text);

/// Reads `path` (DatasetError "cannot read ..." when it cannot be opened) and parses it.
CsvTable readCsvFile(const std::string& path);

/// readCsvFile + splitTable: a DatasetError when `target` is not a column says so for line 1.
DatasetSplit loadCsv(const std::string& path, const std::string& target,
                     const SplitOptions& options = {});

} // namespace gs::nn
