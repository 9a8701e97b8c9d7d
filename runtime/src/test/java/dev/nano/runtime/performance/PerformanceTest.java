package dev.nano.runtime.performance;

import static org.assertj.core.api.Assertions.assertThat;

import dev.nano.runtime.JsTesting;
import org.junit.jupiter.api.Test;

class PerformanceTest {
    @Test
    void now_is_monotonic_and_relative_to_time_origin() {
        try (JsTesting js = JsTesting.start()) {
            assertThat(js.run("""
                    const a = performance.now(), b = performance.now();
                    const origin = performance.timeOrigin;
                    return [b >= a, a >= 0, Math.abs(origin + b - Date.now()) < 1000, performance.toJSON().timeOrigin === origin].join();
                    """)).isEqualTo("true,true,true,true");
        }
    }

    @Test
    void navigator_names_nano_and_counts_processors() {
        try (JsTesting js = JsTesting.start()) {
            assertThat(js.run("return navigator.userAgent.startsWith('NANO/') + ' ' + navigator.hardwareConcurrency"))
                    .isEqualTo("true " + Runtime.getRuntime().availableProcessors());
        }
    }
}
