/**
 * Minimums below which a purchase model's numbers would be noise. Tenure says which one was missed rather
 * than returning figures.
 */
export const minimums = { customers: 30, repeatCustomers: 10, calibrationUnits: 4 } as const;

export function checkEnoughData(facts: { customers: number; repeatCustomers: number; calibrationUnits: number; unit: string }): void {
  const problems: string[] = [];
  if (facts.customers < minimums.customers) problems.push(`${facts.customers} customers had purchased by the calibration end; at least ${minimums.customers} are needed`);
  if (facts.repeatCustomers < minimums.repeatCustomers) problems.push(`${facts.repeatCustomers} of them purchased again; at least ${minimums.repeatCustomers} repeat customers are needed`);
  if (facts.calibrationUnits < minimums.calibrationUnits) {
    problems.push(`the calibration period spans ${facts.calibrationUnits.toFixed(1)} ${facts.unit}s; at least ${minimums.calibrationUnits} are needed`);
  }
  if (problems.length > 0) throw new Error(`too little data to fit a purchase model: ${problems.join('; ')}`);
}
