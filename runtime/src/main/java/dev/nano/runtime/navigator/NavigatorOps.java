package dev.nano.runtime.navigator;

import dev.nano.runtime.RuntimeServices;
import org.graalvm.polyglot.HostAccess;

/** Host half of {@code navigator}: facts about the machine the runtime runs on. */
public final class NavigatorOps {
    public NavigatorOps(RuntimeServices services) {
    }

    @HostAccess.Export
    public int hardwareConcurrency() {
        return Runtime.getRuntime().availableProcessors();
    }
}
