package dev.nano.devserver;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** How {@code nano dev} shows a developer what failed: the handler's error, or the last reload's. */
final class DevErrors {
    private DevErrors() {
    }

    static FailureResponder handlerFailures(Path projectRoot) {
        return (error, accept) -> new FailureResponder.Page(500, "text/plain;charset=UTF-8", (error + "\n").getBytes(StandardCharsets.UTF_8));
    }

    static FailureResponder loadFailures(Path projectRoot) {
        return (error, accept) -> new FailureResponder.Page(500, "text/plain;charset=UTF-8", (error + "\n").getBytes(StandardCharsets.UTF_8));
    }
}
