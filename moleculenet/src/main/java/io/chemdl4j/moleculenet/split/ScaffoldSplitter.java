package io.chemdl4j.moleculenet.split;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.chemdl4j.featurize.InvalidMoleculeException;
import io.chemdl4j.moleculenet.Dataset;

/**
 * DeepChem's {@code ScaffoldSplitter}: molecules are grouped by Bemis–Murcko scaffold
 * ({@link Scaffolds#murcko}), the groups are sorted largest first (ties: the group whose first
 * molecule comes later goes first), and whole groups fill train, then validation, then test, so no
 * scaffold is in two parts. Deterministic. The dataset's ids must be SMILES, as in DeepChem (the
 * catalog's datasets and loaders without an id column use the SMILES as id).
 */
public record ScaffoldSplitter() implements Splitter {
    @Override
    public int[][] splitIndices(Dataset dataset, SplitFractions fractions) {
        List<List<Integer>> groups = scaffoldSets(dataset);
        int n = dataset.size();
        double trainCutoff = fractions.train() * n;
        double validCutoff = (fractions.train() + fractions.valid()) * n;
        List<Integer> train = new ArrayList<>();
        List<Integer> valid = new ArrayList<>();
        List<Integer> test = new ArrayList<>();
        for (List<Integer> group : groups) {
            if (train.size() + group.size() > trainCutoff) {
                if (train.size() + valid.size() + group.size() > validCutoff) {
                    test.addAll(group);
                } else {
                    valid.addAll(group);
                }
            } else {
                train.addAll(group);
            }
        }
        return new int[][] {toArray(train), toArray(valid), toArray(test)};
    }

    /** Row indices grouped by scaffold, in DeepChem's order: largest first, then later first index first. */
    public static List<List<Integer>> scaffoldSets(Dataset dataset) {
        Map<String, List<Integer>> byScaffold = new LinkedHashMap<>();
        for (int i = 0; i < dataset.size(); i++) {
            String scaffold;
            try {
                scaffold = Scaffolds.murcko(dataset.id(i));
            } catch (InvalidMoleculeException e) {
                throw new IllegalArgumentException("scaffold split needs SMILES ids; molecule " + i + " has id '"
                        + dataset.id(i) + "': " + e.getMessage(), e);
            }
            byScaffold.computeIfAbsent(scaffold, k -> new ArrayList<>()).add(i);
        }
        List<List<Integer>> groups = new ArrayList<>(byScaffold.values());
        groups.sort((a, b) -> a.size() != b.size() ? Integer.compare(b.size(), a.size())
                : Integer.compare(b.get(0), a.get(0)));
        return groups;
    }

    static int[] toArray(List<Integer> values) {
        return values.stream().mapToInt(Integer::intValue).toArray();
    }
}
