package io.chemdl4j.models.forest;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import ml.dmlc.xgboost4j.java.Booster;
import ml.dmlc.xgboost4j.java.DMatrix;
import ml.dmlc.xgboost4j.java.XGBoost;
import ml.dmlc.xgboost4j.java.XGBoostError;

import io.chemdl4j.featurize.FeaturizerSpec;
import io.chemdl4j.models.Nd4jRuntime;
import io.chemdl4j.models.PropertyModel;
import io.chemdl4j.models.SavableModel;
import io.chemdl4j.models.io.ModelFormatException;
import io.chemdl4j.models.io.ModelIO;
import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.TaskType;
import io.chemdl4j.moleculenet.transform.Transformer;

/**
 * A random forest per task on fingerprint rows: the baseline every deep model must beat, behind the
 * same predict/evaluate API ({@link PropertyModel}). The forests are XGBoost's random forests
 * (Apache-2.0): one round of {@code trees} parallel trees, each grown without depth limit on a random
 * 63.2% of the molecules (the share of distinct molecules in a bootstrap sample) with
 * {@code sqrt(features)} features tried at each split, and averaged. Classification outputs the
 * forest's probability of class 1; its ranking of molecules, and so its ROC-AUC, is that of the trees'
 * averaged leaf class fractions.
 *
 * <p>Each task is trained on the molecules that have a label for it (weight above 0), each counting
 * with its weight {@code w}, so balancing weights apply. Fingerprints go in as sparse rows: an absent
 * bit is XGBoost's "missing", which every split sends one way, as a zero would go. The same seed
 * gives the same forest. Once grown, the trees leave XGBoost: the model holds them as arrays
 * ({@link TreeEnsemble}), predicts with them on every core, and saves them in ChemDL4J's own checked
 * array format. A fitted model is immutable; prediction is thread-safe.
 */
public final class RandomForestModel implements SavableModel, PropertyModel<Dataset> {
    /** The model type of saved random-forest classifiers. */
    public static final String CLASSIFIER_TYPE_ID = "random_forest_classifier";
    /** The model type of saved random-forest regressors. */
    public static final String REGRESSOR_TYPE_ID = "random_forest_regressor";
    /** Model type of saved multiclass forests ({@code multi:softprob}, one forest of K outputs per task). */
    public static final String MULTICLASS_TYPE_ID = "random_forest_multiclass";
    /** Name of the forests file inside a model directory. */
    public static final String FORESTS = "forests.zip";
    /** Largest XGBoost forest entry read back from a model file of format 3 to 6 (a zip entry may claim any size). */
    private static final int MAX_FOREST_BYTES = 1 << 30;

    /** Share of distinct molecules in a bootstrap sample of the training set: 1 - 1/e. */
    static final double BOOTSTRAP_FRACTION = 0.632;

    private final TaskType taskType;
    /** K of a multiclass forest, else 0. */
    private final int classes;
    private final List<String> tasks;
    private final int featureCount;
    private final RandomForestConfig config;
    /** Per task: its forest, or {@code null} where its labels are all one value. */
    private final List<TreeEnsemble> forests;
    /**
     * Per task: the prediction where the task has no forest (for multiclass, the one class its labels
     * hold, predicted with probability 1).
     */
    private final double[] constants;

    private RandomForestModel(TaskType taskType, int classes, List<String> tasks, int featureCount,
                              RandomForestConfig config, List<TreeEnsemble> forests, double[] constants) {
        this.taskType = taskType;
        this.classes = classes;
        this.tasks = List.copyOf(tasks);
        this.featureCount = featureCount;
        this.config = config;
        this.forests = forests;
        this.constants = constants;
    }

    /**
     * Grows a forest for every task of {@code train}: one task's on {@code threads} threads, several tasks' side by
     * side on the shared workers ({@link Nd4jRuntime#workers()}), one thread each ({@code threads} 1: one after
     * the other). The forests are the same on any number of threads.
     *
     * @throws IllegalArgumentException if a classification label is not 0 or 1, or the dataset has no features
     */
    public static RandomForestModel fit(TaskType taskType, Dataset train, RandomForestConfig config, int threads) {
        return fit(taskType, train, config, threads, null);
    }

