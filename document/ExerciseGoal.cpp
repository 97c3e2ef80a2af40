#include "document/ExerciseGoal.h"

#include <QStringView>

#include <cmath>
#include <limits>

namespace gs {

namespace {

struct Token {
    enum class Kind { Word, Label, Number, Symbol, End };
    Kind kind = Kind::End;
    QString text;
    double number = 0;
    int column = 0;
};

bool wordStart(QChar c) { return c.isLetter() || c == u'_'; }
bool wordChar(QChar c) { return c.isLetterOrNumber() || c == u'_' || c == u'.'; }

/// Splits a condition into words (labels and keywords), quoted labels, numbers and symbols.
/// Returns false with `error` and `column` set at a character that starts none of them.
bool tokenize(const QString& text, std::vector<Token>& out, QString& error, int& column)
{
    int i = 0;
    const int n = static_cast<int>(text.size());
    while (i < n) {
        const QChar c = text[i];
        if (c.isSpace()) {
            ++i;
            continue;
        }
        Token t;
        t.column = i;
        if (wordStart(c)) {
            int j = i + 1;
            while (j < n && wordChar(text[j]))
                ++j;
            t.kind = Token::Kind::Word;
            t.text = text.mid(i, j - i);
            i = j;
        } else if (c == u'\'' || c == u'"') {
            const qsizetype close = text.indexOf(c, i + 1);
            if (close < 0) {
                error = QStringLiteral("the label quoted here is not closed");
                column = i;
                return false;
            }
            t.kind = Token::Kind::Label;
            t.text = text.mid(i + 1, close - i - 1);
            i = static_cast<int>(close) + 1;
        } else if (c.isDigit() || c == u'.' || ((c == u'-' || c == u'+') && i + 1 < n && (text[i + 1].isDigit() || text[i + 1] == u'.' || text[i + 1] == u'i'))) {
            int j = i + 1;
            if ((c == u'-' || c == u'+') && text.mid(j, 3) == u"inf") {
                j += 3;
            } else {
                while (j < n && (text[j].isDigit() || text[j] == u'.'))
                    ++j;
                if (j < n && (text[j] == u'e' || text[j] == u'E')) {
                    int k = j + 1;
                    if (k < n && (text[k] == u'+' || text[k] == u'-'))
                        ++k;
                    if (k < n && text[k].isDigit()) {
                        j = k;
                        while (j < n && text[j].isDigit())
                            ++j;
                    }
                }
            }
            const QString digits = text.mid(i, j - i);
            bool ok = false;
            t.number = digits.endsWith(u"inf") ? (c == u'-' ? -1 : 1) * std::numeric_limits<double>::infinity() : digits.toDouble(&ok);
            if (!digits.endsWith(u"inf") && !ok) {
                error = QStringLiteral("'%1' is not a number").arg(digits);
                column = i;
                return false;
            }
            t.kind = Token::Kind::Number;
            t.text = digits;
            i = j;
        } else {
            static const QStringList symbols{QStringLiteral("=="), QStringLiteral("!="), QStringLiteral("<="), QStringLiteral(">="),
                                             QStringLiteral("="),  QStringLiteral("<"),  QStringLiteral(">"),  QStringLiteral("("),
                                             QStringLiteral(")")};
            bool found = false;
            for (const QString& s : symbols)
                if (QStringView(text).mid(i).startsWith(s)) {
                    t.kind = Token::Kind::Symbol;
                    t.text = s;
                    i += static_cast<int>(s.size());
                    found = true;
                    break;
                }
            if (!found) {
                error = QStringLiteral("unexpected '%1'").arg(c);
                column = i;
                return false;
            }
        }
        out.push_back(t);
    }
    Token end;
    end.column = n;
    out.push_back(end);
    return true;
}

/// Thrown inside the parser with what went wrong where.
struct ParseError {
    QString message;
    int column = 0;
};

class Parser {
public:
    Parser(std::vector<Token> tokens)
        : tokens_(std::move(tokens))
    {
    }

