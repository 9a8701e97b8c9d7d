package dev.nano.runtime;

import java.io.IOException;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Gives the JIT compiler threads (HotSpot's C1/C2, which compile the Graal compiler and the
 * interpreter, and Truffle's, which compile JavaScript) a lower CPU priority than the threads that
 * answer events (the loop, Jetty's selectors), on Linux, in JIT mode.
 *
 * <p>Why: the JIT keeps compiling for a minute or more on a 2-core machine. At the same priority,
 * a loop or selector thread woken by a socket waits in the run queue behind a compiler thread for
 * up to a scheduler slice (several ms): measured on 2,000 sequential fetches after a 20 s warm-up,
 * the loop thread waited 0.35 ms per fetch for a CPU and 10% of fetches took over 3 ms. With the
 * compilers 10 nice levels lower the wait fell to 0.04-0.07 ms per fetch and the compilers still
 * ran in the CPU time the loop left idle. A nice value keeps a share of a busy CPU for the
 * compilers (about a tenth at 10 levels), but that is too little when the process's own threads
 * fill every core: {@code nano serve} under wrk on 2 cores served half the requests after a 30 s
 * warm-up. So it is off unless asked for; the launcher asks for 10 levels for {@code nano run}.
 *
 * <p>The threads are found by name in {@code /proc/self/task} once a second (Truffle's compiler
 * threads come and go) and lowered once each with {@code setpriority(2)}, which lowering needs no
 * privilege for (raising it back would need one, so the step is fixed for the process).
 * {@code -Dnano.compilerNice=N} sets the step; 0, the default, leaves priorities alone.
 */
final class CompilerPriority {
    static final int DEFAULT_STEP = 0;
    private static final int PRIO_PROCESS = 0;
    private static final Path TASKS = Path.of("/proc/self/task");
    private static final AtomicBoolean STARTED = new AtomicBoolean();

    private final MethodHandle getpriority;
    private final MethodHandle setpriority;
    private final int step;
    /** Threads already looked at (lowered or not a compiler); pruned to the live ones on each scan. */
    private final Set<Integer> seen = new HashSet<>();

    private CompilerPriority(MethodHandle getpriority, MethodHandle setpriority, int step) {
        this.getpriority = getpriority;
        this.setpriority = setpriority;
        this.step = step;
    }

    /** Starts the (daemon) watcher once per process; does nothing off Linux or when turned off. */
    static void startOnce() {
        int step = Integer.getInteger("nano.compilerNice", DEFAULT_STEP);
        if (step <= 0 || !System.getProperty("os.name", "").startsWith("Linux") || !Files.isDirectory(TASKS)) {
            return;
        }
        if (!STARTED.compareAndSet(false, true)) {
            return;
        }
        CompilerPriority watcher;
        try {
            Linker linker = Linker.nativeLinker();
            Optional<java.lang.foreign.MemorySegment> get = linker.defaultLookup().find("getpriority");
            Optional<java.lang.foreign.MemorySegment> set = linker.defaultLookup().find("setpriority");
            if (get.isEmpty() || set.isEmpty()) {
                return;
            }
            FunctionDescriptor getSignature = FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT);
            FunctionDescriptor setSignature = FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT);
            watcher = new CompilerPriority(linker.downcallHandle(get.get(), getSignature), linker.downcallHandle(set.get(), setSignature), step);
        } catch (RuntimeException | LinkageError e) {
            return; // no native access: compilers keep the default priority
        }
        Thread.ofPlatform().name("nano-jit-priority").daemon(true).start(watcher::run);
    }

    /** True for the thread names ({@code comm}, 15 characters at most) of JIT compiler threads. */
    static boolean isCompilerThread(String comm) {
        return comm.startsWith("C1 Compiler") || comm.startsWith("C2 Compiler") || comm.startsWith("JVMCI")
                || comm.startsWith("TruffleCompiler");
    }

    private void run() {
        while (true) {
            try {
                scan();
                Thread.sleep(1000);
            } catch (InterruptedException e) {
                return;
            } catch (IOException | RuntimeException e) {
                return; // /proc unreadable: stop quietly
            }
        }
    }

    private void scan() throws IOException {
        Set<Integer> live = new HashSet<>();
        try (DirectoryStream<Path> tasks = Files.newDirectoryStream(TASKS)) {
            for (Path task : tasks) {
                int tid;
                try {
                    tid = Integer.parseInt(task.getFileName().toString());
                } catch (NumberFormatException e) {
                    continue;
                }
                live.add(tid);
                if (seen.contains(tid)) {
                    continue;
                }
                String comm;
                try {
                    comm = Files.readString(task.resolve("comm")).strip();
                } catch (IOException gone) {
                    continue; // the thread ended meanwhile
                }
                seen.add(tid);
                if (isCompilerThread(comm)) {
                    lower(tid);
                }
            }
        }
        seen.retainAll(live);
    }

    private void lower(int tid) {
        try {
            int nice = (int) getpriority.invokeExact(PRIO_PROCESS, tid);
            int target = Math.min(19, nice + step);
            if (target > nice) {
                int ignored = (int) setpriority.invokeExact(PRIO_PROCESS, tid, target);
            }
        } catch (Throwable e) {
            // best effort: the thread may have ended
        }
    }
}
