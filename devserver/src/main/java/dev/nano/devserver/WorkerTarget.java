package dev.nano.devserver;

import dev.nano.runtime.NanoRuntime;
import dev.nano.runtime.RuntimeServices;
import dev.nano.runtime.worker.HttpRequestDescriptor;
import dev.nano.runtime.worker.ResponseSink;
import dev.nano.runtime.worker.Worker;

/**
 * Where the server sends one request: a runtime (whose loop reads the request body) and the
 * worker loaded in it. {@code nano serve} has one for its whole life; {@code nano dev} picks the
 * serving version's for each request.
 */
public interface WorkerTarget {
    RuntimeServices services();

    void dispatch(HttpRequestDescriptor request, ResponseSink sink);

    /** A worker that serves every request. */
    static WorkerTarget of(NanoRuntime runtime, Worker worker) {
        return new WorkerTarget() {
            @Override
            public RuntimeServices services() {
                return runtime;
            }

            @Override
            public void dispatch(HttpRequestDescriptor request, ResponseSink sink) {
                worker.dispatch(request, sink);
            }
        };
    }
}
