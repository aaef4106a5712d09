import { alloc, allocPersistent } from './memory.js';

export type Shape = readonly number[];

let gradDisabled = 0;

/** Runs `fn` without recording a graph: for evaluation and for optimizer updates. */
export function noGrad<T>(fn: () => T): T {
  gradDisabled++;
  try {
    return fn();
  } finally {
    gradDisabled--;
  }
}

export function sizeOf(shape: Shape): number {
  let n = 1;
  for (const d of shape) n *= d;
  return n;
}

/**
 * An n-dimensional float32 array that remembers how it was made. As in micrograd, every op
 * stores a closure next to its result that sends the result's gradient back to the op's inputs;
 * `backward()` runs those closures in reverse topological order. There is nothing to dispose:
 * storage is garbage collected, or planned by the training loop (see memory.ts).
 */
export class Tensor {
  readonly data: Float32Array;
  readonly shape: Shape;
  requiresGrad: boolean;
  private gradBuffer: Tensor | null = null;
  private gradValid = false;
  /** False for tensors made by ops; only leaves keep their gradient after backward(). */
  readonly isLeaf: boolean;
  private inputs: readonly Tensor[] = [];
  private backwardFn: ((grad: Float32Array) => void) | null = null;

  constructor(data: Float32Array, shape: Shape, requiresGrad = false, isLeaf = true) {
    if (data.length !== sizeOf(shape)) {
      throw new Error(`Tensor data has ${data.length} elements but shape [${shape.join(', ')}] needs ${sizeOf(shape)}`);
    }
    this.data = data;
    this.shape = shape;
    this.requiresGrad = requiresGrad;
    this.isLeaf = isLeaf;
  }

  /** A tensor from nested arrays or a flat array with a shape. */
  static from(values: number | NestedArray, shape?: Shape): Tensor {
    if (typeof values === 'number') return new Tensor(Float32Array.of(values), shape ?? []);
    const flat = values.flat(Infinity as 1) as number[];
    return new Tensor(Float32Array.from(flat), shape ?? inferShape(values));
  }

  static zeros(shape: Shape): Tensor {
    return new Tensor(new Float32Array(sizeOf(shape)), shape);
  }

  static full(shape: Shape, value: number): Tensor {
    return new Tensor(new Float32Array(sizeOf(shape)).fill(value), shape);
  }

  /** A trainable leaf: its storage and gradient live as long as the tensor does. */
  static parameter(shape: Shape): Tensor {
    return new Tensor(allocPersistent(sizeOf(shape)), shape, true);
  }

  /**
   * The result of an op. It joins the graph only when gradients are being recorded and some
   * input needs one; `backward` receives this tensor's gradient.
   */
  static result(data: Float32Array, shape: Shape, inputs: readonly Tensor[], backward: (grad: Float32Array) => void): Tensor {
    const t = new Tensor(data, shape, false, false);
    if (gradDisabled === 0 && inputs.some((x) => x.requiresGrad)) {
      t.requiresGrad = true;
      t.inputs = inputs;
      t.backwardFn = backward;
    }
    return t;
  }

  /**
   * The accumulated gradient, or null before the first backward() and after zeroing. Leaves
   * (parameters) keep their buffer across steps and overwrite it after a zeroing, so a training
   * loop allocates no gradient memory after its first step.
   */
  get grad(): Tensor | null {
    return this.gradValid ? this.gradBuffer : null;
  }

  set grad(g: Tensor | null) {
    if (g !== null) this.gradBuffer = g;
    else if (!this.isLeaf) this.gradBuffer = null;
    this.gradValid = g !== null;
  }

  get size(): number {
    return this.data.length;
  }

  get ndim(): number {
    return this.shape.length;
  }

  item(): number {
    if (this.size !== 1) throw new Error(`item() needs a tensor with one element; shape is [${this.shape.join(', ')}]`);
    return this.data[0];
  }

  toArray(): number[] {
    return Array.from(this.data);
  }

  /** The same values, cut from the graph. */
  detach(): Tensor {
    return new Tensor(this.data, this.shape);
  }

  /**
   * Sends d(this)/d(leaf) into every leaf's `.grad` (adding to what is there). The graph is
   * released afterwards, as in PyTorch, so memory does not grow from step to step.
   */
  backward(): void {
    if (this.size !== 1) throw new Error(`backward() needs a scalar; shape is [${this.shape.join(', ')}]`);
    if (!this.requiresGrad) throw new Error('backward(): this tensor does not depend on anything that requires grad');
    if (!this.isLeaf && this.backwardFn === null) throw new Error('backward(): the graph was already released by an earlier backward()');
    const order = topologicalOrder(this);
    this.grad = new Tensor(Float32Array.of(1), this.shape);
    for (let i = order.length - 1; i >= 0; i--) {
      const t = order[i];
      if (t.backwardFn !== null && t.grad !== null) t.backwardFn(t.grad.data);
      t.backwardFn = null;
      t.inputs = [];
      if (!t.isLeaf) t.grad = null;
    }
  }

  /** Hands over the gradient buffer, valid or not, and forgets it (for freeing its memory). */
  takeGradBuffer(): Float32Array | null {
    const buffer = this.gradBuffer?.data ?? null;
    this.gradBuffer = null;
    this.gradValid = false;
    return buffer;
  }

  /** Adds a gradient contribution: `write(g, accumulate)` fills or adds into g. */
  sendGrad(write: (g: Float32Array, accumulate: boolean) => void): void {
    if (!this.requiresGrad) return;
    if (this.gradValid) {
      write(this.gradBuffer!.data, true);
      return;
    }
    if (this.gradBuffer === null) {
      this.gradBuffer = new Tensor(this.isLeaf ? allocPersistent(this.size) : alloc(this.size), this.shape);
    }
    write(this.gradBuffer.data, false);
    this.gradValid = true;
  }

  /** Reads the inputs of a graph node; for traversals such as topologicalOrder. */
  parents(): readonly Tensor[] {
    return this.inputs;
  }

  toString(): string {
    const head = Array.from(this.data.subarray(0, 8), (v) => v.toPrecision(4)).join(', ');
    return `Tensor([${this.shape.join(', ')}]: ${head}${this.size > 8 ? ', ...' : ''})`;
  }
}

export type NestedArray = readonly (number | NestedArray)[];

function inferShape(values: NestedArray): number[] {
  const shape: number[] = [];
  let v: number | NestedArray = values;
  while (Array.isArray(v)) {
    shape.push(v.length);
    v = v[0] as number | NestedArray;
  }
  return shape;
}

/** Depth-first post-order without recursion, so deep graphs cannot overflow the stack. */
function topologicalOrder(root: Tensor): Tensor[] {
  const order: Tensor[] = [];
  const seen = new Set<Tensor>([root]);
  const stack: [Tensor, number][] = [[root, 0]];
  while (stack.length > 0) {
    const top = stack[stack.length - 1];
    const parents = top[0].parents();
    if (top[1] < parents.length) {
      const p = parents[top[1]++];
      if (p.requiresGrad && !seen.has(p)) {
        seen.add(p);
        stack.push([p, 0]);
      }
    } else {
      order.push(top[0]);
      stack.pop();
    }
  }
  return order;
}
