package dev.nano.runtime.url;

import dev.nano.runtime.Bytes;
import dev.nano.runtime.JsError;
import dev.nano.runtime.RuntimeServices;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.Value;

/**
 * Host half of URL: reads the CommonJS files of the {@code whatwg-url} webjar and its dependencies
 * from the class path for the small loader in {@code url.js}, and UTF-8 for non-ASCII text.
 * Paths are relative to {@code META-INF/resources/webjars/}, e.g. {@code whatwg-url/14.2.0/index.js}.
 */
public final class UrlOps {
    private static final String WEBJARS = "META-INF/resources/webjars/";
    /** Parsed once per engine: the same Source object lets the engine reuse the parsed code. */
    private static final Map<String, Source> MODULES = new ConcurrentHashMap<>();

    public UrlOps(RuntimeServices services) {
        // stateless: the module sources are shared by all runtimes
    }

    /** The version of an {@code org.webjars.npm} package on the class path, or null. */
    @HostAccess.Export
    public String packageVersion(String name) {
        String text = read("META-INF/maven/org.webjars.npm/" + name + "/pom.properties");
        if (text == null) {
            return null;
        }
        Properties properties = new Properties();
        try {
            properties.load(new java.io.StringReader(text));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return properties.getProperty("version");
    }

    @HostAccess.Export
    public boolean exists(String path) {
        return !path.endsWith("/") && UrlOps.class.getClassLoader().getResource(WEBJARS + path) != null;
    }

    /** A file's text (JSON, package.json). */
    @HostAccess.Export
    public String readText(String path) {
        String text = read(WEBJARS + path);
        if (text == null) {
            throw JsError.typeError("no such module file: " + path);
        }
        return text;
    }

    /** A CommonJS module as a function {@code (exports, require, module) => void}, evaluated in the caller's context. */
    @HostAccess.Export
    public Value compileModule(String path) {
        Source source = MODULES.computeIfAbsent(path, p -> Source.newBuilder("js",
                        "(function (exports, require, module) {" + readText(p) + "\n})", "nano:webjars/" + p)
                .internal(!Boolean.getBoolean("nano.exposeInternals"))
                .buildLiteral());
        return Context.getCurrent().eval(source);
    }

    /** UTF-8 bytes of a well-formed string. */
    @HostAccess.Export
    public ByteBuffer encodeUtf8(String text) {
        return ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8));
    }

    /** UTF-8 decode without BOM handling; malformed sequences become U+FFFD. */
    @HostAccess.Export
    public String decodeUtf8(Value bytes) {
        return Bytes.utf8DecodeWithoutBom(Bytes.copy(bytes));
    }

    private static String read(String resource) {
        try (InputStream in = UrlOps.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
