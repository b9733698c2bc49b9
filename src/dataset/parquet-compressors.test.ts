import zlib from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { PARQUET_COMPRESSORS } from './parquet-compressors.js';

const page = new Uint8Array(Buffer.from('a parquet page, repeated; '.repeat(40)));

describe('PARQUET_COMPRESSORS', () => {
  it('decompresses GZIP and BROTLI pages with node:zlib', () => {
    expect(PARQUET_COMPRESSORS.GZIP!(new Uint8Array(zlib.gzipSync(page)), page.length)).toEqual(page);
    expect(PARQUET_COMPRESSORS.BROTLI!(new Uint8Array(zlib.brotliCompressSync(page)), page.length)).toEqual(page);
  });
});
