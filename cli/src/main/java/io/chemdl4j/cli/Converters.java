package io.chemdl4j.cli;

import java.util.Locale;

import io.chemdl4j.models.ModelKind;
import io.chemdl4j.models.ModelKinds;
import io.chemdl4j.moleculenet.Dataset;
import io.chemdl4j.moleculenet.TaskType;
import io.chemdl4j.moleculenet.catalog.MolNetDataset;
import io.chemdl4j.moleculenet.split.SplitterType;
import picocli.CommandLine.ITypeConverter;

/** Option converters that accept the lower-case names the help text shows. */
final class Converters {
    private Converters() {
    }

    static final class Dataset implements ITypeConverter<MolNetDataset> {
        @Override
        public MolNetDataset convert(String value) {
            return MolNetDataset.byId(value);
        }
    }

    /** A model kind by name or alias, from {@link ModelKinds}. */
    static final class Model implements ITypeConverter<ModelKind<?>> {
        @Override
        public ModelKind<?> convert(String value) {
            return ModelKinds.byName(value);
        }
    }

    /** The registered model kinds' names, for {@code ${COMPLETION-CANDIDATES}} in help texts. */
    static final class ModelNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return ModelKinds.names().iterator();
        }
    }

    static final class Task implements ITypeConverter<TaskType> {
        @Override
        public TaskType convert(String value) {
            try {
                return TaskType.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown task type '" + value + "'; use classification, multiclass or regression");
            }
        }
    }

    /** A text encoding by any of its names ({@code UTF-8}, {@code ISO-8859-1}, {@code windows-1252}…). */
    static final class Encoding implements ITypeConverter<java.nio.charset.Charset> {
        @Override
        public java.nio.charset.Charset convert(String value) {
            try {
                return java.nio.charset.Charset.forName(value);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown encoding '" + value + "'; for example UTF-8, ISO-8859-1, "
                        + "windows-1252");
            }
        }
    }

    /** {@code 0.8,0.1,0.1}: train, validation and test fractions. */
    static final class Fractions implements ITypeConverter<io.chemdl4j.moleculenet.split.SplitFractions> {
        @Override
        public io.chemdl4j.moleculenet.split.SplitFractions convert(String value) {
            String[] parts = value.split(",", -1);
            if (parts.length != 3) {
                throw new IllegalArgumentException("give three fractions, train,valid,test (e.g. 0.8,0.1,0.1), not '"
                        + value + "'");
            }
            double[] f = new double[3];
            for (int i = 0; i < 3; i++) {
                try {
                    f[i] = Double.parseDouble(parts[i].strip());
                } catch (NumberFormatException e) {
                    throw new IllegalArgumentException("'" + parts[i] + "' is not a fraction (e.g. 0.8,0.1,0.1)");
                }
            }
            return new io.chemdl4j.moleculenet.split.SplitFractions(f[0], f[1], f[2]);
        }
    }

    /** A regression head: value, mean-variance or evidential. */
    static final class Head implements ITypeConverter<io.chemdl4j.models.RegressionHead> {
        @Override
        public io.chemdl4j.models.RegressionHead convert(String value) {
            return io.chemdl4j.models.RegressionHead.parse(value);
        }
    }

    /** A classifier calibration method: platt or isotonic. */
    static final class Calibration implements ITypeConverter<io.chemdl4j.models.reliability.ProbabilityCalibration.Method> {
        @Override
        public io.chemdl4j.models.reliability.ProbabilityCalibration.Method convert(String value) {
            return io.chemdl4j.models.reliability.ProbabilityCalibration.Method.parse(value);
        }
    }

    static final class Split implements ITypeConverter<SplitterType> {
        @Override
        public SplitterType convert(String value) {
            try {
                return SplitterType.valueOf(value.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown splitter '" + value + "'; use "
                        + java.util.Arrays.stream(SplitterType.values()).map(SplitterType::id)
                                .collect(java.util.stream.Collectors.joining(", ")));
            }
        }
    }

    /** {@code train}, {@code valid}, {@code test} or {@code all}. */
    static io.chemdl4j.models.predict.ModelEvaluation.Subset subset(String value) {
        try {
            return io.chemdl4j.models.predict.ModelEvaluation.Subset.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown --subset '" + value + "'; use train, valid, test or all");
        }
    }

    /** {@code onbits}, {@code dense} or {@code columns}. */
    static io.chemdl4j.featurize.io.FeatureCsvWriter.Layout layout(String value) {
        try {
            return io.chemdl4j.featurize.io.FeatureCsvWriter.Layout.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("unknown --format '" + value + "'; use onbits, dense or columns");
        }
    }

    /** {@code keep}, {@code largest} or {@code reject}. */
    static io.chemdl4j.featurize.io.FragmentPolicy fragmentPolicy(String value) {
        return io.chemdl4j.featurize.io.FragmentPolicy.named(value);
    }
}