    /**
     * As {@link #fit(TaskType, Dataset, RandomForestConfig, int)}, telling {@code progress} (when not {@code null})
     * the number of tasks trained after each task's forest.
     */
    public static RandomForestModel fit(TaskType taskType, Dataset train, RandomForestConfig config, int threads,
                                        java.util.function.IntConsumer progress) {
        return fit(taskType, 0, train, config, threads, progress);
    }

    /**
     * As {@link #fit(TaskType, Dataset, RandomForestConfig, int, java.util.function.IntConsumer)} for
     * {@code classes} classes per task ({@link TaskType#MULTICLASS}, XGBoost's {@code multi:softprob}; 0 for
     * the other task types).
     */
    public static RandomForestModel fit(TaskType taskType, int classes, Dataset train, RandomForestConfig config,
                                        int threads, java.util.function.IntConsumer progress) {
        if (train.featureCount() < 1) {
            throw new IllegalArgumentException("a random forest needs feature rows; the dataset has no features");
        }
        if ((taskType == TaskType.MULTICLASS) != (classes >= 2)) {
            throw new IllegalArgumentException("a multiclass forest needs 2 or more classes; other forests none");
        }
        int taskCount = train.taskCount();
        double[] constants = new double[taskCount];
        // Per task, the rows it trains on, or null where its labels hold one value (a constant, no forest).
        int[][] trainedRows = new int[taskCount][];
        java.util.concurrent.atomic.AtomicInteger tasksDone = new java.util.concurrent.atomic.AtomicInteger();
        // Every label is checked before any forest grows, so a bad label is reported at once.
        for (int t = 0; t < taskCount; t++) {
            List<Integer> rows = new ArrayList<>();
            Set<Float> distinct = new HashSet<>();
            double weighted = 0;
            double weights = 0;
            for (int i = 0; i < train.size(); i++) {
                float w = train.weight(i, t);
                if (w <= 0) {
                    continue;
                }
                float y = train.label(i, t);
                if (taskType == TaskType.CLASSIFICATION && y != 0 && y != 1) {
                    throw new IllegalArgumentException("task " + train.tasks().get(t) + ": label " + y
                            + " of molecule " + train.id(i) + " is not 0 or 1");
                }
                if (taskType == TaskType.MULTICLASS && (y != Math.rint(y) || y < 0 || y >= classes)) {
                    throw new IllegalArgumentException("task " + train.tasks().get(t) + ": label " + y
                            + " of molecule " + train.id(i) + " is not a class 0.." + (classes - 1));
                }
                rows.add(i);
                distinct.add(y);
                weighted += w * y;
                weights += w;
            }
            constants[t] = taskType == TaskType.MULTICLASS ? (distinct.isEmpty() ? 0 : distinct.iterator().next())
                    : weights == 0 ? 0 : weighted / weights;
            if (distinct.size() >= 2) {
                trainedRows[t] = rows.stream().mapToInt(Integer::intValue).toArray();
            } else {
                tellDone(progress, tasksDone);
            }
        }
        int[] grown = IntStream.range(0, taskCount).filter(t -> trainedRows[t] != null).toArray();
        TreeEnsemble[] forests = new TreeEnsemble[taskCount];
        if (grown.length == 1 || threads == 1) {
            Map<String, Object> params = parameters(taskType, classes, config, train.featureCount(), threads);
            for (int t : grown) {
                forests[t] = grow(train, t, trainedRows[t], params, threads);
                tellDone(progress, tasksDone);
            }
        } else {
            // XGBoost grows one of these forests on two threads no faster than on one (its work per tree node is
            // too small to share), and the same forest on any number: so the tasks' forests grow side by side on
            // the shared workers, one thread each.
            Map<String, Object> params = parameters(taskType, classes, config, train.featureCount(), 1);
            Nd4jRuntime.forChunks(grown.length, 1, (from, to) -> {
                for (int k = from; k < to; k++) {
                    forests[grown[k]] = grow(train, grown[k], trainedRows[grown[k]], params, 1);
                    tellDone(progress, tasksDone);
                }
            });
        }
        return new RandomForestModel(taskType, classes, train.tasks(), train.featureCount(), config,
                java.util.Collections.unmodifiableList(java.util.Arrays.asList(forests)), constants);
    }

