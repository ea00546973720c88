import Testing
@testable import HTI
