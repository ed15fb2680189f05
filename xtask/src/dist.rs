//! `dist/`: the files a site deploys. Code under content-hashed names (cached forever, replaced by name), the
//! data and pre-renders under stable names (a site may replace the data with its own), a `.gz` and a `.br`
//! sibling of every text and wasm file, `snippet.html` (the embed code with Subresource Integrity hashes) and
//! `example.html` (a page using the snippet under a strict Content Security Policy).
//!
//! ```text
//! treaty_map_bg.<hash>.wasm   the widget
//! treaty_map.<hash>.js        wasm-bindgen's glue, minified; finds the wasm by its hashed name
//! treaty_map.<hash>.map       its source map (named by its own hash)
//! treaty-map.<hash>.js        the loader, minified; imports the glue by its hashed name
//! treaty-map.<hash>.map       its source map
//! treaty-map.<hash>.css       the widget's stylesheet, which the pre-renders link to (with its SRI hash)
//! treaty_map_words-<lang>.<hash>.txt  the words of fr, es and ar, which the wasm fetches (one hash for all)
//! data/*.json                 status, geometry, regions (stable names)
//! prerender/<region>.<lang>.html
//! snippet.html, example.html
//! ```

use std::fs;
use std::path::Path;

use base64::Engine as _;
use sha2::{Digest, Sha384};

use crate::files::{
    self, create_dir, is_compressible, read, read_text, sibling, sorted_entries, sorted_files_deep,
};
use crate::prerender::STYLESHEET;
use crate::tools::{self, cmd, run};

/// The strict policy the example page declares: everything from the site itself only, no inline script or
/// style, no eval (WebAssembly compilation allowed), and Trusted Types for every script sink.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
img-src 'self' data: blob:; connect-src 'self'; require-trusted-types-for 'script'; object-src 'none'; \
base-uri 'none'";

/// The region and language of the example page's map.
const EXAMPLE_REGION: &str = "americas";
const EXAMPLE_LANG: &str = "en";

/// The code files after hashing: their names in `dist/` and their SRI hashes.
#[derive(Debug, Clone, PartialEq)]
pub struct Bundle {
    pub loader: String,
    pub loader_sri: String,
    pub glue: String,
    pub glue_sri: String,
    pub wasm: String,
    pub css: String,
    pub css_sri: String,
    /// The words files' names, with `*` for the language's code (`treaty_map_words-*.<hash>.txt`).
    pub words: String,
}

/// The glue and the loader before minification (the loader stamped with its build), and the words files: `dist/`
/// rewrites the names in the scripts, then minifies them, so that their source maps match what ships.
pub struct Sources<'a> {
    pub glue: &'a str,
    pub loader: &'a str,
    /// The words files of the languages the wasm does not carry (`build::words_files`): code and text.
    pub words: &'a [(&'static str, String)],
}

/// The words files' stem: `treaty_map_words-fr.txt` in the site's `pkg/`, `treaty_map_words-fr.<hash>.txt` here.
pub const WORDS_STEM: &str = "treaty_map_words";

/// A minifier: source and file name in, code and source map out (`build::minify`, esbuild).
pub type Minify<'a> = &'a dyn Fn(&str, &str) -> Result<Minified, String>;

