package io.chemdl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ServiceLoader;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.Configurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;

class LogConfigurationTest {
    /** A fresh context set up by the command line's configuration (the tests' own runs read config/logback-test.xml). */
    private static LoggerContext configured() {
        LoggerContext context = new LoggerContext();
        LogConfiguration configuration = new LogConfiguration();
        configuration.setContext(context);
        configuration.configure(context);
        return context;
    }

    @Test
    void logbackFindsItAsTheConfiguratorWhenNoFileIsGiven() {
        assertEquals("io.chemdl4j.cli.LogConfiguration", ServiceLoader.load(Configurator.class).stream()
                .map(p -> p.type().getName()).collect(Collectors.joining(",")));
    }

    @Test
    void toolkitWarningsAndOtherErrorsOnlyAndNothingFromCdk() {
        LoggerContext context = configured();
        Logger toolkit = context.getLogger("io.chemdl4j.models.predict.StreamingPredictor");
        assertTrue(toolkit.isWarnEnabled());
        assertFalse(toolkit.isInfoEnabled());
        Logger nd4j = context.getLogger("org.nd4j.linalg.factory.Nd4jBackend");
        assertTrue(nd4j.isErrorEnabled());
        assertFalse(nd4j.isWarnEnabled());
        Logger cdk = context.getLogger("org.openscience.cdk.smiles.SmilesParser");
        assertFalse(cdk.isErrorEnabled());
        assertEquals(Level.OFF, cdk.getEffectiveLevel());
    }

    @Test
    void linesGoToStandardErrorAsLevelLoggerMessage() {
        LoggerContext context = configured();
        Logger root = context.getLogger(Logger.ROOT_LOGGER_NAME);
        ConsoleAppender<?> stderr = (ConsoleAppender<?>) root.getAppender("STDERR");
        assertEquals("System.err", stderr.getTarget());
        assertTrue(stderr.isStarted());
        Logger toolkit = context.getLogger("io.chemdl4j.featurize.descriptor.DescriptorFeaturizer");
        LoggingEvent event = new LoggingEvent(Logger.class.getName(), toolkit, Level.WARN, "descriptor {} failed",
                null, new Object[] {"TPSA"});
        PatternLayoutEncoder encoder = (PatternLayoutEncoder) stderr.getEncoder();
        assertEquals("WARN DescriptorFeaturizer: descriptor TPSA failed" + System.lineSeparator(),
                new String(encoder.encode(event), StandardCharsets.UTF_8));
    }
}
