import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

/// A client of Ray's Jobs REST API (the dashboard's HTTP server, port 8265 by
/// default): submit a job, read its status and logs, stop it. The kernel needs
/// no Python for this; every call is one blocking HTTP request with a timeout.
public struct RayJobsClient: Sendable {
    /// The dashboard's address, e.g. `http://127.0.0.1:8265`.
    public let address: URL
    /// Seconds one request may take.
    public var timeout: TimeInterval = 10

    /// A job's state as Ray reports it.
    public enum JobStatus: String, Sendable, Equatable {
        case pending = "PENDING", running = "RUNNING", succeeded = "SUCCEEDED", failed = "FAILED", stopped = "STOPPED"

        public var isFinished: Bool { self == .succeeded || self == .failed || self == .stopped }
    }

    /// A job's status and Ray's message about it (why it failed, say).
    public struct JobInfo: Sendable, Equatable {
        public var status: JobStatus
        public var message: String?
    }

    /// A request that failed: the address, what was asked and why, for the user.
    public struct RayError: Error, CustomStringConvertible, Sendable {
        public var address: String
        public var what: String
        public var detail: String
        /// The server could not be reached at all (as opposed to answering with an error).
        public var unreachable: Bool

        public var description: String {
            unreachable ? "cannot reach the Ray cluster at \(address) (\(what)): \(detail)"
                : "the Ray cluster at \(address) refused to \(what): \(detail)"
        }
    }

    public init(address: URL, timeout: TimeInterval = 10) {
        self.address = address
        self.timeout = timeout
    }

    /// The dashboard address from `cluster=`, else Ray's own `RAY_API_SERVER_ADDRESS` or `RAY_ADDRESS`
    /// (as the `ray job` CLI reads them), else a local head's default; `http://` is added when missing.
    public static func address(given: String?, environment: [String: String]) throws -> URL {
        let candidates: [(String, String?)] = [("cluster=", given), ("RAY_API_SERVER_ADDRESS", environment["RAY_API_SERVER_ADDRESS"]),
                                               ("RAY_ADDRESS", environment["RAY_ADDRESS"])]
        let (origin, raw) = candidates.first { !($0.1 ?? "").isEmpty }.map { ($0.0, $0.1 ?? "") } ?? ("default", "http://127.0.0.1:8265")
        var text = raw.trimmingCharacters(in: .whitespaces)
        if text.hasPrefix("ray://") || text == "auto" {
            throw InvalidAddress(text: text, origin: origin,
                                 reason: "that is a Ray Client or GCS address; sweeps talk to the dashboard's Jobs API, e.g. http://head:8265")
        }
        if !text.contains("://") { text = "http://" + text }
        while text.hasSuffix("/") { text.removeLast() }
        guard let url = URL(string: text), let scheme = url.scheme?.lowercased(), scheme == "http" || scheme == "https", url.host != nil else {
            throw InvalidAddress(text: raw, origin: origin, reason: "not an http(s) address such as http://head:8265")
        }
        return url
    }

    /// An address that is no dashboard address.
    public struct InvalidAddress: Error, CustomStringConvertible, Sendable {
        public var text: String
        public var origin: String
        public var reason: String
        public var description: String { "`\(text)` (from \(origin)) is no Ray dashboard address: \(reason)" }
    }

    /// `GET /api/version`: the Ray version, also a check that the address is a Ray dashboard.
    public func version() throws -> String {
        let object = try json(try send("GET", "/api/version", what: "report its version"), what: "report its version")
        return object["ray_version"] as? String ?? "unknown"
    }

    /// `POST /api/jobs/`: starts `entrypoint` as a job named `submissionID`, reserving `cpus` CPUs for it.
    public func submit(entrypoint: String, submissionID: String, cpus: Double, environment: [String: String],
                       metadata: [String: String]) throws {
        var body: [String: Any] = ["entrypoint": entrypoint, "submission_id": submissionID, "metadata": metadata,
                                   "entrypoint_num_cpus": cpus]
        if !environment.isEmpty { body["runtime_env"] = ["env_vars": environment] }
        _ = try send("POST", "/api/jobs/", body: body, what: "submit job \(submissionID)")
    }

