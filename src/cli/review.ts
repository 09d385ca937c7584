export async function reviewCommand(argv: string[]): Promise<number> {
  void argv;
  throw new Error('review: not built yet');
}
