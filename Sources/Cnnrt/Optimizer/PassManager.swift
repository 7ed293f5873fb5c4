/// The optimizer's ordered list of passes and the level at which each starts to run.
enum PassManager {
    /// Every pass in the order it runs. Constant folding comes first (it turns Constant nodes into
    /// initializers that later rules read, such as Dropout's training_mode or Clip's bounds), then the
    /// clean-ups, so that the fusions see the simplest graph; removing dead nodes and initializers
    /// comes last.
    static let passes: [(level: OptimizationLevel, pass: any OptimizerPass)] = [
        (.basic, ConstantFoldingPass()),
        (.basic, EliminateIdentityPass()),
        (.basic, EliminateDropoutPass()),
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
