import Testing
@testable import Cnnrt

@Suite struct ElementwiseDropoutTests {
    static let x = ewF([2, 2], [1, -2, 3, 4])

    @Test func inferenceIsIdentityWithAllTrueMask() throws {
        let outputs = try ewRun("Dropout", opset: 13, [Self.x], outputs: 2)
        #expect(outputs[0] == Self.x)
        #expect(outputs[1].elementType == .bool && outputs[1].shape == [2, 2])
        #expect(outputs[1].scalars(as: Bool.self) == [true, true, true, true])
        #expect(try ewRun1("Dropout", opset: 13, [Self.x]) == Self.x)
    }

    @Test func maskHasTheInputTypeBeforeOpset10() throws {
        let outputs = try ewRun("Dropout", opset: 7, [Self.x], attributes: [Attribute("ratio", .float(0.3))],
                                outputs: 2)
        #expect(outputs[0] == Self.x)
        #expect(outputs[1] == ewF([2, 2], [1, 1, 1, 1]))
        let ten = try ewRun("Dropout", opset: 10, [Self.x], attributes: [Attribute("ratio", .float(0.3))], outputs: 2)
        #expect(ten[1].elementType == .bool)
        // is_test=0 in opset 6 (a model saved in training) still runs as inference.
        #expect(try ewRun1("Dropout", opset: 6, [Self.x], attributes: [Attribute("is_test", .int(0))]) == Self.x)
    }

    @Test func trainingModeInputs() throws {
        let off = Tensor(scalar: false)
        let on = Tensor(scalar: true)
        // training_mode false: the ratio is ignored.
        #expect(try ewRun1("Dropout", opset: 12, [Self.x, ewF([], [0.7]), off]) == Self.x)
        // A ratio without training_mode (e.g. exported from training) is still inference.
        #expect(try ewRun1("Dropout", opset: 12, [Self.x, ewF([], [0.5])]) == Self.x)
        // Training mode with ratio 0 drops nothing.
        let zero = try ewRun("Dropout", opset: 13, [Self.x, ewF([], [0]), on], outputs: 2)
        #expect(zero[0] == Self.x)
        #expect(zero[1].scalars(as: Bool.self) == [true, true, true, true])
        // An omitted ratio with training_mode false.
        #expect(try ewRun1("Dropout", opset: 13, [Self.x, nil, off]) == Self.x)
    }

    @Test func trainingModeDropoutIsRejectedClearly() throws {
        let on = Tensor(scalar: true)
        ewExpectError("Dropout", opset: 12, [Self.x, ewF([], [0.5]), on])
        // The default ratio is 0.5.
        ewExpectError("Dropout", opset: 13, [Self.x, nil, on])
        do {
            _ = try ewRun1("Dropout", opset: 13, [Self.x, ewF([], [0.25]), on])
            Issue.record("expected an error")
        } catch let error as CnnrtError {
            #expect("\(error)".contains("training-mode Dropout"))
        }
    }

    @Test func rejections() {
        ewExpectError("Dropout", opset: 13, [Self.x, ewF([], [0]), ewF([], [1])])
        ewExpectError("Dropout", opset: 13, [Self.x, Tensor(scalar: Int32(0))])
        ewExpectError("Dropout", opset: 13, [Self.x, ewF([2], [0, 0])])
        ewExpectError("Dropout", opset: 10, [Self.x, ewF([], [0])])
        ewExpectError("Dropout", opset: 13, [Self.x], outputs: 3)
    }
}
