// A small router: routes like "/items/:id" matched in order; no dependencies.

/**
 * @typedef {(request: Request, env: Env, params: Record<string, string>) => Response | Promise<Response>} Handler
 */

/** An error a handler throws to answer with a status and a JSON message. */
export class HttpError extends Error {
  /**
   * @param {number} status
   * @param {string} message
   */
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

export class Router {
  /** @type {{ method: string, pattern: RegExp, keys: string[], handler: Handler }[]} */
  #routes = [];

  /**
   * @param {string} method "GET", "POST", ... or "*" for any
   * @param {string} path e.g. "/items/:id"
   * @param {Handler} handler
   */
  on(method, path, handler) {
    /** @type {string[]} */
    const keys = [];
    const source = path
      .split("/")
      .map((part) => {
        if (part.startsWith(":")) {
          keys.push(part.slice(1));
          return "([^/]+)";
        }
        return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
      })
      .join("/");
    this.#routes.push({ method, pattern: new RegExp(`^${source}/?$`), keys, handler });
    return this;
  }

  /** @param {string} path @param {Handler} handler */
  get(path, handler) {
    return this.on("GET", path, handler);
  }

  /** @param {string} path @param {Handler} handler */
  post(path, handler) {
    return this.on("POST", path, handler);
  }

  /** @param {string} path @param {Handler} handler */
  delete(path, handler) {
    return this.on("DELETE", path, handler);
  }

  /**
   * Answers with the first route that matches; 404 when no path matches, 405 when the path
   * matches with another method; an error becomes a JSON answer with its status.
   * @param {Request} request
   * @param {Env} env
   * @returns {Promise<Response>}
   */
  async handle(request, env) {
    const { pathname } = new URL(request.url);
    let pathMatched = false;
    try {
      for (const route of this.#routes) {
        const match = route.pattern.exec(pathname);
        if (!match) continue;
        pathMatched = true;
        if (route.method !== "*" && route.method !== request.method) continue;
        /** @type {Record<string, string>} */
        const params = {};
        route.keys.forEach((key, i) => (params[key] = decodeURIComponent(match[i + 1])));
        return await route.handler(request, env, params);
      }
      throw pathMatched ? new HttpError(405, `${request.method} is not allowed on ${pathname}`)
        : new HttpError(404, `No route for ${pathname}`);
    } catch (error) {
      if (error instanceof HttpError) {
        return Response.json({ error: error.message }, { status: error.status });
      }
      console.error(error);
      return Response.json({ error: "Internal error" }, { status: 500 });
    }
  }
}
