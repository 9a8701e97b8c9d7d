package dev.nano.devserver;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/**
 * A worker project on disk served by {@code nano dev}'s session and server on a random port of
 * 127.0.0.1, for tests that edit its files and watch the server follow.
 */
final class DevProject implements AutoCloseable {
    /** How long a test waits for a reload to show before it fails (a bound, not a pause). */
    static final Duration PATIENCE = Duration.ofSeconds(30);

    final Path dir;
    final DevSession session;
    final DevServer server;
    final HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private DevProject(Path dir, ServeConfig.Overrides flags) throws Exception {
        this.dir = dir;
        PrintStream out = new PrintStream(outBytes, true, StandardCharsets.UTF_8);
        PrintStream err = new PrintStream(errBytes, true, StandardCharsets.UTF_8);
        session = DevSession.start(dir, flags, out, err, builder -> { }, () -> { }, "test");
        server = DevServer.startDev(session, "127.0.0.1", 0, out, false);
    }

    /** Writes {@code files} (path → content) under {@code dir} and starts {@code nano dev} on it. */
    static DevProject start(Path dir, Map<String, String> files) throws Exception {
        return start(dir, files, ServeConfig.Overrides.NONE);
    }

    static DevProject start(Path dir, Map<String, String> files, ServeConfig.Overrides flags) throws Exception {
        for (var file : files.entrySet()) {
            write(dir.resolve(file.getKey()), file.getValue());
        }
        return new DevProject(dir, flags);
    }

    private static void write(Path path, String content) throws IOException {
        Files.createDirectories(path.getParent());
        Files.writeString(path, content);
    }

    /** Saves a file as an editor that writes a temporary file and renames it over the old one does. */
    void save(String relative, String content) throws IOException {
        Path target = dir.resolve(relative);
        Files.createDirectories(target.getParent());
        Path temp = target.resolveSibling("." + target.getFileName() + ".swp");
        Files.writeString(temp, content);
        Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    void delete(String relative) throws IOException {
        Files.delete(dir.resolve(relative));
    }

    URI uri(String path) {
        return server.uri().resolve(path);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return get(path, "*/*");
    }

    HttpResponse<String> get(String path, String accept) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path)).header("accept", accept).build(), HttpResponse.BodyHandlers.ofString());
    }

    /** Polls {@code path} until its response satisfies {@code condition}; fails after {@link #PATIENCE}. */
    HttpResponse<String> awaitResponse(String path, String accept, Predicate<HttpResponse<String>> condition) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        HttpResponse<String> last = null;
        while (System.nanoTime() < deadline) {
            last = get(path, accept);
            if (condition.test(last)) {
                return last;
            }
            Thread.onSpinWait();
        }
        throw new AssertionError("no response to " + path + " satisfied the condition within " + PATIENCE
                + "; the last was " + (last == null ? "none" : last.statusCode() + " " + last.body())
                + "\nout:\n" + out() + "\nerr:\n" + err());
    }

    HttpResponse<String> awaitBody(String path, String expected) throws Exception {
        return awaitResponse(path, "*/*", r -> r.body().equals(expected));
    }

    /** Waits until the terminal output contains {@code text}. */
    void awaitOut(String text) throws Exception {
        awaitText("output", this::out, text);
    }

    /** Waits until the error output contains {@code text}. */
    void awaitErr(String text) throws Exception {
        awaitText("error output", this::err, text);
    }

    private void awaitText(String stream, java.util.function.Supplier<String> printed, String text) throws Exception {
        long deadline = System.nanoTime() + PATIENCE.toNanos();
        while (!printed.get().contains(text)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the " + stream + " never said " + text + "\nout:\n" + out() + "\nerr:\n" + err());
            }
            Thread.sleep(5);
        }
    }

    String out() {
        return outBytes.toString(StandardCharsets.UTF_8);
    }

    String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        client.close();
        server.close();
        session.close();
    }
}
