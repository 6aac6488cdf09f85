/** Builds a class instance from plain data so class-validator sees the class's declarations. */
export function plainToInstance<T extends object>(cls: new () => T, plain: Partial<T>): T {
  return Object.assign(new cls(), plain);
}
