#include "document/python/PythonLexer.h"

#include <QLocale>

#include <cmath>

namespace gs::python {

namespace {

bool isNameStart(QChar c) { return c.isLetter() || c == u'_'; }
bool isNameChar(QChar c) { return c.isLetterOrNumber() || c == u'_'; }
bool isBlank(QChar c) { return c == u' ' || c == u'\t' || c == u'\f' || c == u'\r'; }

class Lexer {
public:
    explicit Lexer(const QString& text)
        : text_(text)
        , size_(static_cast<int>(text.size()))
    {
    }

    std::vector<PyToken> run()
    {
        if (text_.size() > formulalimits::maxLength)
            throw FormulaException{{}, QStringLiteral("the code is too long (%1 characters; at most %2)")
                                           .arg(text_.size())
                                           .arg(formulalimits::maxLength)};
        while (pos_ < size_)
            physicalLine();
        if (!brackets_.empty()) {
            const PyToken& open = brackets_.back();
            throw FormulaException{open.span, QStringLiteral("'%1' is never closed").arg(open.text)};
        }
        if (!tokens_.empty() && tokens_.back().kind != PyToken::Kind::Newline)
            push(PyToken::Kind::Newline, QString(), pos_, 0);
        for (std::size_t i = 1; i < indents_.size(); ++i)
            push(PyToken::Kind::Dedent, QString(), pos_, 0);
        push(PyToken::Kind::End, QString(), pos_, 0);
        return std::move(tokens_);
    }

private:
    SourceSpan spanAt(int offset, int length) const
    {
        return SourceSpan{line_, offset - lineStart_ + 1, offset, std::max(length, 1)};
    }

    void push(PyToken::Kind kind, const QString& text, int offset, int length)
    {
        PyToken t;
        t.kind = kind;
        t.text = text;
        t.span = spanAt(offset, length);
        tokens_.push_back(std::move(t));
    }

    [[noreturn]] void fail(int offset, int length, const QString& message) const
    {
        throw FormulaException{spanAt(offset, length), message};
    }

    int lineEnd(int from) const
    {
        int p = from;
        while (p < size_ && text_[p] != u'\n')
            ++p;
        return p;
    }

    /// Moves past the end of the current physical line.
    void skipLine()
    {
        pos_ = lineEnd(pos_);
        if (pos_ < size_)
            nextLine();
    }

    void nextLine()
    {
        ++pos_;
        ++line_;
        lineStart_ = pos_;
    }

    /// The prompt at the start of the line (`>>>` or `...`, and the space after it), if any.
    int promptLength(const char* prompt) const
    {
        if (text_.mid(pos_, 3) != QLatin1StringView(prompt))
            return 0;
        if (pos_ + 3 >= size_ || text_[pos_ + 3] == u'\n' || text_[pos_ + 3] == u'\r')
            return 3;
        return text_[pos_ + 3] == u' ' ? 4 : 0;
    }

    void physicalLine()
    {
        lineStart_ = pos_;
        const bool joined = !brackets_.empty() || backslash_;
        backslash_ = false;
        if (const int prompt = promptLength(">>>")) {
            session_ = true;
            pos_ += prompt;
        } else if (const int more = session_ ? promptLength("...") : 0) {
            pos_ += more;
        } else if (session_ && !joined) {
            // What the session printed, up to a blank line that ends the session.
            int p = pos_;
            while (p < size_ && isBlank(text_[p]))
                ++p;
            if (p >= size_ || text_[p] == u'\n')
                session_ = false;
            return skipLine();
        }
        if (!joined) {
            int column = 0;
            int p = pos_;
            while (p < size_ && (text_[p] == u' ' || text_[p] == u'\t' || text_[p] == u'\f')) {
                column = text_[p] == u'\t' ? (column / 8 + 1) * 8 : column + 1;
                ++p;
            }
            while (p < size_ && text_[p] == u'\r')
                ++p;
            if (p >= size_ || text_[p] == u'\n' || text_[p] == u'#')
                return skipLine(); // blank lines and comments make no tokens
            pos_ = p;
            indent(column);
        }
        scan();
    }

