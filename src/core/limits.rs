//! Limits on what the loaders accept. Above them an input gets a clear message instead of exhausting the
//! visitor's memory or freezing the page. The committed data is far below every limit: `world.geo.json` is
//! about 270 KB with 16,000 positions, the largest feature under 1,400.

/// The largest geometry file read; a bigger one is an error naming both sizes.
pub const MAX_GEOMETRY_BYTES: usize = 16 * 1024 * 1024;

/// The largest status, regions or host content file read.
pub const MAX_TABLE_BYTES: usize = 4 * 1024 * 1024;

/// The most positions one feature may have; a feature with more is skipped with a diagnostic.
pub const MAX_FEATURE_POSITIONS: usize = 200_000;

/// The most positions drawn in all; features beyond this are skipped, with one diagnostic counting them.
pub const MAX_TOTAL_POSITIONS: usize = 1_000_000;

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
