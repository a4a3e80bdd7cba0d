/**
 * Resolves with the first SIGTERM / SIGINT; the daemon then shuts down in order. The
 * handlers stay installed afterwards: execa's exit hook (signal-exit) re-raises a signal
 * that no other listener handles, which would kill us mid-shutdown.
 */
export function untilStopSignal(onRepeat?: (signal: NodeJS.Signals) => void): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    let received: NodeJS.Signals | undefined;
    const handler = (signal: NodeJS.Signals) => {
      if (received) {
        onRepeat?.(signal);
        return;
      }
      received = signal;
      resolve(signal);
    };
    process.on('SIGTERM', handler);
    process.on('SIGINT', handler);
  });
}
