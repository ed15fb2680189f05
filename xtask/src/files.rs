//! Files and folders as the build writes them: directory listings in name order (so that every output is
//! deterministic), copying a tree, reading and writing with the path in the error, and the gzip and brotli
//! compression of `dist/`'s siblings and the size tables. The bottom layer of the build: `build`, `dist`,
//! `prerender`, `size` and `bench` use it, and it uses nothing of theirs.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

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
