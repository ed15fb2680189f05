//! The order of the wasm's functions in its code section, and of the glue's imports, chosen for brotli: each
//! function is followed by the one most like it, so that brotli finds the likeness close by (bench/SIZE.md,
//! "Functions laid out by likeness"); the glue's imports are in the order of their code.
//!
//! wasm-opt renumbers the functions and moves them (`--reorder-functions-by-name`); this module only chooses the
//! order, by giving each function a name whose place in the names' order is its place in ours.

use std::collections::HashMap;

use wasm_encoder::{Module, NameMap, NameSection, RawSection};
use wasmparser::{Parser, Payload, TypeRef};

/// Byte sequences of this length are what two functions' likeness is counted in.
const SHINGLE: usize = 6;

/// A sequence found in more functions than this (an entry's prologue, a common call) says nothing of which
/// function is like which, and is not counted.
const COMMON: usize = 150;

/// `wasm` with a name section that names its functions in the order [`order`] gives them (`f000000`, `f000001`,
/// …), in place of the names it had; every other section is kept as it is.
pub fn name_by_likeness(wasm: &[u8]) -> Result<Vec<u8>, String> {
    let mut imported = 0u32;
    let mut bodies: Vec<&[u8]> = Vec::new();
    let mut sections: Vec<(u8, &[u8])> = Vec::new();
    for payload in Parser::new(0).parse_all(wasm) {
        let payload = payload.map_err(|e| format!("reading the wasm: {e}"))?;
        match &payload {
            Payload::ImportSection(reader) => {
                for import in reader.clone().into_imports() {
                    let import = import.map_err(|e| format!("reading the wasm's imports: {e}"))?;
                    if matches!(import.ty, TypeRef::Func(_)) {
                        imported += 1;
                    }
                }
            }
            Payload::CodeSectionEntry(body) => {
                let range = body.range();
                bodies.push(&wasm[range.start as usize..range.end as usize]);
            }
            Payload::CustomSection(reader) if reader.name() == "name" => continue,
            _ => {}
        }
        if let Some((id, range)) = payload.as_section() {
            let range = range.start as usize..range.end as usize;
            sections.push((id, &wasm[range]));
        }
    }
    let mut names = NameMap::new();
    for (function, place) in places(&order(&bodies)).into_iter().enumerate() {
        names.append(imported + function as u32, &format!("f{place:06}"));
    }
    let mut name_section = NameSection::new();
    name_section.functions(&names);
    let mut module = Module::new();
    for (id, data) in sections {
        module.section(&RawSection { id, data });
    }
    module.section(&name_section);
    Ok(module.finish())
}

/// The functions (`bodies`, their code as the code section holds it) in the order to lay them out: from the
/// first in the order of their bytes, each time the function not yet placed that shares the most byte sequences
/// with the one before, in proportion to all the sequences either has (their Jaccard index); where none shares
/// any, the next in the order of their bytes. Ties go to the earlier in that order, so the order is the same for
/// the same wasm.
pub fn order(bodies: &[&[u8]]) -> Vec<usize> {
    let mut by_bytes: Vec<usize> = (0..bodies.len()).collect();
    by_bytes.sort_by(|a, b| bodies[*a].cmp(bodies[*b]).then(a.cmp(b)));
    let rank = places(&by_bytes);
    // Each function's distinct sequences, and for each sequence the functions that have it.
    let shingles: Vec<Vec<&[u8]>> = bodies
        .iter()
        .map(|body| {
            let mut set: Vec<&[u8]> = body.windows(SHINGLE).collect();
            set.sort_unstable();
            set.dedup();
            set
        })
        .collect();
    let mut holders: HashMap<&[u8], Vec<usize>> = HashMap::new();
    for (function, set) in shingles.iter().enumerate() {
        for shingle in set {
            holders.entry(shingle).or_default().push(function);
        }
    }
    let mut placed = vec![false; bodies.len()];
    let mut shared = vec![0usize; bodies.len()];
    let mut next_in_bytes = 0;
    let mut out = Vec::with_capacity(bodies.len());
    let mut current = by_bytes.first().copied();
    while let Some(function) = current {
        placed[function] = true;
        out.push(function);
        let mut touched = Vec::new();
        for shingle in &shingles[function] {
            let others = &holders[shingle];
            if others.len() > COMMON {
                continue;
            }
            for &other in others {
                if !placed[other] {
                    if shared[other] == 0 {
                        touched.push(other);
                    }
                    shared[other] += 1;
                }
            }
        }
        let mut best: Option<(f64, usize)> = None;
        for &other in &touched {
            let both = shared[other];
            let either = shingles[function].len() + shingles[other].len() - both;
            let likeness = both as f64 / either as f64;
            let better = match best {
                None => true,
                Some((top, holder)) => {
                    likeness > top || (likeness == top && rank[other] < rank[holder])
                }
            };
            if better {
                best = Some((likeness, other));
            }
            shared[other] = 0;
        }
        current = best.map(|(_, other)| other).or_else(|| {
            while next_in_bytes < by_bytes.len() && placed[by_bytes[next_in_bytes]] {
                next_in_bytes += 1;
            }
            by_bytes.get(next_in_bytes).copied()
        });
    }
    out
}