    /** Task {@code t}'s forest, grown by XGBoost with {@code params} on {@code rows} of {@code train}. */
    private static TreeEnsemble grow(Dataset train, int t, int[] rows, Map<String, Object> params, int threads) {
        float[] y = new float[rows.length];
        float[] w = new float[rows.length];
        for (int k = 0; k < rows.length; k++) {
            y[k] = train.label(rows[k], t);
            w[k] = train.weight(rows[k], t);
        }
        DMatrix matrix = null;
        Booster booster = null;
        try {
            matrix = sparse(train, rows, threads);
            matrix.setLabel(y);
            matrix.setWeight(w);
            booster = XGBoost.train(matrix, params, 1, Map.of(), null, null);
            return TreeEnsemble.fromXgboostJson(booster.toByteArray("json"), train.featureCount());
        } catch (XGBoostError | ModelFormatException e) {
            throw new IllegalStateException("XGBoost failed on task " + train.tasks().get(t) + ": "
                    + e.getMessage(), e);
        } finally {
            if (matrix != null) {
                matrix.dispose();
            }
            if (booster != null) {
                booster.dispose();
            }
        }
    }

    /** Tells {@code progress} (when not {@code null}) one more task's forest is done; from any thread. */
    private static void tellDone(java.util.function.IntConsumer progress,
                                 java.util.concurrent.atomic.AtomicInteger tasksDone) {
        if (progress != null) {
            synchronized (tasksDone) {
                progress.accept(tasksDone.incrementAndGet());
            }
        }
    }

    /** XGBoost's random-forest recipe: one boosting round of parallel trees with learning rate 1. */
    static Map<String, Object> parameters(TaskType taskType, int classes, RandomForestConfig config,
                                                  int features, int threads) {
        Map<String, Object> p = new HashMap<>();
        p.put("booster", "gbtree");
        p.put("objective", TreeEnsemble.Link.of(taskType).objective());
        if (taskType == TaskType.MULTICLASS) {
            p.put("num_class", classes);
        }
        p.put("num_parallel_tree", config.trees());
        p.put("learning_rate", 1.0);
        p.put("subsample", BOOTSTRAP_FRACTION);
        p.put("colsample_bynode", config.fractionFor(features));
        p.put("tree_method", "hist");
        p.put("grow_policy", "lossguide");
        p.put("max_depth", config.maxDepth() == Integer.MAX_VALUE ? 0 : config.maxDepth());
        p.put("min_child_weight", config.minChildWeight());
        p.put("reg_lambda", 0.0);
        p.put("seed", config.seed());
        p.put("nthread", Math.max(1, threads));
        p.put("verbosity", 0);
        return p;
    }

    /** {@code rows} of {@code data} as a sparse matrix of its nonzero features. */
    static DMatrix sparse(Dataset data, int[] rows, int threads) throws XGBoostError {
        long[] starts = new long[rows.length + 1];
        int nonzero = 0;
        for (int k = 0; k < rows.length; k++) {
            float[] row = data.featureRow(rows[k]);
            for (float v : row) {
                if (v != 0) {
                    nonzero++;
                }
            }
            starts[k + 1] = nonzero;
        }
        int[] columns = new int[nonzero];
        float[] values = new float[nonzero];
        int n = 0;
        for (int row : rows) {
            float[] r = data.featureRow(row);
            for (int f = 0; f < r.length; f++) {
                if (r[f] != 0) {
                    columns[n] = f;
                    values[n++] = r[f];
                }
            }
        }
        return new DMatrix(starts, columns, values, DMatrix.SparseType.CSR, data.featureCount(), Float.NaN,
                Math.max(1, threads));
    }

    /**
     * Predicts blocks of {@value TreeEnsemble#BLOCK_ROWS} rows on every core (the common fork-join pool), each tree
     * walked for a whole block at a time; a row's prediction does not depend on the other rows.
     */
    @Override
    public double[][] predict(Dataset data) {
        if (data.featureCount() != featureCount) {
            throw new IllegalArgumentException("model expects " + featureCount + " features, dataset has "
                    + data.featureCount());
        }
        int k = Math.max(1, classes);
        double[][] out = new double[data.size()][tasks.size() * k];
        int blocks = (data.size() + TreeEnsemble.BLOCK_ROWS - 1) / TreeEnsemble.BLOCK_ROWS;
        IntStream.range(0, blocks).parallel().forEach(b -> {
            int from = b * TreeEnsemble.BLOCK_ROWS;
            int to = Math.min(data.size(), from + TreeEnsemble.BLOCK_ROWS);
            float[][] rows = new float[to - from][];
            double[][] block = new double[to - from][];
            for (int i = from; i < to; i++) {
                rows[i - from] = data.featureRow(i);
                block[i - from] = out[i];
            }
            for (int t = 0; t < tasks.size(); t++) {
                TreeEnsemble forest = forests.get(t);
                if (forest != null) {
                    forest.predict(rows, block, t * k);
                    continue;
                }
                for (double[] row : block) {
                    if (classes > 0) {
                        row[t * k + (int) constants[t]] = 1;
                    } else {
                        row[t] = constants[t];
                    }
                }
            }
        });
        return out;
    }