    GoalCondition parse()
    {
        GoalCondition c;
        readSubject(c);
        readTest(c);
        if (peek().kind != Token::Kind::End)
            fail(QStringLiteral("unexpected '%1' after the condition").arg(peek().text));
        return c;
    }

private:
    const Token& peek(int ahead = 0) const
    {
        const std::size_t i = std::min(at_ + static_cast<std::size_t>(ahead), tokens_.size() - 1);
        return tokens_[i];
    }
    Token take() { return tokens_[std::min(at_++, tokens_.size() - 1)]; }
    [[noreturn]] void fail(const QString& message) const { throw ParseError{message, peek().column}; }
    bool isWord(const Token& t, QStringView word) const
    {
        return t.kind == Token::Kind::Word && t.text.compare(word, Qt::CaseInsensitive) == 0;
    }
    bool isSymbol(const Token& t, QStringView symbol) const { return t.kind == Token::Kind::Symbol && t.text == symbol; }
    void expectWord(QStringView word, const QString& what)
    {
        if (!isWord(peek(), word))
            fail(QStringLiteral("expected %1").arg(what));
        take();
    }
    void expectSymbol(QStringView symbol)
    {
        if (!isSymbol(peek(), symbol))
            fail(QStringLiteral("expected '%1'").arg(symbol));
        take();
    }
    QString label()
    {
        if (peek().kind != Token::Kind::Word && peek().kind != Token::Kind::Label)
            fail(QStringLiteral("expected the label of a node"));
        const Token t = take();
        if (t.text.isEmpty())
            throw ParseError{QStringLiteral("the label is empty"), t.column};
        return t.text;
    }
    double number()
    {
        if (peek().kind != Token::Kind::Number) {
            if (isWord(peek(), u"nan"))
                fail(QStringLiteral("nothing equals nan: write 'is nan'"));
            if (isWord(peek(), u"inf")) {
                take();
                return std::numeric_limits<double>::infinity();
            }
            fail(QStringLiteral("expected a number"));
        }
        return take().number;
    }

    void readSubject(GoalCondition& c)
    {
        const Token& first = peek();
        const bool call = isSymbol(peek(1), u"(");
        if (call && (isWord(first, u"grad") || isWord(first, u"gradient"))) {
            take();
            take();
            c.subject = GoalCondition::Subject::Gradient;
            c.label = label();
            expectSymbol(u")");
            return;
        }
        if (call && isWord(first, u"value")) {
            take();
            take();
            c.subject = GoalCondition::Subject::Value;
            c.label = label();
            expectSymbol(u")");
        } else if (isWord(first, u"dtype") && isWord(peek(1), u"is")) {
            take();
            c.subject = GoalCondition::Subject::DType;
            return;
        } else {
            c.subject = GoalCondition::Subject::Value;
            c.label = label();
        }
        if (isWord(peek(), u"after")) {
            take();
            const Token count = peek();
            const double steps = number();
            if (!(steps >= 1 && steps <= goallimits::trainingSteps && steps == std::floor(steps)))
                throw ParseError{QStringLiteral("expected a whole number of steps from 1 to %1").arg(goallimits::trainingSteps), count.column};
            c.steps = static_cast<int>(steps);
            if (!isWord(peek(), u"steps") && !isWord(peek(), u"step"))
                fail(QStringLiteral("expected 'steps'"));
            take();
            expectWord(u"with", QStringLiteral("'with rate' and the learning rate (a number, or the label of the node that holds it)"));
            if (isWord(peek(), u"learning"))
                take();
            expectWord(u"rate", QStringLiteral("'rate'"));
            if (peek().kind == Token::Kind::Number) {
                const Token r = peek();
                c.rate = number();
                if (!std::isfinite(c.rate))
                    throw ParseError{QStringLiteral("the learning rate must be finite"), r.column};
            } else {
                c.rateLabel = label();
            }
            c.subject = GoalCondition::Subject::Trained;
        }
    }

