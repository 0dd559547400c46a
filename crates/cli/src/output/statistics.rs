//! `--statistics`: how many findings each rule raised, most frequent first, and how many of
//! them `--fix` would fix (Ruff's `--statistics`).

use std::collections::BTreeMap;

use super::FileResult;

pub fn render(files: &[FileResult]) -> String {
    // code → (count, safely fixable)
    let mut counts: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for d in files.iter().flat_map(|f| &f.diagnostics) {
        let entry = counts.entry(d.code).or_default();
        entry.0 += 1;
        if d.fix.as_ref().is_some_and(|f| f.applicability == fdl::Applicability::Safe) {
            entry.1 += 1;
        }
    }
    let mut rows: Vec<_> = counts.into_iter().collect();
    rows.sort_by(|a, b| b.1.0.cmp(&a.1.0).then(a.0.cmp(b.0)));
    let mut out = String::new();
    for (code, (count, fixable)) in rows {
        let name = fdl::lint::rule_by_code(code).map_or("", |m| m.name);
        let mark = if fixable > 0 { format!(" ({fixable} fixable)") } else { String::new() };
        out.push_str(&format!("{count:>6}  {code:<9} {name}{mark}\n"));
    }
    out
}
