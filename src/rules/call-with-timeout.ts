// Races a model call against its rule's timeout. The hook gets an AbortSignal to stop its own work; a hook that
// ignores it still cannot hold the decision past the timeout.

export type TimedOutcome<T> = { readonly status: 'answered'; readonly value: T } | { readonly status: 'failed'; readonly error: unknown } | { readonly status: 'timed-out' };

export function callWithTimeout<T>(call: (signal: AbortSignal) => Promise<T>, timeoutMs: number): Promise<TimedOutcome<T>> {
  const controller = new AbortController();
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      controller.abort(new Error(`timed out after ${timeoutMs} ms`));
      resolve({ status: 'timed-out' });
    }, timeoutMs);
    let pending: Promise<T>;
    try {
      pending = Promise.resolve(call(controller.signal));
    } catch (error) {
      pending = Promise.reject(error);
    }
    // Both handlers are attached at once, so a call that fails after its timeout is never an unhandled rejection.
    pending.then(
      (value) => {
        clearTimeout(timer);
        resolve({ status: 'answered', value });
      },
      (error: unknown) => {
        clearTimeout(timer);
        resolve({ status: 'failed', error });
      },
    );
  });
}
