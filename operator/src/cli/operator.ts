// switchyard operator: placeholder until the operator lands.

export async function run(): Promise<number> {
  process.stderr.write('switchyard operator: not yet: arrives with the operator\n');
  return 2;
}
