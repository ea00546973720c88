import Testing
@testable import Plots
