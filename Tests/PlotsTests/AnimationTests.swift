import Foundation
import Testing
@testable import Plots

/// `plot m animate`: trajectories that play with SVG's own animation (no script).
@Suite struct AnimationTests {
    /// `count` spiral paths of 49 points each, as `plot m` samples them.
    static func paths(_ count: Int) -> [Trajectory] {
        let grid = (0...48).map { Double($0) / 48 }
        return (0..<count).map { i in
            let phase = Double(i) * 0.7
            return Trajectory(x: grid.map { cos(phase + 3 * $0) * (1 + $0) }, y: grid.map { sin(phase + 3 * $0) * (1 + $0) }, value: grid)
        }
    }

    static func figure(paths count: Int) -> Figure {
        let background = FigureFixtures.ring(300, lambda: 0)
        let perPanel = count / 4
        let panels = (0..<4).map { p in
            TrajectorySet(title: "class \(p)", paths: Array(paths(count)[(p * perPanel)..<((p + 1) * perPanel)]), marginals: background)
        }
        return Figure.animatedTrajectories(panels, title: "Animated", x: "x", y: "y", anchors: [0, 0.5, 1])
    }

    @Test func everyPathPlaysAndTheReadoutShowsLambda() {
        let svg = AnimationTests.figure(paths: 40).svg
        #expect(FigureTests.parses(svg))
        #expect(svg.components(separatedBy: "<animateMotion").count - 1 == 40)
        #expect(svg.components(separatedBy: "attributeName=\"fill\"").count - 1 == 40, "each dot's colour follows λ")
        #expect(svg.contains("repeatCount=\"indefinite\"") && !svg.contains("<script"))
        #expect(svg.contains(">λ = 0.00<") && svg.contains(">λ = 1.00<"))
    }

    @Test func fiveHundredPathsStayUnderOneMegabyte() {
        let svg = AnimationTests.figure(paths: 500).svg
        #expect(svg.utf8.count < 1_000_000, "\(svg.utf8.count) bytes")
        #expect(svg.components(separatedBy: "<animateMotion").count - 1 == 500)
    }

    @Test func theBytesAreDeterministic() {
        #expect(AnimationTests.figure(paths: 20).svg == AnimationTests.figure(paths: 20).svg)
    }

    @Test func motionIsKeyedByLambdaNotByDistance() throws {
        // A path that covers most of its length in the last step: halfway in time it is at 10% of its length.
        let path = Trajectory(x: [0, 0.1, 0.2, 2], y: [0, 0, 0, 0], value: [0, 0.33, 0.67, 1])
        let svg = Figure.animatedTrajectories([TrajectorySet(title: "p", paths: [path], marginals: FigureFixtures.ring(10, lambda: 0))],
                                              title: "t", x: "x", y: "y", anchors: [0, 1]).svg
        let keyPoints = try #require(svg.components(separatedBy: "keyPoints=\"").dropFirst().first?.split(separator: "\"").first)
        let fractions = keyPoints.split(separator: ";").compactMap { Double($0) }
        #expect(fractions.count == 4 && fractions[0] == 0 && fractions[3] == 1)
        #expect(abs(fractions[2] - 0.1) < 0.01, "\(fractions)")
    }
}
