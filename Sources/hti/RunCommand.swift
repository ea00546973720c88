import ArgumentParser
import CellIO
import Foundation
import Workbench
import WorkbenchKernel

/// `hti run FILE.hti | NOTEBOOK.ipynb`: headless replay in-process.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Run an .hti script or an .ipynb notebook headless; exit non-zero at the first error.",
        discussion: """
            A notebook's outputs are written to --output (default: out/NAME.ipynb) and the SVG figures it \
            displays to a folder beside it (out/NAME_files/). Parameters (-p name=value) are injected after \
            the cell tagged `parameters`, as papermill does. A script's figures are saved beside it \
            (NAME_files/figure-N.svg).
            """)

    @Argument(help: "The script or notebook to run.") var file: String
    @Option(help: "Where to write the executed notebook.") var output: String?
    @Option(name: .short, help: "A parameter, name=value (repeatable), typed as papermill's -p: a number, True/False, None, or text.") var parameter: [String] = []
    @Option(name: .short, help: "A parameter whose value is always text, name=value (repeatable), as papermill's -r.") var raw: [String] = []

    func run() throws {
        let token = CancellationToken()
        let interrupts = InterruptSignal { token.cancel() }
        defer { interrupts.cancel() }
        if file.hasSuffix(".ipynb") {
            try runNotebook(token)
        } else if file.hasSuffix(".hti") {
            guard parameter.isEmpty, raw.isEmpty, output == nil else {
                throw ValidationError("-p and --output apply to notebooks; \(file) is a script")
            }
            let figures = ScriptFigures(script: file)
            let terminal = TerminalOutput(onDisplay: figures.save)
            defer { terminal.finish() }
            if let report = ScriptRunner(path: file).run(session: Session(), output: terminal.channel, cancellation: token) {
                FileHandle.standardError.write(Data((report + "\n").utf8))
                throw ExitCode(1)
            }
        } else {
            throw ValidationError("\(file): expected an .hti script or an .ipynb notebook")
        }
    }

    private func runNotebook(_ token: CancellationToken) throws {
        let parameters: [NotebookParameter]
        let notebook: Notebook
        do {
            parameters = try parameter.map { try NotebookParameter.parse($0) } + raw.map { try NotebookParameter.parse($0, raw: true) }
            notebook = try Notebook.load(path: file)
        } catch let error as NotebookError {
            throw ValidationError(error.description)
        }
        let stem = ((file as NSString).lastPathComponent as NSString).deletingPathExtension
        let outputPath = output ?? "out/\(stem).ipynb"
        // Relative paths in the notebook are relative to the notebook's folder, as in Jupyter.
        let folder = URL(fileURLWithPath: file).deletingLastPathComponent()
        let result = NotebookRunner(parameters: parameters).run(notebook, session: Session(workingDirectory: folder),
                                                                  cancellation: token)
        let outputURL = URL(fileURLWithPath: outputPath)
        let figuresURL = outputURL.deletingPathExtension().path + "_files"
        do {
            try FileManager.default.createDirectory(at: outputURL.deletingLastPathComponent(), withIntermediateDirectories: true)
            try result.notebook.encoded().write(to: outputURL, options: .atomic)
            if !result.figures.isEmpty {
                try FileManager.default.createDirectory(atPath: figuresURL, withIntermediateDirectories: true)
                for (index, svg) in result.figures.enumerated() {
                    try Data(svg.utf8).write(to: URL(fileURLWithPath: "\(figuresURL)/figure-\(index + 1).svg"), options: .atomic)
                }
            }
        } catch {
            throw ValidationError("cannot write \(outputPath): \(error.localizedDescription)")
        }
        print("Executed notebook: \(outputPath)")
        if !result.figures.isEmpty { print("SVG figures:       \(figuresURL)/ (\(result.figures.count))") }
        if let failure = result.failure {
            FileHandle.standardError.write(Data("\(file): code cell \(failure.cell) failed: \(failure.message)\n".utf8))
            throw ExitCode(1)
        }
    }
}
