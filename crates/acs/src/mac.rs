//! The keyed hashes the three signature families use, in one place.

use hmac::{Hmac, Mac};

/// HMAC-SHA1 of `message` under `key` (RPC v1 and ROA v1).
pub(crate) fn hmac_sha1(key: &[u8], message: &[u8]) -> Vec<u8> {
    mac::<Hmac<sha1::Sha1>>(key, message)
}

/// HMAC-SHA256 of `message` under `key` (V3).
pub(crate) fn hmac_sha256(key: &[u8], message: &[u8]) -> Vec<u8> {
    mac::<Hmac<sha2::Sha256>>(key, message)
}

fn mac<M: Mac + hmac::digest::KeyInit>(key: &[u8], message: &[u8]) -> Vec<u8> {
    // HMAC is defined for keys of every length (long keys are hashed, short ones padded), so
    // `new_from_slice` has no error case for it; the `Result` comes from the generic trait.
    let mut mac = <M as Mac>::new_from_slice(key).expect("HMAC accepts keys of any length");
    mac.update(message);
    mac.finalize().into_bytes().to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::encode::hex;

    #[test]
    fn matches_rfc_2202_and_rfc_4231_test_case_2() {
        let (key, data) = (b"Jefe".as_slice(), b"what do ya want for nothing?".as_slice());
        assert_eq!(hex(&hmac_sha1(key, data)), "effcdf6ae5eb2fa2d27416d5f184df9c259a7c79");
        assert_eq!(hex(&hmac_sha256(key, data)), "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    #[test]
    fn accepts_empty_and_oversized_keys() {
        assert_eq!(hmac_sha1(b"", b"x").len(), 20);
        assert_eq!(hmac_sha256(&[7u8; 1000], b"x").len(), 32);
    }
}
