//! fdl's f64 parser (`fdl::float`, which keeps core's tables of powers out of the wasm) against
//! the standard library's: the same texts accepted, and the same bits for each (NaN aside).
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let ours = fdl::float::parse_f64(text);
    let reference = text.parse::<f64>().ok();
    match (ours, reference) {
        (Some(a), Some(b)) => {
            assert!(a.to_bits() == b.to_bits() || (a.is_nan() && b.is_nan()), "{text:?}: {a:e} vs {b:e}")
        }
        (None, None) => {}
        _ => panic!("{text:?} accepted by one parser only: {ours:?} vs {reference:?}"),
    }
});
