package io.chemdl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.SimpleJavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every {@code ```java} block of the README compiles as given against the toolkit: its {@code import}
 * lines become the imports of a class of its own and the rest the body of one method, so a block must
 * bring every import and declaration it uses (a reader copies one block, not the page).
 */
class ReadmeCodeTest {
    @TempDir
    Path out;

    /** The README's Java blocks in order, each as its lines. */
    static List<List<String>> javaBlocks(Path readme) throws Exception {
        List<List<String>> blocks = new ArrayList<>();
        List<String> current = null;
        for (String line : Files.readAllLines(readme)) {
            if (current == null && line.strip().equals("```java")) {
                current = new ArrayList<>();
            } else if (current != null && line.strip().equals("```")) {
                blocks.add(current);
                current = null;
            } else if (current != null) {
                current.add(line);
            }
        }
        return blocks;
    }

    /** Block {@code index} as a compilation unit: its imports, then its statements in one method. */
    static String compilationUnit(List<String> block, int index) {
        StringBuilder imports = new StringBuilder();
        StringBuilder body = new StringBuilder();
        for (String line : block) {
            (line.startsWith("import ") ? imports : body).append(line).append('\n');
        }
        return imports + "\nclass ReadmeBlock" + index + " {\n    static void run() throws Exception {\n" + body
                + "    }\n}\n";
    }

    @Test
    void everyJavaBlockOfTheReadmeCompilesOnItsOwn() throws Exception {
        Path readme = Path.of("..", "README.md"); // tests run in the module's directory
        List<List<String>> blocks = javaBlocks(readme);
        assertTrue(blocks.size() >= 5, "the README's Java blocks: " + blocks.size());
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < blocks.size(); i++) {
            String source = compilationUnit(blocks.get(i), i);
            JavaFileObject file = new SimpleJavaFileObject(URI.create("string:///ReadmeBlock" + i + ".java"),
                    JavaFileObject.Kind.SOURCE) {
                @Override
                public CharSequence getCharContent(boolean ignoreEncodingErrors) {
                    return source;
                }
            };
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            try (StandardJavaFileManager files = compiler.getStandardFileManager(diagnostics, Locale.ROOT, null)) {
                boolean ok = compiler.getTask(new StringWriter(), files, diagnostics, List.of("-classpath",
                        System.getProperty("java.class.path"), "-d", out.toString(), "-proc:none"), null,
                        List.of(file)).call();
                if (!ok) {
                    StringBuilder why = new StringBuilder("README Java block " + (i + 1) + " (starting '"
                            + blocks.get(i).get(0) + "'):");
                    diagnostics.getDiagnostics().forEach(d -> why.append("\n  line ").append(d.getLineNumber())
                            .append(": ").append(d.getMessage(Locale.ROOT)));
                    failures.add(why.toString());
                }
            }
        }
        assertEquals("", String.join("\n", failures));
    }
}
