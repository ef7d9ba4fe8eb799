/**
 * A real nginx in front of the drill's app instances, as docs/DEPLOY.md deploys it: round
 * robin over the instances, X-Forwarded-For replaced with the address nginx saw (unless the
 * test sets `trustClientForwardedFor`, so one machine can act as many clients), and a short
 * cache of the public pages (PUBLIC_PAGES below, the paths of lib/platform/public-pages.ts).
 * Runs as the current user with its own config, pid, logs and temp folders in a fresh
 * directory (`nginx -p DIR -c nginx.conf -g 'daemon off;'`), on a loopback port.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

export const NGINX_BINARY = ["/usr/sbin/nginx", "/usr/bin/nginx"].find((file) => existsSync(file)) ?? "nginx";

/** The cached public pages (lib/platform/public-pages.ts), as one nginx location. */
export const PUBLIC_PAGES = String.raw`^/($|(about|services|fees|faq|get-help|articles)$|articles/[^/]+$|articles/tags/[^/]+$)`;

export type NginxOptions = {
  port: number;
  upstreams: number[];
  /** Seconds a public page is kept by nginx (0: no cache). */
  cacheSeconds?: number;
  /** Pass the client's X-Forwarded-For through (tests only, to act as several clients). */
  trustClientForwardedFor?: boolean;
};

/** The config docs/DEPLOY.md shows, with the drill's ports and folders. */
export function nginxConfig(dir: string, options: NginxOptions): string {
  const forwardedFor = options.trustClientForwardedFor ? "$http_x_forwarded_for" : "$remote_addr";
  const cache = options.cacheSeconds ?? 1;
  // Started as root (CI containers), nginx's workers would switch to "nobody", who cannot write
  // to this fixture's private temp folder; as any other user the directive is ignored.
  const user = process.getuid?.() === 0 ? "user root;" : "";
  return `
${user}
worker_processes 1;
pid ${dir}/nginx.pid;
error_log ${dir}/error.log warn;
events { worker_connections 1024; }
http {
  access_log off;
  client_body_temp_path ${dir}/client_body;
  proxy_temp_path ${dir}/proxy;
  fastcgi_temp_path ${dir}/fastcgi;
  uwsgi_temp_path ${dir}/uwsgi;
  scgi_temp_path ${dir}/scgi;
  proxy_cache_path ${dir}/cache levels=1:2 keys_zone=public_pages:10m max_size=100m inactive=10m use_temp_path=off;
  upstream haven { ${options.upstreams.map((port) => `server 127.0.0.1:${port};`).join(" ")} keepalive 32; }
  server {
    listen 127.0.0.1:${options.port};
    client_max_body_size 4m;
    proxy_http_version 1.1;
    proxy_set_header Connection "";
    proxy_set_header Host $http_host;
    proxy_set_header X-Forwarded-For ${forwardedFor};
    proxy_set_header X-Forwarded-Proto $scheme;
    add_header X-Upstream $upstream_addr always;
    location / { proxy_pass http://haven; }
    ${
      cache > 0
        ? `location ~ "${PUBLIC_PAGES}" {
      proxy_pass http://haven;
      # Same HTML for everyone (no cookie, no per-request nonce): kept ${cache} s, so an edit
      # shows within that; one request per page refreshes it while the others get the copy.
      proxy_cache public_pages;
      proxy_cache_key "$scheme$http_host$uri$is_args$args$http_rsc$http_next_router_state_tree$http_next_router_prefetch$http_next_router_segment_prefetch";
      proxy_cache_valid 200 ${cache}s;
      proxy_ignore_headers Cache-Control Expires;
      proxy_cache_lock on;
      proxy_cache_use_stale updating error timeout;
      proxy_cache_background_update on;
      proxy_cache_methods GET HEAD;
      add_header X-Cache $upstream_cache_status always;
      add_header X-Upstream $upstream_addr always;
    }`
        : ""
    }
  }
}
`;
}

export class Nginx {
  private child: ChildProcess | undefined;
  readonly dir: string;
  output = "";

  constructor(readonly options: NginxOptions) {
    this.dir = mkdtempSync(path.join(tmpdir(), "haven-nginx-"));
  }

  get url() {
    return `http://127.0.0.1:${this.options.port}`;
  }

  async start(): Promise<void> {
    mkdirSync(path.join(this.dir, "logs"), { recursive: true });
    writeFileSync(path.join(this.dir, "nginx.conf"), nginxConfig(this.dir, this.options));
    const child = spawn(NGINX_BINARY, ["-p", this.dir, "-c", path.join(this.dir, "nginx.conf"), "-g", "daemon off;"], {
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.on("data", (chunk: Buffer) => (this.output += chunk.toString()));
    child.stderr!.on("data", (chunk: Buffer) => (this.output += chunk.toString()));
    this.child = child;
    for (let i = 0; i < 100; i++) {
      if (child.exitCode !== null) throw new Error(`nginx exited:\n${this.output}${this.errorLog()}`);
      const ok = await fetch(`${this.url}/robots.txt`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) return;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    throw new Error(`nginx did not answer:\n${this.output}${this.errorLog()}`);
  }

  errorLog(): string {
    const file = path.join(this.dir, "error.log");
    return existsSync(file) ? readFileSync(file, "utf8") : "";
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGQUIT");
      await exited;
    }
    rmSync(this.dir, { recursive: true, force: true });
  }
}
