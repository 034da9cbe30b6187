package dev.psi.lab.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.psi.core.psi.PsiModel;
import dev.psi.core.spec.SpecException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON model file: what is written reads back equal, and every defect is one line naming the file. */
class PsiModelFileTest {

    private static final String FORMULA_FILE = """
            {
              "format" : "psi-model/1",
              "kind" : "formula",
              "features" : [ "loss_ratio", "epoch" ],
              "formula" : "0.3*loss_ratio^0.5*(1 + epoch)^-0.2",
              "lr_range" : [ 0.001, 0.5 ],
              "feature_ranges" : {
                "loss_ratio" : [ 0.05, 1.0 ],
                "epoch" : [ 0.0, 9.0 ]
              },
              "metrics" : {
                "loto_rmse_log_lr" : 0.3,
                "r2" : 0.8,
                "spearman" : null
              },
              "studies" : [ "s1" ],
              "tasks" : [ "fmnist-mlp", "digits-mlp" ],
              "pareto" : [ {
                "size" : 3,
                "error" : 0.52,
                "formula" : "0.2*loss_ratio"
              }, {
                "size" : 12,
                "error" : 0.31,
                "formula" : "0.3*loss_ratio^0.5*(1 + epoch)^-0.2"
              } ]
            }
            """;

    private static final String NETWORK_FILE = """
            {"format": "psi-model/1", "kind": "network", "features": ["epoch"],
             "network": {"mean": [0.5], "std": [2],
                         "members": [{"layers": [{"weights": [[1], [2]], "bias": [0, 1], "activation": "tanh"},
                                                 {"weights": [[1, 2]], "bias": [0.5], "activation": "linear"}]}]},
             "lr_range": [0.1, 0.2], "feature_ranges": {"epoch": [0, 9]}}
            """;

    @TempDir
    Path dir;

    private String error(String json) throws IOException {
        Path file = dir.resolve("psi.json");
        Files.writeString(file, json);
        return assertThrows(SpecException.class, () -> PsiModelFile.read(file)).getMessage()
                .replace(file.toString(), "psi.json");
    }

    /** The network file with one piece of text replaced, which must occur in it. */
    private static String network(String from, String to) {
        if (!NETWORK_FILE.contains(from)) {
            throw new IllegalArgumentException(from);
        }
        return NETWORK_FILE.replace(from, to);
    }

    @Test
    void formulaModelReadsBackEqual() {
        Path file = dir.resolve("formula.json");
        PsiModelFile.write(file, Models.formula());

        assertEquals(Models.formula(), PsiModelFile.read(file));
    }

    @Test
    void networkModelReadsBackEqualToTheLastBit() {
        Path file = dir.resolve("sub/network.json");
        PsiModelFile.write(file, Models.network());

        assertEquals(Models.network(), PsiModelFile.read(file));
    }

