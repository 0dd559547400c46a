//! `flowplay-emulator [--port N]`: the local OpenAPI emulator on 127.0.0.1 (dummy test key
//! `testid` / `testsecret`). Point real mode at it with `flowplay serve --allow-host
//! 127.0.0.1:N --allow-http-upstream` and an endpoint override.

use std::process::ExitCode;

use flowplay_emulator::{EmulatorConfig, serve};

/// Reads `--port N`; no flag means a free port.
fn port(args: &[String]) -> Result<u16, String> {
    match args {
        [] => Ok(0),
        [flag, value] if flag == "--port" => value.parse().map_err(|_| format!("--port takes 0-65535, got `{value}`")),
        _ => Err("usage: flowplay-emulator [--port N]".to_owned()),
    }
}

#[tokio::main]
async fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let port = match port(&args) {
        Ok(p) => p,
        Err(message) => {
            eprintln!("flowplay-emulator: {message}");
            return ExitCode::from(2);
        }
    };
    let config = EmulatorConfig { bind: ([127, 0, 0, 1], port).into(), ..EmulatorConfig::default() };
    let (addr, handle) = match serve(config).await {
        Ok(running) => running,
        Err(e) => {
            eprintln!("flowplay-emulator: cannot listen on 127.0.0.1:{port}: {e}");
            return ExitCode::FAILURE;
        }
    };
    println!("flowplay emulator: http://{addr}/ (AccessKey testid / testsecret)");
    let _ = tokio::signal::ctrl_c().await;
    match handle.shutdown().await {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("flowplay-emulator: {e}");
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::port;

    #[test]
    fn the_port_flag_is_optional_and_must_be_a_port_number() {
        assert_eq!(port(&[]), Ok(0));
        assert_eq!(port(&["--port".into(), "9000".into()]), Ok(9000));
        assert!(port(&["--port".into(), "70000".into()]).is_err());
        assert!(port(&["--bogus".into()]).is_err());
    }
}
