/** What went wrong, as one line of text for a report or a notice: an Error's message, else the thrown value itself. */
export function errorMessage(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
