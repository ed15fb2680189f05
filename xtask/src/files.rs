//! Files and folders as the build writes them: directory listings in name order (so that every output is
//! deterministic), copying a tree, reading and writing with the path in the error, and the gzip and brotli
//! compression of `dist/`'s siblings and the size tables. The bottom layer of the build: `build`, `dist`,
//! `prerender`, `size` and `bench` use it, and it uses nothing of theirs.

use std::collections::BTreeMap;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};

use sha2::{Digest, Sha384};

pub fn create_dir(dir: &Path) -> Result<(), String> {
    fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))
}

pub fn copy_file(src: &Path, dst: &Path) -> Result<(), String> {
    fs::copy(src, dst)
        .map(drop)
        .map_err(|e| format!("cannot copy {} to {}: {e}", src.display(), dst.display()))
}

pub fn read(path: &Path) -> Result<Vec<u8>, String> {
    fs::read(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

pub fn read_text(path: &Path) -> Result<String, String> {
    fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))
}

pub fn write(path: &Path, data: impl AsRef<[u8]>) -> Result<(), String> {
    fs::write(path, data).map_err(|e| format!("cannot write {}: {e}", path.display()))
}

/// Directory entries sorted by name (deterministic order).
pub fn sorted_entries(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut entries = fs::read_dir(dir)
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    entries.sort();
    Ok(entries)
}

/// Every file below `dir`, depth first, in name order.
pub fn sorted_files_deep(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    for path in sorted_entries(dir)? {
        if path.is_dir() {
            out.extend(sorted_files_deep(&path)?);
        } else {
            out.push(path);
        }
    }
    Ok(out)
}

/// Copy every file below `src` into `dst`, keeping the relative layout.
pub fn copy_tree(src: &Path, dst: &Path) -> Result<(), String> {
    create_dir(dst)?;
    for path in sorted_entries(src)? {
        let target = dst.join(path.file_name().expect("entry has a name"));
        if path.is_dir() {
            copy_tree(&path, &target)?;
        } else {
            copy_file(&path, &target)?;
        }
    }
    Ok(())
}

/// `data` gzipped at level 9, as the size tables and `dist/`'s `.gz` siblings use it.
pub fn gzip(data: &[u8]) -> Vec<u8> {
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(data).expect("writing to a Vec cannot fail");
    enc.finish().expect("writing to a Vec cannot fail")
}

/// `data` in brotli at quality 11, window 22 (the brotli CLI default), as the size tables and `dist/`'s `.br`
/// siblings use it.
pub fn brotli(data: &[u8]) -> Vec<u8> {
    let mut out = Vec::new();
    {
        let mut enc = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        enc.write_all(data).expect("writing to a Vec cannot fail");
    }
    out
}

/// Whether a file is sent compressed, and so gets `.gz` and `.br` siblings: text (pages, scripts, styles,
/// JSON, SVG, source maps) and wasm.
pub fn is_compressible(path: &Path) -> bool {
    path.extension().is_some_and(|e| {
        ["js", "wasm", "json", "html", "css", "svg", "map", "txt"]
            .iter()
            .any(|x| e == *x)
    })
}

/// `path` with `.extension` appended: `a.wasm` → `a.wasm.br`.
pub fn sibling(path: &Path, extension: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(".");
    name.push(extension);
    PathBuf::from(name)
}

/// Writes the `.gz` and `.br` siblings of `path`, which holds `data`, if it is compressible (for servers that
/// serve precompressed files: nginx `gzip_static`/`brotli_static`, Caddy `precompressed`, `cargo xtask serve`).
/// The same bytes are compressed once per run (the site and `dist/` share the data and the wasm).
pub fn write_compressed_siblings(path: &Path, data: &[u8]) -> Result<(), String> {
    if is_compressible(path) {
        let (gz, br) = &*compressed(data);
        write(&sibling(path, "gz"), gz)?;
        write(&sibling(path, "br"), br)?;
    }
    Ok(())
}

/// A file's bytes in gzip and in brotli.
type Compressed = Arc<(Vec<u8>, Vec<u8>)>;

