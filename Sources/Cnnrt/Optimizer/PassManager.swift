/// The optimizer's ordered list of passes and the level at which each starts to run.
enum PassManager {
    /// Every pass in the order it runs. Clean-ups and folding come first so that the fusions see the
    /// simplest graph; removing dead nodes and initializers comes last.
    static let passes: [(level: OptimizationLevel, pass: any OptimizerPass)] = [
        (.basic, EliminateIdentityPass()),
        (.basic, EliminateDropoutPass()),
        (.basic, ConstantFoldingPass()),
        (.basic, EliminateReshapeChainPass()),
        (.basic, FoldBatchNormPass()),
        (.basic, MatMulAddToGemmPass()),
        (.all, BatchNormToScaleShiftPass()),
        (.all, FuseConvAddPass()),
        (.all, FuseConvActivationPass()),
        (.all, PointwiseConvPass()),
        (.all, FuseGemmActivationPass()),
        (.basic, RemoveUnusedPass()),
    ]

    /// The passes that run at `level`, in order.
    static func passes(for level: OptimizationLevel) -> [any OptimizerPass] {
        passes.filter { $0.level <= level }.map(\.pass)
    }
}
