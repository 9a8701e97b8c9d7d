package dev.nano.runtime.worker;

/** A worker module that failed to load: a syntax or evaluation error, or no fetch handler. The message says which, with the JS stack. */
public final class WorkerLoadException extends RuntimeException {
    public WorkerLoadException(String message) {
        super(message, null, false, false);
    }
}
