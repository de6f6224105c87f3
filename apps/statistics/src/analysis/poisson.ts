/** ln(n!) by summing logs (n is a small count here). */
function logFactorial(n: number): number {
  let sum = 0;
  for (let i = 2; i <= n; i += 1) sum += Math.log(i);
  return sum;
}

/**
 * One-sided Poisson tail P(X ≥ observed | mean): how surprising `observed` events are when
 * `mean` were expected. Summed upward from `observed` in log space, so tiny tails do not vanish.
 */
export function poissonTail(observed: number, mean: number): number {
  if (observed <= 0) return 1;
  if (mean <= 0) return 0;
  let term = Math.exp(-mean + observed * Math.log(mean) - logFactorial(observed));
  let sum = 0;
  for (let k = observed; k < observed + 1_000; k += 1) {
    sum += term;
    term *= mean / (k + 1);
    if (term < sum * 1e-15) break;
  }
  return Math.min(1, sum);
}
