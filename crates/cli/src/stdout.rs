//! Standard output and standard error that a closed pipe cannot crash.

use std::io::Write;

/// Ends the program after a failed write: quietly with 141 (128 + SIGPIPE, what a shell reports
/// for a program killed by a closed pipe) when the reader has gone (`flowplay rules | head`),
/// with a message and 2 otherwise. `print!`/`eprint!` would panic (exit 101) instead.
pub fn exit_on_write_error(e: &std::io::Error, stream: &str) -> ! {
    if e.kind() == std::io::ErrorKind::BrokenPipe {
        std::process::exit(141);
    }
    // Standard error may be the stream that failed: ignore a failure to report it.
    let _ = writeln!(std::io::stderr(), "flowplay: cannot write to standard {stream}: {e}");
    std::process::exit(2);
}

/// Writes to stdout (see [`exit_on_write_error`]).
pub fn write_stdout(args: std::fmt::Arguments<'_>, newline: bool) {
    let mut out = std::io::stdout().lock();
    let result = out.write_fmt(args).and_then(|()| if newline { out.write_all(b"\n") } else { Ok(()) });
    if let Err(e) = result.and_then(|()| out.flush()) {
        exit_on_write_error(&e, "output");
    }
}

/// Writes to stderr (see [`exit_on_write_error`]).
pub fn write_stderr(args: std::fmt::Arguments<'_>, newline: bool) {
    let mut err = std::io::stderr().lock();
    let result = err.write_fmt(args).and_then(|()| if newline { err.write_all(b"\n") } else { Ok(()) });
    if let Err(e) = result.and_then(|()| err.flush()) {
        exit_on_write_error(&e, "error");
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

/// `eprint!` that survives a closed pipe (see [`write_stderr`]).
macro_rules! err {
    ($($arg:tt)*) => { $crate::stdout::write_stderr(format_args!($($arg)*), false) };
}

/// `eprintln!` that survives a closed pipe (see [`write_stderr`]).
macro_rules! errln {
    ($($arg:tt)*) => { $crate::stdout::write_stderr(format_args!($($arg)*), true) };
}
