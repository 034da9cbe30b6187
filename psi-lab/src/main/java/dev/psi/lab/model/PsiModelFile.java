package dev.psi.lab.model;

import dev.psi.core.psi.PsiModel;
import dev.psi.core.spec.SpecException;
import dev.psi.store.FileFailures;
import dev.psi.train.data.DataException;
import dev.psi.train.document.Document;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * Reads and writes a {@link PsiModel} as a JSON file, the form in which the lab hands a fitted Ψ to the
 * {@code Psi(model=FILE)} controller and to people:
 * <pre>
 * {
 *   "format": "psi-model/1",
 *   "kind": "formula",                              formula | network
 *   "features": ["loss_ratio", "epoch"],            the inputs, in order
 *   "formula": "0.3*loss_ratio^0.5*(1 + epoch)^-0.2",     formula kind: gives α
 *   "network": {"mean": [..], "std": [..],               network kind: gives ln α
 *               "members": [{"layers": [{"weights": [[..]], "bias": [..], "activation": "tanh"}]}]},
 *   "lr_range": [min, max],                         the α the fit saw
 *   "feature_ranges": {"loss_ratio": [min, max], "epoch": [min, max]},   one per feature
 *   "metrics": {"loto_rmse_log_lr": 0.3, "r2": 0.8},       optional; null for an undefined score
 *   "studies": ["s1"], "tasks": ["fmnist-mlp"],            optional
 *   "pareto": [{"size": 7, "error": 0.31, "formula": ".."}]   optional
 * }
 * </pre>
 * Network weights are {@code [out][in]}: one row per output of a layer. Numbers are written so that
 * reading them gives back the same doubles: a file read back is {@link Object#equals equal} to the
 * model written.
 *
 * <p>Every problem — a missing or unreadable file, malformed JSON, an unknown or missing field, an
 * unknown format, kind, feature or activation, a malformed formula, arrays of the wrong size — is a
 * {@link SpecException} with one line that names the file and the field.
 *
 * <p>This class is the way in; {@link PsiModelReader} checks and reads the JSON, {@link PsiModelWriter}
 * writes it.
 */
public final class PsiModelFile {

    /** The value of {@code format} this class reads and writes. */
    public static final String FORMAT = "psi-model/1";

    private PsiModelFile() {
    }

    /**
     * Reads the model in {@code file}.
     *
     * @throws SpecException if the file is missing, unreadable or not a valid model; the one-line
     *     message names the file and the problem
     */
    public static PsiModel read(Path file) {
        String text;
        try {
            text = Document.text(file, "model file");
        } catch (DataException e) {
            throw new SpecException(e.getMessage());
        }
        return fromJson(text, file.toString());
    }

    /**
     * Reads a model from its JSON text, e.g. as kept in the store.
     *
     * @param source names the text's origin in error messages, e.g. the file name
     * @throws SpecException if the text is not a valid model
     */
    public static PsiModel fromJson(String json, String source) {
        return PsiModelReader.read(json, source);
    }

    /**
     * Writes {@code model} to {@code file}, creating its folder if needed.
     *
     * @throws UncheckedIOException if the file cannot be written
     */
    public static void write(Path file, PsiModel model) {
        try {
            Path parent = file.toAbsolutePath().getParent();
            if (parent != null) {
                Files.createDirectories(parent);
            }
            Files.writeString(file, PsiModelWriter.toJson(model));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write model file " + file + ": " + FileFailures.describe(e), e);
        }
    }

    /**
     * Writes {@code model} to {@code folder/NAME-HASH.json}, HASH the first 16 hex digits of the SHA-256 of its
     * text, unless that file is there already (it is written whole or not at all), and returns its absolute path. A spec that names the file names the
     * model's content: a trial found done by its spec was trained with this very model.
     *
     * @throws UncheckedIOException if the file cannot be written
     */
    public static Path writeNamedByContent(Path folder, String name, PsiModel model) {
        String json = PsiModelWriter.toJson(model);
        byte[] digest;
        try {
            digest = MessageDigest.getInstance("SHA-256").digest(json.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java platform has SHA-256", e);
        }
        Path file = folder.resolve(name + "-" + HexFormat.of().formatHex(digest, 0, 8) + ".json").toAbsolutePath();
        if (!Files.exists(file)) {
            // Written whole or not at all: a file cut short by a crash would be taken for the model ever after.
            try {
                Path part = Files.createTempFile(Files.createDirectories(file.getParent()), name, ".part");
                Files.writeString(part, json);
                Files.move(part, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot write model file " + file + ": " + FileFailures.describe(e), e);
            }
        }
        return file;
    }

    /** The model's JSON text, as {@link #write} puts it in a file (ending with a newline). */
    public static String toJson(PsiModel model) {
        return PsiModelWriter.toJson(model);
    }
}
