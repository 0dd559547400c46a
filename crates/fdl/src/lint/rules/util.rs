//! Did-you-mean suggestions, shared by rules, the expression checker and the catalog.

/// Edit distance for did-you-mean: restricted Damerau-Levenshtein (optimal string alignment),
/// so a swap of two neighbouring letters (`Strat` for `Start`) is one edit, like an insertion,
/// deletion or substitution. The restricted form needs no hash map (smaller wasm) and differs
/// from the full one only for edits inside a swapped pair, which no typo here needs.
pub fn edit_distance(a: &str, b: &str) -> usize {
    strsim::osa_distance(a, b)
}

/// The closest candidate: an exact case-insensitive match first, else the smallest edit distance
/// within a third of the word's length (at least 1, at most 3). Case folding is ASCII only:
/// `str::to_lowercase` pulls Unicode's 12 KB case table into the embed wasm, and the names
/// compared here are keys, state types and mostly ASCII state names (CJK has no case).
pub fn did_you_mean<'a>(word: &str, candidates: impl IntoIterator<Item = &'a str>) -> Option<&'a str> {
    let lower = word.to_ascii_lowercase();
    let limit = (word.chars().count() / 3).clamp(1, 3);
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        if candidate == word {
            continue;
        }
        if candidate.eq_ignore_ascii_case(word) {
            return Some(candidate);
        }
        let d = edit_distance(&lower, &candidate.to_ascii_lowercase());
        if d <= limit && best.is_none_or(|(bd, _)| d < bd) {
            best = Some((d, candidate));
        }
    }
    best.map(|(_, c)| c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn suggestions_prefer_case_insensitive_matches_then_close_spellings() {
        assert_eq!(did_you_mean("succeed", ["Succeed", "Fail"]), Some("Succeed"));
        assert_eq!(did_you_mean("Succeeded", ["Succeed", "Fail"]), Some("Succeed"));
        assert_eq!(did_you_mean("Xyz", ["Succeed", "Fail"]), None);
        // Non-ASCII names are compared by characters (no case folding needed for CJK).
        assert_eq!(did_you_mean("开始了", ["开始", "结束"]), Some("开始"));
    }

    #[test]
    fn a_transposition_is_one_edit() {
        assert_eq!(edit_distance("Strat", "Start"), 1);
        assert_eq!(did_you_mean("Strat", ["Start", "End"]), Some("Start"));
        assert_eq!(did_you_mean("StratAt", ["StartAt", "States"]), Some("StartAt"));
        assert_eq!(did_you_mean("Nxt", ["Next", "End"]), Some("Next"));
        assert_eq!(did_you_mean("Nxet", ["Next", "End"]), Some("Next"));
    }
}
