package dev.nano.runtime.module;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.SeekableByteChannel;
import java.nio.file.AccessMode;
import java.nio.file.DirectoryStream;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.util.Map;
import java.util.Set;
import org.graalvm.polyglot.io.FileSystem;

/**
 * The only file access scripts get: read-only, inside the project directory. Module specifiers
 * that are not paths ({@code "hono"}, {@code "hono/cors"}) are resolved as Node resolves ES modules
 * from {@code node_modules} (see {@link NodeResolver}).
 */
public final class ProjectFileSystem implements FileSystem {
    private final FileSystem delegate = FileSystem.newReadOnlyFileSystem(FileSystem.newDefaultFileSystem());
    private final Path root;
    private final NodeResolver resolver;
    private Path lastReferrer;
    /** Files opened for reading: the modules a program loaded (hot reload watches them). */
    private final Set<Path> filesRead = java.util.concurrent.ConcurrentHashMap.newKeySet();
    /** Built-in modules ({@code "nano:test"}): the specifier and the file that serves it, readable wherever it is. */
    private final Map<String, Path> builtins = new java.util.concurrent.ConcurrentHashMap<>();

    public ProjectFileSystem(Path root) {
        this.root = root.toAbsolutePath().normalize();
        this.resolver = new NodeResolver(this.root);
    }

    /** Serves {@code file} for imports of {@code specifier} (a URL such as {@code nano:test}). */
    public void builtinModule(String specifier, Path file) {
        builtins.put(specifier, file.toAbsolutePath().normalize());
    }

    @Override
    public Path parsePath(URI uri) {
        Path builtin = builtins.isEmpty() ? null : builtins.get(uri.toString());
        return builtin != null ? builtin : delegate.parsePath(uri);
    }

    @Override
    public Path parsePath(String path) {
        Path builtin = builtins.isEmpty() ? null : builtins.get(path);
        if (builtin != null) {
            return builtin;
        }
        if (NodeResolver.isBareSpecifier(path)) {
            return resolver.resolve(path, lastReferrer);
        }
        Path parsed = delegate.parsePath(path);
        // GraalJS's module loader parses the importing module's path just before it asks for a
        // bare specifier; remember it so "pkg" resolves from the importer's node_modules first.
        if (parsed.isAbsolute() && parsed.startsWith(root)) {
            lastReferrer = parsed;
        }
        return parsed;
    }

    @Override
    public void checkAccess(Path path, Set<? extends AccessMode> modes, LinkOption... linkOptions) throws IOException {
        delegate.checkAccess(allowed(path), modes, linkOptions);
    }

    @Override
    public void createDirectory(Path dir, FileAttribute<?>... attrs) throws IOException {
        throw new IOException("scripts cannot write files");
    }

    @Override
    public void delete(Path path) throws IOException {
        throw new IOException("scripts cannot delete files");
    }

    @Override
    public SeekableByteChannel newByteChannel(Path path, Set<? extends OpenOption> options, FileAttribute<?>... attrs) throws IOException {
        for (OpenOption o : options) {
            if (o != StandardOpenOption.READ) {
                throw new IOException("scripts cannot write files");
            }
        }
        Path file = allowed(path);
        SeekableByteChannel channel = delegate.newByteChannel(file, options, attrs);
        filesRead.add(file);
        return channel;
    }

    /** Records a file the host read for scripts (an entry module read before evaluation). */
    public void noteRead(Path file) {
        filesRead.add(file.toAbsolutePath().normalize());
    }

    /** The files read so far (a snapshot; safe from any thread). */
    public Set<Path> filesRead() {
        return Set.copyOf(filesRead);
    }

    @Override
    public DirectoryStream<Path> newDirectoryStream(Path dir, DirectoryStream.Filter<? super Path> filter) throws IOException {
        return delegate.newDirectoryStream(allowed(dir), filter);
    }

    @Override
    public Path toAbsolutePath(Path path) {
        return path.isAbsolute() ? path : root.resolve(path);
    }

    @Override
    public Path toRealPath(Path path, LinkOption... linkOptions) throws IOException {
        return delegate.toRealPath(allowed(path), linkOptions);
    }

    @Override
    public Map<String, Object> readAttributes(Path path, String attributes, LinkOption... options) throws IOException {
        return delegate.readAttributes(allowed(path), attributes, options);
    }

    private Path allowed(Path path) throws IOException {
        Path abs = toAbsolutePath(path).normalize();
        if (!abs.startsWith(root) && !builtins.containsValue(abs)) {
            throw new NoSuchFileException(path.toString(), null, "outside the project directory " + root);
        }
        return abs;
    }
}
