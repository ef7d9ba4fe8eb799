/**
 * The baseline for the article benchmark: a plain node:http file server that streams one
 * file from disk for every GET, with the Content-Type and Content-Length a static server
 * would send. Run in its own process so it does not share an event loop with the load
 * generator:  tsx bench/lib/static-server.ts <port> <file>
 */
import { createReadStream, statSync } from "node:fs";
import http from "node:http";

const [port, file] = process.argv.slice(2);
if (!port || !file) throw new Error("usage: static-server.ts <port> <file>");

http
  .createServer((req, res) => {
    if (req.method !== "GET" && req.method !== "HEAD") {
      res.writeHead(405).end();
      return;
    }
    const { size } = statSync(file);
    res.writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Content-Length": size });
    if (req.method === "HEAD") res.end();
    else createReadStream(file).pipe(res);
  })
  .listen(Number(port), "127.0.0.1", () => process.send?.("ready"));
