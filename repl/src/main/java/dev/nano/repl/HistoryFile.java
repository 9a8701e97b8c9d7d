package dev.nano.repl;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Map;
import java.util.Set;

/**
 * Where the REPL keeps its history between sessions: {@code ~/.nano_repl_history}, or
 * {@code NANO_REPL_HISTORY} (empty: keep none), as Node's {@code NODE_REPL_HISTORY}. What is typed
 * at a prompt can be a secret, so the file is readable by its owner only (mode 0600), as Node's.
 */
public final class HistoryFile {
    /** Entries kept, in memory and in the file: Node's default. */
    public static final int SIZE = 1000;
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private HistoryFile() {
    }

    /** The history file for this environment, or null when history is not to be kept. */
    public static Path locate(Map<String, String> environment) {
        String configured = environment.get("NANO_REPL_HISTORY");
        if (configured != null) {
            return configured.isBlank() ? null : Path.of(configured).toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".nano_repl_history");
    }

    /** Creates the file owner-only if missing, and takes group and other access away if present. */
    static void secure(Path file) throws IOException {
        if (!file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return;
        }
        if (Files.notExists(file)) {
            Files.createDirectories(file.toAbsolutePath().getParent());
            Files.createFile(file, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            Files.setPosixFilePermissions(file, OWNER_ONLY);
        }
    }
}
