package dev.nano.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CompilerPriorityTest {
    @Test
    void recognises_the_jit_compiler_threads_by_their_linux_names() {
        // /proc/<pid>/task/<tid>/comm keeps 15 characters of the thread name
        assertThat(CompilerPriority.isCompilerThread("C2 CompilerThre")).isTrue();
        assertThat(CompilerPriority.isCompilerThread("C1 CompilerThre")).isTrue();
        assertThat(CompilerPriority.isCompilerThread("TruffleCompiler")).isTrue();
        assertThat(CompilerPriority.isCompilerThread("JVMCI-native Co")).isTrue();
    }

    @Test
    void leaves_event_and_other_threads_alone() {
        for (String name : new String[] {"nano-loop", "nano-fetch-22", "qtp1234-17", "VM Thread", "Reference Handl", "java", "nano-worker-3"}) {
            assertThat(CompilerPriority.isCompilerThread(name)).as(name).isFalse();
        }
    }
}