    void readTest(GoalCondition& c)
    {
        using S = GoalCondition::Subject;
        using T = GoalCondition::Test;
        if (isWord(peek(), u"is")) {
            take();
            bool negated = false;
            if (isWord(peek(), u"not")) {
                take();
                negated = true;
            }
            const Token word = peek();
            if (word.kind != Token::Kind::Word)
                fail(QStringLiteral("expected None, finite, nan, unchanged or a dtype after 'is'"));
            take();
            const QString w = word.text.toLower();
            const auto wrong = [&](const QString& why) { throw ParseError{why, word.column}; };
            if (c.subject == S::DType) {
                if (w != u"float32" && w != u"float64" && w != u"int32" && w != u"int64")
                    wrong(QStringLiteral("expected float32, float64, int32 or int64"));
                c.dtype = w == u"float32" ? DType::Float32 : w == u"float64" ? DType::Float64 : w == u"int32" ? DType::Int32 : DType::Int64;
                c.test = negated ? T::IsNotDType : T::IsDType;
                return;
            }
            if (w == u"none") {
                if (c.subject != S::Gradient)
                    wrong(QStringLiteral("only a gradient can be None: write grad(%1) is None").arg(c.label));
                c.test = negated ? T::NotNone : T::None;
            } else if (w == u"finite") {
                c.test = negated ? T::NotFinite : T::Finite;
            } else if (w == u"nan") {
                c.test = negated ? T::NotNaN : T::NaN;
            } else if (w == u"unchanged" || w == u"changed") {
                if (c.subject == S::Trained)
                    wrong(QStringLiteral("a value after training has no start to compare with"));
                c.test = (w == u"unchanged") != negated ? T::Unchanged : T::Changed;
            } else if (w == u"float32" || w == u"float64") {
                wrong(QStringLiteral("a dtype is asked of the evaluation: write dtype is %1").arg(w));
            } else {
                wrong(QStringLiteral("expected None, finite, nan or unchanged after 'is', found '%1'").arg(word.text));
            }
            return;
        }
        if (c.subject == S::DType)
            fail(QStringLiteral("expected 'is' and a dtype"));
        if (peek().kind != Token::Kind::Symbol || isSymbol(peek(), u"(") || isSymbol(peek(), u")"))
            fail(QStringLiteral("expected 'is' (None, finite, nan, unchanged) or a comparison (==, !=, <, <=, >, >=) and a number"));
        const QString op = take().text;
        c.test = op == u"==" || op == u"=" ? T::Equal
                 : op == u"!="             ? T::NotEqual
                 : op == u"<"              ? T::Less
                 : op == u"<="             ? T::LessEqual
                 : op == u">"              ? T::Greater
                                           : T::GreaterEqual;
        c.number = number();
        if (isWord(peek(), u"within")) {
            if (c.test != T::Equal && c.test != T::NotEqual)
                fail(QStringLiteral("'within' goes with == and != only"));
            take();
            const Token t = peek();
            const double tolerance = number();
            if (!(tolerance >= 0 && std::isfinite(tolerance)))
                throw ParseError{QStringLiteral("the tolerance must be a finite number, 0 or more"), t.column};
            c.tolerance = tolerance;
        }
    }

