package dev.psi.lab.fit;

import dev.psi.core.psi.PsiFeature;
import io.jenetics.Mutator;
import io.jenetics.Phenotype;
import io.jenetics.engine.Codec;
import io.jenetics.engine.Engine;
import io.jenetics.engine.EvolutionResult;
import io.jenetics.ext.SingleNodeCrossover;
import io.jenetics.ext.rewriting.TRS;
import io.jenetics.ext.rewriting.TreeRewriter;
import io.jenetics.ext.util.Tree;
import io.jenetics.ext.util.TreeNode;
import io.jenetics.prog.ProgramGene;
import io.jenetics.prog.op.EphemeralConst;
import io.jenetics.prog.op.MathExpr;
import io.jenetics.prog.op.MathOp;
import io.jenetics.prog.op.Op;
import io.jenetics.prog.op.Val;
import io.jenetics.prog.op.Var;
import io.jenetics.prog.regression.Complexity;
import io.jenetics.prog.regression.Regression;
import io.jenetics.util.ISeq;
import io.jenetics.util.RandomRegistry;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

/**
 * Symbolic regression of ln α by genetic programming with Jenetics ({@code jenetics.prog}): programs over
 * the chosen features, the operators + − × ÷ pow ln exp and ephemeral constants, evolved to minimize the
 * error of ln α with a penalty on size.
 *
 * <ul>
 *   <li><b>Error</b>: the program's additive terms (the operands of the chain of + and − at its root)
 *       are taken as regressors and combined by ordinary least squares, c₀ + Σ c_k·term_k; the error is
 *       the RMSE of ln α against that combination. This is linear scaling (Keijzer 2003, "Improving
 *       symbolic regression with interval arithmetic and linear scaling") extended to each term, as in
 *       multiple-regression GP (Arnaldo, Krawiec and O'Reilly 2014): the search looks for the shapes of
 *       the terms, and their weights, which mutation finds slowly, come from least squares. On
 *       α = 0.3·ρ^0.5·(1+i)^−0.2 plain linear scaling found the exact form in about half the seeded runs;
 *       with per-term weights the form ln ρ + ln(i + c) is five nodes and is found almost always.
 *   <li><b>Penalty</b>: {@link Complexity#ofNodeCount} with the size limit, combined as Jenetics'
 *       {@code Error.of(loss, complexity)} does, error·(1 + complexity): a program at the size limit
 *       pays 100 % extra error, a small one almost nothing.
 *   <li><b>Front</b>: the few best programs of every size seen in any generation, by their unpenalized
 *       error, are kept; after the search each one's constants and weights are refitted by
 *       Levenberg–Marquardt ({@link CurveFit}), since evolution only gets the constants roughly right.
 *   <li><b>Runs</b>: {@link Settings#runs()} independent populations, whose kept programs are pooled:
 *       a population that converged on a poor shape early does not decide the result.
 * </ul>
 *
 * <p>Deterministic for a seed: every random draw (initial programs, constants, selection, crossover,
 * mutation) comes from a {@link Random} seeded from it through Jenetics' {@link RandomRegistry}, and
 * programs are evaluated on the calling thread, so no thread interleaving can reorder the draws.
 */
final class SymbolicRegression {

    /**
     * The size of the search.
     *
     * @param population programs per generation
     * @param generations generations evolved per run
     * @param maxSize the largest program (nodes), and the size at which the penalty doubles the error
     * @param depth the depth of the random initial programs
     * @param runs independent populations
     */
    record Settings(int population, int generations, int maxSize, int depth, int runs) {

        /**
         * About 1.5 s on 200 rows; on the noise-free recovery surface it found the exact form for 9 of 10
         * seeds and a formula within 1e-3 RMSE of ln α for all 10.
         */
        static final Settings DEFAULT = new Settings(600, 60, 25, 4, 3);

        Settings {
            if (population < 2 || generations < 1 || maxSize < 1 || depth < 1 || runs < 1) {
                throw new IllegalArgumentException("symbolic regression needs population >= 2 and positive "
                        + "generations, size, depth and runs");
            }
        }
    }

    private static final ISeq<Op<Double>> OPERATIONS = ISeq.of(MathOp.ADD, MathOp.SUB, MathOp.MUL, MathOp.DIV,
            MathOp.POW, MathOp.LOG, MathOp.EXP);