/// Writes `dist` from the built site (`site/pkg/treaty_map_bg.wasm`, `site/data/*.json` and
/// `site/prerender/*.html`; the example page takes its map from the last) and the scripts' `sources`, which it
/// rewrites and minifies with `minify`. Wipes `dist` first.
pub fn write(
    site: &Path,
    dist: &Path,
    sources: &Sources,
    minify: Minify,
) -> Result<Bundle, String> {
    if dist.exists() {
        fs::remove_dir_all(dist).map_err(|e| format!("cannot wipe {}: {e}", dist.display()))?;
    }
    fs::create_dir_all(dist).map_err(|e| format!("cannot create {}: {e}", dist.display()))?;

    let wasm = read(&site.join("pkg/treaty_map_bg.wasm"))?;
    let css = read(&site.join(STYLESHEET))?;
    let prerender = rewrite_prerender(
        &read_text(
            &site
                .join("prerender")
                .join(format!("{EXAMPLE_REGION}.{EXAMPLE_LANG}.html")),
        )?,
        &hashed_css(&css),
    )?;
    // The files written are the texts that were hashed.
    let (bundle, scripts) = rewrite_and_hash(&wasm, sources, &css, minify)?;
    put(dist, &bundle.wasm, &wasm)?;
    for (name, text) in &scripts {
        put(dist, name, text.as_bytes())?;
    }
    put(dist, &bundle.css, &css)?;
    for folder in ["data", "prerender"] {
        let src = site.join(folder);
        if !src.is_dir() {
            continue;
        }
        // The site's own `.gz`/`.br` siblings are left behind: `dist/` gets its own, of the files it holds.
        let originals = sorted_entries(&src)?
            .into_iter()
            .filter(|p| p.is_file() && !is_compressed_sibling(p));
        for path in originals {
            let name = path.file_name().expect("a file has a name");
            let mut bytes = read(&path)?;
            if folder == "prerender" {
                let text =
                    String::from_utf8(bytes).map_err(|e| format!("{}: {e}", path.display()))?;
                bytes = rewrite_prerender(&text, &hashed_css(&css))?.into_bytes();
            }
            put(&dist.join(folder), &name.to_string_lossy(), &bytes)?;
        }
    }
    put(dist, "snippet.html", snippet(&bundle).as_bytes())?;
    put(
        dist,
        "example.html",
        example(&bundle, &prerender).as_bytes(),
    )?;
    files::precompress_tree(dist)?;
    Ok(bundle)
}

/// Names and hashes the code, and returns the bundle with the files to write: the glue and the loader as
/// rewritten to refer to the hashed names, minified, and their source maps. The wasm's name goes into the glue
/// and the glue's into the loader before they are minified and hashed, so a change anywhere renames everything
/// that refers to it, and the maps describe the files as shipped. A map is named by its own hash.
fn rewrite_and_hash(
    wasm: &[u8],
    sources: &Sources,
    css: &[u8],
    minify: Minify,
) -> Result<(Bundle, Vec<(String, String)>), String> {
    let mut scripts = Vec::new();
    let mut minified = |stem: &str, source: &str| -> Result<(String, String), String> {
        let out = minify(source, &format!("{stem}.js"))?;
        let map_name = format!("{stem}.{}.map", hash8(out.map.as_bytes()));
        let code = with_source_map(&out.code, &map_name);
        let name = format!("{stem}.{}.js", hash8(code.as_bytes()));
        scripts.push((map_name, out.map));
        scripts.push((name.clone(), code.clone()));
        Ok((name, code))
    };
    let wasm_name = format!("treaty_map_bg.{}.wasm", hash8(wasm));
    let (glue_name, glue) = minified("treaty_map", &rewrite_glue(sources.glue, &wasm_name)?)?;
    // One hash names the words files of every language: the loader names them all with one pattern.
    let all_words: Vec<String> = sources
        .words
        .iter()
        .map(|(code, text)| format!("{code}\n{text}"))
        .collect();
    let words = format!(
        "{WORDS_STEM}-*.{}.txt",
        hash8(all_words.concat().as_bytes())
    );
    let (css, css_sri) = hashed_css(css);
    let (loader_name, loader) = minified(
        "treaty-map",
        &rewrite_loader(sources.loader, &glue_name, &words, &css)?,
    )?;
    for (code, text) in sources.words {
        scripts.push((words.replace('*', code), text.clone()));
    }
    let bundle = Bundle {
        loader: loader_name,
        loader_sri: sri(loader.as_bytes()),
        glue: glue_name,
        glue_sri: sri(glue.as_bytes()),
        wasm: wasm_name,
        css,
        css_sri,
        words,
    };
    Ok((bundle, scripts))
}

