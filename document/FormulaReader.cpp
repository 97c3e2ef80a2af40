#include "document/FormulaReader.h"

#include "document/FormulaBuilder.h"

namespace gs {

FormulaResult readFormula(const QString& text)
{
    FormulaResult result;
    try {
        const FormulaProgram program = parseFormulaProgram(text);
        result.data = detail::FormulaBuilder().run(program);
    } catch (const FormulaException& e) {
        result.error = FormulaError::at(text, e.span, e.message);
        result.data = {};
    }
    return result;
}

} // namespace gs
