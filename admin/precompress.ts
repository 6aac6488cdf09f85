import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';
import type { Plugin } from 'vite';

const brotli = promisify(brotliCompress);
const gz = promisify(gzip);

/** What the API negotiates (api/src/server/console-assets.ts): the hashed files under assets/. */
const COMPRESSIBLE = /^assets\/.+\.(js|css|json|svg|html|txt)$/;
/** Below this, headers outweigh what compression saves. */
const MIN_BYTES = 1024;

/**
 * Writes `<file>.br` (brotli, best quality) and `<file>.gz` (gzip, best level) next to each
 * built asset, once at build time: the API sends them as they are, nothing is compressed per
 * request. A variant no smaller than its file is not written.
 */
export function precompress(): Plugin {
  return {
    name: 'switchboard:precompress',
    apply: 'build',
    async writeBundle(options, bundle) {
      const dir = options.dir!;
      const files = Object.values(bundle).filter((f) => COMPRESSIBLE.test(f.fileName));
      await Promise.all(
        files.map(async (f) => {
          const content = Buffer.from(f.type === 'chunk' ? f.code : f.source);
          if (content.length < MIN_BYTES) return;
          const variants = await Promise.all([
            brotli(content, {
              params: {
                [constants.BROTLI_PARAM_QUALITY]: constants.BROTLI_MAX_QUALITY,
                [constants.BROTLI_PARAM_MODE]: constants.BROTLI_MODE_TEXT,
                [constants.BROTLI_PARAM_SIZE_HINT]: content.length,
              },
            }).then((data) => ['br', data] as const),
            gz(content, { level: constants.Z_BEST_COMPRESSION }).then((data) => ['gz', data] as const),
          ]);
          for (const [ext, data] of variants) {
            if (data.length < content.length) await writeFile(path.join(dir, `${f.fileName}.${ext}`), data);
          }
        }),
      );
    },
  };
}
