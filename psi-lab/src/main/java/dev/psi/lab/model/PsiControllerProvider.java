package dev.psi.lab.model;

import dev.psi.core.ControllerProvider;
import dev.psi.core.Controllers;
import dev.psi.core.controller.Controller;
import dev.psi.core.controller.ControllerContext;
import dev.psi.core.controller.Interval;
import dev.psi.core.psi.PsiController;
import dev.psi.core.spec.Arguments;
import dev.psi.core.spec.Range;
import dev.psi.core.spec.SpecException;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;

/**
 * Adds the learned controller to the spec language:
 * <pre>
 *   Psi(model=PATH, interval=epoch|step, scale=S)
 * </pre>
 * {@code model} is a model file written by {@link PsiModelFile} (relative paths are resolved against the
 * working directory); {@code interval} chooses whether α is recomputed once per epoch (the default, as
 * Ψ was fitted) or before every step (see {@link PsiController}); {@code scale} (default 1) multiplies every
 * rate, for a Ψ fitted to rates relative to each task's range-test rate. Registered for
 * {@link java.util.ServiceLoader} in {@code META-INF/services/dev.psi.core.ControllerProvider}: the
 * controller lives here rather than in psi-core because it reads a file.
 */
public final class PsiControllerProvider implements ControllerProvider {

    /** The spec name. */
    public static final String NAME = "Psi";

    @Override
    public Map<String, Controllers.Factory> controllers() {
        return Map.of(NAME, (args, context, nested) -> create(args, context));
    }

    private static Controller create(Arguments args, ControllerContext context) {
        String model = args.word("model");
        Interval interval = Interval.valueOf(args.choice("interval", Interval.EPOCH.word(), Interval.EPOCH.word(),
                Interval.STEP.word()).toUpperCase(Locale.ROOT));
        double scale = args.number("scale", 1, Range.positive());
        args.done();
        Path file;
        try {
            file = Path.of(model);
        } catch (InvalidPathException e) {
            throw args.error("model=" + model + " is not a valid path: " + e.getReason());
        }
        try {
            return new PsiController(PsiModelFile.read(file), context, interval, scale);
        } catch (SpecException e) {
            throw args.error(e.getMessage());
        }
    }
}
