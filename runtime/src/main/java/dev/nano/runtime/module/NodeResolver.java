package dev.nano.runtime.module;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Resolves bare module specifiers ({@code "hono"}, {@code "hono/cors"}, {@code "@scope/pkg/sub"})
 * from {@code node_modules} as Node's ESM resolver does (PACKAGE_RESOLVE): nearest
 * {@code node_modules} upwards from the importer, then {@code package.json} {@code exports}
 * with the conditions a Workers runtime matches, then {@code module}, then {@code main}.
 * Resolution never leaves the project directory.
 */
final class NodeResolver {
    /** The conditions matched in {@code exports}, as workerd and wrangler's bundler use them. */
    static final List<String> CONDITIONS = List.of("workerd", "worker", "browser", "import", "default");

    private final Path root;

    /** Made on first use: most scripts import no package, and building a mapper costs start-up time. */
    private static final class Manifests {
        static final ObjectMapper JSON = new ObjectMapper();
    }

    NodeResolver(Path root) {
        this.root = root;
    }

    static boolean isBareSpecifier(String specifier) {
        if (specifier.isEmpty() || specifier.startsWith("/") || specifier.startsWith("./") || specifier.startsWith("../")
                || specifier.equals(".") || specifier.equals("..")) {
            return false;
        }
        // URLs (file:, node:, https:) are not bare; a Windows drive path neither.
        int colon = specifier.indexOf(':');
        return colon < 0 || specifier.indexOf('/') >= 0 && specifier.indexOf('/') < colon;
    }

    /** The file a bare specifier names, or a path that does not exist (the loader then reports it). */
    Path resolve(String specifier, Path referrer) {
        int nameEnd = specifier.startsWith("@") ? specifier.indexOf('/', specifier.indexOf('/') + 1) : specifier.indexOf('/');
        String name = nameEnd < 0 ? specifier : specifier.substring(0, nameEnd);
        String subpath = nameEnd < 0 ? "." : "." + specifier.substring(nameEnd);
        Path dir = referrer != null && referrer.startsWith(root) ? referrer.getParent() : root;
        for (; dir != null && dir.startsWith(root); dir = dir.getParent()) {
            Path pkg = dir.resolve("node_modules").resolve(name);
            if (Files.isDirectory(pkg)) {
                Path resolved = resolveInPackage(pkg, subpath);
                if (resolved != null) {
                    return resolved;
                }
            }
        }
        return root.resolve("node_modules").resolve(specifier);
    }

    private Path resolveInPackage(Path pkg, String subpath) {
        JsonNode manifest = readManifest(pkg.resolve("package.json"));
        if (manifest != null && manifest.has("exports")) {
            String target = resolveExports(manifest.get("exports"), subpath);
            return target == null ? null : pkg.resolve(target).normalize();
        }
        if (!subpath.equals(".")) {
            return withExtension(pkg.resolve(subpath).normalize());
        }
        for (String field : List.of("module", "main")) {
            if (manifest != null && manifest.path(field).isTextual()) {
                Path p = withExtension(pkg.resolve(manifest.get(field).asText()).normalize());
                if (Files.isRegularFile(p)) {
                    return p;
                }
            }
        }
        return withExtension(pkg.resolve("index.js"));
    }

    /** PACKAGE_EXPORTS_RESOLVE: exact subpath, then the longest matching {@code *} pattern. */
    static String resolveExports(JsonNode exports, String subpath) {
        boolean subpathKeys = exports.isObject() && exports.fieldNames().hasNext()
                && exports.fieldNames().next().startsWith(".");
        if (!subpathKeys) {
            return subpath.equals(".") ? resolveTarget(exports, null) : null;
        }
        if (exports.has(subpath) && !subpath.contains("*")) {
            return resolveTarget(exports.get(subpath), null);
        }
        String bestKey = null;
        for (Iterator<String> it = exports.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            int star = key.indexOf('*');
            if (star < 0) {
                continue;
            }
            String prefix = key.substring(0, star);
            String suffix = key.substring(star + 1);
            if (subpath.startsWith(prefix) && subpath.endsWith(suffix) && subpath.length() >= key.length() - 1
                    && (bestKey == null || prefix.length() > bestKey.indexOf('*'))) {
                bestKey = key;
            }
        }
        if (bestKey == null) {
            return null;
        }
        int star = bestKey.indexOf('*');
        String match = subpath.substring(star, subpath.length() - (bestKey.length() - star - 1));
        return resolveTarget(exports.get(bestKey), match);
    }

    private static String resolveTarget(JsonNode target, String patternMatch) {
        if (target == null || target.isNull()) {
            return null;
        }
        if (target.isTextual()) {
            String t = target.asText();
            return patternMatch == null ? t : t.replace("*", patternMatch);
        }
        if (target.isArray()) {
            for (JsonNode alternative : target) {
                String r = resolveTarget(alternative, patternMatch);
                if (r != null) {
                    return r;
                }
            }
            return null;
        }
        if (target.isObject()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = target.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (CONDITIONS.contains(e.getKey())) {
                    String r = resolveTarget(e.getValue(), patternMatch);
                    if (r != null) {
                        return r;
                    }
                }
            }
        }
        return null;
    }

    private static Path withExtension(Path p) {
        if (Files.isRegularFile(p)) {
            return p;
        }
        for (String ext : List.of(".js", ".mjs", "/index.js", "/index.mjs")) {
            Path candidate = p.resolveSibling(p.getFileName() + ext);
            if (Files.isRegularFile(candidate)) {
                return candidate;
            }
        }
        return p;
    }

    private static JsonNode readManifest(Path file) {
        try {
            return Files.isRegularFile(file) ? Manifests.JSON.readTree(file.toFile()) : null;
        } catch (IOException e) {
            return null;
        }
    }
}
