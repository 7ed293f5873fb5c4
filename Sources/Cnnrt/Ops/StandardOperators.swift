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
        // Elementwise
        Abs.self, Add.self, BatchNormalization.self, Cast.self, CastLike.self, Ceil.self, Clip.self, Div.self,
        Dropout.self, Elu.self, Erf.self, Exp.self, Floor.self, HardSigmoid.self, HardSwish.self, LeakyRelu.self,
        Log.self, LogSoftmax.self, Max.self, Min.self, Mul.self, Neg.self, Pow.self, PRelu.self, Reciprocal.self,
        Relu.self, Sigmoid.self, Softmax.self, Sqrt.self, Sub.self, Sum.self, Tanh.self,
        // Tensor (data movement), Linear, Reduce, Resize
        Concat.self, Split.self, SliceOperator.self, Flatten.self, Reshape.self, Squeeze.self, Unsqueeze.self,
        Transpose.self, Pad.self, Constant.self, ConstantOfShape.self, ShapeOperator.self, Gather.self,
        Expand.self, Tile.self, Gemm.self, MatMul.self, ReduceSum.self, ReduceMean.self, ReduceMax.self,
        Resize.self, Upsample.self,
    ]
}