    /** Probability that a program takes part in a subtree crossover. */
    private static final double CROSSOVER = 0.2;

    /** Probability that a node is replaced by a random one. */
    private static final double MUTATION = 0.05;

    /**
     * Programs kept per size for the final refit. The evolved constants are rough, so the best program
     * of a size before refitting is often not the best after: a few per size give the right shape with
     * poor constants its chance.
     */
    private static final int KEPT_PER_SIZE = 4;

    /**
     * The evaluations of one refit: a program whose constants do not settle within them is not worth
     * the wait (this bounds all refits together at well under a second).
     */
    private static final int REFIT_EVALUATIONS = 200;

    /**
     * Jenetics' arithmetic and constant-folding rules, and the inverses ln(exp(x)) = x and exp(ln(x)) = x.
     * The second holds only for x &gt; 0, which every kept program satisfies on the data (elsewhere its
     * ln is NaN and its error infinite).
     */
    private static final TreeRewriter<Op<Double>> SIMPLIFIER = TreeRewriter.concat(MathExpr.REWRITER,
            TRS.parse(MathOp::toMathOp, "log(exp($x)) -> $x", "exp(log($x)) -> $x"));

    /** A term contributing less than this to ln α anywhere (a factor of 1 ± 1e-6 in α) is dropped. */
    private static final double NEGLIGIBLE = 1e-6;

    private SymbolicRegression() {
    }

    /**
     * Runs the search and returns the kept programs of every size, each refitted as a formula
     * α = exp(c₀ + Σ c_k·term_k).
     */
    static List<FittedFormula> search(FitData data, List<PsiFeature> features, Settings settings, long seed) {
        double[][] columns = columnsOf(data, features);
        double[] target = data.logLr();
        List<Op<Double>> terminals = new ArrayList<>();
        for (int k = 0; k < features.size(); k++) {
            terminals.add(Var.of(features.get(k).word(), k));
        }
        // Constants drawn at one decimal in [-2, 2]: readable, and refitted by least squares at the end.
        terminals.add(EphemeralConst.of(() -> Math.round(RandomRegistry.random().nextDouble() * 40 - 20) / 10.0));
        Codec<Tree<Op<Double>, ?>, ProgramGene<Double>> codec = Regression.codecOf(OPERATIONS,
                ISeq.of(terminals), settings.depth(), program -> program.root().size() <= settings.maxSize());
        Complexity<Double> complexity = Complexity.ofNodeCount(settings.maxSize());
        Engine<ProgramGene<Double>, Double> engine = Engine
                .builder((Tree<Op<Double>, ?> program) -> {
                    double error = error(program, columns, target);
                    return error + error * complexity.apply(program);
                }, codec)
                .minimizing()
                .populationSize(settings.population())
                .alterers(new SingleNodeCrossover<>(CROSSOVER), new Mutator<>(MUTATION))
                .executor(Runnable::run)
                .build();
        Map<Integer, List<Program>> kept = new TreeMap<>();
        for (int run = 0; run < settings.runs(); run++) {
            RandomRegistry.with(new Random(seed * 1_000_003L + run), random -> engine.stream()
                    .limit(settings.generations())
                    .peek(result -> remember(result, complexity, kept))
                    .collect(EvolutionResult.toBestEvolutionResult()));
        }
        List<FittedFormula> formulas = new ArrayList<>();
        for (List<Program> programs : kept.values()) {
            for (Program program : programs) {
                FittedFormula formula = refit(program.tree(), features, data);
                if (formula != null) {
                    formulas.add(formula);
                }
            }
        }
        return formulas;
    }

    /** A program and its unpenalized error. */
    private record Program(TreeNode<Op<Double>> tree, double error) {
    }

