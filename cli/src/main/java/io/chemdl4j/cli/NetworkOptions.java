package io.chemdl4j.cli;

import java.util.List;

import io.chemdl4j.models.Hyperparameters;
import io.chemdl4j.models.training.LearningRateSchedule;
import picocli.CommandLine.Option;

/**
 * The network hyperparameters {@code train} can change (a picocli mixin). Each left out keeps the model
 * kind's default; a kind that lacks one that is given refuses it by name.
 */
final class NetworkOptions {
    @Option(names = "--layers", split = ",", description = "Hidden layer sizes (multitask; default 1000), graph "
            + "convolution widths (graphconv; default 64,64, 128,128 for regression) or the message size and "
            + "optionally the head's hidden size (dmpnn; default 300), comma-separated.")
    List<Integer> layers;

    @Option(names = "--dropout", description = "Dropout probability (default 0.5 for multitask, 0 for graphconv and "
            + "dmpnn).")
    Double dropout;

    @Option(names = "--learning-rate", description = "Adam learning rate (default 0.001; for dmpnn the peak of "
            + "its Noam schedule, which warms up from a tenth of it over 2 epochs and decays to a tenth by the last).")
    Double learningRate;

    @Option(names = "--batch-size", description = "Molecules per gradient step (default 100; 50 for dmpnn).")
    Integer batchSize;

    @Option(names = "--weight-decay", description = "L2 weight penalty (default 0).")
    Double weightDecay;

    @Option(names = "--lr-decay", description = "Multiply the learning rate by this factor after every epoch, in "
            + "(0, 1] (default 1, constant; 0.98 for graphconv regression; dmpnn has its own schedule).")
    Double lrDecay;

    @Option(names = "--head", converter = Converters.Head.class, description = "What a dmpnn regressor predicts per "
            + "task: value (the default), mean-variance (a mean and a variance, Gaussian negative log-likelihood; "
            + "chemprop's mve) or evidential (a normal-inverse-gamma distribution; chemprop's evidential). With a "
            + "spread of its own, predict --uncertainty gives it and calibrate scales the intervals by it.")
    io.chemdl4j.models.RegressionHead head;

    /** The hyperparameters given, the others unset. */
    Hyperparameters hyperparameters() {
        LearningRateSchedule schedule = lrDecay == null ? null
                : lrDecay == 1 ? LearningRateSchedule.constant() : LearningRateSchedule.exponential(lrDecay);
        return new Hyperparameters(layers, dropout, learningRate, weightDecay, batchSize, schedule, head);
    }
}
