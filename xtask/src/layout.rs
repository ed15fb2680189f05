//! The order of the wasm's functions in its code section, chosen for brotli: each function is followed by the one
//! most like it, so that brotli finds the likeness close by (bench/SIZE.md, "Functions laid out by likeness").
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
    let mut rank = vec![0; bodies.len()];
    for (place, function) in order(&bodies).into_iter().enumerate() {
        rank[function] = place;
    }
    for (function, place) in rank.into_iter().enumerate() {
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
    let mut rank = vec![0; bodies.len()];
    for (place, function) in by_bytes.iter().enumerate() {
        rank[*function] = place;
    }
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