    private static void remember(EvolutionResult<ProgramGene<Double>, Double> result, Complexity<Double> complexity,
            Map<Integer, List<Program>> kept) {
        for (Phenotype<ProgramGene<Double>, Double> phenotype : result.population()) {
            ProgramGene<Double> root = phenotype.genotype().gene();
            // The fitness is error·(1 + complexity): undo the penalty to rank programs of one size by error.
            double error = phenotype.fitness() / (1 + complexity.apply(root));
            if (!Double.isFinite(error)) {
                continue;
            }
            List<Program> ofSize = kept.computeIfAbsent(root.size(), size -> new ArrayList<>());
            if (ofSize.size() == KEPT_PER_SIZE && error >= ofSize.get(KEPT_PER_SIZE - 1).error()) {
                continue;
            }
            TreeNode<Op<Double>> tree = root.toTreeNode();
            if (ofSize.stream().anyMatch(program -> program.tree().equals(tree))) {
                continue;
            }
            ofSize.add(new Program(tree, error));
            ofSize.sort(Comparator.comparingDouble(Program::error));
            if (ofSize.size() > KEPT_PER_SIZE) {
                ofSize.remove(KEPT_PER_SIZE);
            }
        }
    }

    /**
     * RMSE of ln α against the least-squares combination of the program's additive terms; infinite when
     * a term is not finite at some row, so that such programs lose every tournament.
     */
    static double error(Tree<? extends Op<Double>, ?> program, double[][] columns, double[] target) {
        List<double[]> terms = new ArrayList<>();
        for (Tree<? extends Op<Double>, ?> term : terms(program, new ArrayList<>())) {
            double[] values = evaluate(term, columns, target.length);
            for (double value : values) {
                if (!Double.isFinite(value)) {
                    return Double.POSITIVE_INFINITY;
                }
            }
            terms.add(values);
        }
        double[] weights = LinearLeastSquares.solve(terms, target);
        if (weights == null) {
            return Double.POSITIVE_INFINITY;
        }
        double error = LinearLeastSquares.rmse(terms, weights, target);
        return Double.isFinite(error) ? error : Double.POSITIVE_INFINITY;
    }

    /** The operands of the chain of + and − at the root of {@code node}, in order. */
    private static <N extends Tree<? extends Op<Double>, ?>> List<N> terms(N node, List<N> into) {
        Op<Double> op = node.value();
        if (op == MathOp.ADD || op == MathOp.SUB) {
            @SuppressWarnings("unchecked")
            N left = (N) node.childAt(0);
            @SuppressWarnings("unchecked")
            N right = (N) node.childAt(1);
            terms(left, into);
            terms(right, into);
        } else {
            into.add(node);
        }
        return into;
    }

    /** A program's value at every row; {@code columns} holds the features in the order of the variables' indices. */
    static double[] evaluate(Tree<? extends Op<Double>, ?> node, double[][] columns, int rows) {
        Op<Double> op = node.value();
        if (op instanceof Var<Double> variable) {
            return columns[variable.index()].clone();
        }
        if (op instanceof Val<Double> constant) {
            double[] out = new double[rows];
            Arrays.fill(out, constant.value());
            return out;
        }
        double[] a = evaluate(node.childAt(0), columns, rows);
        if (op == MathOp.LOG || op == MathOp.EXP) {
            for (int i = 0; i < rows; i++) {
                a[i] = op == MathOp.LOG ? Math.log(a[i]) : Math.exp(a[i]);
            }
            return a;
        }
        double[] b = evaluate(node.childAt(1), columns, rows);
        for (int i = 0; i < rows; i++) {
            if (op == MathOp.ADD) {
                a[i] += b[i];
            } else if (op == MathOp.SUB) {
                a[i] -= b[i];
            } else if (op == MathOp.MUL) {
                a[i] *= b[i];
            } else if (op == MathOp.DIV) {
                a[i] /= b[i];
            } else if (op == MathOp.POW) {
                a[i] = Math.pow(a[i], b[i]);
            } else {
                throw new IllegalStateException("operation " + op + " is not among the search's operations");
            }
        }
        return a;
    }

