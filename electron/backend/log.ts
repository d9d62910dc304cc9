// A minimal logger: stack traces go here, never to the user.
export const log = {
  info: (message: string) => console.info(`[tccsd] ${message}`),
  warn: (message: string) => console.warn(`[tccsd] ${message}`),
  error: (message: string, error?: unknown) =>
    console.error(`[tccsd] ${message}`, error instanceof Error ? error.stack : (error ?? '')),
};
