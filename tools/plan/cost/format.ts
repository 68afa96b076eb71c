/**
 * Numbers as the estimate prints them: money in USD, quantities without trailing zeros. Formatted by hand:
 * `toLocaleString` loads ICU data on first use, which cost the plan about 0.1 s.
 */

/** `n` with `max` decimals at most and `min` at least, and thousands separators: `1,461`, `30.42`. */
function decimal(n: number, min: number, max: number): string {
  let text = Math.abs(n).toFixed(max);
  if (max > min) text = text.replace(new RegExp(`(\\.\\d{${min}}\\d*?)0+$`), "$1").replace(/\.$/, "");
  const [whole, fraction] = text.split(".");
  const grouped = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
  return (n < 0 && Number(text) !== 0 ? "-" : "") + grouped + (fraction === undefined ? "" : `.${fraction}`);
}

/** `$1,234.56`; prices under a dollar keep up to 3 decimals (`$0.045`). */
export function usd(n: number): string {
  const a = Math.abs(n);
  const text = decimal(a, 2, a !== 0 && a < 1 ? 3 : 2);
  return `${n < 0 && text !== "0.00" ? "-" : ""}$${text}`;
}

/** A quantity with at most 2 decimals and thousands separators: `30.42`, `1,461`. */
export function qty(n: number): string {
  return decimal(n, 0, 2);
}

/** `+$12.30` / `-$4.00`: a signed change. */
export function signedUsd(n: number): string {
  return (n >= 0 ? "+" : "") + usd(n);
}
