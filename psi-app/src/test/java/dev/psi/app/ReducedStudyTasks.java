package dev.psi.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The two tiny tasks of the reduced study that {@link PinningTest} and psi-spark's tests run (one to train Ψ on,
 * one held out): teacher-student and a noisy quadratic, 1000 examples, 6 epochs, so that a whole study takes
 * seconds. Written as task spec files, as a user's would be.
 *
 * @param teacherStudent the spec file of {@code tiny-ts}
 * @param noisyQuadratic the spec file of {@code tiny-nq}
 */
public record ReducedStudyTasks(Path teacherStudent, Path noisyQuadratic) {

    /** Writes both spec files into {@code dir}. */
    public static ReducedStudyTasks writeTo(Path dir) {
        try {
            return new ReducedStudyTasks(Files.writeString(dir.resolve("tiny-ts.yaml"), """
                    name: tiny-ts
                    data: {format: synthetic, kind: teacher-student, train_size: 1000, val_size: 500}
                    model: mlp(hidden=[64], activation=relu)
                    optimizer: SGD(momentum=0.9)
                    batch_size: 64
                    epochs: 6
                    """), Files.writeString(dir.resolve("tiny-nq.yaml"), """
                    name: tiny-nq
                    data: {format: synthetic, kind: noisy-quadratic, train_size: 1000, val_size: 500}
                    model: linear()
                    optimizer: SGD()
                    batch_size: 64
                    epochs: 6
                    """));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