/// The place of each function in `order` (a permutation of `0..order.len()`), by function.
fn places(order: &[usize]) -> Vec<usize> {
    let mut places = vec![0; order.len()];
    for (place, &function) in order.iter().enumerate() {
        places[function] = place;
    }
    places
}

/// Where wasm-bindgen's glue opens the object of the wasm's imports, whose keys are in no order the wasm needs.
const IMPORTS_OPEN: &str = "    const import0 = {\n        __proto__: null,\n";
/// Where it closes that object.
const IMPORTS_CLOSE: &str = "\n    };\n";
/// How each import begins, on a line of its own: its name (an identifier), then its function.
const IMPORT_INDENT: &str = "        ";

/// `glue` (wasm-bindgen's, as it writes it) with the functions of its import object in the order of their code
/// rather than of their names, so that alike functions sit together: each import is a line at
/// [`IMPORT_INDENT`] naming it (`name: function(arg0) {`), up to the next such line. A glue of another shape
/// fails the build.
pub fn sort_imports(glue: &str) -> Result<String, String> {
    let shape = "the glue's import object is not where wasm-bindgen writes it";
    let open = glue.find(IMPORTS_OPEN).ok_or(shape)? + IMPORTS_OPEN.len();
    let close = open + glue[open..].find(IMPORTS_CLOSE).ok_or(shape)? + 1;
    let block = &glue[open..close];
    let mut imports: Vec<(&str, &str)> = Vec::new();
    let mut start = 0;
    for (at, line) in line_starts(block) {
        if at > 0 && begins_import(line) {
            imports.push(split_import(&block[start..at])?);
            start = at;
        }
    }
    imports.push(split_import(&block[start..])?);
    imports.sort_by(|a, b| a.1.cmp(b.1).then(a.0.cmp(b.0)));
    let mut out = String::with_capacity(glue.len());
    out.push_str(&glue[..open]);
    for (name, code) in imports {
        out.push_str(name);
        out.push_str(code);
    }
    out.push_str(&glue[close..]);
    Ok(out)
}

/// Each line of `text` with the byte where it starts.
fn line_starts(text: &str) -> impl Iterator<Item = (usize, &str)> {
    text.split_inclusive('\n').scan(0, |at, line| {
        let start = *at;
        *at += line.len();
        Some((start, line))
    })
}

/// Whether `line` begins an import: `name: ` at [`IMPORT_INDENT`], the name an identifier.
fn begins_import(line: &str) -> bool {
    line.strip_prefix(IMPORT_INDENT)
        .and_then(|rest| rest.split_once(": "))
        .is_some_and(|(name, _)| {
            !name.is_empty()
                && name
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
        })
}