/// A script as esbuild minified it, and its source map (JSON).
#[derive(Debug, Clone, PartialEq)]
pub struct Minified {
    pub code: String,
    pub map: String,
}

/// Minifies the ES module `source` with esbuild from npm (`node_modules/.bin/esbuild`: whitespace, syntax and
/// local names; imports, exports and property names are kept). The source map lists the script as
/// `source/<name>` with its text inside (`sourcesContent`), so devtools show the original without fetching it.
/// The code has no `sourceMappingURL` comment: [`with_source_map`] adds it once the map's name is known.
pub fn minify(source: &str, name: &str) -> Result<Minified, String> {
    let dir = tools::target_dir().join("minify").join(name);
    if dir.exists() {
        fs::remove_dir_all(&dir).map_err(|e| format!("cannot wipe {}: {e}", dir.display()))?;
    }
    let input = dir.join("source").join(name);
    create_dir(input.parent().expect("a file has a folder"))?;
    files::write(&input, source)?;
    let output = dir.join(name);
    run(cmd(tools::esbuild())
        .arg(&input)
        .args([
            "--minify",
            "--format=esm",
            "--sourcemap=external",
            "--sources-content=true",
            "--log-level=warning",
        ])
        .arg(format!("--outfile={}", output.display())))?;
    Ok(Minified {
        code: files::read_text(&output)?,
        map: files::read_text(&files::sibling(&output, "map"))?,
    })
}

/// The minified code with the comment that points devtools to its map, `map_name` (relative to the script).
pub fn with_source_map(code: &str, map_name: &str) -> String {
    format!("{}\n//# sourceMappingURL={map_name}\n", code.trim_end())
}

/// The stylesheet's name in `dist/` and its SRI hash.
fn hashed_css(css: &[u8]) -> (String, String) {
    (format!("treaty-map.{}.css", hash8(css)), sri(css))
}

/// A pre-render links to `treaty-map.css`; in `dist/` it links to the hashed file, with its integrity hash.
pub fn rewrite_prerender(
    prerender: &str,
    (css, css_sri): &(String, String),
) -> Result<String, String> {
    replace_once(
        prerender,
        &format!("<link rel=\"stylesheet\" href=\"{STYLESHEET}\">"),
        &format!("<link rel=\"stylesheet\" href=\"{css}\" integrity=\"{css_sri}\" crossorigin=\"anonymous\">"),
        "a pre-render",
    )
}

/// The first eight hex digits of the content's SHA-384: enough to tell versions apart.
pub fn hash8(data: &[u8]) -> String {
    Sha384::digest(data)
        .iter()
        .take(4)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// A Subresource Integrity value: `sha384-` and the base64 of the content's SHA-384 (W3C SRI, section 3.1).
pub fn sri(data: &[u8]) -> String {
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(Sha384::digest(data))
    )
}

/// The glue locates the wasm with `new URL('treaty_map_bg.wasm', import.meta.url)`; point it at `wasm_name`.
pub fn rewrite_glue(glue: &str, wasm_name: &str) -> Result<String, String> {
    replace_once(
        glue,
        "'treaty_map_bg.wasm'",
        &format!("'{wasm_name}'"),
        "the glue",
    )
}

/// The loader imports the glue from `./pkg/treaty_map.js`, names the words files `./pkg/treaty_map_words-*.txt` and
/// fetches the stylesheet `./treaty-map.css`; in `dist/` they sit beside the loader, the glue as `glue_name`, the
/// words as `words`, the stylesheet as `css`.
pub fn rewrite_loader(
    loader: &str,
    glue_name: &str,
    words: &str,
    css: &str,
) -> Result<String, String> {
    let mut loader = loader.to_owned();
    for (from, to) in [
        ("./pkg/treaty_map.js".to_owned(), glue_name),
        (format!("./pkg/{WORDS_STEM}-*.txt"), words),
        (format!("./{STYLESHEET}"), css),
    ] {
        loader = replace_once(
            &loader,
            &format!("\"{from}\""),
            &format!("\"./{to}\""),
            "the loader",
        )?;
    }
    Ok(loader)
}

