package io.chemdl4j.cli;

import java.util.Locale;

import io.chemdl4j.models.ModelKind;
import io.chemdl4j.moleculenet.MolNetDataset;
import io.chemdl4j.moleculenet.SplitterType;
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

    static final class Model implements ITypeConverter<ModelKind> {
        @Override
        public ModelKind convert(String value) {
            return ModelKind.valueOf(value.toUpperCase(Locale.ROOT));
        }
    }

    static final class Split implements ITypeConverter<SplitterType> {
        @Override
        public SplitterType convert(String value) {
            return SplitterType.valueOf(value.toUpperCase(Locale.ROOT));
        }
    }
}
