package dev.nano.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.graalvm.polyglot.HostAccess;
import org.junit.jupiter.api.Test;

class LazyExtensionTest {
    public static final class ProbeOps {
        final AtomicInteger loads = new AtomicInteger();

        @HostAccess.Export
        public void loaded() {
            loads.incrementAndGet();
        }
    }

    @Test
    void lazy_extension_loads_once_on_first_use_of_its_global() {
        ProbeOps probe = new ProbeOps();
        Extension lazy = Extension.lazy("lazyprobe", List.of("probe.js"), services -> probe, List.of("Probe"));
        try (JsTesting js = JsTesting.start(NanoRuntime.builder().extension(lazy))) {
            assertThat(js.run("return 'Probe' in globalThis")).isEqualTo("true");
            assertThat(probe.loads.get()).isZero();
            assertThat(js.run("return Probe.answer + Probe.answer")).isEqualTo("84");
            assertThat(probe.loads.get()).isEqualTo(1);
        }
    }

    @Test
    void crypto_works_when_first_touched() {
        try (JsTesting js = JsTesting.start()) {
            assertThat(js.run("return crypto.randomUUID().length + ':' + (typeof CryptoKey)")).isEqualTo("36:function");
        }
    }
}
