import CellIO
import Foundation

/// Tab completion for the command language: command names, options, option
/// values, variable names and file paths (inside quotes).
struct CompletionEngine {
    let registry: CommandRegistry
    let variables: [String]
    let workingDirectory: URL

    func complete(code: String, cursor: Int) -> Completion {
        let scalars = Array(code.unicodeScalars)
        let cursor = min(max(0, cursor), scalars.count)
        var lineStart = cursor
        while lineStart > 0, scalars[lineStart - 1] != "\n" { lineStart -= 1 }
        let before = String(String.UnicodeScalarView(scalars[lineStart..<cursor]))

        if let quote = openQuote(in: before) {
            let partial = String(before[before.index(after: quote)...])
            let start = cursor - partial.unicodeScalars.count
            return Completion(matches: paths(matching: partial), cursorStart: start, cursorEnd: cursor)
        }

        let wordScalars = before.unicodeScalars.reversed().prefix { scalar in
            Lexer.isWordCharacter(Character(scalar)) || scalar == "=" || scalar == "," || scalar == "%"
        }
        var word = String(String.UnicodeScalarView(wordScalars.reversed()))
        var start = cursor - word.unicodeScalars.count
        let head = String(before.dropLast(word.count))
        let tokens = (try? Lexer(head).tokens()) ?? []
        // `x = fit …`: the command is the word after `=`.
        let commandTokens: [Token] = tokens.count >= 2 && tokens[1].kind == .equals ? Array(tokens.dropFirst(2)) : tokens
        let magicPrefixed = commandTokens.first.map { if case .magic = $0.kind { return true } else { return false } } ?? false
        let commandIndex = magicPrefixed ? 1 : 0

        if commandTokens.count <= commandIndex {
            if word.hasPrefix("%") {
                return Completion(matches: CommandRegistry.magics.map { "%" + $0.name }.filter { $0.hasPrefix(word) },
                                  cursorStart: start, cursorEnd: cursor)
            }
            let candidates = registry.names + (tokens.isEmpty ? variables : [])
            return Completion(matches: sortedUnique(candidates.filter { $0.hasPrefix(word) }),
                              cursorStart: start, cursorEnd: cursor)
        }
        guard case .word(let commandName) = commandTokens[commandIndex].kind,
              let spec = registry.command(named: commandName) else {
            return Completion(matches: variables.filter { $0.hasPrefix(word) }.sorted(), cursorStart: start, cursorEnd: cursor)
        }

        if let equals = word.firstIndex(of: "=") {
            let optionName = String(word[..<equals])
            var valuePart = String(word[word.index(after: equals)...])
            if let comma = valuePart.lastIndex(of: ",") { valuePart = String(valuePart[valuePart.index(after: comma)...]) }
            start = cursor - valuePart.unicodeScalars.count
            word = valuePart
            guard let option = spec.options.first(where: { $0.name == optionName }) else {
                return Completion(matches: [], cursorStart: start, cursorEnd: cursor)
            }
            let candidates = option.kind.suggestions + (option.kind == .text ? variables : [])
            return Completion(matches: sortedUnique(candidates.filter { $0.hasPrefix(word) }),
                              cursorStart: start, cursorEnd: cursor)
        }

        var candidates = spec.options.map { $0.name + "=" }
        let positionalIndex = commandTokens.count - commandIndex - 1
        if positionalIndex < spec.positionals.count || spec.positionals.last?.isRepeated == true {
            let positional = spec.positionals[min(positionalIndex, spec.positionals.count - 1)]
            switch positional.kind {
            case .variable: candidates += variables
            case .word(let choices): candidates += choices
            case .anything: candidates += variables + (spec.name == "help" ? registry.names : [])
            case .path, .number: break
            }
        }
        return Completion(matches: sortedUnique(candidates.filter { $0.hasPrefix(word) }),
                          cursorStart: start, cursorEnd: cursor)
    }

    /// The index of an unclosed `"` in the text, if any.
    private func openQuote(in text: String) -> String.Index? {
        var open: String.Index?
        var escaped = false
        for index in text.indices {
            let c = text[index]
            if open != nil {
                if escaped { escaped = false } else if c == "\\" { escaped = true } else if c == "\"" { open = nil }
            } else if c == "\"" {
                open = index
            } else if c == "#" {
                return nil
            }
        }
        return open
    }

    /// Files and folders starting with `partial`, relative to the working directory; folders end in `/`.
    private func paths(matching partial: String) -> [String] {
        let slash = partial.lastIndex(of: "/")
        let folderText = slash.map { String(partial[...$0]) } ?? ""
        let namePrefix = slash.map { String(partial[partial.index(after: $0)...]) } ?? partial
        let expanded = (folderText as NSString).expandingTildeInPath
        let folder = expanded.hasPrefix("/") ? URL(fileURLWithPath: expanded)
            : workingDirectory.appendingPathComponent(expanded)
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: folder.path) else { return [] }
        return names.filter { $0.hasPrefix(namePrefix) && (!$0.hasPrefix(".") || namePrefix.hasPrefix(".")) }
            .sorted()
            .map { name in
                var isDirectory: ObjCBool = false
                FileManager.default.fileExists(atPath: folder.appendingPathComponent(name).path, isDirectory: &isDirectory)
                return folderText + name + (isDirectory.boolValue ? "/" : "")
            }
    }

    private func sortedUnique(_ items: [String]) -> [String] {
        Array(Set(items)).sorted()
    }
}