    /// `GET /api/jobs/{id}`: the job's status.
    public func info(_ submissionID: String) throws -> JobInfo {
        let what = "report job \(submissionID)"
        let object = try json(try send("GET", "/api/jobs/\(submissionID)", what: what), what: what)
        guard let text = object["status"] as? String, let status = JobStatus(rawValue: text) else {
            throw RayError(address: address.absoluteString, what: what, detail: "no job status in the answer", unreachable: false)
        }
        return JobInfo(status: status, message: object["message"] as? String)
    }

    /// `GET /api/jobs/{id}/logs`: everything the job has printed so far.
    public func logs(_ submissionID: String) throws -> String {
        let what = "give the logs of job \(submissionID)"
        return try json(try send("GET", "/api/jobs/\(submissionID)/logs", what: what), what: what)["logs"] as? String ?? ""
    }

    /// `POST /api/jobs/{id}/stop`: asks Ray to stop the job; whether it was running to stop.
    @discardableResult
    public func stop(_ submissionID: String) throws -> Bool {
        let what = "stop job \(submissionID)"
        return try json(try send("POST", "/api/jobs/\(submissionID)/stop", what: what), what: what)["stopped"] as? Bool ?? false
    }

    private func json(_ data: Data, what: String) throws -> [String: Any] {
        guard let object = try? JSONSerialization.jsonObject(with: data) as? [String: Any] else {
            throw RayError(address: address.absoluteString, what: what, detail: "the answer is not a JSON object — is this a Ray dashboard?",
                           unreachable: false)
        }
        return object
    }

    /// One request; any answer but 2xx is an error carrying the server's text.
    private func send(_ method: String, _ path: String, body: [String: Any]? = nil, what: String) throws -> Data {
        guard let url = URL(string: address.absoluteString + path) else {
            throw RayError(address: address.absoluteString, what: what, detail: "cannot form the URL for \(path)", unreachable: true)
        }
        var request = URLRequest(url: url, timeoutInterval: timeout)
        request.httpMethod = method
        if let body {
            request.httpBody = try JSONSerialization.data(withJSONObject: body, options: [.sortedKeys])
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let answer = Answer()
        URLSession.shared.dataTask(with: request) { data, response, error in
            answer.set(data: data, response: response, error: error)
        }.resume()
        let (data, response, error) = answer.wait()
        if let error {
            throw RayError(address: address.absoluteString, what: what, detail: error.localizedDescription, unreachable: true)
        }
        let code = (response as? HTTPURLResponse)?.statusCode ?? 0
        guard (200..<300).contains(code) else {
            let text = String(decoding: (data ?? Data()).prefix(500), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
            throw RayError(address: address.absoluteString, what: what, detail: "HTTP \(code)" + (text.isEmpty ? "" : ": \(text)"),
                           unreachable: false)
        }
        return data ?? Data()
    }

    /// A completion handler's results, handed to the waiting caller.
    private final class Answer: @unchecked Sendable {
        private let done = DispatchSemaphore(value: 0)
        private let lock = NSLock()
        private var result: (Data?, URLResponse?, Error?) = (nil, nil, nil)

        func set(data: Data?, response: URLResponse?, error: Error?) {
            lock.lock()
            result = (data, response, error)
            lock.unlock()
            done.signal()
        }

        func wait() -> (Data?, URLResponse?, Error?) {
            done.wait()
            lock.lock()
            defer { lock.unlock() }
            return result
        }
    }

    /// `text` quoted for a POSIX shell (Ray runs the entrypoint with one).
    public static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: #"'\''"#) + "'"
    }
}
