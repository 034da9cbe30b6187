package dev.psi.train.task;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.spec.SpecException;
import dev.psi.train.data.DataException;
import dev.psi.train.data.DataShape;
import dev.psi.train.data.DataSplit;
import dev.psi.train.data.ImageLayout;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TasksTest {

    @TempDir
    Path dir;

    @Test
    void builtInsAreListedInOrder() {
        assertEquals(List.of("fmnist-linear", "fmnist-mlp", "fmnist-cnn", "teacher-student", "noisy-quadratic"),
                Tasks.names());
    }

    @Test
    void fmnistMlpIsThe784To256To10Mlp() {
        TaskSpec task = Tasks.builtIn("fmnist-mlp");

        assertEquals("mlp(hidden=[256],activation=relu)", task.model().toString());
        assertEquals("SGD(momentum=0.9)", task.optimizer().toString());
        assertEquals(128, task.batchSize());
        assertEquals(10, task.epochs());
        assertEquals(Optional.empty(), task.target());
    }

    @Test
    void fmnistCnnSeesImages() {
        TaskSpec task = Tasks.builtIn("fmnist-cnn");

        assertEquals("cnn(channels=[16,32])", task.model().toString());
        assertEquals(new DataShape(50_000, 10_000, new long[] {1, 28, 28}, 10), task.shape().orElseThrow());
    }

    @Test
    void fmnistLinearSizesAreKnownWithoutData() {
        assertEquals("50000 train / 10000 val, 784 features, 10 classes",
                Tasks.builtIn("fmnist-linear").shape().orElseThrow().describe());
    }

    @Test
    void noisyQuadraticIsRegressionWithPlainSgd() {
        TaskSpec task = Tasks.builtIn("noisy-quadratic");

        assertEquals("SGD()", task.optimizer().toString());
        assertEquals("linear()", task.model().toString());
        assertEquals(0, task.shape().orElseThrow().numClasses());
        assertEquals("8000 train / 2000 val, 50 features, regression", task.shape().orElseThrow().describe());
    }

    @Test
    void teacherStudentLoadsWithoutFiles() {
        DataSplit split = Tasks.builtIn("teacher-student").load(1000, 1);

        assertEquals(new DataShape(1000, 2000, new long[] {20}, 4), split.shape());
    }

    @Test
    void everyBuiltInHasADescriptionAndKnownSizes() {
        for (TaskSpec task : Tasks.builtIns()) {
            assertTrue(!task.description().isBlank() && task.shape().isPresent(), task.name());
        }
    }

    @Test
    void fashionMnistSourceLoadsFromAGivenFolder() throws URISyntaxException {
        Path fixture = Path.of(TasksTest.class.getResource("/fmnist-small").toURI());
        DataSource source = new DataSource.FashionMnist(ImageLayout.FLAT, Optional.of(fixture));

        assertEquals(new DataShape(100, 333, new long[] {784}, 10), source.load(100, 1).shape());
    }

    @Test
    void unknownNameListsTheBuiltInsAndSpecFiles() {
        SpecException e = assertThrows(SpecException.class, () -> Tasks.resolve("fmnist"));

        assertEquals("unknown task 'fmnist'; built-in tasks: fmnist-linear, fmnist-mlp, fmnist-cnn, teacher-student, "
                + "noisy-quadratic; a path to a .yaml, .yml or .json task spec file, or a generated task's name "
                + "(psi tasks --suite standard), is also accepted", e.getMessage());
    }

    @Test
    void resolveReturnsTheBuiltIn() {
        assertSame(Tasks.builtIn("fmnist-cnn"), Tasks.resolve("fmnist-cnn"));
    }

    @Test
    void resolveReadsASpecFile() throws Exception {
        Path spec = Files.writeString(dir.resolve("quad.yaml"), "name: quad\ndata: {format: synthetic, kind: "
                + "noisy-quadratic, dimension: 10}\nmodel: linear\nbatch_size: 16\nepochs: 3\n");

        TaskSpec task = Tasks.resolve(spec.toString());

        assertEquals("quad", task.name());
        assertEquals(10, task.shape().orElseThrow().featureSize());
    }

    @Test
    void resolveOfAMissingSpecFileSaysSo() {
        Path missing = dir.resolve("missing.json");

        DataException e = assertThrows(DataException.class, () -> Tasks.resolve(missing.toString()));

        assertEquals("task spec file " + missing + " not found", e.getMessage());
    }
}
