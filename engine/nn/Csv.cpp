#include "engine/nn/Csv.h"

#include <charconv>
#include <cmath>
#include <fstream>
#include <set>
#include <sstream>

namespace gs::nn {

namespace {

std::string_view trim(std::string_view s)
{
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t'))
        s.remove_prefix(1);
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r'))
        s.remove_suffix(1);
    return s;
}

std::vector<std::string_view> fields(std::string_view line)
{
    std::vector<std::string_view> out;
    for (;;) {
        const auto comma = line.find(',');
        out.push_back(trim(line.substr(0, comma)));
        if (comma == std::string_view::npos)
            return out;
        line.remove_prefix(comma + 1);
    }
}

std::string unquote(std::string_view s)
{
    if (s.size() >= 2 && s.front() == '"' && s.back() == '"')
        s = s.substr(1, s.size() - 2);
    return std::string(s);
}

double number(std::string_view cell, int line, const std::string& column)
{
    if (cell.empty())
        throw DatasetError("column '" + column + "' is empty", line);
    if (cell.front() == '+')
        cell.remove_prefix(1);
    double value = 0.0;
    const auto [end, error] = std::from_chars(cell.data(), cell.data() + cell.size(), value);
    if (error != std::errc() || end != cell.data() + cell.size() || !std::isfinite(value))
        throw DatasetError("column '" + column + "': '" + std::string(cell) + "' is not a number",
                           line);
    return value;
}

} // namespace

CsvTable parseCsv(std::string_view text)
{
    CsvTable table;
    int line = 0;
    bool header = true;
    while (!text.empty()) {
        const auto newline = text.find('\n');
        const std::string_view raw = text.substr(0, newline);
        text = newline == std::string_view::npos ? std::string_view() : text.substr(newline + 1);
        ++line;
        if (trim(raw).empty()) {
            if (header)
                throw DatasetError("the header row is empty: the first line must name the columns",
                                   line);
            continue;
        }
        const auto cells = fields(raw);
        if (header) {
            std::set<std::string> seen;
            for (std::string_view cell : cells) {
                std::string name = unquote(cell);
                if (name.empty())
                    throw DatasetError("column " + std::to_string(table.columns.size() + 1)
                                           + " has no name",
                                       line);
                if (!seen.insert(name).second)
                    throw DatasetError("two columns are named '" + name + "'", line);
                table.columns.push_back(std::move(name));
            }
            header = false;
            continue;
        }
        if (cells.size() != table.columns.size())
            throw DatasetError("expected " + std::to_string(table.columns.size())
                                   + " fields, found " + std::to_string(cells.size()),
                               line);
        std::vector<double> row;
        row.reserve(cells.size());
        for (std::size_t c = 0; c < cells.size(); ++c)
            row.push_back(number(cells[c], line, table.columns[c]));
        table.rows.push_back(std::move(row));
    }
    if (header)
        throw DatasetError("the file is empty: expected a header row naming the columns", 1);
    if (table.rows.empty())
        throw DatasetError("no data rows after the header", line + 1);
    return table;
}

CsvTable readCsvFile(const std::string& path)
{
    std::ifstream file(path, std::ios::binary);
    if (!file)
        throw DatasetError("cannot read '" + path + "'", 0);
    std::ostringstream text;
    text << file.rdbuf();
    return parseCsv(text.str());
}

DatasetSplit loadCsv(const std::string& path, const std::string& target,
                     const SplitOptions& options)
{
    const CsvTable table = readCsvFile(path);
    return splitTable(table.columns, table.rows, target, options);
}

} // namespace gs::nn
