//! `flowplay-emulator [--port N]`: the local OpenAPI emulator on 127.0.0.1 (test key `testid` /
//! `testsecret`). Point real mode at it with `flowplay serve --allow-host 127.0.0.1:N
//! --allow-http-upstream` and an endpoint override.

#[tokio::main]
async fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let port = args
        .iter()
        .position(|a| a == "--port")
        .and_then(|i| args.get(i + 1))
        .and_then(|p| p.parse::<u16>().ok())
        .unwrap_or(0);
    let addr = flowplay_emulator::spawn(Default::default(), ([127, 0, 0, 1], port).into()).await?;
    println!("flowplay emulator: http://{addr}/ (AccessKey testid / testsecret)");
    let _ = tokio::signal::ctrl_c().await;
    Ok(())
}
