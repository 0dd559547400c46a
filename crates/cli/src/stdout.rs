//! Standard output that a closed pipe cannot crash.

/// Writes to stdout. When the reader has gone (`flowplay rules | head`), exits quietly with 141
/// (128 + SIGPIPE, what a shell reports for a program killed by a closed pipe) instead of
/// panicking as `print!` does.
pub fn write_stdout(args: std::fmt::Arguments<'_>, newline: bool) {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let result = out.write_fmt(args).and_then(|()| if newline { out.write_all(b"\n") } else { Ok(()) });
    if let Err(e) = result.and_then(|()| out.flush()) {
        if e.kind() == std::io::ErrorKind::BrokenPipe {
            std::process::exit(141);
        }
        eprintln!("flowplay: cannot write to standard output: {e}");
        std::process::exit(2);
    }
}

/// `print!` that survives a closed pipe (see [`write_stdout`]).
macro_rules! out {
    ($($arg:tt)*) => { $crate::stdout::write_stdout(format_args!($($arg)*), false) };
}

/// `println!` that survives a closed pipe (see [`write_stdout`]).
macro_rules! outln {
    ($($arg:tt)*) => { $crate::stdout::write_stdout(format_args!($($arg)*), true) };
}
