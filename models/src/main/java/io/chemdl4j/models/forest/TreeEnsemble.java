package io.chemdl4j.models.forest;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.chemdl4j.models.io.ModelFormatException;
import io.chemdl4j.models.layers.TaskOutputLoss;

/**
 * The trees of one task's forest as plain arrays, and their prediction: what a grown XGBoost forest is once
 * training is over, held and saved by the toolkit itself, so that a saved forest is data in ChemDL4J's own
 * checked array format ({@link io.chemdl4j.models.io.ArrayCodec}) rather than a file for XGBoost's native
 * parser, and prediction runs on any thread without native state.
 *
 * <p>Node {@code j} of tree {@code t} is entry {@code treeStarts[t] + j} of the node arrays. An inner node
 * sends a row to {@code left} when its feature's value is below {@code value}, to {@code right} when not, and
 * to the side {@code missingLeft} names when the value is missing: 0 or NaN, the entries the toolkit leaves
 * out of XGBoost's sparse rows. A leaf ({@code feature} −1) adds {@code value} to the margin of its tree's
 * class; the margins start at {@code baseMargin}. The output is the margin through the objective's link:
 * the logistic function for binary classification, the identity for regression, the softmax over the
 * classes for multiclass ({@link TaskOutputLoss#sigmoid}, {@link TaskOutputLoss#softmax}), rounded to float. This is
 * XGBoost's own prediction ({@code gbtree}, numerical splits, the leaves summed in float in tree order);
 * {@code TreeEnsembleTest} holds it to XGBoost's predictions.
 *
 * <p>Immutable and thread-safe. Every index is checked when built, and each tree must be one (no node reached
 * twice from its root), so a walk ends within the tree's size whatever a file holds.
 */
final class TreeEnsemble {
    /** How the margins become the prediction. */
    enum Link {
        /** {@code binary:logistic}: the probability of class 1. */
        LOGISTIC("binary:logistic"),
        /** {@code reg:squarederror}: the value itself. */
        IDENTITY("reg:squarederror"),
        /** {@code multi:softprob}: every class's probability. */
        SOFTMAX("multi:softprob");

        private final String objective;

        Link(String objective) {
            this.objective = objective;
        }

        /** XGBoost's name of the objective with this link. */
        String objective() {
            return objective;
        }

        /** The link of a forest for {@code type}: the one mapping from task types to XGBoost's objectives. */
        static Link of(io.chemdl4j.moleculenet.TaskType type) {
            return switch (type) {
                case CLASSIFICATION -> LOGISTIC;
                case REGRESSION -> IDENTITY;
                case MULTICLASS -> SOFTMAX;
            };
        }
    }