    std::vector<Token> tokens_;
    std::size_t at_ = 0;
};

QString numberText(double x)
{
    if (std::isinf(x))
        return x > 0 ? QStringLiteral("inf") : QStringLiteral("-inf");
    if (x == std::floor(x) && std::abs(x) < 1e15)
        return QString::number(x, 'f', 0);
    return QString::number(x, 'g', 12);
}

} // namespace

ConditionRead readCondition(const QString& text)
{
    ConditionRead read;
    const QString source = text.trimmed();
    if (source.isEmpty()) {
        read.error = QStringLiteral("the condition is empty");
        return read;
    }
    if (source.size() > goallimits::conditionLength) {
        read.error = QStringLiteral("the condition is %1 characters long; at most %2 are allowed").arg(source.size()).arg(goallimits::conditionLength);
        return read;
    }
    std::vector<Token> tokens;
    const int lead = static_cast<int>(text.indexOf(source.front()));
    if (!tokenize(source, tokens, read.error, read.column)) {
        read.column += lead;
        return read;
    }
    try {
        GoalCondition c = Parser(std::move(tokens)).parse();
        c.source = source;
        read.condition = std::move(c);
    } catch (const ParseError& e) {
        read.error = e.message;
        read.column = e.column + lead;
    }
    return read;
}

QStringList GoalCondition::labels() const
{
    QStringList out;
    if (!label.isEmpty())
        out << label;
    if (subject == Subject::Trained && !rateLabel.isEmpty())
        out << rateLabel;
    return out;
}

QString GoalCondition::description() const
{
    if (subject == Subject::DType)
        return QStringLiteral("%1evaluated in %2").arg(test == Test::IsNotDType ? QStringLiteral("not ") : QString(),
                                                          QString::fromLatin1(dtypeName(dtype).data()));
    QString what;
    switch (subject) {
    case Subject::Value: what = QStringLiteral("%1's value").arg(label); break;
    case Subject::Gradient: what = QStringLiteral("%1's gradient").arg(label); break;
    case Subject::Trained:
        what = QStringLiteral("%1 after %2 step%3 of gradient descent (learning rate %4)")
                   .arg(label)
                   .arg(steps)
                   .arg(steps == 1 ? QString() : QStringLiteral("s"))
                   .arg(rateLabel.isEmpty() ? numberText(rate) : rateLabel);
        break;
    case Subject::DType: break;
    }
    const QString n = numberText(number);
    QString is;
    switch (test) {
    case Test::Equal:
        is = tolerance ? QStringLiteral("is %1 (± %2)").arg(n, numberText(*tolerance)) : QStringLiteral("is %1").arg(n);
        break;
    case Test::NotEqual:
        is = tolerance ? QStringLiteral("is not %1 (± %2)").arg(n, numberText(*tolerance)) : QStringLiteral("is not %1").arg(n);
        break;
    case Test::Less: is = QStringLiteral("is below %1").arg(n); break;
    case Test::LessEqual: is = QStringLiteral("is at most %1").arg(n); break;
    case Test::Greater: is = QStringLiteral("is above %1").arg(n); break;
    case Test::GreaterEqual: is = QStringLiteral("is at least %1").arg(n); break;
    case Test::Finite: is = QStringLiteral("is finite"); break;
    case Test::NotFinite: is = QStringLiteral("is not finite (inf or nan)"); break;
    case Test::NaN: is = QStringLiteral("is nan"); break;
    case Test::NotNaN: is = QStringLiteral("is not nan"); break;
    case Test::None: is = QStringLiteral("is None"); break;
    case Test::NotNone: is = QStringLiteral("is not None"); break;
    case Test::Unchanged: is = QStringLiteral("is unchanged"); break;
    case Test::Changed: is = QStringLiteral("has changed"); break;
    case Test::IsDType:
    case Test::IsNotDType: break;
    }
    return what + u' ' + is;
}

QString ExerciseGoal::conditionsText() const
{
    QStringList lines;
    for (const GoalCondition& c : conditions)
        lines << c.source;
    return lines.join(u'\n');
}

std::optional<std::vector<GoalCondition>> readConditions(const QString& lines, QString* error)
{
    std::vector<GoalCondition> out;
    const QStringList list = lines.split(u'\n');
    for (qsizetype i = 0; i < list.size(); ++i) {
        const QString line = list[i].trimmed();
        if (line.isEmpty() || line.startsWith(u'#'))
            continue;
        const ConditionRead read = readCondition(list[i]);
        if (!read.ok()) {
            if (error)
                *error = QStringLiteral("line %1, column %2: %3").arg(i + 1).arg(read.column + 1).arg(read.error);
            return std::nullopt;
        }
        out.push_back(*read.condition);
    }
    if (static_cast<int>(out.size()) > goallimits::conditions) {
        if (error)
            *error = QStringLiteral("%1 conditions; at most %2 are allowed").arg(out.size()).arg(goallimits::conditions);
        return std::nullopt;
    }
    return out;
}

} // namespace gs
