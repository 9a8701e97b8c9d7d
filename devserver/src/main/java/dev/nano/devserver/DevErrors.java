package dev.nano.devserver;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** How {@code nano dev} shows a developer what failed: the handler's error, or the last reload's ({@link ErrorPage}). */
final class DevErrors {
    private DevErrors() {
    }

    /**
     * A handler's failure: the page for the client and, on {@code terminal}, the source around the
     * first of the project's own frames (the runtime has printed the message and stack already).
     */
    static FailureResponder handlerFailures(Path projectRoot, PrintStream terminal) {
        FailureResponder page = responder(projectRoot, ErrorPage.Kind.HANDLER);
        return (error, accept) -> {
            List<CodeFrame.Location> locations = CodeFrame.locations(error, projectRoot);
            if (!locations.isEmpty()) {
                CodeFrame.Location first = locations.getFirst();
                CodeFrame.textOf(first.file(), first.line(), first.column())
                        .ifPresent(frame -> terminal.println(projectRoot.relativize(first.file()) + ":" + first.line()
                                + ":" + first.column() + "\n" + frame.stripTrailing().indent(2)));
            }
            return page.respond(error, accept);
        };
    }

    static FailureResponder loadFailures(Path projectRoot) {
        return responder(projectRoot, ErrorPage.Kind.RELOAD);
    }

    private static FailureResponder responder(Path projectRoot, ErrorPage.Kind kind) {
        return (error, accept) -> {
            ErrorPage.Rendered page = ErrorPage.render(error, projectRoot, accept, kind);
            return new FailureResponder.Page(page.status(), page.contentType(), page.body());
        };
    }
}
