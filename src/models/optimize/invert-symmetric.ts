/**
 * Inverse of a symmetric matrix, by Gauss–Jordan elimination with partial
 * pivoting (so indefinite matrices invert too), symmetrised at the end.
 *
 * For standard errors: the inverse of a negative log-likelihood's Hessian is
 * the asymptotic covariance of the estimates.
 *
 * @param m square symmetric matrix (not modified)
 * @returns m⁻¹
 * @throws {RangeError} when m is not square, has non-finite entries, or is singular to working precision
 */
export function invertSymmetric(m: number[][]): number[][] {
  const n = m.length;
  if (!m.every((row) => row.length === n && row.every(Number.isFinite))) {
    throw new RangeError('invertSymmetric requires a square matrix of finite numbers');
  }
  let scale = 0;
  for (const row of m) for (const v of row) scale = Math.max(scale, Math.abs(v));
  // Augmented [m | I], reduced in place.
  const a = m.map((row, i) => [...row, ...Array.from({ length: n }, (_, j) => (i === j ? 1 : 0))]);
  for (let col = 0; col < n; col++) {
    let pivotRow = col;
    for (let r = col + 1; r < n; r++) {
      if (Math.abs(a[r]![col]!) > Math.abs(a[pivotRow]![col]!)) pivotRow = r;
    }
    const pivot = a[pivotRow]![col]!;
    if (Math.abs(pivot) <= 1e-14 * scale || pivot === 0) {
      throw new RangeError('invertSymmetric requires a non-singular matrix');
    }
    [a[col], a[pivotRow]] = [a[pivotRow]!, a[col]!];
    const pivotLine = a[col]!;
    for (let k = 0; k < 2 * n; k++) pivotLine[k] = pivotLine[k]! / pivot;
    for (let r = 0; r < n; r++) {
      if (r === col) continue;
      const line = a[r]!;
      const factor = line[col]!;
      if (factor === 0) continue;
      for (let k = 0; k < 2 * n; k++) line[k] = line[k]! - factor * pivotLine[k]!;
    }
  }
  const inv = a.map((row) => row.slice(n));
  return inv.map((row, i) => row.map((v, j) => (v + inv[j]![i]!) / 2));
}

/**
 * Inverse of a symmetric positive definite matrix by Cholesky factorisation,
 * or null when the matrix is not positive definite (a pivot <= 0), so a
 * caller can test definiteness and invert in one pass.
 *
 * @param m square symmetric matrix (not modified)
 * @returns m⁻¹, or null
 */
export function invertPositiveDefinite(m: readonly (readonly number[])[]): number[][] | null {
  const n = m.length;
  // m = L Lᵀ
  const L = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let j = 0; j < n; j++) {
    let diag = m[j]![j]!;
    for (let k = 0; k < j; k++) diag -= L[j]![k]! ** 2;
    if (!(diag > 0) || !Number.isFinite(diag)) return null;
    const ljj = Math.sqrt(diag);
    L[j]![j] = ljj;
    for (let i = j + 1; i < n; i++) {
      let v = m[i]![j]!;
      for (let k = 0; k < j; k++) v -= L[i]![k]! * L[j]![k]!;
      L[i]![j] = v / ljj;
    }
  }
  // Solve L Lᵀ X = I column by column.
  const inv = Array.from({ length: n }, () => new Array<number>(n).fill(0));
  for (let c = 0; c < n; c++) {
    const y = new Array<number>(n).fill(0);
    for (let i = 0; i < n; i++) {
      let v = i === c ? 1 : 0;
      for (let k = 0; k < i; k++) v -= L[i]![k]! * y[k]!;
      y[i] = v / L[i]![i]!;
    }
    for (let i = n - 1; i >= 0; i--) {
      let v = y[i]!;
      for (let k = i + 1; k < n; k++) v -= L[k]![i]! * inv[k]![c]!;
      inv[i]![c] = v / L[i]![i]!;
    }
  }
  return inv.map((row, i) => row.map((v, j) => (v + inv[j]![i]!) / 2));
}
