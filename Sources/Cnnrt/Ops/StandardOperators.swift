/// The registry's list: every operator cnnrt implements, one line each.
enum StandardOperators {
    static let all: [any OperatorDefinition.Type] = [
        Identity.self,
        // Tensor (data movement), Linear, Reduce, Resize
        Concat.self, Split.self, SliceOperator.self, Flatten.self, Reshape.self, Squeeze.self, Unsqueeze.self,
        Transpose.self, Pad.self, Constant.self, ConstantOfShape.self, ShapeOperator.self, Gather.self,
        Expand.self, Tile.self, Gemm.self, MatMul.self, ReduceSum.self, ReduceMean.self, ReduceMax.self,
        Resize.self, Upsample.self,
    ]
}
