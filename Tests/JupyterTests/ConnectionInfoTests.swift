import Foundation
import Testing
@testable import Jupyter

@Suite struct ConnectionInfoTests {
    /// Removes the suite's files when the suite (made anew for each test) goes.
    final class Written: Sendable {
        let folder = NSTemporaryDirectory() + "hti-conn-\(UUID().uuidString)"
        deinit { try? FileManager.default.removeItem(atPath: folder) }
    }
    let written = Written()

    func write(_ text: String) throws -> String {
        try FileManager.default.createDirectory(atPath: written.folder, withIntermediateDirectories: true)
        let path = written.folder + "/\(UUID().uuidString).json"
        try text.write(toFile: path, atomically: true, encoding: .utf8)
        return path
    }

    @Test func readsATypicalJupyterClientFile() throws {
        let path = try write("""
        {"shell_port": 5001, "iopub_port": 5002, "stdin_port": 5003, "control_port": 5004, "hb_port": 5005,
         "ip": "127.0.0.1", "key": "a0436f6c-1916-498b-8eb9-e81ab9368e84", "transport": "tcp",
         "signature_scheme": "hmac-sha256", "kernel_name": "hti"}
        """)
        let info = try ConnectionInfo.load(path: path)
        #expect(info.shellPort == 5001 && info.heartbeatPort == 5005)
        #expect(info.endpoint(port: info.iopubPort) == "tcp://127.0.0.1:5002")
    }

    @Test func ipcEndpointsFollowJupyterClientNaming() throws {
        let path = try write(#"{"shell_port":1,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5,"ip":"/tmp/kernel-x","key":"","transport":"ipc"}"#)
        #expect(try ConnectionInfo.load(path: path).endpoint(port: 2) == "ipc:///tmp/kernel-x-2")
    }

    @Test func missingFieldIsNamed() throws {
        let path = try write(#"{"shell_port":1,"iopub_port":2,"stdin_port":3,"control_port":4,"ip":"127.0.0.1","key":""}"#)
        #expect(throws: ConnectionError.invalid(path: path, reason: "missing field `hb_port`")) {
            try ConnectionInfo.load(path: path)
        }
    }

    @Test func unsupportedSchemeIsNamed() throws {
        let path = try write(#"{"shell_port":1,"iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5,"key":"k","signature_scheme":"hmac-md5"}"#)
        #expect(throws: ConnectionError.invalid(path: path, reason: "signature_scheme `hmac-md5` is not supported (use hmac-sha256)")) {
            try ConnectionInfo.load(path: path)
        }
    }

    @Test func wrongTypeIsNamed() throws {
        let path = try write(#"{"shell_port":"one","iopub_port":2,"stdin_port":3,"control_port":4,"hb_port":5,"key":""}"#)
        #expect(throws: ConnectionError.invalid(path: path, reason: "field `shell_port` has the wrong type")) {
            try ConnectionInfo.load(path: path)
        }
    }

    @Test func missingFileIsReported() {
        #expect(throws: ConnectionError.self) { try ConnectionInfo.load(path: "/nonexistent/conn.json") }
    }

    @Test func anEmptyKeyIsAnnouncedWithTheReachableEndpoints() throws {
        let open = ConnectionInfo(shellPort: 5001, controlPort: 5004, stdinPort: 5003, iopubPort: 5002,
                                  heartbeatPort: 5005, key: "")
        let warning = try #require(open.unsignedWarning)
        #expect(warning.contains("NOT authenticated"))
        #expect(warning.contains("127.0.0.1 ports 5001, 5004, 5003, 5002, 5005"))
        #expect(warning.contains("run code"))
        var signed = open
        signed.key = "a0436f6c"
        #expect(signed.unsignedWarning == nil)
    }
}
