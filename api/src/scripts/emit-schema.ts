import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildAppSchema } from '../schema';
import { printAppSchema, printConstraints } from '../schema-artifacts';

/** Writes the schema and the declared input constraints: the console's and codegen's inputs. */
async function main() {
  const dir = path.resolve(__dirname, '../../../schema');
  const schema = await buildAppSchema();
  await writeFile(path.join(dir, 'schema.graphql'), printAppSchema(schema));
  await writeFile(path.join(dir, 'constraints.json'), printConstraints());
  console.log(`wrote ${path.relative(process.cwd(), dir)}/schema.graphql and constraints.json`);
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
