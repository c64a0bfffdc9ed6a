package io.chemdl4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;

/**
 * The built {@code chemdl.jar} (run by failsafe after packaging, {@code mvn verify}) holds the native
 * libraries of the platform it claims in its manifest ({@code ChemDL4J-Platform}, the build's
 * {@code native.classifier}): ND4J's CPU backend, JavaCPP, OpenBLAS and XGBoost, each where its loader
 * looks for it, and no other platform's natives nor OpenBLAS's files for linking. Built with
 * {@code -Dnative.classifier=macosx-arm64} (or {@code macosx-x86_64}, {@code windows-x86_64}) and
 * {@code -DskipUnitTests}, it checks that platform's jar on any machine.
 */
class PlatformJarIT {
    /** The platforms the build can make a jar for, and XGBoost's directory for each ({@code lib/<os>/<arch>}). */
    static final Map<String, String> PLATFORMS = Map.of(
            "linux-x86_64", "linux/x86_64",
            "macosx-x86_64", "macos/x86_64",
            "macosx-arm64", "macos/aarch64",
            "windows-x86_64", "windows/x86_64");

    /** The native libraries a jar for {@code platform} must hold, as jar entry names. */
    static List<String> requiredNatives(String platform) {
        String xgboost = PLATFORMS.get(platform);
        assertNotNull(xgboost, "no such platform: " + platform + "; known " + PLATFORMS.keySet());
        boolean windows = platform.startsWith("windows");
        String prefix = windows ? "" : "lib";
        String ext = windows ? ".dll" : platform.startsWith("macosx") ? ".dylib" : ".so";
        return List.of(
                "org/nd4j/linalg/cpu/nativecpu/bindings/" + platform + "/" + prefix + "jnind4jcpu" + ext,
                "org/nd4j/linalg/cpu/nativecpu/bindings/" + platform + "/libnd4jcpu" + ext, // "lib" on Windows too
                "org/bytedeco/javacpp/" + platform + "/" + prefix + "jnijavacpp" + ext,
                "org/bytedeco/openblas/" + platform + "/" + prefix + "jniopenblas_nolapack" + ext,
                "lib/" + xgboost + "/" + prefix + "xgboost4j" + ext);
    }

    @Test
    void theJarHoldsTheNativesOfThePlatformItClaimsAndNoOtherPlatformsNorFilesForLinking() throws Exception {
        Path jar = Path.of(System.getProperty("chemdl.jar", "target/chemdl.jar"));
        assertTrue(Files.isRegularFile(jar), jar + " is not built");
        try (JarFile file = new JarFile(jar.toFile())) {
            String platform = file.getManifest().getMainAttributes().getValue("ChemDL4J-Platform");
            assertEquals(System.getProperty("native.classifier", platform), platform,
                    "the manifest names the platform the build was asked for");
            Set<String> entries = file.stream().map(java.util.zip.ZipEntry::getName).collect(Collectors.toSet());
            List<String> missing = new ArrayList<>();
            for (String library : requiredNatives(platform)) {
                if (!entries.contains(library)) {
                    missing.add(library);
                }
            }
            assertEquals(List.of(), missing, platform + " natives missing from " + jar);
            // another platform's natives would only make the jar larger
            for (String other : PLATFORMS.keySet()) {
                if (other.equals(platform)) {
                    continue;
                }
                for (String directory : List.of("org/nd4j/linalg/cpu/nativecpu/bindings/", "org/bytedeco/javacpp/",
                        "org/bytedeco/openblas/")) {
                    assertTrue(entries.stream().noneMatch(e -> e.startsWith(directory + other + "/")),
                            directory + other + " in a " + platform + " jar");
                }
            }
            // XGBoost4J's own jar holds five platforms' libraries under lib/<os>/<arch>/ (Linux on ARM among them)
            String xgboost = "lib/" + PLATFORMS.get(platform) + "/";
            List<String> otherXgboost = entries.stream().filter(e -> e.startsWith("lib/") && !e.endsWith("/")
                    && !e.startsWith(xgboost)).sorted().toList();
            assertEquals(List.of(), otherXgboost, "other platforms' XGBoost libraries in " + jar);
            // nor what only linking against OpenBLAS needs (headers, import libraries, object files)
            List<String> linkOnly = entries.stream().filter(e -> e.startsWith("org/bytedeco/openblas/" + platform + "/")
                    && (e.contains("/include/") || e.contains("/lib/") || e.endsWith(".lib") || e.endsWith(".exp")
                            || e.endsWith(".obj"))).sorted().toList();
            assertEquals(List.of(), linkOnly, "link-time files in " + jar);
        }
    }
}
