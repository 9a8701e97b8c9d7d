package dev.nano.runtime.clone;

import dev.nano.runtime.RuntimeServices;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Value;

/**
 * Host half of {@code structuredClone}: answers what JavaScript cannot ask about an object, namely
 * whether it is a Proxy (an exotic object, HTML StructuredSerializeInternal step 26) or owned by the
 * host (a Java object), neither of which can be serialized.
 */
public final class CloneOps {
    public CloneOps(RuntimeServices services) {
    }

    /** True for a JS Proxy (of anything), a Java object or a Java-implemented polyglot proxy. */
    @HostAccess.Export
    public boolean isProxyOrHostObject(Value value) {
        if (value.isHostObject() || value.isProxyObject()) {
            return true;
        }
        // GraalJS gives a JS Proxy a meta object of its own, named "Proxy" and not callable; a user
        // class named Proxy has its constructor as meta object instead.
        Value meta = value.getMetaObject();
        return meta != null && !meta.canExecute() && "Proxy".equals(meta.getMetaSimpleName());
    }
}
