package dev.nano.runtime.worker;

import dev.nano.runtime.Extension;
import java.util.List;

/**
 * TEMPORARY test stand-in for Headers/Request/Response and the streams bridge until the fetch and
 * stream APIs land on main; it defines nothing that already exists. Remove once they landed.
 */
public final class StandInWebApis {
    private StandInWebApis() {
    }

    public static Extension extension() {
        return Extension.of("standin", List.of("standin.js"), null);
    }
}
