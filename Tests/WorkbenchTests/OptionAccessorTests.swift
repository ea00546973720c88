import Foundation
import Testing
@testable import Workbench

/// Options are read by name (`call.integer("refine")`), so a misspelt name would silently read
/// as "not given" and the default would win. This test reads every accessor in the command
/// sources and checks its name against the specs: in a file that defines commands, against
/// those commands' options; in a helper file shared by several commands, against some command's.
@Suite struct OptionAccessorTests {
    static let folder = repositoryRoot.appendingPathComponent("Sources/Workbench/Commands")
    static let accessor = try! Regex(#"(?:call|invocation)\.(?:integer|number|numbers|text|words|has|location\(ofOption:)\(?\s*"([a-z_]+)"|options\["([a-z_]+)"\]"#)
    static let definedCommand = try! Regex(#"CommandSpec\(\s*name:\s*"([a-z_%]+)""#)

    @Test func everyOptionReadIsDeclared() throws {
        let registry = CommandRegistry.standard
        let allOptions = Set(registry.commands.flatMap { $0.options.map(\.name) })
        let files = try FileManager.default.contentsOfDirectory(atPath: OptionAccessorTests.folder.path).filter { $0.hasSuffix(".swift") }
        var checked = 0
        for file in files {
            let text = try String(contentsOf: OptionAccessorTests.folder.appendingPathComponent(file), encoding: .utf8)
            let defined = text.matches(of: OptionAccessorTests.definedCommand).compactMap { $0.output[1].substring.map(String.init) }
            let declared = defined.isEmpty ? allOptions
                : Set(defined.compactMap { registry.command(named: $0) }.flatMap { $0.options.map(\.name) })
            for match in text.matches(of: OptionAccessorTests.accessor) {
                guard let name = (match.output[1].substring ?? match.output[2].substring).map(String.init) else { continue }
                checked += 1
                #expect(declared.contains(name), "\(file) reads option `\(name)`, which \(defined.isEmpty ? "no command" : defined.joined(separator: ", ")) declares")
            }
        }
        #expect(checked > 50, "the pattern should find the accessors (found \(checked))")
    }
}
