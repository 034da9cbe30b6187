"""Writes psi-train's TorchScript programs, which its engine runs through DJL instead of many calls of single ops:
perceptron.pt (ScriptedPerceptron) and rows.pt (ScriptedRows), in psi-train/src/main/resources/dev/psi/train/engine/.

Run once with PyTorch 1.13 (Debian's python3-torch), from the repository root:

    /usr/bin/python3 tools/torchscript/programs.py

The files are committed; nothing runs Python at build or run time. Run from a checkout at another path, they differ
only in code/__torch__.py.debug_pkl, which records this script's absolute path.
"""
import os
from typing import List

import torch
from torch import Tensor

FOLDER = "psi-train/src/main/resources/dev/psi/train/engine"

# The codes of activation (0 relu, 1 tanh, 2 sigmoid, 3 gelu) and loss (0 cross-entropy, 1 mean squared error)
# are ScriptedPerceptron.java's; TorchScript reads no module-level constants, so they are literals below.


class Perceptron(torch.nn.Module):
    """perceptron.pt: the program with which Psi computes a multilayer perceptron's loss and
    gradients in one native call (psi-train's ScriptedPerceptron), instead of libtorch's autograd behind some 20 calls
    through DJL, and its loss and accuracy on held-out data in another instead of about 10.

    The program is the backward pass written out: for every op of the forward pass it calls the very op that autograd's
    derivative formula for it calls in libtorch (tools/autograd/derivatives.yaml and FunctionsManual.cpp of PyTorch),
    on the same tensors in the same layout, so that its gradients are autograd's to the bit. psi-train's tests hold it
    to that against libtorch 2.7.1's autograd. What it leaves out is autograd's bookkeeping: the graph, its nodes, the
    engine's queue, and the accumulation into zeroed .grad tensors (which only turns a -0.0 into +0.0).

    The forward pass is the one DJL runs for Psi's `linear` and `mlp` models (Linear.linear is at::linear, which for a
    2-D input with bias is addmm(b, x, W.t())); the losses are psi-train's Loss: cross-entropy as
    -mean(gather(log_softmax(o, 1), 1, y)), mean squared error as mean(square(o.reshape(-1) - t)).
    """

    def network(self, x: Tensor, parameters: List[Tensor], transposed: List[Tensor], activation: int,
                inputs: List[Tensor], hidden: List[Tensor]) -> Tensor:
        """The output of the network, as DJL computes it; each layer's input goes to inputs, and each hidden layer's
        pre-activation and activation to hidden, for the backward pass. transposed holds W.t() of each layer's weight
        W, views made once by the caller: the same tensors as W.t() here, one op fewer per layer and call."""
        h = x
        if h.dim() != 2:
            h = h.reshape([h.size(0), -1])  # DJL's batchFlattenBlock
        layers = len(parameters) // 2
        for i in range(layers):
            inputs.append(h)
            pre = torch.addmm(parameters[2 * i + 1], h, transposed[i])
            if i < layers - 1:
                if activation == 0:  # relu
                    h = torch.relu(pre)
                elif activation == 1:  # tanh
                    h = torch.tanh(pre)
                elif activation == 2:  # sigmoid
                    h = torch.sigmoid(pre)
                else:
                    h = torch.nn.functional.gelu(pre)
                hidden.append(pre)
                hidden.append(h)
            else:
                h = pre
        return h

    @torch.jit.export
    def evaluate(self, x: Tensor, y: Tensor, parameters: List[Tensor], transposed: List[Tensor], activation: int,
                 loss: int) -> List[float]:
        """[mean loss, number of correct predictions] on (x, y), as psi-train's Evaluator computes them (the count
        only for cross-entropy), read out of their tensors (a float32 loss is exact as a float here)."""
        inputs: List[Tensor] = []
        hidden: List[Tensor] = []
        output = self.network(x, parameters, transposed, activation, inputs, hidden)
        if loss == 0:
            value = torch.neg(torch.mean(torch.gather(torch.log_softmax(output, 1), 1, y)))
            return [float(value), float(torch.sum(torch.eq(torch.argmax(output, 1), y.reshape([-1]))))]
        return [float(torch.mean(torch.square(torch.sub(output.reshape([-1]), y))))]

    @torch.jit.export
    def mean_gradient(self, n: int, loss: int) -> Tensor:
        """The gradient of the loss with respect to the terms of its mean, for a batch of n examples: the start of
        the backward pass, which depends on n only, so that the caller makes it once per batch size and passes it to
        gradients(). It is what autograd computes from the seed 1 (NegBackward0 for cross-entropy, MeanBackward0)."""
        seed = torch.ones([], dtype=torch.float32)
        if loss == 0:  # cross-entropy: -mean(picked), picked of shape [n, 1]
            return torch.neg(seed).expand([n, 1]) / n
        return seed.expand([n]) / n  # mean squared error: mean(squares), squares of shape [n]

    @torch.jit.export
    def slice_gradients(self, features: Tensor, targets: Tensor, start: int, end: int, parameters: List[Tensor],
                        transposed: List[Tensor], activation: int, loss: int, mean_gradient: Tensor,
                        out: List[Tensor]) -> float:
        """gradients() of the batch of rows [start, end) of features and targets: slices, the views DJL's slicing
        makes, without a call from Java for each."""
        return self.gradients(features[start:end], targets[start:end], parameters, transposed, activation, loss,
                              mean_gradient, out)

    @torch.jit.export
    def gradients(self, x: Tensor, y: Tensor, parameters: List[Tensor], transposed: List[Tensor], activation: int,
                  loss: int, mean_gradient: Tensor, out: List[Tensor]) -> float:
        """The batch's mean loss, read out of its float32 tensor; d loss / d p for each p of parameters (weight and
        bias of each layer, input layer first) is written into the tensor of out at the same position, which has p's
        shape and is contiguous. Psi's are views of one tensor that holds every gradient, so that an optimizer updates
        all parameters at once.
        Writing into out (the ops' out= variants) runs the same kernels as making a fresh result."""
        layers = len(parameters) // 2
        inputs: List[Tensor] = []
        hidden: List[Tensor] = []
        output = self.network(x, parameters, transposed, activation, inputs, hidden)
        if loss == 0:  # cross-entropy
            log_probabilities = torch.log_softmax(output, 1)
            value = torch.neg(torch.mean(torch.gather(log_probabilities, 1, y)))
            # GatherBackward0, LogSoftmaxBackward0.
            grad = torch.zeros(log_probabilities.size(), dtype=output.dtype).scatter_add_(1, y, mean_gradient)
            grad = torch.ops.aten._log_softmax_backward_data(grad, log_probabilities, 1, output.dtype)
        else:
            difference = torch.sub(output.reshape([-1]), y)
            value = torch.mean(torch.square(difference))
            # PowBackward0 (square is pow(d, 2)), SubBackward0, ViewBackward0.
            grad = (mean_gradient * (2.0 * difference.pow(1.0))).reshape(output.size())
        for i in range(layers - 1, -1, -1):
            layer_input = inputs[i]
            # AddmmBackward0: mat2 = W.t() of a contiguous W (DJL's parameters are) is column-major, so
            # mm_mat2_backward computes grad.t().mm(mat1).t(), which TBackward0 transposes back: grad.t().mm(mat1).
            torch.mm(grad.t(), layer_input, out=out[2 * i])
            # The bias was broadcast over the batch: autograd sums the grad back to its shape (at::sum_to).
            torch.sum(grad, [0], out=out[2 * i + 1])
            if i > 0:
                # mm_mat1_backward: grad.mm(mat2.t()), unless mat1 is column-major.
                if layer_input.stride(0) == 1 and layer_input.stride(1) == layer_input.size(0):
                    grad = transposed[i].mm(grad.t()).t()
                else:
                    grad = grad.mm(parameters[2 * i])
                if activation == 0:
                    grad = torch.ops.aten.threshold_backward(grad, hidden[2 * i - 1], 0)
                elif activation == 1:
                    grad = torch.ops.aten.tanh_backward(grad, hidden[2 * i - 1])
                elif activation == 2:
                    grad = torch.ops.aten.sigmoid_backward(grad, hidden[2 * i - 1])
                else:
                    grad = torch.ops.aten.gelu_backward(grad, hidden[2 * i - 2], approximate="none")
        return float(value)

    def forward(self, x: Tensor) -> Tensor:
        return x


class Rows(torch.nn.Module):
    """rows.pt: the program with which Psi gathers a batch's rows from a large training set
    (psi-train's ScriptedRows): index_select on the features and on the targets, in one native call.

    Why: DJL's only gather by an index tensor is advanced indexing (at::index), whose kernel copies element by element;
    index_select copies whole rows. Measured in isolation, 128 random rows of Fashion-MNIST's 60 000 x 784 floats took
    103 us through this program and 145-161 us through DJL. Both give the same rows, copied into a fresh tensor, so the
    same numbers.
    """

    @torch.jit.export
    def rows(self, features: Tensor, targets: Tensor, index: Tensor) -> List[Tensor]:
        """[the features' rows at index, the targets' rows at index], each a fresh tensor."""
        return [torch.index_select(features, 0, index), torch.index_select(targets, 0, index)]

    def forward(self, x: Tensor) -> Tensor:
        return x


if __name__ == "__main__":
    os.makedirs(FOLDER, exist_ok=True)
    for name, program in (("perceptron.pt", Perceptron()), ("rows.pt", Rows())):
        out = os.path.join(FOLDER, name)
        torch.jit.save(torch.jit.script(program), out)
        print("wrote", out, os.path.getsize(out), "bytes, torch", torch.__version__)
