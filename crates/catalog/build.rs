//! With feature `embedded` (the native CLI): compresses `data/index.json` and each
//! `data/products/*.json` separately (raw deflate) into one blob in `OUT_DIR`, with a table of
//! where each product's stream lies, so that a run inflates the index at start and a product
//! only when a workflow names it. The JSON files stay the one source (the browser fetches the
//! same files), so the embedded data cannot drift from them.

fn main() {
    println!("cargo:rerun-if-changed=build.rs");
    println!("cargo:rerun-if-changed=data/index.json");
    println!("cargo:rerun-if-changed=data/products");
    #[cfg(feature = "embedded")]
    embed();
}

#[cfg(feature = "embedded")]
fn embed() {
    use std::fmt::Write as _;
    use std::path::PathBuf;
    use std::{env, fs};

    let data = PathBuf::from(env::var_os("CARGO_MANIFEST_DIR").expect("CARGO_MANIFEST_DIR")).join("data");
    let out = PathBuf::from(env::var_os("OUT_DIR").expect("OUT_DIR"));
    let mut blob = Vec::new();
    let mut push = |path: PathBuf| -> (usize, usize) {
        let raw = fs::read(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        // Level 9 of miniz's 0..=10.
        let deflated = miniz_oxide::deflate::compress_to_vec(&raw, 9);
        let at = blob.len();
        blob.extend_from_slice(&deflated);
        (at, deflated.len())
    };
    let index = push(data.join("index.json"));
    let mut files: Vec<String> = fs::read_dir(data.join("products"))
        .expect("data/products")
        .filter_map(|e| e.ok()?.file_name().into_string().ok())
        .filter(|name| name.ends_with(".json"))
        .collect();
    // Sorted by bytes, as the run-time binary search on `&str` expects.
    files.sort();
    let mut table = String::new();
    for file in files {
        let (at, len) = push(data.join("products").join(&file));
        let _ = writeln!(table, "    ({file:?}, {at}, {len}),");
    }
    fs::write(out.join("catalog.deflate"), &blob).expect("write catalog.deflate");
    let rust = format!(
        "/// Where `index.json`'s deflate stream lies in `catalog.deflate`: (offset, length).\n\
         pub(super) const INDEX: (usize, usize) = ({}, {});\n\
         /// Each product file's stream, sorted by file name: (file, offset, length).\n\
         pub(super) const PRODUCTS: &[(&str, usize, usize)] = &[\n{table}];\n",
        index.0, index.1
    );
    fs::write(out.join("embedded.rs"), rust).expect("write embedded.rs");
}
