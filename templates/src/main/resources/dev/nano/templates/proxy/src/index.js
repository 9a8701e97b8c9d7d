// A reverse proxy: forwards each request to env.UPSTREAM and streams the answer back.
// Failures become JSON errors: 504 when the upstream is too slow, 502 when it cannot be reached.

/**
 * @param {number} status
 * @param {string} error
 */
function fail(status, error) {
  return Response.json({ error }, { status });
}

/** @type {ExportedHandler<Env>} */
const worker = {
  async fetch(request, env) {
    const url = new URL(request.url);
    const target = new URL(url.pathname + url.search, env.UPSTREAM);

    const headers = new Headers(request.headers);
    headers.delete("host"); // the upstream's own host is set from the URL
    headers.set("x-forwarded-host", url.host);

    let upstream;
    try {
      upstream = await fetch(target, {
        method: request.method,
        headers,
        // Streamed through as it arrives, not read into memory first
        body: request.method === "GET" || request.method === "HEAD" ? null : request.body,
        redirect: "manual",
        signal: AbortSignal.timeout(env.TIMEOUT_MS),
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === "TimeoutError") {
        return fail(504, `${env.UPSTREAM} did not answer within ${env.TIMEOUT_MS} ms`);
      }
      console.error(`proxy: ${target}: ${error}`);
      return fail(502, `${env.UPSTREAM} could not be reached`);
    }
    // The body streams from the upstream to the client; status and headers are kept
    const response = new Response(upstream.body, upstream);
    response.headers.set("x-proxied-by", "{{name}}");
    return response;
  },
};

export default worker;