    @Test
    void aModelNamedByItsContentIsWrittenOnceAndNamesOnlyThatContent() throws Exception {
        Path first = PsiModelFile.writeNamedByContent(dir.resolve("models"), "psi-formula", Models.formula());
        Path again = PsiModelFile.writeNamedByContent(dir.resolve("models"), "psi-formula", Models.formula());
        Path other = PsiModelFile.writeNamedByContent(dir.resolve("models"), "psi-formula", Models.network());

        assertEquals(first, again);
        assertTrue(first.getFileName().toString().matches("psi-formula-[0-9a-f]{16}\\.json"), first.toString());
        assertNotEquals(first, other);
        assertEquals(Models.formula(), PsiModelFile.read(first));
        String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                .digest(Files.readAllBytes(first)), 0, 8);
        assertEquals("psi-formula-" + hash + ".json", first.getFileName().toString());
    }

    @Test
    void formulaFileIsThePublishedSchema() {
        assertEquals(FORMULA_FILE, PsiModelFile.toJson(Models.formula()));
    }

    @Test
    void jsonTextReadsWithoutAFile() {
        PsiModel model = PsiModelFile.fromJson(NETWORK_FILE, "stored model 3");

        assertEquals("network: 1 input, 1x2 tanh, ensemble of 1", model.describe());
        assertEquals("model file stored model 3: kind 'tree' is not valid; valid: formula, network",
                assertThrows(SpecException.class, () -> PsiModelFile.fromJson(network("\"network\", \"f", "\"tree\", \"f"),
                        "stored model 3")).getMessage());
    }

    @Test
    void aMissingFileIsNamed() {
        Path file = dir.resolve("none.json");

        assertEquals("model file " + file + " not found",
                assertThrows(SpecException.class, () -> PsiModelFile.read(file)).getMessage());
    }

    @Test
    void malformedJsonGivesTheLine() throws IOException {
        assertEquals("model file psi.json: malformed JSON at line 2, column 3: Unexpected character ('}' (code 125)): "
                + "was expecting double-quote to start field name", error("{\"format\": \"psi-model/1\",\n  }"));
    }

    @Test
    void anEmptyFileIsNamed() throws IOException {
        assertEquals("model file psi.json is empty", error(""));
    }

    @Test
    void anUnknownFormatIsRejected() throws IOException {
        assertEquals("model file psi.json: format 'psi-model/2' is not supported; this version reads psi-model/1",
                error(network("psi-model/1", "psi-model/2")));
    }

    @Test
    void anUnknownKindIsRejected() throws IOException {
        assertEquals("model file psi.json: kind 'tree' is not valid; valid: formula, network",
                error(network("\"kind\": \"network\"", "\"kind\": \"tree\"")));
    }

    @Test
    void anUnknownFeatureListsTheValidOnes() throws IOException {
        assertEquals("model file psi.json: features[0]: unknown feature 'epochs'; valid: loss_ratio, log_loss_ratio, "
                + "epoch, epoch_fraction, log_dataset_size, log_parameter_count, log_batch_size, adaptive_optimizer, log_batch_fraction, log_effective_step",
                error(network("\"features\": [\"epoch\"]", "\"features\": [\"epochs\"]")));
    }

    @Test
    void anUnknownFieldListsTheValidOnes() throws IOException {
        assertEquals("model file psi.json: lr-range is not a field here; valid: format, kind, features, formula, "
                + "network, lr_range, feature_ranges, metrics, studies, tasks, pareto",
                error(network("\"lr_range\"", "\"lr-range\"")));
    }

    @Test
    void aMissingFieldIsNamed() throws IOException {
        assertEquals("model file psi.json: feature_ranges is missing",
                error(network(", \"feature_ranges\": {\"epoch\": [0, 9]}", "")));
    }

    @Test
    void everyFeatureNeedsARange() throws IOException {
        assertEquals("model file psi.json: feature_ranges has no range for epoch",
                error(network("{\"epoch\": [0, 9]}", "{}")));
    }

    @Test
    void aRangeIsTwoNumbers() throws IOException {
        assertEquals("model file psi.json: lr_range must be [min, max], got 3 values",
                error(network("[0.1, 0.2]", "[0.1, 0.2, 0.3]")));
    }

    @Test
    void normalizationHasOneValuePerFeature() throws IOException {
        assertEquals("model file psi.json: network mean and std need one value per feature (1), got 2 and 1",
                error(network("\"mean\": [0.5]", "\"mean\": [0.5, 1]")));
    }

    @Test
    void biasHasOneValuePerOutput() throws IOException {
        assertEquals("model file psi.json: network.members[0].layers[0]: bias has 1 values for 2 outputs",
                error(network("\"bias\": [0, 1]", "\"bias\": [0]")));
    }

    @Test
    void layersMustChain() throws IOException {
        assertEquals("model file psi.json: network.members[0]: layer 1 takes 3 inputs, layer 0 gives 2",
                error(network("[[1, 2]]", "[[1, 2, 3]]")));
    }

    @Test
    void aWeightIsANumber() throws IOException {
        assertEquals("model file psi.json: network.members[0].layers[0].weights[1] item 0 must be a number, got \"2\"",
                error(network("[[1], [2]]", "[[1], [\"2\"]]")));
    }

    @Test
    void anUnknownActivationIsNamed() throws IOException {
        assertEquals("model file psi.json: network.members[0].layers[0].activation: unknown activation 'sigmoid'; "
                + "valid: tanh, relu, linear", error(network("\"tanh\"", "\"sigmoid\"")));
    }

    @Test
    void aFormulaModelNeedsItsFormula() throws IOException {
        assertEquals("model file psi.json: formula is missing", error(FORMULA_FILE.replace(
                "  \"formula\" : \"0.3*loss_ratio^0.5*(1 + epoch)^-0.2\",\n", "")));
    }

    @Test
    void aMalformedFormulaGivesItsPosition() throws IOException {
        assertEquals("model file psi.json: formula: formula '0.3*loss_ratio^0.5*(1 + epoch)^-0.2)': unexpected ')' at "
                + "position 36", error(FORMULA_FILE.replaceFirst("\\^-0\\.2\",", "^-0.2)\",")));
    }

    @Test
    void aFormulaModelHasNoNetwork() throws IOException {
        assertEquals("model file psi.json: network is not part of a formula model",
                error(FORMULA_FILE.replace("\"kind\" : \"formula\",", "\"kind\" : \"formula\", \"network\": {},")));
    }

    @Test
    void aDuplicateFieldIsRejected() throws IOException {
        assertEquals("model file psi.json: malformed JSON at line 1, column 35: Duplicate field 'format'",
                error(network("\"kind\"", "\"format\": \"x\", \"kind\"")));
    }

    @Test
    void everyMessageIsOneLine() throws IOException {
        String[] bad = {"", "[", "{}", "[1]", network("[[1], [2]]", "[[1], [2, 3]]"), network("\"std\": [2]", "\"std\": [0]")};
        for (String json : bad) {
            String message = error(json);
            assertEquals(-1, message.indexOf('\n'), message);
        }
    }
}
