package dev.nano.cli;

import dev.nano.runtime.NanoRuntime;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.graalvm.polyglot.Engine;

/**
 * What a command needs of the debugger door ({@code dev.nano.inspector.Inspector}, behind
 * {@link DebugStart}). Commands name only this type, so that the JVM loads no inspector class
 * when no debugger flag was given (the verifier and picocli's reflection would load a type the
 * commands named).
 */
interface Debugger extends AutoCloseable {
    /** Options and transport for the engine the program runs on. */
    Consumer<Engine.Builder> engineSetup();

    /** Where the DevTools console evaluates while the program runs. */
    void evaluateIn(Supplier<NanoRuntime> runtime);

    /** Under --inspect-brk/--inspect-wait, waits for a debugger to say run; else returns at once. */
    void awaitDebugger();

    /** The DevTools URL, or null without --inspect. */
    String devToolsUrl();

    @Override
    void close();
}
