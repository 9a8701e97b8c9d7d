package dev.nano.runtime.module;

import java.nio.file.Path;

/** Resolves bare module specifiers from node_modules as Node's ESM resolver does. */
final class NodeResolver {
    private final Path root;

    NodeResolver(Path root) {
        this.root = root;
    }
}
