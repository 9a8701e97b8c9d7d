package dev.nano.devserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Set;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The watcher reports changes to the files it watches, and only those, on a real file system. */
class FileWatcherTest {
    @TempDir
    Path dir;

    private final LinkedBlockingQueue<Set<Path>> bursts = new LinkedBlockingQueue<>();

    private Set<Path> nextBurst() throws InterruptedException {
        Set<Path> burst = bursts.poll(30, TimeUnit.SECONDS);
        assertThat(burst).as("a burst of changes within 30 s").isNotNull();
        return burst;
    }

    @Test
    void reports_a_watched_file_and_never_its_unwatched_neighbours() throws Exception {
        Path watched = Files.writeString(dir.resolve("index.js"), "1");
        Path neighbour = Files.writeString(dir.resolve("notes.md"), "1");
        try (FileWatcher watcher = new FileWatcher((changed, seen) -> bursts.add(changed))) {
            watcher.watch(Set.of(watched), false);
            Files.writeString(neighbour, "2");
            Files.writeString(watched, "2");
            // Events come in order: had the neighbour counted, it would be in this burst or an earlier one.
            assertThat(nextBurst()).containsExactly(watched);
            assertThat(bursts).isEmpty();
        }
    }

    @Test
    void an_editors_write_and_rename_is_one_change_of_the_saved_file() throws Exception {
        Path watched = Files.writeString(dir.resolve("index.js"), "1");
        try (FileWatcher watcher = new FileWatcher((changed, seen) -> bursts.add(changed))) {
            watcher.watch(Set.of(watched), false);
            Path swap = Files.writeString(dir.resolve(".index.js.swp"), "2");
            Files.move(swap, watched, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            assertThat(nextBurst()).containsExactly(watched);
        }
    }

    @Test
    void a_new_file_counts_only_when_asked_for_and_dotfiles_never() throws Exception {
        Path watched = Files.writeString(dir.resolve("index.js"), "1");
        try (FileWatcher watcher = new FileWatcher((changed, seen) -> bursts.add(changed))) {
            watcher.watch(Set.of(watched), false);
            Files.writeString(dir.resolve("other.js"), "x");
            Files.writeString(watched, "2");
            assertThat(nextBurst()).containsExactly(watched);

            watcher.watch(Set.of(watched), true);
            Files.writeString(dir.resolve(".hidden.js"), "x");
            Path created = Files.writeString(dir.resolve("later.js"), "x");
            assertThat(nextBurst()).containsExactly(created);
        }
    }

    @Test
    void watches_only_the_directories_of_the_files() throws Exception {
        Path lib = Files.createDirectories(dir.resolve("src/lib"));
        Path a = Files.writeString(lib.resolve("a.js"), "");
        Path b = Files.writeString(dir.resolve("src/b.js"), "");
        Files.createDirectories(dir.resolve("node_modules/big/dist"));
        try (FileWatcher watcher = new FileWatcher((changed, seen) -> bursts.add(changed))) {
            watcher.watch(Set.of(a, b), false);
            assertThat(watcher.watchedDirectories()).containsExactlyInAnyOrder(lib, dir.resolve("src"));
            watcher.watch(Set.of(b), false);
            assertThat(watcher.watchedDirectories()).containsExactly(dir.resolve("src"));
        }
    }
}
