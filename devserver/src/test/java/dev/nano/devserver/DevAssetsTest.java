package dev.nano.devserver;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code [assets] directory} in {@code nano dev}: files before the worker, and {@code env.ASSETS} from it. */
class DevAssetsTest {
    @TempDir
    Path dir;

    @Test
    void asset_paths_are_served_from_disk_everything_else_by_the_worker_and_env_assets_reaches_the_files() throws Exception {
        try (DevProject p = DevProject.start(dir, Map.of(
                "wrangler.toml", "main = \"src/index.js\"\n[assets]\ndirectory = \"./public\"\nbinding = \"ASSETS\"\n",
                "public/index.html", "<h1>home</h1>",
                "public/style.css", "body{}",
                "src/index.js", """
                        export default {
                          async fetch(request, env) {
                            const url = new URL(request.url);
                            if (url.pathname === "/through-binding") {
                              const r = await env.ASSETS.fetch(new URL("/style.css", request.url));
                              return new Response(r.status + " " + r.headers.get("content-type") + " " + await r.text());
                            }
                            if (url.pathname === "/missing-through-binding") {
                              return new Response(String((await env.ASSETS.fetch(new URL("/nope.txt", request.url))).status));
                            }
                            return new Response("worker " + url.pathname);
                          },
                        };
                        """))) {
            HttpResponse<String> home = p.get("/");
            assertThat(home.body()).isEqualTo("<h1>home</h1>");
            assertThat(home.headers().firstValue("content-type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/html"));
            assertThat(home.headers().firstValue("etag")).isPresent();
            assertThat(p.get("/style.css").body()).isEqualTo("body{}");
            assertThat(p.get("/api/x").body()).isEqualTo("worker /api/x");
            assertThat(p.get("/through-binding").body()).isEqualTo("200 text/css; charset=utf-8 body{}");
            // The binding reaches the assets only: a missing file is a 404, not the worker's answer.
            assertThat(p.get("/missing-through-binding").body()).isEqualTo("404");
        }
    }
}
