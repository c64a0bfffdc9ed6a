package io.chemdl4j.featurize.rdkit;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.openscience.cdk.interfaces.IAtomContainer;
import org.openscience.cdk.silent.SilentChemObjectBuilder;
import org.openscience.cdk.smarts.SmartsPattern;

/**
 * Named SMARTS patterns read from a tab-separated resource ({@code name, SMARTS, values…}), matched
 * against molecules already perceived by {@link RdkitMolecule} (no re-perception of aromaticity).
 *
 * <p>Thread-safe: CDK's compiled patterns keep matching state, so each thread compiles its own copy.
 */
final class SmartsTable {
    /** One row of the table. */
    record Row(String name, String smarts, String[] values) {
    }

    /** A ring-count primitive R1, R2, …: CDK computes the molecule's minimum cycle basis each time it tests one. */
    private static final Pattern RING_COUNT = Pattern.compile("R[1-9][0-9]*");

    private final List<Row> rows;
    private final ThreadLocal<SmartsPattern[]> patterns;
    /** Per row, the pattern with each ring count relaxed to "in a ring" (null when it has none): a cheap superset. */
    private final ThreadLocal<SmartsPattern[]> prefilters;

    private SmartsTable(List<Row> rows) {
        this.rows = List.copyOf(rows);
        this.patterns = ThreadLocal.withInitial(this::compile);
        this.prefilters = ThreadLocal.withInitial(this::compilePrefilters);
        compile(); // fail fast on a bad pattern
        compilePrefilters();
    }

    /**
     * Every ring count in our tables is asserted, never negated, so relaxing R<i>n</i> to R matches a superset:
     * a molecule the relaxed pattern misses cannot match, and most molecules are settled without CDK's
     * per-test ring perception.
     */
    private SmartsPattern[] compilePrefilters() {
        SmartsPattern[] compiled = new SmartsPattern[rows.size()];
        for (int i = 0; i < compiled.length; i++) {
            String smarts = rows.get(i).smarts();
            if (RING_COUNT.matcher(smarts).find()) {
                if (smarts.matches(".*!(\\$\\(.*)?R[1-9].*")) {
                    throw new IllegalStateException("a negated ring count cannot be relaxed: " + smarts);
                }
                compiled[i] = compile(RING_COUNT.matcher(smarts).replaceAll("R"));
            }
        }
        return compiled;
    }

    /** Reads {@code resource} (relative to this class); '#' lines are comments. */
    static SmartsTable load(String resource) {
        List<Row> rows = new ArrayList<>();
        try (InputStream in = SmartsTable.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource);
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            for (String line; (line = reader.readLine()) != null; ) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t", -1);
                String[] values = new String[parts.length - 2];
                System.arraycopy(parts, 2, values, 0, values.length);
                rows.add(new Row(parts[0], parts[1], values));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
        return new SmartsTable(rows);
    }

    static SmartsPattern compile(String smarts) {
        return SmartsPattern.create(smarts, SilentChemObjectBuilder.getInstance()).setPrepare(false);
    }

    private SmartsPattern[] compile() {
        SmartsPattern[] compiled = new SmartsPattern[rows.size()];
        for (int i = 0; i < compiled.length; i++) {
            compiled[i] = compile(rows.get(i).smarts());
        }
        return compiled;
    }

    List<Row> rows() {
        return rows;
    }

    int size() {
        return rows.size();
    }

    /** This thread's compiled pattern of row {@code i}. */
    SmartsPattern pattern(int i) {
        return patterns.get()[i];
    }

    /** Number of matches with distinct atom sets (RDKit's {@code len(GetSubstructMatches(p))}). */
    int countUnique(int i, IAtomContainer molecule) {
        SmartsPattern prefilter = prefilters.get()[i];
        if (prefilter != null && !prefilter.matches(molecule)) {
            return 0;
        }
        return pattern(i).matchAll(molecule).uniqueAtoms().count();
    }

    /** Whether row {@code i}'s pattern matches anywhere (RDKit's {@code HasSubstructMatch}). */
    boolean matches(int i, IAtomContainer molecule) {
        SmartsPattern prefilter = prefilters.get()[i];
        if (prefilter != null && !prefilter.matches(molecule)) {
            return false;
        }
        return pattern(i).matches(molecule);
    }
}
