import Foundation

/// The connection file a front-end writes before starting the kernel.
public struct ConnectionInfo: Codable, Equatable, Sendable {
    public var transport: String
    public var ip: String
    public var shellPort: Int
    public var controlPort: Int
    public var stdinPort: Int
    public var iopubPort: Int
    public var heartbeatPort: Int
    public var signatureScheme: String
    public var key: String

    enum CodingKeys: String, CodingKey {
        case transport, ip, key
        case shellPort = "shell_port", controlPort = "control_port", stdinPort = "stdin_port"
        case iopubPort = "iopub_port", heartbeatPort = "hb_port", signatureScheme = "signature_scheme"
    }

    public init(transport: String = "tcp", ip: String = "127.0.0.1", shellPort: Int, controlPort: Int,
                stdinPort: Int, iopubPort: Int, heartbeatPort: Int,
                signatureScheme: String = "hmac-sha256", key: String) {
        self.transport = transport
        self.ip = ip
        self.shellPort = shellPort
        self.controlPort = controlPort
        self.stdinPort = stdinPort
        self.iopubPort = iopubPort
        self.heartbeatPort = heartbeatPort
        self.signatureScheme = signatureScheme
        self.key = key
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        transport = try c.decodeIfPresent(String.self, forKey: .transport) ?? "tcp"
        ip = try c.decodeIfPresent(String.self, forKey: .ip) ?? "127.0.0.1"
        shellPort = try c.decode(Int.self, forKey: .shellPort)
        controlPort = try c.decode(Int.self, forKey: .controlPort)
        stdinPort = try c.decode(Int.self, forKey: .stdinPort)
        iopubPort = try c.decode(Int.self, forKey: .iopubPort)
        heartbeatPort = try c.decode(Int.self, forKey: .heartbeatPort)
        signatureScheme = try c.decodeIfPresent(String.self, forKey: .signatureScheme) ?? "hmac-sha256"
        key = try c.decodeIfPresent(String.self, forKey: .key) ?? ""
    }

    /// Reads and validates a connection file, naming the file and the field at fault.
    public static func load(path: String) throws -> ConnectionInfo {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw ConnectionError.unreadable(path: path, reason: error.localizedDescription)
        }
        let info: ConnectionInfo
        do { info = try JSONDecoder().decode(ConnectionInfo.self, from: data) } catch let DecodingError.keyNotFound(key, _) {
            throw ConnectionError.invalid(path: path, reason: "missing field `\(key.stringValue)`")
        } catch let DecodingError.typeMismatch(_, context) {
            throw ConnectionError.invalid(path: path, reason: "field `\(context.codingPath.map(\.stringValue).joined(separator: "."))` has the wrong type")
        } catch {
            throw ConnectionError.invalid(path: path, reason: "not a JSON object")
        }
        try info.validate(path: path)
        return info
    }

    func validate(path: String) throws {
        guard transport == "tcp" || transport == "ipc" else {
            throw ConnectionError.invalid(path: path, reason: "transport `\(transport)` is not supported (use tcp or ipc)")
        }
        guard signatureScheme == "hmac-sha256" || (key.isEmpty && signatureScheme.isEmpty) else {
            throw ConnectionError.invalid(path: path, reason: "signature_scheme `\(signatureScheme)` is not supported (use hmac-sha256)")
        }
        for (name, port) in [("shell_port", shellPort), ("control_port", controlPort), ("stdin_port", stdinPort),
                             ("iopub_port", iopubPort), ("hb_port", heartbeatPort)]
        where !(0...65535).contains(port) {
            throw ConnectionError.invalid(path: path, reason: "`\(name)` \(port) is not a port number")
        }
    }

    /// What to print on stderr at start-up when the connection file's `key` is
    /// empty: then nothing is signed or checked, and every message is taken as
    /// genuine. Nil when messages are signed.
    public var unsignedWarning: String? {
        guard key.isEmpty else { return nil }
        let ports = [shellPort, controlPort, stdinPort, iopubPort, heartbeatPort].map(String.init).joined(separator: ", ")
        let reach = transport == "ipc" ? "the ipc files \(ip)-*" : "\(ip) ports \(ports)"
        return """
            WARNING: the connection file has an empty "key": messages are NOT authenticated.
            WARNING: anyone who can reach \(reach) can run code as this user.
            WARNING: give the connection file a random "key" (jupyter_client does by default) to require signed messages.
            """
    }

    /// The ZeroMQ endpoint for one port: `tcp://ip:port`, or `ipc://ip-port` as jupyter_client names ipc files.
    public func endpoint(port: Int) -> String {
        transport == "ipc" ? "ipc://\(ip)-\(port)" : "tcp://\(ip):\(port)"
    }
}

/// A connection file that cannot be used, with the file and the reason.
public enum ConnectionError: Error, Equatable, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case invalid(path: String, reason: String)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): return "cannot read connection file \(path): \(reason)"
        case .invalid(let path, let reason): return "connection file \(path) is invalid: \(reason)"
        }
    }
}
