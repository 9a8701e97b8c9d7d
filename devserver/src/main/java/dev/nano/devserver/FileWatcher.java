package dev.nano.devserver;

import java.io.IOException;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.function.BiConsumer;

/**
 * Watches a set of files (a worker's module graph and its config) and reports each burst of
 * changes once. Only the directories holding those files are watched, not whole trees: a project
 * with a large node_modules costs one registration per directory it imports from, and nothing NANO
 * or git writes elsewhere ({@code .git/}, {@code .nano/}) can trigger a reload.
 *
 * <p>A burst (an editor's write-then-rename, a {@code git checkout}) is gathered by waiting for
 * {@link #QUIET_MILLIS} without a further event after each one, at most {@link #BURST_MILLIS} in
 * all: a quiet window, not a fixed delay, so a single save costs only the window. Changes that
 * arrive while the listener runs are reported as the next burst.
 *
 * <p>On Linux the JDK's watch service is inotify and reports at once; on macOS the JDK polls
 * (every few seconds), which is the known limit of this watcher there.
 */
final class FileWatcher implements AutoCloseable {
    static final long QUIET_MILLIS = 8;
    static final long BURST_MILLIS = 250;

    private final WatchService service;
    private final BiConsumer<Set<Path>, Long> listener;
    private final Map<Path, WatchKey> directories = new ConcurrentHashMap<>();
    private volatile Set<Path> files = Set.of();
    private volatile boolean acceptNewFiles;
    private final Thread thread;

    /**
     * {@code listener} gets each burst's changed files and when its first event was seen
     * ({@link System#nanoTime}), on the watcher's thread.
     */
    FileWatcher(BiConsumer<Set<Path>, Long> listener) throws IOException {
        this.service = FileSystems.getDefault().newWatchService();
        this.listener = listener;
        this.thread = Thread.ofPlatform().name("nano-watch").daemon(true).start(this::run);
    }

    /**
     * Watches exactly {@code watched} from now on. With {@code newFilesToo}, a file created in one
     * of their directories counts as a change as well (after a load that failed on a missing import,
     * creating the file is the fix).
     */
    synchronized void watch(Set<Path> watched, boolean newFilesToo) {
        Set<Path> normalized = new LinkedHashSet<>();
        Set<Path> dirs = new LinkedHashSet<>();
        for (Path file : watched) {
            Path abs = file.toAbsolutePath().normalize();
            normalized.add(abs);
            if (abs.getParent() != null) {
                dirs.add(abs.getParent());
            }
        }
        for (Path dir : dirs) {
            if (!directories.containsKey(dir) && Files.isDirectory(dir)) {
                try {
                    directories.put(dir, dir.register(service, StandardWatchEventKinds.ENTRY_CREATE,
                            StandardWatchEventKinds.ENTRY_MODIFY, StandardWatchEventKinds.ENTRY_DELETE));
                } catch (IOException e) {
                    // a directory removed meanwhile: the next load will say what is missing
                }
            }
        }
        directories.entrySet().removeIf(e -> {
            if (dirs.contains(e.getKey())) {
                return false;
            }
            e.getValue().cancel();
            return true;
        });
        this.files = Set.copyOf(normalized);
        this.acceptNewFiles = newFilesToo;
    }

    /** The directories registered now (for tests and diagnostics). */
    Set<Path> watchedDirectories() {
        return Set.copyOf(directories.keySet());
    }

    private void run() {
        try {
            while (true) {
                Set<Path> changed = new LinkedHashSet<>();
                WatchKey first = service.take();
                long seen = System.nanoTime();
                collect(first, changed);
                if (changed.isEmpty()) {
                    continue;
                }
                long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(BURST_MILLIS);
                WatchKey more;
                while (System.nanoTime() < deadline && (more = service.poll(QUIET_MILLIS, TimeUnit.MILLISECONDS)) != null) {
                    collect(more, changed);
                }
                try {
                    listener.accept(changed, seen);
                } catch (RuntimeException e) {
                    // the listener reports its own failures; the watch goes on
                }
            }
        } catch (InterruptedException | ClosedWatchServiceException e) {
            // closed
        }
    }

    private void collect(WatchKey key, Set<Path> changed) {
        Path dir = (Path) key.watchable();
        for (WatchEvent<?> event : key.pollEvents()) {
            if (event.kind() == StandardWatchEventKinds.OVERFLOW) {
                changed.addAll(files); // events were lost: assume everything changed
                continue;
            }
            Path path = dir.resolve((Path) event.context()).normalize();
            if (files.contains(path)) {
                changed.add(path);
            } else if (acceptNewFiles && event.kind() == StandardWatchEventKinds.ENTRY_CREATE
                    && !path.getFileName().toString().startsWith(".")) {
                changed.add(path);
            }
        }
        key.reset();
    }

    @Override
    public void close() throws IOException {
        service.close();
        thread.interrupt();
    }
}
