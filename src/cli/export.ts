export async function exportCommand(argv: string[]): Promise<number> {
  void argv;
  throw new Error('export: not built yet');
}
