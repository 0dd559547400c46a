//! The committed catalog is exactly what `tools/catalog/build_catalog.py` makes from
//! `../shared/data` (fails when the data is missing and `CI` is set; skips otherwise).

use std::path::Path;
use std::process::Command;

#[test]
fn committed_catalog_matches_the_generator() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let shared = root.join("../shared");
    if !shared.join("data/openapi-apis.json").is_file() {
        assert!(std::env::var_os("CI").is_none(), "../shared/data is missing in CI");
        eprintln!("SKIPPED: ../shared/data not found");
        return;
    }
    let out = std::env::temp_dir().join(format!("flowplay-catalog-{}", std::process::id()));
    let status = Command::new("python3")
        .arg(root.join("tools/catalog/build_catalog.py"))
        .arg("--shared")
        .arg(&shared)
        .arg("--out")
        .arg(&out)
        .status()
        .unwrap();
    assert!(status.success());
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    for rel in ["index.json", "products/ecs.json", "products/fc.json", "products/vpc.json"] {
        assert_eq!(
            std::fs::read(out.join(rel)).unwrap(),
            std::fs::read(committed.join(rel)).unwrap(),
            "{rel} differs: rerun tools/catalog/build_catalog.py"
        );
    }
    let count = |d: &Path| std::fs::read_dir(d.join("products")).unwrap().count();
    assert_eq!(count(&out), count(&committed));
    let _ = std::fs::remove_dir_all(&out);
}
