export async function register() {
  // Fail at start-up, with every problem named, rather than on the first request.
  if (process.env.NEXT_RUNTIME === "nodejs") {
    const { env } = await import("@/lib/env");
    env();
  }
}
