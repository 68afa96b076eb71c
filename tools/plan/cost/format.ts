/** Numbers as the estimate prints them: money in USD, quantities without trailing zeros. */

/** `$1,234.56`; prices under a dollar keep up to 3 decimals (`$0.045`). */
export function usd(n: number): string {
  const sign = n < 0 ? "-" : "";
  const a = Math.abs(n);
  const digits = a !== 0 && a < 1 ? 3 : 2;
  const text = a.toLocaleString("en-US", { minimumFractionDigits: a < 1 && a !== 0 ? 2 : 2, maximumFractionDigits: digits });
  return `${sign}$${text}`;
}

/** A quantity with at most 2 decimals and thousands separators: `30.42`, `1,461`. */
export function qty(n: number): string {
  return n.toLocaleString("en-US", { maximumFractionDigits: 2 });
}

/** `+$12.30` / `-$4.00`: a signed change. */
export function signedUsd(n: number): string {
  return (n >= 0 ? "+" : "") + usd(n);
}