/// Replaces the one occurrence of `from`; none or several is an error, so a change in wasm-bindgen's output
/// or in the loader fails the build instead of shipping a bundle that loads the wrong file.
fn replace_once(text: &str, from: &str, to: &str, what: &str) -> Result<String, String> {
    match text.matches(from).count() {
        1 => Ok(text.replacen(from, to, 1)),
        n => Err(format!(
            "{what} should refer to {from} exactly once, found {n} times"
        )),
    }
}

/// The tags a page puts in its `<head>` once: preload the glue with its integrity hash (a module's static
/// imports cannot carry one), then the loader. The wasm is not preloaded: the integrity-checked glue fetches it
/// by its hashed name, after the first paint where a map is pre-rendered (README, "Deploying").
fn head(bundle: &Bundle) -> String {
    format!(
        "<link rel=\"modulepreload\" href=\"{glue}\" integrity=\"{glue_sri}\" crossorigin=\"anonymous\">\n\
         <script type=\"module\" src=\"{loader}\" integrity=\"{loader_sri}\" crossorigin=\"anonymous\"></script>\n",
        glue = bundle.glue,
        glue_sri = bundle.glue_sri,
        loader = bundle.loader,
        loader_sri = bundle.loader_sri,
    )
}

/// The embed code: the head tags, then one element per map.
pub fn snippet(bundle: &Bundle) -> String {
    format!(
        "<!-- treaty-map: once per page, in <head>. Paths are relative to where dist/ is served; adjust them. -->\n\
         {head}\
         <!-- Wherever a map goes: -->\n\
         <div data-treaty-map data-region=\"{EXAMPLE_REGION}\"></div>\n",
        head = head(bundle),
    )
}

/// A page that uses the snippet under the strict policy, with the pre-render in place, served from `dist/`. It
/// preloads the stylesheet the pre-render links to, so that the map is styled at first paint. It has a
/// description, and an empty icon (`data:`, which the policy allows) so that no browser asks the site for a
/// `/favicon.ico` that `dist/` does not have.
pub fn example(bundle: &Bundle, prerender: &str) -> String {
    format!(
        "<!doctype html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"{CSP}\">\n\
         <title>treaty-map: example page</title>\n\
         <meta name=\"description\" content=\"An example page embedding the treaty-map widget: the status of the states of the Americas under the UN Convention against Torture and its Optional Protocol.\">\n\
         <link rel=\"icon\" href=\"data:,\">\n\
         <link rel=\"preload\" href=\"{css}\" as=\"style\" integrity=\"{css_sri}\" crossorigin=\"anonymous\">\n\
         {head}\
         </head>\n<body>\n\
         <h1>Treaty status in the Americas</h1>\n\
         <p>This page embeds the widget from this folder with the snippet in <code>snippet.html</code>, under the policy \
         <code>{CSP}</code>. The map below is pre-rendered: it shows before the WebAssembly loads, and without JavaScript.</p>\n\
         <div id=\"map\" data-treaty-map data-region=\"{EXAMPLE_REGION}\" data-lang=\"{EXAMPLE_LANG}\">{prerender}</div>\n\
         </body>\n</html>\n",
        head = head(bundle),
        css = bundle.css,
        css_sri = bundle.css_sri,
    )
}

fn is_compressed_sibling(path: &Path) -> bool {
    path.extension().is_some_and(|e| e == "gz" || e == "br")
}

