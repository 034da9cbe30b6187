/**
 * The training engine on DJL and PyTorch: one {@link dev.psi.train.engine.Trial} is one training thread that
 * calls the controller before every step, evaluates on the validation subset, checkpoints and rolls back;
 * {@link dev.psi.train.engine.TorchRuntime} and {@link dev.psi.train.engine.KernelPinning} hold the process-wide
 * libtorch settings. It may use DJL, psi-core and the {@code data}, {@code model} and {@code optim} packages of
 * psi-train; it knows nothing of tasks, the store or the lab.
 */
package dev.psi.train.engine;
