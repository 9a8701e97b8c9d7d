package dev.nano.devserver;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * The project's {@code [assets] directory} in front of the worker, as wrangler serves it: a path
 * naming a file there is answered from disk, everything else goes to the worker. A request bearing
 * {@link #BINDING_HEADER} with the session's token comes from the worker's own {@code env.ASSETS}
 * binding: it is answered from the directory only (404 when there is no such file), never sent
 * back to the worker.
 */
final class AssetsHandler extends Handler.Wrapper {
    static final String BINDING_HEADER = "x-nano-assets-binding";

    private final Supplier<StaticAssets> assetsNow;
    private final String bindingToken;

    /** {@code assetsNow} gives the directory to serve now (a reload may change it), or null for none. */
    AssetsHandler(Handler next, Supplier<StaticAssets> assetsNow, String bindingToken) {
        super(next);
        this.assetsNow = assetsNow;
        this.bindingToken = bindingToken;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        StaticAssets assets = assetsNow.get();
        String binding = request.getHeaders().get(BINDING_HEADER);
        if (binding != null && binding.equals(bindingToken)) {
            if (assets == null || !assets.handle(request, response, callback)) {
                response.setStatus(404);
                response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/plain;charset=UTF-8");
                response.write(true, ByteBuffer.wrap("Not Found\n".getBytes(StandardCharsets.UTF_8)), callback);
            }
            return true;
        }
        return (assets != null && assets.handle(request, response, callback)) || super.handle(request, response, callback);
    }
}
