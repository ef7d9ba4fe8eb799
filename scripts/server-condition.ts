/**
 * Server modules import "server-only", which Next resolves to an empty module on the server.
 * Outside Next (scripts, Playwright's test process) Node must be told the same with the
 * "react-server" export condition. Processes that start Next itself must not inherit it:
 * Next sets up its own conditions per bundle.
 */
export const SERVER_CONDITION = "--conditions=react-server";

/** NODE_OPTIONS with the condition added (for processes that run server modules directly). */
export function withServerCondition(nodeOptions = process.env.NODE_OPTIONS ?? ""): string {
  return nodeOptions.includes(SERVER_CONDITION) ? nodeOptions : `${nodeOptions} ${SERVER_CONDITION}`.trim();
}

/** An environment for a `next` child process: the condition taken out again. */
export function forNext(env: NodeJS.ProcessEnv): NodeJS.ProcessEnv {
  const nodeOptions = (env.NODE_OPTIONS ?? "").replace(SERVER_CONDITION, "").trim();
  return { ...env, NODE_OPTIONS: nodeOptions || undefined };
}