    void indent(int column)
    {
        if (indents_.empty()) {
            indents_.push_back(column); // code pasted with a margin keeps it as its base
            return;
        }
        if (column > indents_.back()) {
            const PyToken* last = tokens_.empty() ? nullptr : &tokens_.back();
            const bool afterColon = tokens_.size() >= 2 && last->kind == PyToken::Kind::Newline
                                    && tokens_[tokens_.size() - 2].kind == PyToken::Kind::Symbol
                                    && tokens_[tokens_.size() - 2].text == u":";
            if (!afterColon)
                fail(pos_, 1, QStringLiteral("unexpected indent"));
            if (static_cast<int>(indents_.size()) > formulalimits::maxNesting)
                fail(pos_, 1, QStringLiteral("blocks are nested too deeply (more than %1 levels)").arg(formulalimits::maxNesting));
            indents_.push_back(column);
            push(PyToken::Kind::Indent, QString(), pos_, 1);
            return;
        }
        while (column < indents_.back()) {
            indents_.pop_back();
            if (indents_.empty() || column > indents_.back())
                fail(pos_, 1, QStringLiteral("unindent does not match any outer indentation level"));
            push(PyToken::Kind::Dedent, QString(), pos_, 1);
        }
    }

    /// The tokens of one physical line (and of the lines a string or bracket carries it over).
    void scan()
    {
        while (pos_ < size_) {
            const QChar c = text_[pos_];
            if (c == u'\n') {
                if (brackets_.empty())
                    push(PyToken::Kind::Newline, QString(), pos_, 1);
                nextLine();
                return;
            }
            if (isBlank(c)) {
                ++pos_;
            } else if (c == u'#') {
                pos_ = lineEnd(pos_);
            } else if (c == u'\\') {
                int p = pos_ + 1;
                while (p < size_ && text_[p] == u'\r')
                    ++p;
                if (p < size_ && text_[p] != u'\n')
                    fail(pos_, 1, QStringLiteral("a backslash must end its line (it continues the statement on the next one)"));
                backslash_ = true;
                pos_ = p;
                if (pos_ < size_)
                    nextLine();
                return;
            } else if (c.isDigit() || (c == u'.' && pos_ + 1 < size_ && text_[pos_ + 1].isDigit())) {
                number();
            } else if (isNameStart(c)) {
                name();
            } else if (c == u'\'' || c == u'"') {
                string(pos_, pos_, false);
            } else {
                symbol();
            }
        }
    }

    void number()
    {
        const int start = pos_;
        bool integer = true;
        auto digits = [&] {
            while (pos_ < size_ && (text_[pos_].isDigit() || (text_[pos_] == u'_' && pos_ + 1 < size_ && text_[pos_ + 1].isDigit())))
                ++pos_;
        };
        digits();
        if (pos_ < size_ && text_[pos_] == u'.') {
            integer = false;
            ++pos_;
            digits();
        }
        if (pos_ < size_ && (text_[pos_] == u'e' || text_[pos_] == u'E')) {
            int p = pos_ + 1;
            if (p < size_ && (text_[p] == u'+' || text_[p] == u'-'))
                ++p;
            if (p < size_ && text_[p].isDigit()) {
                integer = false;
                pos_ = p;
                digits();
            }
        }
        QString literal = text_.mid(start, pos_ - start);
        if (pos_ < size_ && (text_[pos_] == u'j' || text_[pos_] == u'J'))
            fail(start, pos_ - start + 1, QStringLiteral("complex numbers are not supported"));
        if (pos_ < size_ && isNameChar(text_[pos_]))
            fail(start, pos_ - start + 1, QStringLiteral("invalid number '%1'").arg(text_.mid(start, pos_ - start + 1)));
        literal.remove(u'_');
        bool ok = false;
        const double value = QLocale::c().toDouble(literal, &ok);
        if (!ok || !std::isfinite(value))
            fail(start, pos_ - start, QStringLiteral("the number %1 is too large").arg(literal));
        if (integer && value >= 9.0e18)
            fail(start, pos_ - start, QStringLiteral("the integer %1 is too large").arg(literal));
        push(PyToken::Kind::Number, literal, start, pos_ - start);
        tokens_.back().number = value;
        tokens_.back().integer = integer;
    }

    void name()
    {
        const int start = pos_;
        ++pos_;
        while (pos_ < size_ && isNameChar(text_[pos_]))
            ++pos_;
        const QString word = text_.mid(start, pos_ - start);
        static const char* const prefixes[] = {"r", "b", "u", "f", "rb", "br", "fr", "rf"};
        if (pos_ < size_ && (text_[pos_] == u'\'' || text_[pos_] == u'"'))
            for (const char* p : prefixes)
                if (word.compare(QLatin1StringView(p), Qt::CaseInsensitive) == 0)
                    return string(start, pos_, word.contains(u'r', Qt::CaseInsensitive));
        push(PyToken::Kind::Name, word, start, pos_ - start);
    }

