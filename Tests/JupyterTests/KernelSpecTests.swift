import CellIO
import Foundation
import Testing
@testable import Jupyter

@Suite struct KernelSpecTests {
    @Test func installHonoursJupyterDataDirAndUninstallRemoves() throws {
        let dir = NSTemporaryDirectory() + "hti-data-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let env = ["JUPYTER_DATA_DIR": dir, "HOME": "/nonexistent"]
        let spec = KernelSpec(name: "hti", displayName: "HTI", language: "hti",
                              argv: ["/abs/hti", "kernel", "-f", "{connection_file}"],
                              resources: ["logo-32x32.png": Data([1, 2, 3])])
        let folder = try spec.install(at: .user, environment: env)
        #expect(folder.path == dir + "/kernels/hti")
        let json = try JSONValue.decode(Data(contentsOf: folder.appendingPathComponent("kernel.json")))
        #expect(json["argv"] == ["/abs/hti", "kernel", "-f", "{connection_file}"])
        #expect(json["interrupt_mode"] == "message" && json["language"] == "hti")
        #expect(FileManager.default.fileExists(atPath: folder.appendingPathComponent("logo-32x32.png").path))
        try KernelSpec.uninstall(name: "hti", at: .user, environment: env)
        #expect(!FileManager.default.fileExists(atPath: folder.path))
        #expect(throws: KernelSpecError.notInstalled(path: folder.path)) {
            try KernelSpec.uninstall(name: "hti", at: .user, environment: env)
        }
    }

    @Test func prefixAndSysPrefixLocations() throws {
        #expect(try KernelSpecLocation.prefix("/opt/x").kernelsDirectory(environment: [:]).path == "/opt/x/share/jupyter/kernels")
        #expect(try KernelSpecLocation.sysPrefix.kernelsDirectory(environment: ["VIRTUAL_ENV": "/v"]).path == "/v/share/jupyter/kernels")
        #expect(throws: KernelSpecError.noEnvironment) { try KernelSpecLocation.sysPrefix.kernelsDirectory(environment: [:]) }
    }

    @Test func badNamesAreRefused() {
        let spec = KernelSpec(name: "no spaces", displayName: "x", language: "x", argv: [])
        #expect(throws: KernelSpecError.invalidName("no spaces")) { try spec.install(at: .prefix("/tmp")) }
    }
}
