#pragma once

// Internal to the Python reader (see PythonReader.h): runs parsed code the way TensorFlow's
// tracing sees it, unrolling it into a document and a script. PythonInterpreter.cpp runs
// statements and expressions, PythonOperators.cpp Python's operators; PythonCalls.cpp calls
// functions, builtins and methods; PythonTensorFlow.cpp is the tf API (ops, declarations, tapes),
// PythonFunctions.cpp tf.custom_gradient, tf.function and the program at the end, and
// PythonTensors.cpp the slots and nodes tensors become.
#include "document/python/PythonAst.h"
#include "document/python/PythonGraph.h"
#include "document/python/PythonProgram.h"

#include <QHash>

#include <memory>
#include <unordered_map>
#include <unordered_set>

namespace gs::python {

/// Limits that keep unrolling finite whatever the code does.
namespace limits {
constexpr int callDepth = 100;              ///< calls inside calls (recursion stops here)
constexpr long long steps = 1'000'000;      ///< statements and loop iterations run in all
constexpr std::int64_t listSize = 100'000;  ///< elements of a Python list or range()
} // namespace limits

struct Frame;
struct FunctionObject;
using FramePtr = std::shared_ptr<Frame>;

/// A Python value while the code runs. Numbers stay Python numbers until they meet a tensor (as in
/// TensorFlow, `cube(2)` is the int 8); tensors are slots of the script.
struct Value {
    enum class Kind {
        None,
        Bool,
        Int,
        Float,
        String,
        Tensor,     ///< slot
        List,       ///< items (shared: append() changes every reference, as in Python)
        Tuple,      ///< items
        Function,   ///< function
        TfFunction, ///< function, index into PythonProgram::functions
        Tape,       ///< index into the interpreter's tapes
        Module,     ///< text: a dotted path (tf, tf.math, tf.keras.activations)
        DType,      ///< text: float32, float64, bool, int32, ...
        Method,     ///< text: the method's name, self: its object
        Builtin,    ///< text: range, len, print, ...
        Undefined,  ///< text: a name that is not bound (see Interpreter::materialize)
    };
    Kind kind = Kind::None;
    bool boolean = false;
    std::int64_t integer = 0;
    double number = 0;
    QString text;
    Slot slot = -1;
    int index = -1;
    std::shared_ptr<std::vector<Value>> items;
    std::shared_ptr<FunctionObject> function;
    std::shared_ptr<Value> self;
    SourceSpan span; ///< Undefined: where the name is used

    static Value makeBool(bool b)
    {
        Value v;
        v.kind = Kind::Bool;
        v.boolean = b;
        return v;
    }
    static Value makeInt(std::int64_t i)
    {
        Value v;
        v.kind = Kind::Int;
        v.integer = i;
        return v;
    }
    static Value makeFloat(double d)
    {
        Value v;
        v.kind = Kind::Float;
        v.number = d;
        return v;
    }
    static Value makeString(const QString& s)
    {
        Value v;
        v.kind = Kind::String;
        v.text = s;
        return v;
    }
    static Value makeTensor(Slot slot)
    {
        Value v;
        v.kind = Kind::Tensor;
        v.slot = slot;
        return v;
    }
    static Value makeSequence(Kind kind, std::vector<Value> items)
    {
        Value v;
        v.kind = kind;
        v.items = std::make_shared<std::vector<Value>>(std::move(items));
        return v;
    }
    static Value makeNamed(Kind kind, const QString& text)
    {
        Value v;
        v.kind = kind;
        v.text = text;
        return v;
    }

    bool isNumber() const { return kind == Kind::Bool || kind == Kind::Int || kind == Kind::Float; }
    bool isSequence() const { return kind == Kind::List || kind == Kind::Tuple; }
    double toDouble() const { return kind == Kind::Float ? number : kind == Kind::Int ? static_cast<double>(integer) : boolean ? 1.0 : 0.0; }
};

/// A def: its statement, the scope it was defined in, its default values.
struct FunctionObject {
    const PyStmt* def = nullptr;
    FramePtr closure;
    std::vector<std::optional<Value>> defaults; ///< per parameter
    bool customGradient = false;                ///< decorated with @tf.custom_gradient
};

/// The names of one scope: the module's, or one call's.
struct Frame {
    QHash<QString, Value> names;
    std::vector<QString> order; ///< names in the order first bound
    FramePtr parent;
};

struct NamedValue {
    QString name;
    SourceSpan span;
    Value value;
};

class Interpreter {
public:
    explicit Interpreter(const QString& text);
    /// Empties every frame made while running: a def's closure holds its frame and the frame
    /// holds the def, a cycle shared pointers never free by themselves.
    ~Interpreter();
    Interpreter(const Interpreter&) = delete;
    Interpreter& operator=(const Interpreter&) = delete;
    /// Runs the code; throws FormulaException at the first problem.
    PythonProgram run(const PyModule& module);

private:
    enum class Flow { Normal, Return, Break, Continue };

