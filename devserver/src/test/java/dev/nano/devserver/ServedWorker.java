package dev.nano.devserver;

import dev.nano.runtime.NanoRuntime;
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
import java.util.Map;

/** A worker project on disk, served on a random port of 127.0.0.1 for one test. */
final class ServedWorker implements AutoCloseable {
    final NanoRuntime runtime;
    final DevServer server;
    final HttpClient client = HttpClient.newHttpClient();
    private final ByteArrayOutputStream errBytes = new ByteArrayOutputStream();

    private ServedWorker(ServeConfig config) throws Exception {
        runtime = NanoRuntime.builder()
                .projectRoot(config.projectRoot())
                .err(new PrintStream(errBytes, true, StandardCharsets.UTF_8))
                .build();
        ServeConfig onAnyPort = new ServeConfig(config.projectRoot(), config.entry(), "127.0.0.1", 0, config.vars(),
                config.configFile(), config.envName(), config.assetsDir(), config.assetsBinding(), config.crons());
        server = DevServer.startServe(runtime, onAnyPort);
    }

    /** Writes {@code files} (path → content) under {@code dir} and serves the project. */
    static ServedWorker serve(Path dir, Map<String, String> files) throws Exception {
        for (var file : files.entrySet()) {
            Path path = dir.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.writeString(path, file.getValue());
        }
        return new ServedWorker(ServeConfig.load(dir, ServeConfig.Overrides.NONE));
    }

    URI uri(String path) {
        return server.uri().resolve(path);
    }

    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
    }

    String err() {
        return errBytes.toString(StandardCharsets.UTF_8);
    }

    @Override
    public void close() throws Exception {
        client.close();
        server.close();
        runtime.close();
    }
}