    /** The array names of one ensemble, each after the entry prefix of its task. */
    private static final String TREES = "trees";
    private static final String CLASSES = "classes";
    private static final String FEATURES = "features";
    private static final String CHILDREN = "children";
    private static final String MISSING_LEFT = "missingLeft";
    private static final String VALUES = "values";
    private static final String BASE = "baseMargin";
    /** The arrays {@link #toArrays} writes, in order. */
    static final java.util.List<String> ARRAYS = java.util.List.of(TREES, CLASSES, FEATURES, CHILDREN, MISSING_LEFT,
            VALUES, BASE);

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Ints per node in {@link #nodes}: feature, left child and missing flag, right child, value's bits. */
    private static final int NODE_INTS = 4;
    /** The bit of a node's left-child entry that sends missing values left. */
    private static final int MISSING_LEFT_BIT = 1 << 30;
    /** The left-child entry less that bit (children are below 2^26: {@link io.chemdl4j.models.io.ArrayCodec}). */
    private static final int CHILD_MASK = MISSING_LEFT_BIT - 1;
    /** Rows walked through one tree before the next: the top of the tree stays in the cache for all of them. */
    static final int BLOCK_ROWS = 64;

    private final Link link;
    /** Per tree, its first node; one more entry, the node count. */
    private final int[] treeStarts;
    /** Per tree, the class whose margin its leaves add to (0 but for multiclass). */
    private final int[] treeClasses;
    /**
     * The nodes, {@value #NODE_INTS} ints each, so that a step of a walk reads one place: the feature (−1 for a
     * leaf), the left child (within the tree; {@link #MISSING_LEFT_BIT} set when missing values go left), the right
     * child, and the bits of the float value (threshold or leaf value).
     */
    private final int[] nodes;
    private final float[] baseMargin;

    private TreeEnsemble(Link link, int featureCount, int[] treeStarts, int[] treeClasses, int[] features,
                         int[] left, int[] right, boolean[] missingLeft, float[] values, float[] baseMargin)
            throws ModelFormatException {
        check(link, featureCount, treeStarts, treeClasses, features, left, right, missingLeft, values, baseMargin);
        this.link = link;
        this.treeStarts = treeStarts;
        this.treeClasses = treeClasses;
        this.baseMargin = baseMargin;
        this.nodes = new int[NODE_INTS * features.length];
        for (int j = 0; j < features.length; j++) {
            nodes[NODE_INTS * j] = features[j];
            nodes[NODE_INTS * j + 1] = features[j] < 0 ? -1 : left[j] | (missingLeft[j] ? MISSING_LEFT_BIT : 0);
            nodes[NODE_INTS * j + 2] = right[j];
            nodes[NODE_INTS * j + 3] = Float.floatToRawIntBits(values[j]);
        }
    }

    /** How its margins become the prediction. */
    Link link() {
        return link;
    }

    /** The outputs per row: the class count for multiclass, else 1. */
    int outputs() {
        return baseMargin.length;
    }

    /** Trees in the ensemble. */
    int treeCount() {
        return treeStarts.length - 1;
    }

    /** Nodes in all its trees. */
    int nodeCount() {
        return nodes.length / NODE_INTS;
    }

    /** Refuses arrays that do not make a forest of {@code featureCount} features (see the class comment). */
    private static void check(Link link, int featureCount, int[] treeStarts, int[] treeClasses, int[] features,
                              int[] left, int[] right, boolean[] missingLeft, float[] values, float[] baseMargin)
            throws ModelFormatException {
        int nodes = features.length;
        int k = baseMargin.length;
        if (k < 1 || (link == Link.SOFTMAX) == (k == 1)) {
            throw new ModelFormatException(k + " base margins for the objective " + link.objective());
        }
        if (left.length != nodes || right.length != nodes || missingLeft.length != nodes || values.length != nodes) {
            throw new ModelFormatException("the node arrays have different lengths");
        }
        if (treeStarts.length < 2 || treeStarts[0] != 0 || treeStarts[treeStarts.length - 1] != nodes
                || treeClasses.length != treeStarts.length - 1) {
            throw new ModelFormatException("the tree offsets do not cover the " + nodes + " nodes");
        }
        for (int t = 0; t < treeClasses.length; t++) {
            int start = treeStarts[t];
            int end = treeStarts[t + 1];
            if (end <= start) {
                throw new ModelFormatException("tree " + t + " has no node");
            }
            if (treeClasses[t] < 0 || treeClasses[t] >= k) {
                throw new ModelFormatException("tree " + t + " adds to class " + treeClasses[t] + " of " + k);
            }
            for (int node = start; node < end; node++) {
                if (!Float.isFinite(values[node])) {
                    throw new ModelFormatException("node " + (node - start) + " of tree " + t + " has value "
                            + values[node]);
                }
                if (features[node] == -1) {
                    if (left[node] != -1 || right[node] != -1) {
                        throw new ModelFormatException("leaf " + (node - start) + " of tree " + t + " has children");
                    }
                    continue;
                }
                if (features[node] < 0 || features[node] >= featureCount) {
                    throw new ModelFormatException("node " + (node - start) + " of tree " + t + " splits on feature "
                            + features[node] + " of " + featureCount);
                }
                if (left[node] < 0 || left[node] >= end - start || right[node] < 0 || right[node] >= end - start) {
                    throw new ModelFormatException("node " + (node - start) + " of tree " + t + " has children "
                            + left[node] + " and " + right[node] + " outside its " + (end - start) + " nodes");
                }
            }
            checkIsATree(t, start, end, features, left, right);
        }
    }

    /** Refuses a tree in which a node is reached twice from the root: a walk could then loop or branch back. */
    private static void checkIsATree(int tree, int start, int end, int[] features, int[] left, int[] right)
            throws ModelFormatException {
        boolean[] reached = new boolean[end - start];
        int[] pending = new int[end - start];
        int count = 0;
        pending[count++] = 0;
        reached[0] = true;
        while (count > 0) {
            int node = start + pending[--count];
            if (features[node] == -1) {
                continue;
            }
            for (int child : new int[] {left[node], right[node]}) {
                if (reached[child]) {
                    throw new ModelFormatException("node " + child + " of tree " + tree + " is reached twice: not a tree");
                }
                reached[child] = true;
                pending[count++] = child;
            }
        }
    }

    /**
     * The predictions for {@code rows} (at most {@link #BLOCK_ROWS} of them) into {@code out[i]} from
     * {@code offset}: the probability of class 1, the value, or each class's probability. Each tree is walked
     * for every row before the next tree; a row's result does not depend on the others.
     */
    void predict(float[][] rows, double[][] out, int offset) {
        int k = baseMargin.length;
        float[][] margins = new float[rows.length][];
        for (int i = 0; i < rows.length; i++) {
            margins[i] = baseMargin.clone();
        }
        for (int t = 0; t < treeClasses.length; t++) {
            int start = NODE_INTS * treeStarts[t];
            int c = treeClasses[t];
            for (int i = 0; i < rows.length; i++) {
                float[] row = rows[i];
                int at = start;
                int feature;
                while ((feature = nodes[at]) >= 0) {
                    float v = row[feature];
                    int leftEntry = nodes[at + 1];
                    boolean goLeft = v == 0 || v != v ? (leftEntry & MISSING_LEFT_BIT) != 0
                            : v < Float.intBitsToFloat(nodes[at + 3]);
                    at = start + NODE_INTS * (goLeft ? leftEntry & CHILD_MASK : nodes[at + 2]);
                }
                margins[i][c] += Float.intBitsToFloat(nodes[at + 3]);
            }
        }
        for (int i = 0; i < rows.length; i++) {
            output(margins[i], out[i], offset, k);
        }
    }

    /** The margins through the link, rounded to float as XGBoost's predictions are. */
    private void output(float[] margins, double[] out, int offset, int k) {
        switch (link) {
            case LOGISTIC -> out[offset] = (float) TaskOutputLoss.sigmoid(margins[0]);
            case IDENTITY -> out[offset] = margins[0];
            case SOFTMAX -> {
                double[] logits = new double[k];
                for (int c = 0; c < k; c++) {
                    logits[c] = margins[c];
                }
                double[] probabilities = new double[k];
                TaskOutputLoss.softmax(logits, 0, k, probabilities);
                for (int c = 0; c < k; c++) {
                    out[offset + c] = (float) probabilities[c];
                }
            }
            default -> throw new IllegalStateException(link.name());
        }
    }

    /**
     * The ensemble of an XGBoost model in XGBoost's JSON form ({@code Booster.toByteArray("json")}): its trees,
     * the objective and the base score, turned into a base margin as XGBoost does (the log-odds for the logistic
     * objective).
     *
     * @throws ModelFormatException if the JSON is not a gbtree model of numerical splits for one of the three
     *                              objectives, or its trees are malformed
     */
    static TreeEnsemble fromXgboostJson(byte[] json, int featureCount) throws ModelFormatException {
        JsonNode learner;
        try {
            learner = JSON.readTree(json).path("learner");
        } catch (IOException e) {
            throw new ModelFormatException("the XGBoost model is not JSON: " + e.getMessage(), e);
        }
        String objective = learner.path("objective").path("name").asText();
        Link link = null;
        for (Link l : Link.values()) {
            if (l.objective().equals(objective)) {
                link = l;
            }
        }
        if (link == null) {
            throw new ModelFormatException("the XGBoost objective '" + objective + "' is not one a forest uses");
        }
        JsonNode param = learner.path("learner_model_param");
        int classes = link == Link.SOFTMAX ? param.path("num_class").asInt(0) : 1;
        if (classes < 1) {
            throw new ModelFormatException("the XGBoost model has no class count");
        }
        float[] baseMargin = new float[classes];
        float[] scores = baseScores(param.path("base_score").asText(), classes);
        for (int c = 0; c < classes; c++) {
            float score = scores[c];
            // XGBoost keeps the base score in the output's units; the logistic objective's margin is its log-odds.
            baseMargin[c] = link == Link.LOGISTIC ? (float) -Math.log(1.0f / score - 1.0f) : score;
        }
        JsonNode model = learner.path("gradient_booster").path("model");
        if (!"gbtree".equals(learner.path("gradient_booster").path("name").asText())) {
            throw new ModelFormatException("the XGBoost model is not a gbtree model");
        }
        JsonNode trees = model.path("trees");
        JsonNode treeInfo = model.path("tree_info");
        int treeCount = trees.size();
        if (treeCount < 1 || treeInfo.size() != treeCount) {
            throw new ModelFormatException("the XGBoost model has " + treeCount + " trees and " + treeInfo.size()
                    + " tree classes");
        }
        int[] treeStarts = new int[treeCount + 1];
        int[] treeClasses = new int[treeCount];
        for (int t = 0; t < treeCount; t++) {
            treeStarts[t + 1] = treeStarts[t] + trees.get(t).path("left_children").size();
            treeClasses[t] = treeInfo.get(t).asInt();
        }
        int nodes = treeStarts[treeCount];
        int[] features = new int[nodes];
        int[] left = new int[nodes];
        int[] right = new int[nodes];
        boolean[] missingLeft = new boolean[nodes];
        float[] values = new float[nodes];
        for (int t = 0; t < treeCount; t++) {
            JsonNode tree = trees.get(t);
            int n = treeStarts[t + 1] - treeStarts[t];
            for (String field : java.util.List.of("right_children", "split_indices", "split_conditions", "default_left")) {
                if (tree.path(field).size() != n) {
                    throw new ModelFormatException("tree " + t + " has " + n + " nodes and " + tree.path(field).size()
                            + " " + field);
                }
            }
            JsonNode splitTypes = tree.path("split_type");
            JsonNode lefts = tree.path("left_children");
            JsonNode rights = tree.path("right_children");
            JsonNode conditions = tree.path("split_conditions");
            JsonNode defaults = tree.path("default_left");
            JsonNode splitFeatures = tree.path("split_indices");
            for (int j = 0; j < n; j++) {
                int at = treeStarts[t] + j;
                left[at] = lefts.get(j).asInt();
                right[at] = rights.get(j).asInt();
                values[at] = (float) conditions.get(j).asDouble();
                JsonNode defaultLeft = defaults.get(j);
                missingLeft[at] = defaultLeft.isBoolean() ? defaultLeft.asBoolean() : defaultLeft.asInt() != 0;
                features[at] = left[at] == -1 ? -1 : splitFeatures.get(j).asInt();
                if (splitTypes.size() == n && splitTypes.get(j).asInt() != 0) {
                    throw new ModelFormatException("tree " + t + " has a categorical split");
                }
            }
        }
        return new TreeEnsemble(link, featureCount, treeStarts, treeClasses, features, left, right, missingLeft,
                values, baseMargin);
    }

    /** XGBoost's base score: one number ({@code "5E-1"}) or, since XGBoost 3.1, a list ({@code "[5E-1]"}). */
    private static float[] baseScores(String text, int classes) throws ModelFormatException {
        String s = text.strip();
        if (s.startsWith("[") && s.endsWith("]")) {
            s = s.substring(1, s.length() - 1);
        }
        String[] parts = s.split(",");
        float[] scores = new float[classes];
        try {
            for (int c = 0; c < classes; c++) {
                scores[c] = Float.parseFloat(parts[parts.length == 1 ? 0 : c].strip());
            }
        } catch (NumberFormatException | ArrayIndexOutOfBoundsException e) {
            throw new ModelFormatException("the XGBoost base score '" + io.chemdl4j.models.io.ModelIO.printable(text)
                    + "' is not " + classes + " number(s)");
        }
        return scores;
    }

    /** The arrays that hold this ensemble, named {@code prefix + name} (read back by {@link #fromArrays}). */
    Map<String, INDArray> toArrays(String prefix) {
        int count = nodeCount();
        int[] features = new int[count];
        int[] children = new int[2 * count];
        int[] missing = new int[count];
        float[] values = new float[count];
        for (int j = 0; j < count; j++) {
            int leftEntry = nodes[NODE_INTS * j + 1];
            features[j] = nodes[NODE_INTS * j];
            children[2 * j] = features[j] < 0 ? -1 : leftEntry & CHILD_MASK;
            children[2 * j + 1] = nodes[NODE_INTS * j + 2];
            missing[j] = features[j] >= 0 && (leftEntry & MISSING_LEFT_BIT) != 0 ? 1 : 0;
            values[j] = Float.intBitsToFloat(nodes[NODE_INTS * j + 3]);
        }
        Map<String, INDArray> arrays = new LinkedHashMap<>();
        arrays.put(prefix + TREES, Nd4j.createFromArray(treeStarts));
        arrays.put(prefix + CLASSES, Nd4j.createFromArray(treeClasses));
        arrays.put(prefix + FEATURES, Nd4j.createFromArray(features));
        arrays.put(prefix + CHILDREN, Nd4j.createFromArray(children).reshape(count, 2));
        arrays.put(prefix + MISSING_LEFT, Nd4j.createFromArray(missing));
        arrays.put(prefix + VALUES, Nd4j.createFromArray(values));
        arrays.put(prefix + BASE, Nd4j.createFromArray(baseMargin));
        return arrays;
    }

    /**
     * The ensemble saved by {@link #toArrays} under {@code prefix}, checked as a built one is.
     *
     * @throws ModelFormatException naming the array that is missing, of the wrong type or shape, or the node that
     *                              does not fit
     */
    static TreeEnsemble fromArrays(Map<String, INDArray> arrays, String prefix, Link link, int featureCount)
            throws ModelFormatException {
        int[] treeStarts = ints(arrays, prefix + TREES, 1);
        int[] children = ints(arrays, prefix + CHILDREN, 2);
        int nodes = children.length / 2;
        int[] left = new int[nodes];
        int[] right = new int[nodes];
        for (int j = 0; j < nodes; j++) {
            left[j] = children[2 * j];
            right[j] = children[2 * j + 1];
        }
        int[] missing = ints(arrays, prefix + MISSING_LEFT, 1);
        boolean[] missingLeft = new boolean[missing.length];
        for (int j = 0; j < missing.length; j++) {
            if (missing[j] != 0 && missing[j] != 1) {
                throw new ModelFormatException("array '" + prefix + MISSING_LEFT + "' holds " + missing[j]
                        + ", not 0 or 1");
            }
            missingLeft[j] = missing[j] == 1;
        }
        return new TreeEnsemble(link, featureCount, treeStarts, ints(arrays, prefix + CLASSES, 1),
                ints(arrays, prefix + FEATURES, 1), left, right, missingLeft, floats(arrays, prefix + VALUES),
                floats(arrays, prefix + BASE));
    }

    private static INDArray array(Map<String, INDArray> arrays, String name, DataType type, int rank)
            throws ModelFormatException {
        INDArray a = arrays.get(name);
        if (a == null) {
            throw new ModelFormatException("array '" + name + "' is missing");
        }
        if (a.dataType() != type || a.rank() != rank || (rank == 2 && a.size(1) != 2)) {
            throw new ModelFormatException("array '" + name + "' is " + a.dataType() + " of shape "
                    + java.util.Arrays.toString(a.shape()) + "; expected " + type + (rank == 2 ? " [nodes, 2]" : " [n]"));
        }
        return a;
    }

    private static int[] ints(Map<String, INDArray> arrays, String name, int rank) throws ModelFormatException {
        INDArray a = array(arrays, name, DataType.INT, rank);
        return a.reshape(a.length()).toIntVector();
    }

    private static float[] floats(Map<String, INDArray> arrays, String name) throws ModelFormatException {
        return array(arrays, name, DataType.FLOAT, 1).toFloatVector();
    }
}
