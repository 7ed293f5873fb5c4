/// The registry's list: every operator cnnrt implements, one line each.
enum StandardOperators {
    static let all: [any OperatorDefinition.Type] = [
        Identity.self,
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
