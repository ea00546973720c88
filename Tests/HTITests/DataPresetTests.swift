import Foundation
import Testing
@testable import HTI

/// Presets are stated, never guessed, and travel with the model file.
@Suite struct DataPresetTests {
    @Test func theFileNameDecidesNothing() throws {
        let text = "lambda,x,y\n0,0,0\n0,1,1\n1,2,2\n1,3,3\n"
        let named = try CSVMarginalsLoader.parse(text: text, source: "ett_settings.csv", columns: ColumnSelection())
        #expect(named.preset == .none)
        #expect(try HeldOutTask.make(for: named) == nil)
        #expect(named.preset.fitSettings == FitSettings())
    }

    @Test func eachPresetHasThePapersSettings() {
        #expect(DataPreset.semicircles.fitSettings.potentialWeight == 0.05)
        #expect(DataPreset.semicircles.fitSettings.bandwidth == 0.05)
        #expect(DataPreset.moons.fitSettings.bandwidth == 0.2)
        #expect(DataPreset.ett.fitSettings.steps == 1001)
        // The semicircles take evenly paced paths, matched maps and the identity metric; the others the paper's.
        let semicircles = DataPreset.semicircles.fitSettings
        #expect(semicircles.action == .energy && semicircles.matching == 300 && semicircles.metric == .identity)
        for preset in [DataPreset.moons, .ett, .none] {
            let settings = preset.fitSettings
            #expect(settings.action == .lengths && settings.matching == 0 && settings.metric == .learned, "\(preset)")
        }
        #expect(DataPreset.none.columns == nil)
        #expect(DataPreset.ett.columns?.conditions.count == 12)
    }

    @Test func aMoonsPresetHoldsOutTheInteriorAnchors() throws {
        let text = "lambda,x\n0,0\n0,1\n0.5,2\n0.5,3\n1,4\n1,5\n"
        var data = try CSVMarginalsLoader.parse(text: text, source: "mine.csv", columns: ColumnSelection())
        #expect(try HeldOutTask.make(for: data) == nil)
        data.preset = .moons
        let task = try #require(try HeldOutTask.make(for: data))
        #expect(task.train.lambdas == [0, 1] && task.lambdas == [0.5])
    }

    @Test func thePresetIsSavedAndRead() throws {
        #expect(HostileModelFileTests.file.header.preset == "none")
        var file = HostileModelFileTests.file
        file.header.preset = "semicircles"
        let loaded = try HostileModelFileTests.load(file)
        #expect(loaded.marginals.preset == .semicircles)
        #expect(loaded.modelFile().header.preset == "semicircles")
    }

    @Test func aFileWithoutAPresetHasNone() throws {
        var file = HostileModelFileTests.file
        file.header.preset = nil
        #expect(try HostileModelFileTests.load(file).marginals.preset == DataPreset.none)
    }

    @Test func anUnknownPresetIsRefusedByName() throws {
        var file = HostileModelFileTests.file
        file.header.preset = "mnist"
        do { _ = try HostileModelFileTests.load(file); Issue.record("an unknown preset loaded") } catch let error as ModelFileError {
            #expect(error.description.contains("preset"))
        }
    }
}