/// The listing `cargo xtask build` prints: every file of `dist/` but the compressed siblings, with its raw,
/// gzip and brotli sizes in bytes (the sizes of its `.gz` and `.br` siblings, which `write` has made).
pub fn listing(dist: &Path) -> Result<String, String> {
    let size = |path: &Path| {
        fs::metadata(path)
            .map(|m| m.len() as usize)
            .map_err(|e| format!("cannot read {}: {e}", path.display()))
    };
    let rows = sorted_files_deep(dist)?
        .into_iter()
        .filter(|p| !is_compressed_sibling(p))
        .map(|path| {
            let raw = size(&path)?;
            let name = path
                .strip_prefix(dist)
                .unwrap_or(&path)
                .display()
                .to_string();
            let (gz, br) = if is_compressible(&path) {
                (size(&sibling(&path, "gz"))?, size(&sibling(&path, "br"))?)
            } else {
                (raw, raw)
            };
            Ok((name, raw, gz, br))
        })
        .collect::<Result<Vec<_>, String>>()?;
    let width = rows.iter().map(|r| r.0.len()).max().unwrap_or(4).max(4);
    let mut out = format!(
        "{:<width$}  {:>10}  {:>10}  {:>10}\n{}\n",
        "dist/",
        "raw",
        "gzip",
        "brotli",
        "-".repeat(width + 36)
    );
    for (name, raw, gz, br) in &rows {
        out.push_str(&format!("{name:<width$}  {raw:>10}  {gz:>10}  {br:>10}\n"));
    }
    Ok(out)
}

