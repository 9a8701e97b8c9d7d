package dev.nano.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** {@code nano dev}'s answers to bad input, through the CLI entry point. */
class DevCommandTest {
    @TempDir
    Path dir;

    @RegisterExtension
    final CapturedStdio stdio = new CapturedStdio();

    @Test
    void a_port_in_use_says_so_and_exits_2() throws Exception {
        Files.createDirectories(dir.resolve("src"));
        Files.writeString(dir.resolve("src/index.js"), "export default { fetch() { return new Response('x'); } };\n");
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            int code = Main.execute("dev", dir.toString(), "--port", String.valueOf(taken.getLocalPort()));
            assertThat(code).isEqualTo(2);
            assertThat(stdio.err()).contains("nano dev: port " + taken.getLocalPort() + " is in use (try --port 0)");
        }
    }

    @Test
    void a_project_without_an_entry_names_the_paths_tried_and_exits_1() {
        int code = Main.execute("dev", dir.toString());
        assertThat(code).isEqualTo(1);
        assertThat(stdio.err()).contains("nano dev: no entry module in").contains("src/index.js, src/index.mjs");
    }
}