/// `data` in gzip and brotli, from a cache keyed by its SHA-384.
fn compressed(data: &[u8]) -> Compressed {
    static DONE: Mutex<BTreeMap<Vec<u8>, Compressed>> = Mutex::new(BTreeMap::new());
    let key = Sha384::digest(data).to_vec();
    if let Some(done) = DONE.lock().expect("no panic holding the lock").get(&key) {
        return Arc::clone(done);
    }
    let done = Arc::new((gzip(data), brotli(data)));
    DONE.lock()
        .expect("no panic holding the lock")
        .insert(key, Arc::clone(&done));
    done
}

/// Writes the `.gz` and `.br` siblings of every compressible file below `dir`, on as many threads as there are
/// cores (brotli at quality 11 is the slow part of a build). Returns how many files it compressed.
pub fn precompress_tree(dir: &Path) -> Result<usize, String> {
    let files: Vec<PathBuf> = sorted_files_deep(dir)?
        .into_iter()
        .filter(|p| is_compressible(p))
        .collect();
    let next = AtomicUsize::new(0);
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                scope.spawn(|| -> Result<(), String> {
                    loop {
                        let Some(path) = files.get(next.fetch_add(1, Ordering::Relaxed)) else {
                            return Ok(());
                        };
                        write_compressed_siblings(path, &read(path)?)?;
                    }
                })
            })
            .collect();
        workers
            .into_iter()
            .try_for_each(|w| w.join().expect("a compressing thread panicked"))
    })?;
    Ok(files.len())
}

pub fn gzip_len(data: &[u8]) -> usize {
    gzip(data).len()
}

pub fn brotli_len(data: &[u8]) -> usize {
    brotli(data).len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn compressors_shrink_repetitive_data() {
        let data = b"treaty-map ".repeat(1000);
        assert!(gzip_len(&data) < data.len() / 10);
        assert!(brotli_len(&data) < data.len() / 10);
    }

    #[test]
    fn brotli_round_trips() {
        let data = b"{\"state\":\"ratified\"}".repeat(50);
        let out = brotli(&data);
        let mut back = Vec::new();
        brotli::BrotliDecompress(&mut &out[..], &mut back).unwrap();
        assert_eq!(back, data);
    }

    #[test]
    fn a_tree_is_precompressed_beside_its_text_and_wasm_files_only() {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path();
        create_dir(&d.join("data")).unwrap();
        let json = b"{\"states\":[]}".repeat(20);
        write(&d.join("data/status.json"), &json).unwrap();
        write(&d.join("page.html"), "<p>hi</p>").unwrap();
        write(&d.join("favicon.ico"), [0u8, 0, 1, 0]).unwrap();
        assert_eq!(precompress_tree(d).unwrap(), 2);
        let mut back = Vec::new();
        let br = read(&d.join("data/status.json.br")).unwrap();
        brotli::BrotliDecompress(&mut &br[..], &mut back).unwrap();
        assert_eq!(back, json);
        assert!(d.join("page.html.gz").is_file() && d.join("page.html.br").is_file());
        assert!(!d.join("favicon.ico.br").exists(), "only text and wasm");
        assert_eq!(
            sibling(Path::new("a/b.wasm"), "br"),
            Path::new("a/b.wasm.br")
        );
    }

    #[test]
    fn trees_are_listed_in_name_order_and_copied_whole() {
        let dir = tempfile::tempdir().unwrap();
        let src = dir.path().join("src");
        create_dir(&src.join("b/c")).unwrap();
        for (name, text) in [("z.txt", "z"), ("a.txt", "a"), ("b/c/d.txt", "d")] {
            write(&src.join(name), text).unwrap();
        }
        let names = |root: &Path| -> Vec<String> {
            sorted_files_deep(root)
                .unwrap()
                .iter()
                .map(|p| p.strip_prefix(root).unwrap().display().to_string())
                .collect()
        };
        assert_eq!(names(&src), ["a.txt", "b/c/d.txt", "z.txt"]);
        let dst = dir.path().join("dst");
        copy_tree(&src, &dst).unwrap();
        assert_eq!(names(&dst), names(&src));
        assert_eq!(read_text(&dst.join("b/c/d.txt")).unwrap(), "d");
        assert!(read(&dir.path().join("missing"))
            .unwrap_err()
            .starts_with("cannot read "));
    }
}