    /// A new frame whose names are looked up in `parent` next, remembered so that the
    /// destructor can break the cycles it takes part in.
    FramePtr newFrame(const FramePtr& parent);

    /// What one tape is while the code runs: how it was made, whether it records, how often it
    /// was used, and which slots it watches (leaves and what it recorded from them).
    struct TapeState {
        bool persistent = false;
        bool watchAccessed = true;
        bool started = false;
        bool recording = false;
        int uses = 0;
        int firstUseLine = 0;
        std::unordered_set<Slot> watched;
    };

    /// Where new steps and nodes go: the top level, or the body of a custom gradient being built.
    struct Region {
        int body = -1;
        bool gradientPhase = false; ///< building the gradient function's steps
        NodeId scope;               ///< the custom gradient node (invalid at the top level)
        bool nodes = true;          ///< whether values here get nodes
        std::unordered_map<Slot, Slot> captures; ///< outer slot -> its parameter in this body
        std::vector<Slot> capturedOuter;
    };

    /// The document being built: the program's, or a tf.function's body for `trace`.
    struct Context {
        int index = 0;
        GraphEmitter graph;
        Script ownScript;        ///< a tf.function body's script (never replayed)
        Script* script = nullptr;
        std::vector<Region> regions;
        std::unordered_map<Slot, Slot> imported; ///< slots of the program brought into this body
        QHash<QString, Slot> freeNames;
    };

    struct SlotInfo {
        int context = 0;
        int body = -1;
        NodeId node;
        bool leaf = false;     ///< a Variable, Constant or Input
        NodeKind kind = NodeKind::Op;
        std::optional<TensorValue> value;
        bool trainable = false;
        int gradientCall = -1; ///< an output of this gradient call
    };

    struct GradientInfo {
        Slot target = -1;
        std::vector<Slot> sources;
        std::vector<bool> watched;
        bool jacobian = false;
    };

    [[noreturn]] void fail(const SourceSpan& span, const QString& message) const { throw FormulaException{span, message}; }

    // --- statements (PythonInterpreter.cpp) ------------------------------------------------------
    Flow execBlock(const std::vector<PyStmtPtr>& body, const FramePtr& frame);
    Flow exec(const PyStmt& s, const FramePtr& frame);
    void execDef(const PyStmt& s, const FramePtr& frame);
    Flow execWith(const PyStmt& s, const FramePtr& frame, std::size_t item);
    Flow execFor(const PyStmt& s, const FramePtr& frame);
    void execImport(const PyStmt& s, const FramePtr& frame);
    void assign(const PyExpr& target, const Value& value, const FramePtr& frame);
    /// Binds a name in a frame; a tensor bound by an assignment asks for the name as its label.
    void bind(const QString& name, const Value& value, const FramePtr& frame, bool label = true);
    void noteTopLevel(const Value& value);
    bool topLevel(const FramePtr& frame) const { return frame == globals_ && context().index == 0; }

    // --- expressions (PythonInterpreter.cpp; operators in PythonOperators.cpp) --------------------
    /// A value, with an undefined name left as it is (for calls and attributes, which say so).
    Value evalRaw(const PyExpr& e, const FramePtr& frame);
    /// A value, with an undefined name made a variable (see materialize).
    Value eval(const PyExpr& e, const FramePtr& frame);
    Value lookup(const QString& name, const SourceSpan& span, const FramePtr& frame);
    Value materialize(const Value& v);
    Value listComprehension(const PyExpr& e, const FramePtr& frame);
    void comprehend(const PyExpr& e, std::size_t generator, const FramePtr& frame, std::vector<Value>& out);
    Value unary(const PyExpr& e, const Value& v);
    Value binary(const QString& op, const Value& a, const Value& b, const SourceSpan& span);
    Value numeric(const QString& op, const Value& a, const Value& b, const SourceSpan& span);
    Value compare(const PyExpr& e, const FramePtr& frame);
    Value compareTwo(const QString& op, const Value& a, const Value& b, const SourceSpan& span);
    Value subscript(const Value& container, const Value& index, const SourceSpan& span);
    Value attribute(const Value& object, const QString& name, const SourceSpan& span);
    bool truth(const Value& v, const SourceSpan& span) const;
    bool equals(const Value& a, const Value& b) const;
    std::vector<Value> iterate(const Value& v, const SourceSpan& span) const;
    void tick(const SourceSpan& span);
    static QString typeName(const Value& v);

