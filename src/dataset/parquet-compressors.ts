// Decompressors for parquet pages beyond the Snappy that hyparquet decodes itself: ZSTD (what pyarrow and DuckDB write
// by default), GZIP, BROTLI and LZ4, from hyparquet-compressors (the same author's maintained companion package).
import type { Compressors } from 'hyparquet';
import { compressors } from 'hyparquet-compressors';

export const PARQUET_COMPRESSORS: Compressors = compressors;
