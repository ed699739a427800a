let stdlibExpectations2: [(name: String, source: String, expected: String)] = []