/// An import's name (with its indent and `: `) and its code, which ends with `,` and a line's end.
fn split_import(import: &str) -> Result<(&str, &str), String> {
    let shapeless = || format!("an import of the glue is not `name: code,`: {import:.80}");
    if !begins_import(import) || !import.ends_with(",\n") {
        return Err(shapeless());
    }
    let colon = import.find(": ").ok_or_else(shapeless)? + 2;
    Ok((&import[..colon], &import[colon..]))
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_encoder::{
        CodeSection, EntityType, ExportKind, ExportSection, Function, FunctionSection,
        ImportSection, Instruction, TypeSection,
    };

    /// A body that pushes `constants` (each `i32.const`, dropped) and calls `callee`.
    fn body(constants: &[i32], callee: u32) -> Function {
        let mut f = Function::new([]);
        for c in constants {
            f.instruction(&Instruction::I32Const(*c));
            f.instruction(&Instruction::Drop);
        }
        f.instruction(&Instruction::Call(callee));
        f.instruction(&Instruction::End);
        f
    }

    #[test]
    fn each_function_is_followed_by_the_one_most_like_it() {
        let long_a: Vec<i32> = (0..40).map(|i| i * 1000 + 7).collect();
        let long_b: Vec<i32> = (0..40).map(|i| i * 3 + 100_000).collect();
        let mut a2 = long_a.clone();
        a2[39] = 1;
        let mut b2 = long_b.clone();
        b2[0] = 2;
        let functions = [
            body(&long_a, 0),
            body(&long_b, 0),
            body(&a2, 0),
            body(&b2, 0),
        ];
        let bytes: Vec<Vec<u8>> = functions.into_iter().map(Function::into_raw_body).collect();
        let bodies: Vec<&[u8]> = bytes.iter().map(Vec::as_slice).collect();
        let order = order(&bodies);
        let mut sorted = order.clone();
        sorted.sort();
        assert_eq!(sorted, [0, 1, 2, 3], "every function once: {order:?}");
        let place = |f: usize| order.iter().position(|g| *g == f).unwrap();
        assert_eq!(
            place(0).abs_diff(place(2)),
            1,
            "the two alike sit together: {order:?}"
        );
        assert_eq!(
            place(1).abs_diff(place(3)),
            1,
            "the two alike sit together: {order:?}"
        );
    }

    #[test]
    fn the_glue_imports_are_sorted_by_their_code_and_kept_whole() {
        let glue = "function __wbg_get_imports() {\n    const import0 = {\n        __proto__: null,\n        \
            b_get: function(arg0) {\n            return arg0.b;\n        },\n        \
            a_call: function(arg0, arg1) {\n            const ret = arg0.call(arg1);\n            \
            return ret;\n        },\n        c_get: function(arg0) {\n            return arg0.a;\n        },\n    \
            };\n    return import0;\n}\n";
        let sorted = sort_imports(glue).unwrap();
        assert_eq!(
            sorted,
            "function __wbg_get_imports() {\n    const import0 = {\n        __proto__: null,\n        \
            c_get: function(arg0) {\n            return arg0.a;\n        },\n        \
            b_get: function(arg0) {\n            return arg0.b;\n        },\n        \
            a_call: function(arg0, arg1) {\n            const ret = arg0.call(arg1);\n            \
            return ret;\n        },\n    };\n    return import0;\n}\n"
        );
        assert!(sort_imports("const imports = {};").is_err());
        let last_without_comma =
            glue.replace("arg0.a;\n        },\n    };", "arg0.a;\n        }\n    };");
        assert!(sort_imports(&last_without_comma).is_err());
    }

    #[test]
    fn the_order_follows_the_bytes_where_nothing_is_alike() {
        let bodies: [&[u8]; 3] = [&[3, 9], &[1, 9], &[2, 9]];
        assert_eq!(order(&bodies), [1, 2, 0]);
    }

    #[test]
    fn the_names_follow_the_order_and_skip_the_imports() {
        let mut module = Module::new();
        let mut types = TypeSection::new();
        types.ty().function([], []);
        module.section(&types);
        let mut imports = ImportSection::new();
        imports.import("env", "f", EntityType::Function(0));
        module.section(&imports);
        let mut functions = FunctionSection::new();
        let mut code = CodeSection::new();
        let long: Vec<i32> = (0..30).map(|i| i * 7919).collect();
        let mut long2 = long.clone();
        long2[0] = 5;
        for constants in [&long[..], &[42][..], &long2[..]] {
            functions.function(0);
            code.function(&body(constants, 0));
        }
        module.section(&functions);
        let mut exports = ExportSection::new();
        exports.export("first", ExportKind::Func, 1);
        module.section(&exports);
        module.section(&code);
        let wasm = module.finish();

        let named = name_by_likeness(&wasm).unwrap();
        let mut names = Vec::new();
        let mut code_entries = 0;
        for payload in Parser::new(0).parse_all(&named) {
            match payload.unwrap() {
                Payload::CustomSection(reader) => {
                    if let wasmparser::KnownCustom::Name(reader) = reader.as_known() {
                        for name in reader {
                            if let wasmparser::Name::Function(map) = name.unwrap() {
                                for naming in map {
                                    let naming = naming.unwrap();
                                    names.push((naming.index, naming.name.to_string()));
                                }
                            }
                        }
                    }
                }
                Payload::CodeSectionEntry(_) => code_entries += 1,
                _ => {}
            }
        }
        assert_eq!(code_entries, 3, "the code is kept");
        // Functions 1 and 3 (the imported one is 0) are alike and follow each other; 2 comes last.
        let name = |index: u32| {
            names
                .iter()
                .find(|(i, _)| *i == index)
                .map(|(_, n)| n.clone())
        };
        assert_eq!(name(0), None, "the import is not named");
        let mut named_places = [name(1).unwrap(), name(2).unwrap(), name(3).unwrap()];
        assert_eq!(named_places[1], "f000002", "{named_places:?}");
        named_places.sort();
        assert_eq!(named_places, ["f000000", "f000001", "f000002"]);
    }
}