    // --- calls (PythonCalls.cpp) -----------------------------------------------------------------
    Value call(const PyExpr& e, const FramePtr& frame);
    Value callValue(const Value& callee, std::vector<Value> args, std::vector<NamedValue> kwargs, const SourceSpan& span, const QString& text);
    FramePtr bindParameters(const FunctionObject& f, const std::vector<Value>& args, const std::vector<NamedValue>& kwargs, const SourceSpan& span);
    Value invoke(const FunctionObject& f, const std::vector<Value>& args, const std::vector<NamedValue>& kwargs, const SourceSpan& span);
    Value callFunction(const std::shared_ptr<FunctionObject>& f, const std::vector<Value>& args, const std::vector<NamedValue>& kwargs, const SourceSpan& span);
    Value callBuiltin(const QString& name, const std::vector<Value>& args, const std::vector<NamedValue>& kwargs, const SourceSpan& span);
    Value callMethod(const Value& method, const std::vector<Value>& args, const std::vector<NamedValue>& kwargs, const SourceSpan& span, const QString& text);
    void noKeywords(const QString& what, const std::vector<NamedValue>& kwargs) const;
    static std::optional<Value> builtin(const QString& name);

    // --- the TensorFlow API (PythonTensorFlow.cpp; custom gradients and tf.function in PythonFunctions.cpp)
    Value callModule(const QString& path, const std::vector<Value>& args, const std::vector<NamedValue>& kwargs, const SourceSpan& span);
    Value moduleAttribute(const QString& path, const QString& name) const;
    Value callOp(const OpDef& def, const std::vector<Value>& args, const std::vector<NamedValue>& kwargs, const SourceSpan& span);
    AttrValue attrValue(const Value& v, const SourceSpan& span) const;
    std::optional<TensorValue> literal(const Value& v, const SourceSpan& span) const;
    TensorValue valueArgument(const Value& v, const char* what, const SourceSpan& span) const;
    std::optional<DType> dtypeArgument(const Value& v, const SourceSpan& span) const;
    Value declare(NodeKind kind, const std::vector<Value>& args, const std::vector<NamedValue>& kwargs, const SourceSpan& span);
    Value filled(double fill, const std::vector<Value>& args, const std::vector<NamedValue>& kwargs, const SourceSpan& span);
    Value makeTape(const std::vector<NamedValue>& kwargs);
    Value makeTfFunction(const Value& f, const SourceSpan& span);
    Value makeCustomGradient(const Value& f, const SourceSpan& span) const;
    Value decorate(const Value& decorator, const Value& f, const SourceSpan& span);
    void startTape(int tape, const SourceSpan& span);
    void endTape(int tape, const SourceSpan& span);
    Value tapeMethod(int tape, const QString& method, const std::vector<Value>& args, const std::vector<NamedValue>& kwargs,
                     const SourceSpan& span, const QString& text);
    Value gradient(int tape, bool jacobian, const std::vector<Value>& args, const std::vector<NamedValue>& kwargs,
                   const SourceSpan& span, const QString& text);
    Value callCustomGradient(const FunctionObject& f, const std::vector<Value>& args, const std::vector<NamedValue>& kwargs,
                             const SourceSpan& span);
    Value callTfFunction(int index, const std::vector<Value>& args, const std::vector<NamedValue>& kwargs, const SourceSpan& span,
                         const QString& text);
    void buildTraceDocument(int index);
    Value toTensors(const Value& v, const SourceSpan& span);

    // --- tensors and the graph (PythonTensors.cpp) -----------------------------------------------
    Slot tensor(const Value& v, const SourceSpan& span);
    Slot stackOf(const Value& list, const SourceSpan& span);
    /// A Python number or list of numbers meeting a tensor (see Step::implicit).
    Slot implicitConstant(TensorValue value, const SourceSpan& span);
    Slot leaf(NodeKind kind, std::optional<TensorValue> value, bool trainable, const QString& name, const SourceSpan& span, bool root);
    Slot apply(const OpDef& def, std::vector<Slot> inputs, const Attrs& attrs, const SourceSpan& span);
    Slot capture(Slot slot, const QString& name, const SourceSpan& span);
    Slot newSlot(NodeId node);
    NodeId nodeHere(Slot slot) const;
    void recordOnTapes(const std::vector<Slot>& inputs, Slot out, bool differentiable);
    std::vector<Step>& steps();
    Context& context() { return *contexts_.back(); }
    const Context& context() const { return *contexts_.back(); }
    Region& region() { return context().regions.back(); }
    std::optional<PythonValue> resultValue(const Value& v) const;

    void finish(PythonProgram& program);

    const QString& text_;
    PythonProgram p_;
    std::vector<std::weak_ptr<Frame>> frames_; ///< every frame made (see ~Interpreter); before globals_
    FramePtr globals_;
    std::vector<std::unique_ptr<Context>> contexts_;
    std::vector<SlotInfo> slots_;
    std::vector<TapeState> tapes_;
    std::vector<GradientInfo> gradients_;
    std::vector<std::shared_ptr<FunctionObject>> tfFunctions_; ///< by PythonProgram::functions index
    std::vector<bool> traced_;
    struct Entry {
        QString name; ///< a top-level name, or an expression's text
        bool isName = true;
        SourceSpan span;
        PythonValue value; ///< an expression's value
    };
    std::vector<Entry> entries_;
    NodeId lastValue_;
    Value returned_;
    SourceSpan flowSpan_;
    int depth_ = 0;
    long long ticks_ = 0;
};

} // namespace gs::python
