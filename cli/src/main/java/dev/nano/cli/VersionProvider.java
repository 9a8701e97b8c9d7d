package dev.nano.cli;

import dev.nano.runtime.NanoRuntime;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.graalvm.polyglot.Engine;
import picocli.CommandLine;

/** {@code nano --version}: NANO's version, GraalJS's, and whether the JIT compiler is active. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        List<String> lines = new ArrayList<>();
        try (Engine engine = NanoRuntime.newEngine(java.util.Map.of())) {
            String impl = engine.getImplementationName();
            lines.add("nano " + p.getProperty("nano.version", "?"));
            lines.add("graaljs " + p.getProperty("graal.version", "?"));
            lines.add("engine " + impl);
            lines.add("java " + Runtime.version());
            if (!isJit(impl)) {
                lines.add("WARNING: the JIT compiler is NOT active: JavaScript runs interpreted, far slower."
                        + " Start NANO through ./nano (it adds the compiler to the JVM) to enable it.");
            }
        }
        return lines.toArray(String[]::new);
    }

    /** NANO's own version, from the build. */
    static String nanoVersion() {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            return "?";
        }
        return p.getProperty("nano.version", "?");
    }

    static boolean isJit(String implementationName) {
        return !"Interpreted".equalsIgnoreCase(implementationName);
    }
}
