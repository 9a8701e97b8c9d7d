package dev.nano.runtime;

/**
 * A failure a host op reports to JavaScript. The op's caller sees a JS error of the named kind:
 * {@code TypeError}, {@code RangeError}, or a {@code DOMException} name such as
 * {@code OperationError}, {@code DataError}, {@code AbortError}. Ops throw this instead of letting
 * Java exceptions (and their stack traces) leak into scripts.
 */
public final class JsError extends RuntimeException {
    private final String name;

    public JsError(String name, String message) {
        super(message, null, false, false);
        this.name = name;
    }

    public JsError(String name, String message, Throwable cause) {
        super(message, cause, false, false);
        this.name = name;
    }

    public static JsError typeError(String message) {
        return new JsError("TypeError", message);
    }

    public static JsError rangeError(String message) {
        return new JsError("RangeError", message);
    }

    /** The JS error name: a native error constructor name or a DOMException name. */
    public String name() {
        return name;
    }
}
