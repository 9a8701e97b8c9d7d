package dev.nano.devserver;

import java.nio.file.Path;

/** How {@code nano dev} shows a developer what failed: the handler's error, or the last reload's ({@link ErrorPage}). */
final class DevErrors {
    private DevErrors() {
    }

    static FailureResponder handlerFailures(Path projectRoot) {
        return responder(projectRoot, ErrorPage.Kind.HANDLER);
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
