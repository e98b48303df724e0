/**
 * A US social security number the SSA could have issued: area 001-899 except 666, group 01-99,
 * serial 0001-9999 (SSA randomisation rules, 2011).
 */
export function isValidSsn(area: string, group: string, serial: string): boolean {
  if (area.length !== 3 || group.length !== 2 || serial.length !== 4) return false;
  if (area === '000' || area === '666' || area.startsWith('9')) return false;
  return group !== '00' && serial !== '0000';
}
