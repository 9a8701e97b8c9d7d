package dev.nano.runtime.stream;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nano.runtime.Bytes;
import dev.nano.runtime.HostPromise;
import dev.nano.runtime.JsError;
import dev.nano.runtime.JsTesting;
import dev.nano.runtime.NanoRuntime;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class HostStreamBridgeTest {
    private static final int CHUNK = 64 * 1024;

    private final JsTesting js = JsTesting.start();

    @BeforeEach
    void exposeInternals() {
        js.runtime().onLoop(ctx -> {
            ctx.getBindings("js").putMember("internals", js.runtime().internals());
            return null;
        }).join();
    }

    @AfterEach
    void close() {
        js.close();
    }

    /**
     * Runs {@code body} and returns the error it throws as {@code "Name: message"}. Caught inside
     * the script: a rejection that happens before the test harness attaches its handler would
     * otherwise be reported as unhandled.
     */
    /** Exposes a host object to scripts as a global. */
    private void put(String name, Object value) {
        js.runtime().onLoop(ctx -> {
            ctx.getBindings("js").putMember(name, value);
            return null;
        }).join();
    }

    /** Bytes whose value depends on their position, so reordering or loss changes the checksum. */
    private static byte byteAt(long position) {
        return (byte) (position * 31 + (position >>> 13));
    }

    /**
     * Produces {@code total} bytes in 64 KiB chunks, each pull answered later from another thread.
     * Counts how many bytes have been produced so far, and whether two pulls ever overlapped.
     */
    public static final class CountingSource implements ByteSource {
        private final NanoRuntime runtime;
        private final long total;
        final AtomicLong produced = new AtomicLong();
        volatile boolean pullInFlight;
        volatile boolean overlappingPulls;
        volatile String cancelledWith;

        CountingSource(NanoRuntime runtime, long total) {
            this.runtime = runtime;
            this.total = total;
        }

        @Override
        @HostAccess.Export
        public HostPromise pull() {
            if (pullInFlight) {
                overlappingPulls = true;
            }
            pullInFlight = true;
            HostPromise promise = runtime.newPromise();
            runtime.workers().execute(() -> {
                long start = produced.get();
                int length = (int) Math.min(CHUNK, total - start);
                pullInFlight = false;
                if (length == 0) {
                    promise.resolve(null);
                    return;
                }
                byte[] chunk = new byte[length];
                for (int i = 0; i < length; i++) {
                    chunk[i] = byteAt(start + i);
                }
                produced.addAndGet(length);
                promise.resolve(ByteBuffer.wrap(chunk));
            });
            return promise;
        }

        @Override
        @HostAccess.Export
        public void cancel(String reason) {
            cancelledWith = reason;
        }
    }

    /**
     * Checks every byte as it arrives, answers each write with a promise settled from another
     * thread, and records the largest gap between bytes produced and bytes received.
     */
    public static final class CheckingSink implements ByteSink {
        private final NanoRuntime runtime;
        private final CountingSource source;
        long received;
        long maxInFlight;
        boolean corrupt;
        final CompletableFuture<Long> closed = new CompletableFuture<>();
        volatile String abortedWith;

        CheckingSink(NanoRuntime runtime, CountingSource source) {
            this.runtime = runtime;
            this.source = source;
        }

        @Override
        @HostAccess.Export
        public HostPromise write(Value chunk) {
            byte[] bytes = Bytes.copy(chunk);
            for (int i = 0; i < bytes.length; i++) {
                corrupt |= bytes[i] != byteAt(received + i);
            }
            received += bytes.length;
            maxInFlight = Math.max(maxInFlight, source.produced.get() - received);
            HostPromise drained = runtime.newPromise();
            runtime.workers().execute(() -> drained.resolve(null));
            return drained;
        }

        @Override
        @HostAccess.Export
        public void close() {
            closed.complete(received);
        }

        @Override
        @HostAccess.Export
        public void abort(String reason) {
            abortedWith = reason;
            closed.completeExceptionally(new IllegalStateException(reason));
        }
    }

    @Test
    void streams_fifty_megabytes_from_a_host_source_to_a_host_sink_a_few_chunks_at_a_time() throws Exception {
        long total = 50L * 1024 * 1024;
        CountingSource source = new CountingSource(js.runtime(), total);
        CheckingSink sink = new CheckingSink(js.runtime(), source);
        put("source", source);
        put("sink", sink);

        js.run("await internals.streams.pipeToSink(internals.streams.readableFromSource(source), sink);");

        assertThat(sink.closed.get(60, TimeUnit.SECONDS)).isEqualTo(total);
        assertThat(sink.corrupt).isFalse();
        assertThat(source.overlappingPulls).isFalse();
        // Never more than a couple of chunks between the producer and the consumer: nothing buffered whole.
        assertThat(sink.maxInFlight).isLessThanOrEqualTo(4L * CHUNK);
    }

    /** Serves the given strings as chunks, then ends, or fails with {@code failure} if set. */
    public static final class ListSource implements ByteSource {
        private final NanoRuntime runtime;
        private final List<String> chunks;
        private final JsError failure;
        int pulls;
        volatile String cancelledWith;

        ListSource(NanoRuntime runtime, JsError failure, String... chunks) {
            this.runtime = runtime;
            this.chunks = new ArrayList<>(List.of(chunks));
            this.failure = failure;
        }

        @Override
        @HostAccess.Export
        public HostPromise pull() {
            pulls++;
            HostPromise promise = runtime.newPromise();
            if (!chunks.isEmpty()) {
                promise.resolve(ByteBuffer.wrap(chunks.remove(0).getBytes(java.nio.charset.StandardCharsets.UTF_8)));
            } else if (failure != null) {
                promise.reject(failure);
            } else {
                promise.resolve(null);
            }
            return promise;
        }

        @Override
        @HostAccess.Export
        public void cancel(String reason) {
            cancelledWith = reason;
        }
    }

    /** Collects what it is given; fails every write when {@code failWrites}. */
    public static final class CollectingSink implements ByteSink {
        private final NanoRuntime runtime;
        private final boolean failWrites;
        final StringBuilder text = new StringBuilder();
        boolean closed;
        String abortedWith;

        CollectingSink(NanoRuntime runtime, boolean failWrites) {
            this.runtime = runtime;
            this.failWrites = failWrites;
        }

        @Override
        @HostAccess.Export
        public HostPromise write(Value chunk) {
            if (failWrites) {
                HostPromise failed = runtime.newPromise();
                failed.reject(new JsError("NetworkError", "client went away"));
                return failed;
            }
            text.append(new String(Bytes.copy(chunk), java.nio.charset.StandardCharsets.UTF_8));
            return null;
        }

        @Override
        @HostAccess.Export
        public void close() {
            closed = true;
        }

        @Override
        @HostAccess.Export
        public void abort(String reason) {
            abortedWith = reason;
        }
    }

    @Test
    void reads_a_host_source_as_uint8array_chunks_until_it_ends() {
        put("source", new ListSource(js.runtime(), null, "hello ", "world"));

        String result = js.run("""
                const parts = [];
                for await (const chunk of internals.streams.readableFromSource(source)) {
                  parts.push(chunk.constructor.name + ":" + String.fromCharCode(...chunk));
                }
                return parts.join("|");
                """);

        assertThat(result).isEqualTo("Uint8Array:hello |Uint8Array:world");
    }

    @Test
    void reads_a_host_source_with_a_byob_reader() {
        put("source", new ListSource(js.runtime(), null, "abcdef"));

        String result = js.run("""
                const reader = internals.streams.readableFromSource(source).getReader({ mode: "byob" });
                const first = await reader.read(new Uint8Array(4));
                const second = await reader.read(new Uint8Array(4));
                const end = await reader.read(new Uint8Array(4));
                return [String.fromCharCode(...first.value), String.fromCharCode(...second.value), end.done].join(",");
                """);

        assertThat(result).isEqualTo("abcd,ef,true");
    }

    @Test
    void cancelling_the_stream_cancels_the_host_source_with_the_reason() {
        ListSource source = new ListSource(js.runtime(), null, "a", "b", "c");
        put("source", source);

        js.run("""
                const reader = internals.streams.readableFromSource(source).getReader();
                await reader.read();
                await reader.cancel(new Error("enough"));
                """);

        assertThat(source.cancelledWith).isEqualTo("Error: enough");
        assertThat(source.pulls).isEqualTo(1);
    }

    @Test
    void a_failing_host_source_errors_the_stream_with_the_host_error() {
        put("source", new ListSource(js.runtime(), JsError.typeError("connection reset"), "partial"));

        String error = js.errorOf("""
                await internals.streams.readAll(internals.streams.readableFromSource(source));
                """);

        assertThat(error).isEqualTo("TypeError: connection reset");
    }

    @Test
    void read_all_concatenates_every_chunk() {
        put("source", new ListSource(js.runtime(), null, "one,", "two,", "three"));

        String result = js.run("""
                const bytes = await internals.streams.readAll(internals.streams.readableFromSource(source));
                return bytes.constructor.name + ":" + String.fromCharCode(...bytes);
                """);

        assertThat(result).isEqualTo("Uint8Array:one,two,three");
    }

    @Test
    void read_all_rejects_a_chunk_that_is_not_a_uint8array() {
        String error = js.errorOf("""
                await internals.streams.readAll(new ReadableStream({ start(c) { c.enqueue("text"); c.close(); } }));
                """);

        assertThat(error).isEqualTo("TypeError: a body stream chunk must be a Uint8Array");
    }

    @Test
    void pipe_to_sink_writes_every_chunk_then_closes_the_sink() {
        CollectingSink sink = new CollectingSink(js.runtime(), false);
        put("sink", sink);

        js.run("""
                const body = new ReadableStream({ start(c) { c.enqueue(Uint8Array.of(97, 98)); c.enqueue(Uint8Array.of(99, 100)); c.close(); } });
                await internals.streams.pipeToSink(body, sink);
                """);

        assertThat(sink.text).hasToString("abcd");
        assertThat(sink.closed).isTrue();
        assertThat(sink.abortedWith).isNull();
    }

    @Test
    void pipe_to_sink_aborts_the_sink_when_the_stream_errors() {
        CollectingSink sink = new CollectingSink(js.runtime(), false);
        put("sink", sink);

        String error = js.errorOf("""
                const body = new ReadableStream({ pull(c) { c.error(new RangeError("generator broke")); } });
                await internals.streams.pipeToSink(body, sink);
                """);

        assertThat(error).isEqualTo("RangeError: generator broke");
        assertThat(sink.abortedWith).isEqualTo("RangeError: generator broke");
        assertThat(sink.closed).isFalse();
    }

    @Test
    void a_failing_sink_write_cancels_the_source_and_rejects_the_pipe() {
        ListSource source = new ListSource(js.runtime(), null, "a", "b", "c");
        CollectingSink sink = new CollectingSink(js.runtime(), true);
        put("source", source);
        put("sink", sink);

        String error = js.errorOf("""
                await internals.streams.pipeToSink(internals.streams.readableFromSource(source), sink);
                """);

        assertThat(error).isEqualTo("NetworkError: client went away");
        assertThat(source.cancelledWith).isEqualTo("NetworkError: client went away");
        assertThat(sink.closed).isFalse();
    }
}
