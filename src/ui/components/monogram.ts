/** A stable hue per outlet, so its letter tile looks the same on every surface. */
export function hue(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (h * 31 + text.charCodeAt(i)) % 360;
  return h;
}

/** The first letter or digit of a name, for its tile. */
export function initial(text: string): string {
  return (text.match(/[\p{L}\p{N}]/u)?.[0] ?? '•').toUpperCase();
}
