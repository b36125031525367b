/**
 * The model description a job manifest carries: a plain sequential stack of layers.
 *
 * @remarks
 * Deliberately small: the layers the MNIST jobs need, nothing a node could interpret two ways.
 * Inputs are NHWC images; the last layer's outputs are logits and the loss is softmax
 * cross-entropy over them.
 */

/** Activation applied after a dense or conv layer. */
export type Activation = 'relu' | 'linear'

/** A fully connected layer: `y = act(x · W + b)`. */
export interface DenseLayer {
  readonly type: 'dense'
  readonly units: number
  readonly activation: Activation
}

/** A 2-D convolution with stride 1: `y = act(conv(x, K) + b)`. */
export interface Conv2dLayer {
  readonly type: 'conv2d'
  readonly filters: number
  readonly kernelSize: number
  readonly padding: 'same' | 'valid'
  readonly activation: Activation
}

/** Max pooling with a square window and a stride equal to the window. */
export interface MaxPool2dLayer {
  readonly type: 'maxPool2d'
  readonly poolSize: number
}

/** Flattens NHWC activations to `[N, H·W·C]` in row-major (H, W, C) order. */
export interface FlattenLayer {
  readonly type: 'flatten'
}

/** One layer of a sequential model. */
export type LayerSpec = DenseLayer | Conv2dLayer | MaxPool2dLayer | FlattenLayer

/** A sequential model over `[height, width, channels]` inputs, ending in logits. */
export interface ModelSpec {
  /** Input shape without the batch dimension: `[height, width, channels]`. */
  readonly input: readonly [number, number, number]
  readonly layers: readonly LayerSpec[]
  /** The only loss so far: softmax cross-entropy of the logits against one-hot labels. */
  readonly loss: 'softmax-cross-entropy'
}
