// What a thrown value says, for the elements' error states and events: code may throw anything
// (a string, a DOMException, an Error from another realm), and a message is shown either way.

/** The thrown value as an Error (anything that is not one is wrapped, its text as the message). */
export function toError(err: unknown): Error {
  return err instanceof Error ? err : new Error(String(err));
}

/** The message of a thrown value: an Error's message, else the value as text. */
export function errorMessage(err: unknown): string {
  return toError(err).message;
}