    @Override
    public List<String> tasks() {
        return tasks;
    }

    @Override
    public TaskType taskType() {
        return taskType;
    }

    @Override
    public int classes() {
        return classes;
    }

    /** The configuration it was grown with. */
    public RandomForestConfig config() {
        return config;
    }

    /** The model type recorded in saved manifests. */
    public String typeId() {
        return switch (taskType) {
            case CLASSIFICATION -> CLASSIFIER_TYPE_ID;
            case REGRESSION -> REGRESSOR_TYPE_ID;
            case MULTICLASS -> MULTICLASS_TYPE_ID;
        };
    }

    /**
     * Saves this forest to {@code directory} (replaced atomically): the manifest with its configuration, and
     * {@value #FORESTS}, arrays in ChemDL4J's checked format ({@link io.chemdl4j.models.io.ArrayCodec}): for a
     * task with a forest, {@code task-K.trees} (int32, each tree's first node and the node count),
     * {@code task-K.classes} (int32, the class each tree adds to), {@code task-K.features} (int32 per node, −1
     * for a leaf), {@code task-K.children} (int32 [nodes, 2], within the tree), {@code task-K.missingLeft} (int32
     * 0/1 per node), {@code task-K.values} (float32 per node: the split threshold, or the leaf's value) and
     * {@code task-K.baseMargin} (float32 per class); for a task whose labels were all one value,
     * {@code task-K.constant} (float64 scalar: its prediction, or its one class).
     */
    @Override
    public synchronized void save(Path directory, FeaturizerSpec featurizer, List<Transformer> transformers)
            throws IOException {
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        for (int t = 0; t < tasks.size(); t++) {
            TreeEnsemble forest = forests.get(t);
            if (forest == null) {
                arrays.put(taskPrefix(t) + CONSTANT, Nd4j.scalar(constants[t]));
            } else {
                arrays.putAll(forest.toArrays(taskPrefix(t)));
            }
        }
        ModelIO.write(directory, new ModelIO.Contents(typeId(), ModelIO.Contents.formatVersion(
                ModelIO.FOREST_ARRAYS_FORMAT_VERSION, classes), tasks, featureCount, "config", config, List.of(),
                classes), featurizer, transformers, dir -> ModelIO.writeArrays(dir.resolve(FORESTS), arrays));
    }

    /** The entry holding the prediction of a task without a forest. */
    private static final String CONSTANT = "constant";

    private static String taskPrefix(int task) {
        return "task-" + task + ".";
    }

