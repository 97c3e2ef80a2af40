#pragma once

// Internal to the Python reader (see PythonReader.h): the parsed program. Only the subset the
// reader runs has node kinds; the parser refuses everything else with the construct's name.
#include "document/FormulaError.h"

#include <QString>

#include <memory>
#include <vector>

namespace gs::python {

struct PyExpr;
using PyExprPtr = std::unique_ptr<PyExpr>;
struct PyStmt;
using PyStmtPtr = std::unique_ptr<PyStmt>;

/// One argument of a call: positional when `keyword` is empty.
struct PyArg {
    QString keyword;
    SourceSpan span; ///< of the keyword
    PyExprPtr value;
};

/// `for target in iterable if condition ...` inside a list comprehension.
struct PyGenerator {
    PyExprPtr target;
    PyExprPtr iterable;
    std::vector<PyExprPtr> conditions;
};

struct PyExpr {
    enum class Kind {
        Number,      ///< `number`, `integer`
        String,      ///< `text`
        Name,        ///< `text` (True, False and None too)
        Attribute,   ///< items[0].`text`
        Call,        ///< items[0](args)
        Subscript,   ///< items[0][items[1]]
        List,        ///< [items]
        Tuple,       ///< (items) or a, b
        ListComp,    ///< [items[0] generators...]
        Unary,       ///< `text` is "-", "+" or "not"; items[0]
        Binary,      ///< `text` is the operator; items[0], items[1]
        Compare,     ///< items[0] ops[0] items[1] ops[1] items[2] ...
        BoolOp,      ///< `text` is "and" or "or"; items
        Conditional, ///< items[0] if items[1] else items[2]
    };
    Kind kind = Kind::Number;
    SourceSpan span; ///< the literal, the name, the operator, a call's name (gradient in tape.gradient()), the '[' of a list
    double number = 0;
    bool integer = false;
    QString text;
    std::vector<PyExprPtr> items;
    std::vector<PyArg> args;
    std::vector<PyGenerator> generators;
    std::vector<QString> ops;
    QString source; ///< the expression as written (calls and expression statements)
};

struct PyParam {
    QString name;
    SourceSpan span;
    PyExprPtr defaultValue;
};

/// `context as target` in a with statement.
struct PyWithItem {
    PyExprPtr context;
    PyExprPtr target; ///< may be null
};

struct PyStmt {
    enum class Kind {
        Expr,      ///< value
        Assign,    ///< targets[0] = targets[1] = ... = value
        AugAssign, ///< targets[0] `text`= value (text is the operator: "+")
        Return,    ///< value (may be null)
        Def,       ///< decorators, `text` is the name, params, body
        With,      ///< items, body
        For,       ///< for targets[0] in value: body
        If,        ///< if value: body else: orelse (an elif is an If alone in orelse)
        Del,       ///< targets
        Pass,
        Import,    ///< `text`: the module, targets: the names bound (as Name expressions)
    };
    Kind kind = Kind::Pass;
    SourceSpan span; ///< the keyword, or the start of the statement
    QString text;
    std::vector<PyExprPtr> targets;
    PyExprPtr value;
    std::vector<PyExprPtr> decorators;
    std::vector<PyParam> params;
    std::vector<PyWithItem> items;
    std::vector<PyStmtPtr> body;
    std::vector<PyStmtPtr> orelse;
    std::vector<QString> imported; ///< Import: what each target stands for ("tensorflow", "tensorflow.keras")
};

struct PyModule {
    std::vector<PyStmtPtr> body;
};

/// Reads Python source. Throws FormulaException naming the construct it does not support.
PyModule parsePython(const QString& text);

} // namespace gs::python
