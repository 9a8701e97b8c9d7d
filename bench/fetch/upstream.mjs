// The fetch benchmark's upstream: GET /slow answers after 200 ms, GET /fast at once (keep-alive).
import http from "node:http";
const server = http.createServer((req, res) => {
  const reply = () => { res.writeHead(200, { "content-type": "text/plain" }); res.end("ok"); };
  if (req.url.startsWith("/slow")) setTimeout(reply, 200);
  else reply();
});
server.keepAliveTimeout = 60_000;
server.listen(Number(process.argv[2] ?? 0), "127.0.0.1", () => console.log(server.address().port));
