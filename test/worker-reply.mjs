/**
 * The reply of a test's worker thread (test/cli/host.mjs, test/logs/log-fuzz-worker.mjs) to a caller
 * that waits on `done` with Atomics.wait: post the message, then wake it. A failure outside the
 * worker's handler (an uncaught exception, an unhandled rejection) is answered as a crash, so it
 * still wakes the caller. Plain JavaScript: worker threads do not go through vitest's transform.
 */
export function replier(port, done) {
  const flag = new Int32Array(done);
  const answer = (m) => {
    port.postMessage(m);
    Atomics.store(flag, 0, 1);
    Atomics.notify(flag, 0);
  };
  process.on('uncaughtException', (e) => answer({ crash: String(e?.stack ?? e) }));
  process.on('unhandledRejection', (e) => answer({ crash: String(e?.stack ?? e) }));
  return answer;
}
