/// The registry's list: every operator cnnrt implements, one line each.
enum StandardOperators {
    static let all: [any OperatorDefinition.Type] = [
        Identity.self,
        // Fused (domain ai.cnnrt, produced by the optimizer at -O2; see docs/fused-ops.md)
        FusedConv.self,
        FusedGemm.self,
        PointwiseConv.self,
        ScaleShift.self,
        // ConvPool
        AveragePool.self,
        Conv.self,
        ConvTranspose.self,
        GlobalAveragePool.self,
        GlobalMaxPool.self,
        LRN.self,
        MaxPool.self,
    ]
}
