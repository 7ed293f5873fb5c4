/// The registry's list: every operator cnnrt implements, one line each.
enum StandardOperators {
    static let all: [any OperatorDefinition.Type] = [
        Identity.self,
    ]
}
