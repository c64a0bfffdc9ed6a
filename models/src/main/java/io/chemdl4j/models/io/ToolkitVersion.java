package io.chemdl4j.models.io;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/** The toolkit's version, from the build. */
public final class ToolkitVersion {
    private static final String VERSION = read();

    private ToolkitVersion() {
    }

    /** The toolkit's version, as its build recorded it (written into every saved model). */
    public static String get() {
        return VERSION;
    }

    private static String read() {
        try (InputStream in = ToolkitVersion.class.getResourceAsStream("/io/chemdl4j/models/chemdl4j.properties")) {
            if (in == null) {
                return "unknown";
            }
            Properties p = new Properties();
            p.load(in);
            return p.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }
}