    /**
     * The program as the term c₀ + Σ c_k·term_k with every constant freed, fitted by least squares from
     * the evolved constants and the least-squares weights; {@code null} if no finite formula results.
     *
     * <p>The formula is tidied on the way, since evolution leaves clutter that costs size and says
     * nothing: the program is simplified ({@link #SIMPLIFIER}), terms without a feature are absorbed into
     * c₀, a term that occurs twice is kept once (least squares weighs it once anyway), and terms whose
     * refitted contribution |c_k·term_k| stays below {@value #NEGLIGIBLE} in ln α at every row are
     * dropped, and the rest refitted.
     */
    private static FittedFormula refit(TreeNode<Op<Double>> program, List<PsiFeature> features, FitData data) {
        TreeNode<Op<Double>> simplified = TreeNode.ofTree(program);
        SIMPLIFIER.rewrite(simplified);
        List<TreeNode<Op<Double>>> parts = new ArrayList<>();
        for (TreeNode<Op<Double>> part : terms(simplified, new ArrayList<>())) {
            if (part.stream().anyMatch(node -> node.value() instanceof Var) && !parts.contains(part)) {
                parts.add(part);
            }
        }
        Refit fitted = refit(parts, features, data);
        if (fitted == null) {
            return null;
        }
        List<TreeNode<Op<Double>>> kept = new ArrayList<>();
        double[] p = fitted.parameters();
        for (int k = 0; k < parts.size(); k++) {
            double[] contribution = Term.multiply(Term.parameter(k + 1), fitted.parts().get(k)).value(data, p);
            if (Arrays.stream(contribution).anyMatch(value -> Math.abs(value) >= NEGLIGIBLE)) {
                kept.add(parts.get(k));
            }
        }
        if (kept.size() == parts.size()) {
            return fitted.formula();
        }
        Refit pruned = refit(kept, features, data);
        return pruned == null ? fitted.formula() : pruned.formula();
    }

    /** A fitted formula and the terms of its parts, parameter k + 1 weighing part k. */
    private record Refit(FittedFormula formula, List<Term> parts) {

        double[] parameters() {
            return formula.parameters();
        }
    }

    private static Refit refit(List<TreeNode<Op<Double>>> parts, List<PsiFeature> features, FitData data) {
        List<Double> start = new ArrayList<>();
        // Parameters 0..parts.size() are the weights; the programs' constants follow.
        for (int k = 0; k <= parts.size(); k++) {
            start.add(0.0);
        }
        Term sum = Term.parameter(0);
        List<Term> terms = new ArrayList<>();
        List<double[]> values = new ArrayList<>();
        double[][] columns = columnsOf(data, features);
        for (int k = 0; k < parts.size(); k++) {
            Term part = toTerm(parts.get(k), features, start);
            terms.add(part);
            sum = Term.add(sum, Term.multiply(Term.parameter(k + 1), part));
            values.add(evaluate(parts.get(k), columns, data.size()));
        }
        double[] weights = LinearLeastSquares.solve(values, data.logLr());
        if (weights == null) {
            return null;
        }
        double[] initial = start.stream().mapToDouble(Double::doubleValue).toArray();
        System.arraycopy(weights, 0, initial, 0, weights.length);
        Term formula = sum;
        try {
            return new Refit(FittedFormula.fit("symbolic", formula, initial, p -> "exp(" + formula.text(p) + ")",
                    data, REFIT_EVALUATIONS), terms);
        } catch (IllegalArgumentException e) {
            // A refitted constant overflowed: the program has no finite formula.
            return null;
        }
    }

    private static double[][] columnsOf(FitData data, List<PsiFeature> features) {
        double[][] columns = new double[features.size()][];
        for (int k = 0; k < columns.length; k++) {
            columns[k] = data.column(features.get(k));
        }
        return columns;
    }

    /** Jenetics' program tree as a term; each constant becomes a parameter, its value appended to {@code start}. */
    private static Term toTerm(Tree<? extends Op<Double>, ?> node, List<PsiFeature> features, List<Double> start) {
        Op<Double> op = node.value();
        if (op instanceof Var<Double> variable) {
            return Term.feature(features.get(variable.index()));
        }
        if (op instanceof Val<Double> constant) {
            start.add(constant.value());
            return Term.parameter(start.size() - 1);
        }
        Term first = toTerm(node.childAt(0), features, start);
        if (op == MathOp.LOG) {
            return Term.ln(first);
        }
        if (op == MathOp.EXP) {
            return Term.exp(first);
        }
        Term second = toTerm(node.childAt(1), features, start);
        if (op == MathOp.ADD) {
            return Term.add(first, second);
        }
        if (op == MathOp.SUB) {
            return Term.subtract(first, second);
        }
        if (op == MathOp.MUL) {
            return Term.multiply(first, second);
        }
        if (op == MathOp.DIV) {
            return Term.divide(first, second);
        }
        if (op == MathOp.POW) {
            return Term.power(first, second);
        }
        throw new IllegalStateException("operation " + op + " is not among the search's operations");
    }
}
