//! Limits on what the loaders accept. Above them an input gets a clear message instead of exhausting the
//! visitor's memory or freezing the page. The committed data is far below every limit: `world.geo.json` is
//! about 270 KB with 16,000 positions, the largest feature under 1,400.

/// The largest geometry file read; a bigger one is an error naming both sizes.
pub const MAX_GEOMETRY_BYTES: usize = 16 * 1024 * 1024;

/// The largest status, regions, names or host content file read: fifty times the shipped status table. Such
/// a file is parsed in one task (JSON cannot be parsed in parts here); at 2 MiB that task stays under 50 ms
/// on the machine of bench/RESULTS.md (4 MiB took 66 ms).
pub const MAX_TABLE_BYTES: usize = 2 * 1024 * 1024;

/// The most positions one feature may have; a feature with more is skipped with a diagnostic.
pub const MAX_FEATURE_POSITIONS: usize = 200_000;

/// The most positions drawn in all; features beyond this are skipped, with one diagnostic counting them. The
/// browser parses and lays out every position of the map in the frame that first shows it: this many take
/// about 50 ms on the machine of bench/RESULTS.md (the 1:50m world has about 100,000).
pub const MAX_TOTAL_POSITIONS: usize = 500_000;

/// The most features read from a geometry file; the rest are skipped unread, with one diagnostic counting
/// them. The world has about 250.
pub const MAX_FEATURES: usize = 1_000;

/// The most states and territories (features with a code) a map draws, each a shape, perhaps a dot, and a row
/// of the table; features with a code beyond them are skipped, with one diagnostic counting them.
pub const MAX_SHAPES: usize = 500;

/// Bytes of GeoJSON text counted as one position when charging a feature's reading to a slice of work: a
/// position such as `[-12.3456,67.891],` is about this long. A feature that is skipped (bad, a duplicate, over
/// a limit) was read all the same, and costs its length.
pub const BYTES_PER_POSITION: usize = 16;

/// The longest single text (a name, a summary paragraph, an alert title, a source line) accepted, in bytes;
/// a longer one is skipped with a diagnostic.
pub const MAX_TEXT_BYTES: usize = 16 * 1024;

/// The longest URL accepted, in bytes.
pub const MAX_URL_BYTES: usize = 2048;

/// How many diagnostics of one file are listed; the rest are counted in one line.
pub const MAX_DIAGNOSTICS_PER_FILE: usize = 50;

/// How long one diagnostic message may be, in characters.
pub const MAX_MESSAGE_CHARS: usize = 300;

/// The largest |longitude| or |latitude| accepted is 180° or 90°; anything else is out of range. JSON cannot
/// carry NaN or infinity, and a number too large for an `f64` (such as `1e400`) makes the file invalid JSON.
pub const MAX_LON_DEG: f64 = 180.0;
pub const MAX_LAT_DEG: f64 = 90.0;
