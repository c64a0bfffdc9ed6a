package io.chemdl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import javax.lang.model.element.Modifier;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;

import org.junit.jupiter.api.Test;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ModifiersTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.DocTrees;
import com.sun.source.util.JavacTask;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;

/**
 * The library's public API is documented: every public type of the five modules' main sources, and every
 * public or protected method and constructor of a public type that does not override another
 * ({@code @Override}, whose documentation is inherited), has a javadoc comment; every package has a
 * {@code package-info.java}. (Javadoc's own checks of what is written, broken references and HTML, run with
 * {@code mvn javadoc:javadoc}, which fails on a warning.)
 */
class JavadocCoverageTest {
    private static final List<String> MODULES = List.of("featurize", "moleculenet", "models", "cli", "spark");

    @Test
    void everyPublicTypeAndMethodHasJavadocAndEveryPackageAPackageInfo() throws IOException {
        List<Path> sources = new ArrayList<>();
        List<String> packagesWithout = new ArrayList<>();
        for (String module : MODULES) {
            Path root = Path.of("..", module, "src", "main", "java");
            try (Stream<Path> files = Files.walk(root)) {
                files.filter(p -> p.toString().endsWith(".java")).forEach(sources::add);
            }
            try (Stream<Path> dirs = Files.walk(root)) {
                dirs.filter(Files::isDirectory).filter(JavadocCoverageTest::holdsJava)
                        .filter(d -> !Files.exists(d.resolve("package-info.java")))
                        .forEach(d -> packagesWithout.add(root.relativize(d).toString()));
            }
        }
        assertTrue(sources.size() > 200, sources.size() + " source files");
        assertEquals(List.of(), packagesWithout, "packages without package-info.java");
        List<String> undocumented = undocumented(sources);
        assertEquals("", String.join("\n", undocumented), undocumented.size() + " public declarations without javadoc");
    }

    private static boolean holdsJava(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.anyMatch(p -> p.toString().endsWith(".java") && !p.endsWith("package-info.java"));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** {@code file:line: kind name} of each public declaration without a doc comment (parsed, not compiled). */
    static List<String> undocumented(List<Path> sources) throws IOException {
        JavaCompiler compiler = ToolProvider.getSystemJavaCompiler();
        List<String> missing = new ArrayList<>();
        try (StandardJavaFileManager files = compiler.getStandardFileManager(null, Locale.ROOT, null)) {
            Iterable<? extends JavaFileObject> units = files.getJavaFileObjectsFromPaths(sources);
            JavacTask task = (JavacTask) compiler.getTask(null, files, null, List.of("-proc:none"), null, units);
            DocTrees docs = DocTrees.instance(task);
            for (CompilationUnitTree unit : task.parse()) {
                new TreePathScanner<Void, Void>() {
                    @Override
                    public Void visitClass(ClassTree type, Void unused) {
                        if (!isPublic(type.getModifiers(), getCurrentPath())) {
                            return null; // nothing inside a non-public type is API
                        }
                        check(type, type.getSimpleName().toString());
                        return super.visitClass(type, unused);
                    }

                    @Override
                    public Void visitMethod(MethodTree method, Void unused) {
                        Set<Modifier> flags = method.getModifiers().getFlags();
                        boolean api = flags.contains(Modifier.PUBLIC) || flags.contains(Modifier.PROTECTED)
                                || isInterfaceMember();
                        boolean overrides = method.getModifiers().getAnnotations().stream()
                                .anyMatch(a -> a.getAnnotationType().toString().equals("Override"));
                        // a record's compact constructor only checks the components its type documents
                        boolean compactConstructor = method.getName().contentEquals("<init>") && isRecord()
                                && !header(method).contains("(");
                        if (api && !overrides && !compactConstructor && !flags.contains(Modifier.PRIVATE)) {
                            check(method, method.getName().contentEquals("<init>") ? "constructor" : method.getName()
                                    + "()");
                        }
                        return null;
                    }

                    private boolean isInterfaceMember() {
                        Tree parent = getCurrentPath().getParentPath().getLeaf();
                        return parent instanceof ClassTree c && (c.getKind() == Tree.Kind.INTERFACE
                                || c.getKind() == Tree.Kind.ANNOTATION_TYPE);
                    }

                    /** The declaration's text up to its body. */
                    private String header(MethodTree method) {
                        try {
                            long start = docs.getSourcePositions().getStartPosition(unit, method);
                            long body = docs.getSourcePositions().getStartPosition(unit, method.getBody());
                            return unit.getSourceFile().getCharContent(true).subSequence((int) start, (int) body)
                                    .toString();
                        } catch (IOException e) {
                            throw new java.io.UncheckedIOException(e);
                        }
                    }

                    private boolean isRecord() {
                        Tree parent = getCurrentPath().getParentPath().getLeaf();
                        return parent instanceof ClassTree c && c.getKind() == Tree.Kind.RECORD;
                    }

                    private void check(Tree tree, String name) {
                        TreePath path = TreePath.getPath(unit, tree);
                        if (docs.getDocCommentTree(path) == null) {
                            long line = unit.getLineMap().getLineNumber(
                                    docs.getSourcePositions().getStartPosition(unit, tree));
                            missing.add(unit.getSourceFile().getName().replaceFirst("^\\.\\./", "") + ":" + line + ": "
                                    + name);
                        }
                    }
                }.scan(unit, null);
            }
        }
        return missing;
    }

    /** Public, or a member type of an interface (implicitly public) inside a public type. */
    private static boolean isPublic(ModifiersTree modifiers, TreePath path) {
        if (modifiers.getFlags().contains(Modifier.PUBLIC)) {
            return true;
        }
        Tree parent = path.getParentPath().getLeaf();
        return parent instanceof ClassTree c && c.getKind() == Tree.Kind.INTERFACE;
    }
}
