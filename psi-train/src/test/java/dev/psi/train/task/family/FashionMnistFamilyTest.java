package dev.psi.train.task.family;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.spec.Spec;
import dev.psi.core.spec.SpecException;
import dev.psi.train.data.DataShape;
import dev.psi.train.data.DataSplit;
import dev.psi.train.data.FashionMnistVariant;
import dev.psi.train.data.ImageLayout;
import dev.psi.train.task.DataSource;
import dev.psi.train.task.TaskSpec;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FashionMnistFamilyTest {

    private static final FashionMnistFamily FAMILY = new FashionMnistFamily();

    @Test
    void theSameSeedGivesTheSameTaskAndANameResolvesToIt() {
        assertEquals(FAMILY.generate(3), FAMILY.generate(3));
        Set<String> names = new HashSet<>();
        for (long seed = 0; seed < 30; seed++) {
            TaskSpec task = FAMILY.generate(seed);
            names.add(task.name());
            assertEquals(task, FAMILY.resolve(task.name()));
        }
        assertTrue(names.size() >= 28, names.toString());
    }

    @Test
    void aDrawnCnnIsAtHalfResolution() {
        int cnns = 0;
        for (long seed = 0; seed < 40; seed++) {
            FashionMnistFamily.Parameters drawn = FashionMnistFamily.draw(seed);
            if (drawn.model().startsWith("cnn")) {
                cnns++;
                assertEquals(14, drawn.resolution(), drawn.toString());
            }
        }
        assertTrue(cnns > 0);
    }

    @Test
    void aPairAtHalfResolutionWithLabelNoise() {
        TaskSpec task = FAMILY.resolve("fm-c3v5-r14-n2000-mlp64-ln0.1-adam-b64-e10");
        DataSource.FashionMnist data = (DataSource.FashionMnist) task.data();

        assertEquals(new FashionMnistVariant(List.of(3, 5), 14, 0.1, 2000, 1000, 1000), data.variant());
        assertEquals(ImageLayout.FLAT, data.layout());
        assertEquals(new DataShape(2000, 1000, new long[] {196}, 2), task.shape().orElseThrow());
        assertEquals(Spec.parse("mlp(hidden=[64],activation=relu)"), task.model());
        assertEquals(Spec.parse("Adam"), task.optimizer());
    }

    @Test
    void aCnnSeesImages() {
        TaskSpec task = FAMILY.resolve("fm-c10-r28-n1000-cnn8x16-sgd-b128-e4");

        assertEquals(new DataShape(1000, 1000, new long[] {1, 28, 28}, 10), task.shape().orElseThrow());
        assertEquals(Spec.parse("cnn(channels=[8,16])"), task.model());
    }

    @Test
    void loadsItsVariantFromTheFixture() throws URISyntaxException {
        TaskSpec task = FAMILY.resolve("fm-c0v6-r14-n200-lin-ln0.2-sgdm-b32-e5");
        DataSource.FashionMnist data = (DataSource.FashionMnist) task.data();
        // The fixture holds 2000 training and 500 test images: fewer held out than the family's 1000.
        FashionMnistVariant small = new FashionMnistVariant(data.variant().classes(), 14, 0.2, 200, 40, 40);
        DataSource fixture = new DataSource.FashionMnist(data.layout(),
                Optional.of(Path.of(getClass().getResource("/fmnist-small").toURI())), small);

        DataSplit split = fixture.load(0, 1);
        assertEquals(new DataShape(200, 40, new long[] {196}, 2), split.shape());
        assertEquals(40, split.test().count());
        assertEquals(split, fixture.load(0, 1));
        assertNotEquals(split.train(), fixture.load(0, 2).train());
    }

    @Test
    void malformedNamesSayWhatIsWrong() {
        assertTrue(assertThrows(SpecException.class, () -> FAMILY.resolve("fm-c3-r14-n2000-lin-sgd-b64-e10"))
                .getMessage().contains("expected c10 (all classes) or classes such as c3v5, got 'c3'"));
        assertTrue(assertThrows(SpecException.class, () -> FAMILY.resolve("fm-c3v5-r20-n2000-lin-sgd-b64-e10"))
                .getMessage().contains("resolution must be one of 28, 14, 7"));
        assertTrue(assertThrows(SpecException.class, () -> FAMILY.resolve("fm-c0v1v2v3v4v5v6v7v8v9-r28-n2000-lin-sgd-b64-e10"))
                .getMessage().contains("is not canonical; the task it describes is named fm-c10-r28-n2000-lin-sgd-b64-e10"));
    }
}
