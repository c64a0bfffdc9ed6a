package io.chemdl4j.cli;

import org.openscience.cdk.tools.ILoggingTool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CDK's log messages through SLF4J, so that the command line's logging configuration decides what is shown. CDK's
 * own default writes every warning to stderr, where a fuzzed file got lines such as "SmilesParser WARN: Ignored
 * invalid Cis/Trans specification" (with the SMILES and a caret line) between chemdl's own one-line messages, about
 * rows that chemdl reports in the errors file or featurizes all the same.
 * Installed by {@link ChemDl#main} before any CDK class makes its logger; {@code logback.xml} keeps CDK quiet. Public
 * because CDK calls {@link #create} reflectively.
 */
public final class CdkLogging implements ILoggingTool {
    private final Logger log;
    private int level = WARN;

    private CdkLogging(Class<?> source) {
        this.log = LoggerFactory.getLogger(source);
    }

    /** Routes the loggers that CDK creates from now on through SLF4J. */
    static void install() {
        org.openscience.cdk.tools.LoggingToolFactory.setLoggingToolClass(CdkLogging.class);
    }

    /** The factory method CDK's {@code LoggingToolFactory} calls, by name, for each class that logs. */
    public static ILoggingTool create(Class<?> source) {
        return new CdkLogging(source);
    }

    private static String text(Object message, Object... more) {
        StringBuilder sb = new StringBuilder(String.valueOf(message));
        for (Object m : more) {
            sb.append(m);
        }
        return sb.toString();
    }

    @Override
    public void dumpSystemProperties() {
    }

    @Override
    public void setStackLength(int length) {
    }

    @Override
    public void dumpClasspath() {
    }

    @Override
    public void debug(Object message) {
        log.debug("{}", message);
    }

    @Override
    public void debug(Object message, Object... more) {
        log.debug("{}", text(message, more));
    }

    @Override
    public void error(Object message) {
        log.error("{}", message);
    }

    @Override
    public void error(Object message, Object... more) {
        log.error("{}", text(message, more));
    }

    @Override
    public void fatal(Object message) {
        log.error("{}", message);
    }

    @Override
    public void info(Object message) {
        log.info("{}", message);
    }

    @Override
    public void info(Object message, Object... more) {
        log.info("{}", text(message, more));
    }

    @Override
    public void warn(Object message) {
        log.warn("{}", message);
    }

    @Override
    public void warn(Object message, Object... more) {
        log.warn("{}", text(message, more));
    }

    @Override
    public boolean isDebugEnabled() {
        return log.isDebugEnabled();
    }

    @Override
    public void setLevel(int level) {
        this.level = level;
    }

    @Override
    public int getLevel() {
        return level;
    }
}