    /**
     * Reads back a forest saved by {@link #save}, or by a toolkit of format 3 to 6, whose {@value #FORESTS} holds
     * XGBoost's own UBJSON per task: each entry read with a size cap, handed to XGBoost once and turned into arrays.
     *
     * @throws ModelFormatException if the file is missing, an entry is missing, unknown or too large, an array
     *                              does not make a forest of the model's features, or XGBoost rejects a forest
     */
    public static RandomForestModel load(ModelIO.SavedFiles files) throws ModelFormatException {
        TaskType type = files.taskType(CLASSIFIER_TYPE_ID, REGRESSOR_TYPE_ID, MULTICLASS_TYPE_ID);
        RandomForestConfig config = files.config("config", RandomForestConfig.class);
        TreeEnsemble.Link link = TreeEnsemble.Link.of(type);
        int taskCount = files.tasks().size();
        if (files.formatVersion() < ModelIO.FOREST_ARRAYS_FORMAT_VERSION) {
            return loadXgboostForests(files, type, config, link);
        }
        Path file = files.directory().resolve(FORESTS);
        Map<String, INDArray> arrays = files.arrays(FORESTS);
        List<TreeEnsemble> forests = new ArrayList<>();
        double[] constants = new double[taskCount];
        int expected = 0;
        for (int t = 0; t < taskCount; t++) {
            INDArray constant = arrays.get(taskPrefix(t) + CONSTANT);
            try {
                if (constant == null) {
                    TreeEnsemble forest = TreeEnsemble.fromArrays(arrays, taskPrefix(t), link, files.featureCount());
                    if (forest.outputs() != Math.max(1, files.classes())) {
                        throw new ModelFormatException(forest.outputs() + " outputs for " + files.classes() + " classes");
                    }
                    forests.add(forest);
                    expected += TreeEnsemble.ARRAYS.size();
                } else {
                    if (constant.dataType() != DataType.DOUBLE || constant.length() != 1) {
                        throw new ModelFormatException("the constant is not one float64");
                    }
                    forests.add(null);
                    constants[t] = checkedConstant(type, constant.getDouble(0), files.classes());
                    expected++;
                }
            } catch (ModelFormatException e) {
                throw new ModelFormatException(file + ": the forest of task " + t + " cannot be read: "
                        + e.getMessage(), e);
            }
        }
        if (arrays.size() != expected) {
            throw new ModelFormatException(file + ": " + arrays.size() + " entries; the " + taskCount
                    + " tasks need " + expected);
        }
        return new RandomForestModel(type, files.classes(), files.tasks(), files.featureCount(), config,
                java.util.Collections.unmodifiableList(forests), constants);
    }

    /** A task's constant prediction, checked: finite, and for multiclass one of the classes. */
    private static double checkedConstant(TaskType type, double constant, int classes) throws ModelFormatException {
        if (!Double.isFinite(constant) || type == TaskType.MULTICLASS
                && (constant != Math.rint(constant) || constant < 0 || constant >= classes)) {
            throw new ModelFormatException("the constant " + constant + " is not "
                    + (type == TaskType.MULTICLASS ? "a class 0.." + (classes - 1) : "a finite number"));
        }
        return constant;
    }

    /** Format 3 to 6: {@code task-K.ubj} (XGBoost's UBJSON model) or {@code task-K.constant} (ASCII) per task. */
    private static RandomForestModel loadXgboostForests(ModelIO.SavedFiles files, TaskType type,
                                                        RandomForestConfig config, TreeEnsemble.Link link)
            throws ModelFormatException {
        Path file = files.directory().resolve(FORESTS);
        Map<String, byte[]> entries = files.entries(FORESTS, name -> name.matches("task-\\d{1,6}\\.(ubj|constant)"),
                MAX_FOREST_BYTES);
        List<TreeEnsemble> forests = new ArrayList<>();
        double[] constants = new double[files.tasks().size()];
        for (int t = 0; t < constants.length; t++) {
            byte[] model = entries.get("task-" + t + ".ubj");
            byte[] constant = entries.get("task-" + t + ".constant");
            if ((model == null) == (constant == null)) {
                throw new ModelFormatException(file + ": task " + t + " needs exactly one of task-" + t
                        + ".ubj and task-" + t + ".constant");
            }
            Booster booster = null;
            try {
                if (model != null) {
                    booster = XGBoost.loadModel(model);
                    TreeEnsemble forest = TreeEnsemble.fromXgboostJson(booster.toByteArray("json"), files.featureCount());
                    if (forest.outputs() != Math.max(1, files.classes()) || forest.link() != link) {
                        throw new ModelFormatException("a forest of " + forest.outputs() + " outputs for "
                                + forest.link().objective() + "; the manifest says " + type);
                    }
                    forests.add(forest);
                } else {
                    forests.add(null);
                    constants[t] = checkedConstant(type, Double.parseDouble(
                            new String(constant, StandardCharsets.US_ASCII).strip()), files.classes());
                }
            } catch (XGBoostError | IOException | NumberFormatException e) {
                throw new ModelFormatException(file + ": the forest of task " + t + " cannot be read: "
                        + e.getMessage(), e);
            } finally {
                if (booster != null) {
                    booster.dispose();
                }
            }
        }
        if (entries.size() != constants.length) {
            throw new ModelFormatException(file + ": " + entries.size() + " entries for " + constants.length + " tasks");
        }
        return new RandomForestModel(type, files.classes(), files.tasks(), files.featureCount(), config,
                java.util.Collections.unmodifiableList(forests), constants);
    }
}
