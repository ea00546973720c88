import CellIO
/// The language behind the kernel. The `Jupyter` module knows nothing of what
/// the code means: it routes each request to one of these hooks (as xeus's
/// `xinterpreter` or ipykernel's `do_*` methods) and turns the answers into
/// protocol messages. All hooks are called on the kernel's shell thread.
public protocol Interpreter: AnyObject {
    /// Static facts for `kernel_info_reply`.
    var info: KernelInfo { get }

    /// Runs one cell. Output goes through `output` while it runs; the return
    /// value becomes `execute_result` (when a bundle) or `error`.
    func execute(_ request: ExecuteRequest, output: OutputChannel) -> ExecuteOutcome

    /// Evaluates one of `user_expressions` without side effects on output.
    func evaluate(expression: String) -> ExecuteOutcome

    /// Completions at a cursor given in Unicode scalars from the start of `code`.
    func complete(code: String, cursor: Int) -> Completion

    /// Help for what is at the cursor (Shift-Tab), or nil when nothing is known.
    func inspect(code: String, cursor: Int, detailLevel: Int) -> MimeBundle?

    /// Whether `code` is ready to run (console front-ends ask before sending).
    func isComplete(code: String) -> CodeCompleteness

    /// Lets the language register comm targets once, at start-up.
    func registerComms(_ registry: CommRegistry)
}

extension Interpreter {
    public func evaluate(expression: String) -> ExecuteOutcome {
        .failure(ExecutionError(name: "NotSupported", value: "user expressions are not supported", traceback: []))
    }
    public func registerComms(_ registry: CommRegistry) {}
}

/// Static description of the language, sent in `kernel_info_reply`.
public struct KernelInfo: Sendable {
    public var implementation: String
    public var implementationVersion: String
    public var languageName: String
    public var languageVersion: String
    public var mimeType: String
    public var fileExtension: String
    public var pygmentsLexer: String
    public var codemirrorMode: String
    public var banner: String
    public var helpLinks: [(text: String, url: String)]

    public init(implementation: String, implementationVersion: String, languageName: String,
                languageVersion: String, mimeType: String, fileExtension: String,
                pygmentsLexer: String = "text", codemirrorMode: String = "shell", banner: String,
                helpLinks: [(text: String, url: String)] = []) {
        self.implementation = implementation
        self.implementationVersion = implementationVersion
        self.languageName = languageName
        self.languageVersion = languageVersion
        self.mimeType = mimeType
        self.fileExtension = fileExtension
        self.pygmentsLexer = pygmentsLexer
        self.codemirrorMode = codemirrorMode
        self.banner = banner
        self.helpLinks = helpLinks
    }
}

/// One `execute_request`, as the interpreter sees it.
public struct ExecuteRequest: Sendable {
    public var code: String
    public var silent: Bool
    public var storeHistory: Bool
    public var allowStdin: Bool
    /// The count this execution is shown with (`In [n]`).
    public var executionCount: Int
    public var cancellation: CancellationToken

    public init(code: String, silent: Bool = false, storeHistory: Bool = true, allowStdin: Bool = false,
                executionCount: Int = 1, cancellation: CancellationToken = CancellationToken()) {
        self.code = code
        self.silent = silent
        self.storeHistory = storeHistory
        self.allowStdin = allowStdin
        self.executionCount = executionCount
        self.cancellation = cancellation
    }
}

/// How a cell ended.
public enum ExecuteOutcome: Sendable {
    /// Finished; the bundle, if any, is the cell's value (`execute_result`).
    case success(MimeBundle?)
    case failure(ExecutionError)
}

/// An error as Jupyter shows it: name, message and traceback lines (may hold ANSI colour).
public struct ExecutionError: Error, Sendable, Equatable {
    public var name: String
    public var value: String
    public var traceback: [String]

    public init(name: String, value: String, traceback: [String]) {
        self.name = name
        self.value = value
        self.traceback = traceback
    }
}
