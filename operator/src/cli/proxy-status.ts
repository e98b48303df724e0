// switchyard proxy-status: placeholder until the operator lands.

export async function run(): Promise<number> {
  process.stderr.write('switchyard proxy-status: not yet: arrives with the operator\n');
  return 2;
}
