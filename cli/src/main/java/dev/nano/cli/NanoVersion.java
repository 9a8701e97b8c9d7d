package dev.nano.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;

/**
 * The versions written by the build. Kept apart from {@link VersionProvider}: that one implements a
 * picocli interface, and loading it would make {@code nano run} open every jar on the class path to
 * find picocli, whose classes the JDK's AOT cache cannot keep.
 */
final class NanoVersion {
    private NanoVersion() {
    }

    /** The build's properties ({@code nano.version}, {@code graal.version}); empty when missing. */
    static Properties properties() {
        Properties p = new Properties();
        try (InputStream in = NanoVersion.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // An unreadable file reads as no versions ("?"), never as a failed command.
        }
        return p;
    }

    static String nano() {
        return properties().getProperty("nano.version", "?");
    }
}
