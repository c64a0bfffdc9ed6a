package io.chemdl4j.cli;

import org.openscience.cdk.tools.ILoggingTool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * CDK's log messages through SLF4J, so that the command line's logging configuration decides what is shown. CDK's
 * own default writes every warning to stderr, where a fuzzed file got lines such as "SmilesParser WARN: Ignored
 * invalid Cis/Trans specification" (with the SMILES and a caret line) between chemdl's own one-line messages, about
 * rows that chemdl reports in the errors file or featurizes all the same.
 * Installed by {@link ChemDl#main} before any CDK class makes its logger; {@link LogConfiguration} keeps CDK quiet. Public
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

    /** CDK's message and the values it appends to it, as one text. */
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
        debug(message, new Object[0]);
    }

    @Override
    public void debug(Object message, Object... more) {
        if (log.isDebugEnabled()) {
            log.debug(text(message, more));
        }
    }

    @Override
    public void info(Object message) {
        info(message, new Object[0]);
    }

    @Override
    public void info(Object message, Object... more) {
        if (log.isInfoEnabled()) {
            log.info(text(message, more));
        }
    }

    @Override
    public void warn(Object message) {
        warn(message, new Object[0]);
    }

    @Override
    public void warn(Object message, Object... more) {
        if (log.isWarnEnabled()) {
            log.warn(text(message, more));
        }
    }

    @Override
    public void error(Object message) {
        error(message, new Object[0]);
    }

    @Override
    public void error(Object message, Object... more) {
        if (log.isErrorEnabled()) {
            log.error(text(message, more));
        }
    }

    @Override
    public void fatal(Object message) {
        error(message, new Object[0]);
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