    /// A string literal from `start` (its prefix) whose quote is at `quoteAt`. f-strings read as
    /// plain strings: strings only ever reach print(), which prints nothing here.
    void string(int start, int quoteAt, bool raw)
    {
        const QChar quote = text_[quoteAt];
        const bool triple = text_.mid(quoteAt, 3) == QString(3, quote);
        const int startLine = line_;
        const int startColumn = start - lineStart_ + 1;
        pos_ = quoteAt + (triple ? 3 : 1);
        QString value;
        while (true) {
            if (pos_ >= size_ || (!triple && text_[pos_] == u'\n'))
                throw FormulaException{SourceSpan{startLine, startColumn, start, 1}, QStringLiteral("this string is never closed")};
            const QChar c = text_[pos_];
            if (triple ? text_.mid(pos_, 3) == QString(3, quote) : c == quote)
                break;
            if (c == u'\\' && pos_ + 1 < size_) {
                const QChar e = text_[pos_ + 1];
                if (raw)
                    value += c;
                else if (e == u'n')
                    value += u'\n';
                else if (e == u't')
                    value += u'\t';
                else if (e != u'\n')
                    value += e;
                if (raw)
                    value += e;
                if (e == u'\n') {
                    pos_ += 1;
                    nextLine();
                } else {
                    pos_ += 2;
                }
                continue;
            }
            value += c;
            if (c == u'\n')
                nextLine();
            else
                ++pos_;
        }
        pos_ += triple ? 3 : 1;
        PyToken t;
        t.kind = PyToken::Kind::String;
        t.text = value;
        t.span = SourceSpan{startLine, startColumn, start, line_ == startLine ? pos_ - start : 1};
        tokens_.push_back(std::move(t));
    }

    void symbol()
    {
        static const char* const symbols[] = {"**=", "//=", ">>=", "<<=", "...", "**", "//", "==", "!=", "<=", ">=", "->",
                                              "+=",  "-=",  "*=",  "/=",  "%=",  "@=", "&=", "|=", "^=", ":=", "<<", ">>"};
        for (const char* s : symbols) {
            const QLatin1StringView sv(s);
            if (text_.mid(pos_, sv.size()) == sv) {
                push(PyToken::Kind::Symbol, QString(sv), pos_, static_cast<int>(sv.size()));
                pos_ += static_cast<int>(sv.size());
                return;
            }
        }
        const QChar c = text_[pos_];
        if (!QStringLiteral("+-*/%@<>=()[]{},:.;~&|^").contains(c))
            fail(pos_, 1, QStringLiteral("unexpected character '%1'").arg(c));
        push(PyToken::Kind::Symbol, QString(c), pos_, 1);
        if (c == u'(' || c == u'[' || c == u'{') {
            if (static_cast<int>(brackets_.size()) >= formulalimits::maxNesting)
                fail(pos_, 1, QStringLiteral("brackets are nested too deeply (more than %1 levels)").arg(formulalimits::maxNesting));
            brackets_.push_back(tokens_.back());
        } else if (c == u')' || c == u']' || c == u'}') {
            const QChar open = c == u')' ? u'(' : c == u']' ? u'[' : u'{';
            if (brackets_.empty())
                fail(pos_, 1, QStringLiteral("'%1' has no matching '%2'").arg(c).arg(open));
            if (brackets_.back().text != QString(open))
                throw FormulaException{brackets_.back().span, QStringLiteral("'%1' is closed by '%2' at line %3, column %4")
                                                                  .arg(brackets_.back().text)
                                                                  .arg(c)
                                                                  .arg(line_)
                                                                  .arg(pos_ - lineStart_ + 1)};
            brackets_.pop_back();
        }
        ++pos_;
    }

    const QString& text_;
    const int size_;
    int pos_ = 0;
    int line_ = 1;
    int lineStart_ = 0;
    bool session_ = false;   ///< inside an interactive session (after a `>>>` line)
    bool backslash_ = false; ///< the previous physical line ended with a backslash
    std::vector<int> indents_;
    std::vector<PyToken> tokens_;
    std::vector<PyToken> brackets_;
};

} // namespace

std::vector<PyToken> tokenizePython(const QString& text) { return Lexer(text).run(); }

} // namespace gs::python
