package dev.nano.runtime.clone;

import dev.nano.runtime.RuntimeServices;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * Host half of {@code structuredClone}: answers the one question JavaScript cannot, whether an object
 * is owned by the host (a Java object), which cannot be serialized (HTML StructuredSerializeInternal
 * step 26). JS Proxies are recognised in JS ({@code internals.isProxy}).
 */
public final class CloneOps {
    public CloneOps(RuntimeServices services) {
    }

    /** True for a Java object or a Java-implemented polyglot proxy. */
    @HostAccess.Export
    public boolean isHostObject(Value value) {
        return value.isHostObject() || value.isProxyObject();
    }
}
