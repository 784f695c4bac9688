/** Lei (form value) → bani (contract); keeps fractions so the contract can refuse them with its own message. */
export const toBani = (lei: number | null | undefined) => (lei == null ? null : Math.round(lei * 100 * 1e6) / 1e6);
export const toLei = (bani: number | null | undefined) => (bani == null ? null : bani / 100);
