#include "document/FormulaLexer.h"

#include <QLocale>

#include <cmath>

namespace gs {

namespace {

bool isNameStart(QChar c) { return c.isLetter() || c == u'_'; }
bool isNameChar(QChar c) { return c.isLetterOrNumber() || c == u'_'; }

class Lexer {
public:
    explicit Lexer(const QString& text)
        : text_(text)
    {
    }

    std::vector<Token> run()
    {
        if (text_.size() > formulalimits::maxLength)
            throw FormulaException{{}, QStringLiteral("the formula is too long (%1 characters; at most %2)")
                                           .arg(text_.size())
                                           .arg(formulalimits::maxLength)};
        while (pos_ < text_.size())
            next();
        if (!brackets_.empty()) {
            const Token& open = brackets_.back();
            throw FormulaException{open.span, QStringLiteral("'%1' is never closed").arg(open.text)};
        }
        push(Token::Kind::Newline, QString(), pos_, 0);
        push(Token::Kind::End, QString(), pos_, 0);
        return std::move(tokens_);
    }

private:
    SourceSpan spanAt(int offset, int length) const
    {
        return SourceSpan{line_, offset - lineStart_ + 1, offset, std::max(length, 1)};
    }

    void push(Token::Kind kind, const QString& text, int offset, int length)
    {
        Token t;
        t.kind = kind;
        t.text = text;
        t.span = spanAt(offset, length);
        tokens_.push_back(std::move(t));
    }

    [[noreturn]] void fail(int offset, int length, const QString& message) const
    {
        throw FormulaException{spanAt(offset, length), message};
    }

    void newline()
    {
        if (brackets_.empty() && !tokens_.empty() && tokens_.back().kind != Token::Kind::Newline)
            push(Token::Kind::Newline, QString(), pos_, 1);
        ++pos_;
        ++line_;
        lineStart_ = pos_;
    }

    void next()
    {
        const QChar c = text_[pos_];
        if (c == u'\n')
            return newline();
        if (c == u' ' || c == u'\t' || c == u'\r' || c == u'\f') {
            ++pos_;
            return;
        }
        if (c == u'#') {
            while (pos_ < text_.size() && text_[pos_] != u'\n')
                ++pos_;
            return;
        }
        if (c == u'\\') {
            int p = pos_ + 1;
            while (p < text_.size() && (text_[p] == u' ' || text_[p] == u'\t' || text_[p] == u'\r'))
                ++p;
            if (p < text_.size() && text_[p] != u'\n')
                fail(pos_, 1, QStringLiteral("a backslash must end its line (it continues the statement on the next one)"));
            pos_ = p + 1;
            ++line_;
            lineStart_ = pos_;
            return;
        }
        if (c == u';') {
            if (brackets_.empty() && !tokens_.empty() && tokens_.back().kind != Token::Kind::Newline)
                push(Token::Kind::Newline, QString(), pos_, 1);
            ++pos_;
            return;
        }
        if (c.isDigit() || (c == u'.' && pos_ + 1 < text_.size() && text_[pos_ + 1].isDigit()))
            return number();
        if (isNameStart(c))
            return name();
        if (c == u'\'' || c == u'"')
            return string();
        symbol();
    }

    void number()
    {
        const int start = pos_;
        bool integer = true;
        while (pos_ < text_.size() && text_[pos_].isDigit())
            ++pos_;
        if (pos_ < text_.size() && text_[pos_] == u'.') {
            integer = false;
            ++pos_;
            while (pos_ < text_.size() && text_[pos_].isDigit())
                ++pos_;
        }
        if (pos_ < text_.size() && (text_[pos_] == u'e' || text_[pos_] == u'E')) {
            int p = pos_ + 1;
            if (p < text_.size() && (text_[p] == u'+' || text_[p] == u'-'))
                ++p;
            if (p < text_.size() && text_[p].isDigit()) {
                integer = false;
                pos_ = p;
                while (pos_ < text_.size() && text_[pos_].isDigit())
                    ++pos_;
            }
        }
        const QString literal = text_.mid(start, pos_ - start);
        if (pos_ < text_.size() && isNameChar(text_[pos_]))
            fail(start, pos_ - start + 1,
                 QStringLiteral("a number cannot be followed by '%1' (write %2 * %1 to multiply)")
                     .arg(text_[pos_])
                     .arg(literal));
        bool ok = false;
        const double value = QLocale::c().toDouble(literal, &ok);
        if (!ok || !std::isfinite(value))
            fail(start, pos_ - start, QStringLiteral("the number %1 is too large").arg(literal));
        push(Token::Kind::Number, literal, start, pos_ - start);
        tokens_.back().number = value;
        tokens_.back().integer = integer;
    }

    void name()
    {
        const int start = pos_;
        ++pos_;
        while (pos_ < text_.size()) {
            if (isNameChar(text_[pos_]))
                ++pos_;
            else if (text_[pos_] == u'.' && pos_ + 1 < text_.size() && isNameStart(text_[pos_ + 1]))
                pos_ += 2;
            else
                break;
        }
        push(Token::Kind::Name, text_.mid(start, pos_ - start), start, pos_ - start);
    }

    void string()
    {
        const int start = pos_;
        const QChar quote = text_[pos_++];
        while (pos_ < text_.size() && text_[pos_] != quote && text_[pos_] != u'\n')
            ++pos_;
        if (pos_ >= text_.size() || text_[pos_] != quote)
            fail(start, pos_ - start, QStringLiteral("this string is never closed"));
        ++pos_;
        push(Token::Kind::String, text_.mid(start + 1, pos_ - start - 2), start, pos_ - start);
    }

    void symbol()
    {
        static const char* const two[] = {"**", "==", "<=", ">=", "!=", "//"};
        for (const char* s : two)
            if (text_.mid(pos_, 2) == QLatin1StringView(s)) {
                push(Token::Kind::Symbol, QString::fromLatin1(s), pos_, 2);
                pos_ += 2;
                return;
            }
        const QChar c = text_[pos_];
        if (!QStringLiteral("+-*/@()[],=<>%").contains(c))
            fail(pos_, 1, QStringLiteral("unexpected character '%1'").arg(c));
        push(Token::Kind::Symbol, QString(c), pos_, 1);
        if (c == u'(' || c == u'[') {
            if (static_cast<int>(brackets_.size()) >= formulalimits::maxNesting)
                fail(pos_, 1, QStringLiteral("brackets are nested too deeply (more than %1 levels)")
                                  .arg(formulalimits::maxNesting));
            brackets_.push_back(tokens_.back());
        } else if (c == u')' || c == u']') {
            const QChar open = c == u')' ? u'(' : u'[';
            if (brackets_.empty())
                fail(pos_, 1, QStringLiteral("'%1' has no matching '%2'").arg(c).arg(open));
            if (brackets_.back().text != QString(open))
                throw FormulaException{brackets_.back().span,
                                       QStringLiteral("'%1' is closed by '%2' at line %3, column %4")
                                           .arg(brackets_.back().text)
                                           .arg(c)
                                           .arg(line_)
                                           .arg(pos_ - lineStart_ + 1)};
            brackets_.pop_back();
        }
        ++pos_;
    }

    const QString& text_;
    int pos_ = 0;
    int line_ = 1;
    int lineStart_ = 0;
    std::vector<Token> tokens_;
    std::vector<Token> brackets_;
};

} // namespace

std::vector<Token> tokenizeFormula(const QString& text) { return Lexer(text).run(); }

} // namespace gs
