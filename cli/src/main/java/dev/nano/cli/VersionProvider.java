package dev.nano.cli;

import dev.nano.runtime.NanoRuntime;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.graalvm.polyglot.Engine;
import picocli.CommandLine;

/** {@code nano --version}: NANO's version, GraalJS's, and whether the JIT compiler is active. */
public final class VersionProvider implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        Properties p = NanoVersion.properties();
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

    static boolean isJit(String implementationName) {
        return !"Interpreted".equalsIgnoreCase(implementationName);
    }
}