/// Writes `dir/name` (its `.gz` and `.br` siblings, for servers that serve precompressed files, are written
/// for all files at the end of [`write`]).
fn put(dir: &Path, name: &str, data: &[u8]) -> Result<(), String> {
    create_dir(dir)?;
    files::write(&dir.join(name), data)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A stand-in for esbuild: joins the lines, and gives a map that names the script.
    fn join_lines(source: &str, name: &str) -> Result<Minified, String> {
        Ok(Minified {
            code: source.replace('\n', " "),
            map: format!("{{\"version\":3,\"sources\":[\"source/{name}\"]}}"),
        })
    }

    fn hash_scripts(
        wasm: &[u8],
        glue: &str,
        loader: &str,
    ) -> Result<(Bundle, Vec<(String, String)>), String> {
        let words = words();
        let sources = Sources {
            glue,
            loader,
            words: &words,
        };
        rewrite_and_hash(wasm, &sources, b".tm-root {}", &join_lines)
    }

    fn hash_bundle(wasm: &[u8], glue: &str, loader: &str) -> Result<Bundle, String> {
        hash_scripts(wasm, glue, loader).map(|(bundle, _)| bundle)
    }

    const GLUE: &str =
        "export default init;\nmodule_or_path = new URL('treaty_map_bg.wasm', import.meta.url);\n";
    const LOADER: &str = "import init, { mount } from \"./pkg/treaty_map.js\";\nconst STYLES = \"./treaty-map.css\";\nconst WORDS = \"./pkg/treaty_map_words-*.txt\";\nawait init();\n";

    fn words() -> Vec<(&'static str, String)> {
        vec![("fr", "mots\n".to_owned()), ("ar", "كلمات\n".to_owned())]
    }

    #[test]
    fn sri_is_sha384_in_base64() {
        // The value the SRI specification's example computes for `alert('Hello, world.');`.
        assert_eq!(
            sri(b"alert('Hello, world.');"),
            "sha384-H8BRh8j48O9oYatfu5AZzq6A9RINhZO5H16dQZngK7T62em8MUt1FLm52t+eX6xO"
        );
        assert_eq!(hash8(b"abc"), "cb00753f");
    }

    #[test]
    fn names_follow_content_and_references_follow_names() {
        let first = hash_bundle(b"wasm v1", GLUE, LOADER).unwrap();
        let again = hash_bundle(b"wasm v1", GLUE, LOADER).unwrap();
        assert_eq!(first, again, "the same input gives the same names");
        let second = hash_bundle(b"wasm v2", GLUE, LOADER).unwrap();
        // A new wasm renames the wasm, and so the glue that names it, and so the loader that names the glue.
        assert_ne!(first.wasm, second.wasm);
        assert_ne!(first.glue, second.glue);
        assert_ne!(first.loader, second.loader);
        assert!(first.wasm.starts_with("treaty_map_bg.") && first.wasm.ends_with(".wasm"));
        assert_eq!(first.glue.len(), "treaty_map.12345678.js".len());
        // The files are the rewritten sources, minified, each pointing to its map, which is named by its hash.
        let (_, scripts) = hash_scripts(b"wasm v1", GLUE, LOADER).unwrap();
        let file = |name: &str| &scripts.iter().find(|(n, _)| n == name).unwrap().1;
        let glue = file(&first.glue);
        assert!(glue.contains(&format!("new URL('{}', import.meta.url)", first.wasm)));
        assert!(!glue.contains("init;\n"), "minified");
        assert_eq!(first.glue_sri, sri(glue.as_bytes()));
        let loader = file(&first.loader);
        assert!(loader.contains(&format!("from \"./{}\"", first.glue)));
        // The words files, one name per language with one hash, which the loader gives as a pattern.
        assert!(loader.contains(&format!("WORDS = \"./{}\"", first.words)));
        // The stylesheet by its hashed name, the one the pre-renders link.
        assert!(loader.contains(&format!("STYLES = \"./{}\"", first.css)));
        assert_eq!(first.words.len(), "treaty_map_words-*.12345678.txt".len());
        assert_eq!(file(&first.words.replace('*', "fr")), "mots\n");
        assert_eq!(file(&first.words.replace('*', "ar")), "كلمات\n");
        assert_eq!(first.loader_sri, sri(loader.as_bytes()));
        for (script, stem) in [(glue, "treaty_map"), (loader, "treaty-map")] {
            let map_name = script
                .rsplit_once("\n//# sourceMappingURL=")
                .map(|(_, name)| name.trim_end())
                .expect("a sourceMappingURL comment");
            let map = file(map_name);
            assert_eq!(map_name, format!("{stem}.{}.map", hash8(map.as_bytes())));
            assert!(map.contains(&format!("\"source/{stem}.js\"")));
        }
        assert_eq!(
            scripts.len(),
            6,
            "two scripts and their maps, two words files"
        );
    }

    #[test]
    fn a_reference_not_found_exactly_once_fails() {
        assert!(rewrite_glue("no reference here", "x.wasm").is_err());
        assert!(rewrite_loader(&LOADER.repeat(2), "x.js", "w-*.txt", "s.css").is_err());
        let no_words = LOADER.replace("treaty_map_words", "words");
        assert!(rewrite_loader(&no_words, "x.js", "w-*.txt", "s.css").is_err());
        let no_styles = LOADER.replace("treaty-map.css", "styles.css");
        assert!(rewrite_loader(&no_styles, "x.js", "w-*.txt", "s.css").is_err());
    }

    #[test]
    fn the_snippet_and_example_carry_the_integrity_of_the_files() {
        let bundle = hash_bundle(b"wasm", GLUE, LOADER).unwrap();
        let snippet = snippet(&bundle);
        assert!(snippet.contains(&format!(
            "<script type=\"module\" src=\"{}\" integrity=\"{}\" crossorigin=\"anonymous\"></script>",
            bundle.loader, bundle.loader_sri
        )));
        assert!(snippet.contains(&format!(
            "<link rel=\"modulepreload\" href=\"{}\" integrity=\"{}\" crossorigin=\"anonymous\">",
            bundle.glue, bundle.glue_sri
        )));
        // The wasm is not preloaded: the loader asks for it after a pre-rendered map's first paint.
        assert!(!snippet.contains(&bundle.wasm));
        let page = example(&bundle, "<template shadowrootmode=\"open\">MAP</template>");
        assert!(page.contains(CSP));
        assert!(page.contains("MAP</template></div>"));
        assert!(page.contains("<meta name=\"description\" content=\"An example page"));
        assert!(page.contains("<link rel=\"icon\" href=\"data:,\">"));
        // No inline style either: the strict policy would refuse it.
        assert!(!page.contains("<style") && !page.contains(" style="));
        assert!(page.contains(&format!(
            "<link rel=\"preload\" href=\"{}\" as=\"style\" integrity=\"{}\"",
            bundle.css, bundle.css_sri
        )));
        // No inline script: every script element has a src.
        assert_eq!(
            page.matches("<script").count(),
            page.matches("<script type=\"module\" src=").count()
        );
    }

    #[test]
    fn dist_has_hashed_code_stable_data_and_compressed_siblings() {
        let site = tempfile::tempdir().unwrap();
        let dist = site.path().join("dist");
        let s = site.path();
        fs::create_dir_all(s.join("pkg")).unwrap();
        fs::create_dir_all(s.join("data")).unwrap();
        fs::create_dir_all(s.join("prerender")).unwrap();
        fs::write(s.join("pkg/treaty_map_bg.wasm"), b"\0asm wasm").unwrap();
        fs::write(s.join("data/status.json"), "{\"states\":[]}").unwrap();
        fs::write(
            s.join("prerender/americas.en.html"),
            "<template><div class=\"tm-prerender\"><link rel=\"stylesheet\" href=\"treaty-map.css\"></div></template>",
        )
        .unwrap();
        fs::write(s.join("treaty-map.css"), ".tm-root {}").unwrap();
        // The site has its own compressed siblings, as the build writes them.
        files::precompress_tree(s).unwrap();
        let words = words();
        let sources = Sources {
            glue: GLUE,
            loader: LOADER,
            words: &words,
        };
        let bundle = write(s, &dist, &sources, &join_lines).unwrap();
        assert!(!dist.join("data/status.json.br.br").exists());
        let french = bundle.words.replace('*', "fr");
        for name in [&bundle.loader, &bundle.glue, &bundle.wasm, &french] {
            assert!(dist.join(name).is_file(), "{name}");
        }
        let loader = fs::read(dist.join(&bundle.loader)).unwrap();
        assert_eq!(
            sri(&loader),
            bundle.loader_sri,
            "the SRI hash is of the file written"
        );
        let glue = fs::read_to_string(dist.join(&bundle.glue)).unwrap();
        assert!(glue.contains(&bundle.wasm));
        assert!(dist.join("data/status.json").is_file());
        // The pre-render links to the hashed stylesheet, with its integrity hash.
        let prerender = fs::read_to_string(dist.join("prerender/americas.en.html")).unwrap();
        assert!(dist.join(&bundle.css).is_file());
        assert!(prerender.contains(&format!(
            "<link rel=\"stylesheet\" href=\"{}\" integrity=\"{}\" crossorigin=\"anonymous\">",
            bundle.css, bundle.css_sri
        )));
        assert_eq!(bundle.css_sri, sri(b".tm-root {}"));
        // Every text and wasm file has gzip and brotli siblings that decompress to it.
        for name in [
            bundle.wasm.as_str(),
            french.as_str(),
            "data/status.json",
            "example.html",
            "snippet.html",
        ] {
            let raw = fs::read(dist.join(name)).unwrap();
            let gz = fs::read(dist.join(format!("{name}.gz"))).unwrap();
            let mut back = Vec::new();
            std::io::Read::read_to_end(&mut flate2::read::GzDecoder::new(&gz[..]), &mut back)
                .unwrap();
            assert_eq!(back, raw, "{name}.gz");
            let br = fs::read(dist.join(format!("{name}.br"))).unwrap();
            let mut back = Vec::new();
            brotli::BrotliDecompress(&mut &br[..], &mut back).unwrap();
            assert_eq!(back, raw, "{name}.br");
        }
        let listing = listing(&dist).unwrap();
        assert!(listing.contains(&bundle.wasm) && !listing.contains(".gz"));
        // A second build starts from nothing.
        fs::write(dist.join("stale.js"), "").unwrap();
        write(s, &dist, &sources, &join_lines).unwrap();
        assert!(!dist.join("stale.js").exists());
    }
}
