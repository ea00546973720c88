import Foundation
import Testing
@testable import Jupyter

@Suite struct ParentWatchTests {
    let alive: (Int32) -> Bool = { _ in true }
    let dead: (Int32) -> Bool = { _ in false }

    @Test func armedOnlyByAParentPidAboveOne() {
        #expect(ParentWatch(environment: [:], currentParent: 40) == nil)
        #expect(ParentWatch(environment: ["JPY_PARENT_PID": ""], currentParent: 40) == nil)
        #expect(ParentWatch(environment: ["JPY_PARENT_PID": "abc"], currentParent: 40) == nil)
        #expect(ParentWatch(environment: ["JPY_PARENT_PID": "1"], currentParent: 1) == nil)
        #expect(ParentWatch(environment: ["JPY_PARENT_PID": "0"], currentParent: 40) == nil)
        #expect(ParentWatch(environment: ["JPY_PARENT_PID": "-5"], currentParent: 40) == nil)
        let watch = ParentWatch(environment: ["JPY_PARENT_PID": "40"], currentParent: 40)
        #expect(watch?.launcher == 40 && watch?.originalParent == 40)
    }

    @Test func directChildIsOrphanedWhenItsParentChanges() throws {
        let watch = try #require(ParentWatch(environment: ["JPY_PARENT_PID": "40"], currentParent: 40))
        #expect(!watch.isOrphaned(currentParent: 40, isAlive: alive))
        #expect(watch.isOrphaned(currentParent: 1, isAlive: alive))
        // Re-parented to a sub-reaper, not to init: still orphaned.
        #expect(watch.isOrphaned(currentParent: 977, isAlive: alive))
        #expect(watch.isOrphaned(currentParent: 40, isAlive: dead))
    }

    @Test func behindAWrapperTheLaunchersLifeDecides() throws {
        // Launcher 40 started a wrapper 41 that started the kernel.
        let watch = try #require(ParentWatch(environment: ["JPY_PARENT_PID": "40"], currentParent: 41))
        #expect(!watch.isOrphaned(currentParent: 41, isAlive: alive))
        #expect(watch.isOrphaned(currentParent: 41, isAlive: { $0 != 40 }))
        #expect(watch.isOrphaned(currentParent: 1, isAlive: alive))
    }

    @Test func startedUnderInitIsOrphanedAsIpykernelHasIt() throws {
        let watch = try #require(ParentWatch(environment: ["JPY_PARENT_PID": "40"], currentParent: 1))
        #expect(watch.isOrphaned(currentParent: 1, isAlive: alive))
    }

    @Test func livenessOfRealProcesses() throws {
        #expect(ParentPoller.isAlive(getpid()))
        #expect(ParentPoller.isAlive(1))
        // A child that has exited but is not reaped yet is a zombie: `kill(pid, 0)`
        // still succeeds, yet the process is gone.
        var pid: pid_t = 0
        let argv: [UnsafeMutablePointer<CChar>?] = [strdup("/bin/sh"), strdup("-c"), strdup("exit 0"), nil]
        defer { argv.forEach { free($0) } }
        #expect(posix_spawn(&pid, "/bin/sh", nil, nil, argv, environ) == 0)
        var waited = 0
        while ParentPoller.isAlive(pid) && waited < 250 { usleep(20_000); waited += 1 }
        #expect(kill(pid, 0) == 0, "not reaped yet, so still in the process table")
        #expect(!ParentPoller.isAlive(pid))
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        #expect(!ParentPoller.isAlive(pid))
    }
}
