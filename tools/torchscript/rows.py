"""Writes rows.pt, the TorchScript program with which Psi gathers a batch's rows from a large training set
(psi-train's ScriptedRows): index_select on the features and on the targets, in one native call.

Why: DJL's only gather by an index tensor is advanced indexing (at::index), whose kernel copies element by element;
index_select copies whole rows. Measured in isolation, 128 random rows of Fashion-MNIST's 60 000 x 784 floats took
103 us through this program and 145-161 us through DJL. Both give the same rows, copied into a fresh tensor, so the
same numbers.

Run once with PyTorch 1.13 (Debian's python3-torch), from the repository root:

    /usr/bin/python3 tools/torchscript/rows.py

The file is committed; nothing runs Python at build or run time. Run from a checkout at another path, it differs
only in code/__torch__.py.debug_pkl, which records this script's absolute path.
"""
import os
from typing import List

import torch
from torch import Tensor

OUT = "psi-train/src/main/resources/dev/psi/train/engine/rows.pt"


class Rows(torch.nn.Module):

    @torch.jit.export
    def rows(self, features: Tensor, targets: Tensor, index: Tensor) -> List[Tensor]:
        """[the features' rows at index, the targets' rows at index], each a fresh tensor."""
        return [torch.index_select(features, 0, index), torch.index_select(targets, 0, index)]

    def forward(self, x: Tensor) -> Tensor:
        return x


if __name__ == "__main__":
    scripted = torch.jit.script(Rows())
    os.makedirs(os.path.dirname(OUT), exist_ok=True)
    torch.jit.save(scripted, OUT)
    print("wrote", OUT, os.path.getsize(OUT), "bytes, torch", torch.__version__)
