import Testing
@testable import Tensors

struct BLASCoreTests {
    @Test func aUserChosenCoreTypeIsNeverOverridden() {
        let everything: Set<String> = ["avx512f", "avx512bw", "avx512dq", "avx512vl", "avx2", "fma"]
        #expect(BLASCore.betterChoice(environment: ["OPENBLAS_CORETYPE": "Haswell"], cpuFlags: everything) == nil)
    }

    @Test func genericKernelsAreReplacedOnlyByOnesTheCPUCanRun() {
        // Whatever this process runs on: the answer follows from the kernels OpenBLAS chose.
        let fallback = BLASCore.current.lowercased() == "prescott"
        #expect(BLASCore.betterChoice(environment: [:], cpuFlags: ["avx512f", "avx512bw", "avx512dq", "avx512vl"]) == (fallback ? "SkylakeX" : nil))
        #expect(BLASCore.betterChoice(environment: [:], cpuFlags: ["avx2", "fma"]) == (fallback ? "Haswell" : nil))
        #expect(BLASCore.betterChoice(environment: [:], cpuFlags: ["sse3"]) == nil)
        #expect(!BLASCore.current.isEmpty)
    }
}
